"""Every model and enum by name, for the command line, docs and tests to iterate over."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from ..spec.kinds import WireEnum
from ..validation.suggestions import unknown_name
from . import data_types as _data_types
from . import enums as _enums
from . import requests_responses as _requests_responses
from .base import GlueServiceError, Model, Request, Response
from .service_errors import ERRORS

__all__ = ["DATA_TYPES", "ENUMS", "MODELS", "REQUESTS", "RESPONSES", "kind", "shape", "summary"]


def _by_name(module: object, names: list[str]) -> dict[str, type]:
    return {name: getattr(module, name) for name in names}


DATA_TYPES: Mapping[str, type[Model]] = MappingProxyType(_by_name(_data_types, _data_types.__all__))
_operation_models = _by_name(_requests_responses, _requests_responses.__all__)
REQUESTS: Mapping[str, type[Request]] = MappingProxyType(
    {k: v for k, v in _operation_models.items() if issubclass(v, Request)}
)
RESPONSES: Mapping[str, type[Response]] = MappingProxyType(
    {k: v for k, v in _operation_models.items() if issubclass(v, Response)}
)
#: Every model: data types, requests, responses and error shapes.
MODELS: Mapping[str, type[Model]] = MappingProxyType(
    {**DATA_TYPES, **REQUESTS, **RESPONSES, **ERRORS}
)
ENUMS: Mapping[str, type[WireEnum]] = MappingProxyType(
    {
        name: value
        for name, value in _by_name(_enums, _enums.__all__).items()
        if isinstance(value, type) and issubclass(value, WireEnum)
    }
)


def shape(name: str) -> type[Model]:
    """A model class by its shape name; an unknown name is a ValueError with suggestions."""
    found = MODELS.get(name) if type(name) is str else None
    if found is None:
        raise unknown_name("shape", name, list(MODELS))
    return found


Kind = Literal["data type", "request", "response", "error"]


def kind(model: type[Model]) -> Kind:
    """What a model is in the API: a data type, an operation's request or response, or an
    error shape."""
    if issubclass(model, GlueServiceError):
        return "error"
    if issubclass(model, Request):
        return "request"
    if issubclass(model, Response):
        return "response"
    return "data type"


def summary(model: type) -> str:
    """A class's own description: its docstring, cleaned.

    Cleaned with `inspect.cleandoc`, so the text is the same on every Python: 3.13 and later
    strip a docstring's common indentation at compile time, earlier versions keep it.
    """
    return inspect.cleandoc(model.__doc__ or "")
