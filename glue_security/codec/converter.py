"""The cattrs converter that knows every model, for composing them into larger structures.

Loaded on first use of `glue_security.converter`: nothing else needs cattrs at run time, and
importing it costs more than the rest of the package.
"""

from __future__ import annotations

from typing import Any, TypeVar

import cattrs
from cattrs.errors import AttributeValidationNote, BaseValidationError, IterableValidationNote

from ..models.base import Model, NotAModelError, is_model_class
from ..validation.error import ErrorCode, ErrorDetail, ValidationError, describe_value
from ..validation.paths import child_path
from .convert import from_wire, to_wire

__all__ = ["converter"]

T = TypeVar("T")


class _Converter(cattrs.Converter):
    """A cattrs converter whose failures on bad data are one `ValidationError`.

    cattrs reports a list or class that fails as an exception group, which
    `except ValidationError` does not catch; this one gathers every problem in it, with its
    path (`$[1].Name`), into one `ValidationError`.
    """

    def structure(self, obj: Any, cl: Any) -> Any:
        try:
            return super().structure(obj, cl)
        except BaseValidationError as group:
            errors: list[ErrorDetail] = []
            other = _collect(group, "$", errors)
            if other is not None:
                raise other from group
            raise ValidationError(errors) from group


# A leaf that is not about the data (a handler missing, a class that is no model) stays
# the programming error it is.
_DATA_ERRORS: dict[type[BaseException], ErrorCode] = {
    KeyError: "required",
    TypeError: "type",
    ValueError: "type",
}


def _collect(
    group: BaseValidationError, path: str, errors: list[ErrorDetail]
) -> BaseException | None:
    """Append the problems of `group` under `path`; or return the first exception in it
    that is not about the data."""
    exc: BaseException  # typed alike whether ExceptionGroup is built in or backported
    for exc in group.exceptions:
        where = path
        for note in getattr(exc, "__notes__", ()):
            if isinstance(note, IterableValidationNote):
                index = note.index
                where = f"{path}[{index}]" if type(index) is int else child_path(path, index)
            elif isinstance(note, AttributeValidationNote):
                where = child_path(path, note.name)
        if isinstance(exc, BaseValidationError):
            other = _collect(exc, where, errors)
            if other is not None:
                return other
        elif isinstance(exc, ValidationError):
            errors.extend(ErrorDetail(where + e.path[1:], e.code, e.message) for e in exc.errors)
        else:
            code = next((c for t, c in _DATA_ERRORS.items() if isinstance(exc, t)), None)
            if code is None or isinstance(exc, NotAModelError):
                return exc
            text = f"missing {exc}" if code == "required" else describe_value(str(exc))
            errors.append(ErrorDetail(where, code, f"cannot structure: {text}"))
    return None


def _is_model_or_base(cls: object) -> bool:
    # Abstract bases too, so that from_wire says why they cannot be structured.
    return isinstance(cls, type) and issubclass(cls, Model)


def _make_converter() -> cattrs.Converter:
    conv = _Converter()
    conv.register_structure_hook_func(_is_model_or_base, lambda data, cls: from_wire(cls, data))
    conv.register_unstructure_hook_func(is_model_class, to_wire)
    return conv


#: A cattrs converter that knows every model
#: (`converter.structure(data, list[SecurityConfiguration])`); bad data raises one
#: `ValidationError` with every problem and its path.
converter: cattrs.Converter = _make_converter()
