"""The peers the benchmark compares with, each built from glue-security's own metadata.

Every peer gets its best configuration. Where a peer cannot state a constraint natively
(a UTF-8 byte bound, "a policy must be a JSON object"), it gets the nearest native one
(a character bound, none), so it checks less than glue-security does, not more.
"""

from __future__ import annotations

import copy
import functools
from datetime import datetime
from typing import Annotated, Any, Literal

import fastjsonschema
import msgspec
import pydantic
from botocore.session import get_session
from botocore.validate import ParamValidator
from jsonschema import Draft202012Validator

import glue_security as gs
from glue_security import (
    BooleanShape,
    EnumShape,
    IntegerShape,
    ListShape,
    StringShape,
    StructureShape,
    TimestampShape,
)


def anchored(pattern: gs.Pattern, end: str) -> str:
    """The Python translation of a pattern, anchored for a peer that searches."""
    from glue_security.spec.patterns import java_to_python

    return f"^(?:{java_to_python(pattern.source).replace(chr(92) + 'Z', end)}){end}"


# -- pydantic v2 ------------------------------------------------------------------------------


def _pydantic_type(shape: Any) -> Any:
    if isinstance(shape, StringShape):
        length = shape.length
        constraints = pydantic.StringConstraints(
            min_length=length.min_length if length else None,
            max_length=length.max_length if length else None,
            # pydantic-core's regex engine (Rust) spells "end of text" \z.
            pattern=anchored(shape.pattern, r"\z") if shape.pattern else None,
        )
        return Annotated[str, constraints]
    if isinstance(shape, EnumShape):
        return Literal[tuple(shape.enum.wire_values())]
    if isinstance(shape, IntegerShape):
        bounds = shape.range
        return (
            Annotated[int, pydantic.Field(ge=bounds.minimum, le=bounds.maximum)] if bounds else int
        )
    if isinstance(shape, BooleanShape):
        return bool
    if isinstance(shape, TimestampShape):
        # Strict mode takes no epoch numbers; lax for this field is the peer's best fit.
        return Annotated[datetime, pydantic.Field(strict=False)]
    if isinstance(shape, StructureShape):
        return pydantic_model(shape.model)
    if isinstance(shape, ListShape):
        return list[_pydantic_type(shape.item)]  # type: ignore[misc]
    raise NotImplementedError(shape)


_PYDANTIC: dict[type[gs.Model], type[pydantic.BaseModel]] = {}


def pydantic_model(model: type[gs.Model]) -> type[pydantic.BaseModel]:
    if model in _PYDANTIC:
        return _PYDANTIC[model]
    extra: Literal["ignore", "forbid"] = "ignore" if model.lenient_by_default else "forbid"
    fields: dict[str, Any] = {}
    for attr_name, spec in gs.members(model).items():
        kind = _pydantic_type(spec.shape)
        if spec.required:
            fields[attr_name] = (kind, pydantic.Field(alias=spec.wire_name))
        else:
            fields[attr_name] = (kind | None, pydantic.Field(None, alias=spec.wire_name))
    config = pydantic.ConfigDict(strict=True, extra=extra, populate_by_name=True)
    built: type[pydantic.BaseModel] = pydantic.create_model(
        f"Pydantic{model.__name__}", __config__=config, **fields
    )
    _PYDANTIC[model] = built
    return built


# -- msgspec ----------------------------------------------------------------------------------


def _msgspec_type(shape: Any) -> Any:
    if isinstance(shape, StringShape):
        length = shape.length
        meta = msgspec.Meta(
            min_length=length.min_length if length else None,
            max_length=length.max_length if length else None,
            pattern=anchored(shape.pattern, r"\Z") if shape.pattern else None,
        )
        return Annotated[str, meta]
    if isinstance(shape, EnumShape):
        return Literal[tuple(shape.enum.wire_values())]
    if isinstance(shape, IntegerShape):
        bounds = shape.range
        return Annotated[int, msgspec.Meta(ge=bounds.minimum, le=bounds.maximum)] if bounds else int
    if isinstance(shape, BooleanShape):
        return bool
    if isinstance(shape, TimestampShape):
        return datetime
    if isinstance(shape, StructureShape):
        return msgspec_struct(shape.model)
    if isinstance(shape, ListShape):
        return list[_msgspec_type(shape.item)]  # type: ignore[misc]
    raise NotImplementedError(shape)


_MSGSPEC: dict[type[gs.Model], type[msgspec.Struct]] = {}


def msgspec_struct(model: type[gs.Model]) -> type[msgspec.Struct]:
    if model in _MSGSPEC:
        return _MSGSPEC[model]
    fields: list[Any] = []
    for spec in sorted(gs.members(model).values(), key=lambda s: not s.required):
        kind = _msgspec_type(spec.shape)
        fields.append(
            (spec.wire_name, kind) if spec.required else (spec.wire_name, kind | None, None)
        )
    built = msgspec.defstruct(
        f"Msgspec{model.__name__}",
        fields,
        kw_only=True,
        omit_defaults=True,
        forbid_unknown_fields=not model.lenient_by_default,
    )
    _MSGSPEC[model] = built
    return built


def msgspec_convert(model: type[gs.Model]) -> Any:
    struct = msgspec_struct(model)
    # strict=False lets epoch numbers become datetimes; nothing else in these payloads bends.
    return lambda payload: msgspec.convert(payload, struct, strict=False)


# -- botocore, JSON Schema ----------------------------------------------------------------------


@functools.cache
def _glue_model() -> Any:
    return get_session().get_service_model("glue")


def botocore_validate(model: type[gs.Request]) -> Any:
    shape = _glue_model().shape_for(model.__name__)
    validator = ParamValidator()

    def validate(payload: Any) -> Any:
        return validator.validate(payload, shape)  # a report; errors are read, not raised

    return validate


def fastjsonschema_validate(model: type[gs.Model]) -> Any:
    schema = copy.deepcopy(gs.json_schema(model))
    # fastjsonschema knows drafts up to 7; every keyword the export uses means the same there.
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema)


def jsonschema_validate(model: type[gs.Model]) -> Any:
    return Draft202012Validator(gs.json_schema(model)).is_valid


def jsonschema_errors(model: type[gs.Model]) -> Any:
    return Draft202012Validator(gs.json_schema(model)).iter_errors
