"""JSON Schema (draft 2020-12) export, read from the same member metadata as the validators.

JSON Schema cannot say everything the library checks; where it cannot, it says the strongest
thing that is still true, and carries the exact constraint in an `x-` annotation:

- lengths: `maxLength` counts characters; a string of at most N UTF-8 bytes has at most N
  characters, and one of at least M bytes at least ceil(M / 4), so those are emitted, with
  `x-minUtf8Bytes` / `x-maxUtf8Bytes` holding the byte bounds;
- a policy must be a JSON object (`x-jsonObject`, nested at most `x-maxJsonDepth`);
- a lone surrogate is a `type` error here; JSON Schema has no way to say so;
- `1.0` is an integer to JSON Schema, not to the library;
- timestamps are epoch seconds or ISO-8601 strings (`format: date-time`, an annotation).
"""

from __future__ import annotations

import math
from typing import Any

from ..models.base import Model, require_model_class, require_strict_argument
from ..models.registry import summary
from ..spec.kinds import (
    BooleanShape,
    EnumShape,
    IntegerShape,
    ListShape,
    Member,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
    assert_never,
)
from ..spec.plan import model_plan
from ..spec.timestamps import EPOCH_SECONDS_END, EPOCH_SECONDS_MIN

__all__ = ["json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_MAX_UTF8_BYTES_PER_CHARACTER = 4


def _string(shape: StringShape, strict: bool) -> dict[str, Any]:
    """A string's schema; lenient (response) schemas state its constraints as annotations
    only, as lenient parsing keeps a value that breaks them."""
    schema: dict[str, Any] = {"type": "string"}
    if shape.length is not None:
        if shape.length.min_length:
            if strict:
                minimum = math.ceil(shape.length.min_length / _MAX_UTF8_BYTES_PER_CHARACTER)
                schema["minLength"] = minimum
            schema["x-minUtf8Bytes"] = shape.length.min_length
        if shape.length.max_length is not None:
            if strict:
                schema["maxLength"] = shape.length.max_length
            schema["x-maxUtf8Bytes"] = shape.length.max_length
    if shape.pattern is not None:
        schema["pattern" if strict else "x-pattern"] = shape.pattern.ecma
    if shape.json is not None:
        schema["contentMediaType"] = "application/json"
        schema["x-jsonObject"] = True
        schema["x-maxJsonDepth"] = shape.json.max_depth
    return schema


class _Exporter:
    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.defs: dict[str, dict[str, Any]] = {}

    def shape(self, shape: Shape) -> dict[str, Any]:
        if isinstance(shape, StringShape):
            return _string(shape, self.strict)
        if isinstance(shape, EnumShape):
            values = list(shape.enum.wire_values())
            if self.strict:
                return {"type": "string", "enum": values}
            # Responses keep values the service adds later: the known ones are examples.
            return {"type": "string", "examples": values}
        if isinstance(shape, IntegerShape):
            schema: dict[str, Any] = {"type": "integer"}
            prefix = "" if self.strict else "x-"  # lenient: stated, not enforced
            if shape.range is not None and shape.range.minimum is not None:
                schema[f"{prefix}minimum"] = shape.range.minimum
            if shape.range is not None and shape.range.maximum is not None:
                schema[f"{prefix}maximum"] = shape.range.maximum
            return schema
        if isinstance(shape, BooleanShape):
            return {"type": "boolean"}
        if isinstance(shape, TimestampShape):
            return {
                "anyOf": [
                    {
                        "type": "number",
                        "minimum": EPOCH_SECONDS_MIN,
                        "exclusiveMaximum": EPOCH_SECONDS_END,
                    },
                    {"type": "string", "format": "date-time"},
                ],
                "x-wireForm": "epoch seconds",
            }
        if isinstance(shape, StructureShape):
            self.define(shape.model)
            return {"$ref": f"#/$defs/{shape.model.__name__}"}
        if isinstance(shape, ListShape):
            return {"type": "array", "items": self.shape(shape.item)}
        assert_never(shape)

    def member(self, spec: Member) -> dict[str, Any]:
        schema = self.shape(spec.shape)
        if not spec.required:
            # JSON null on an optional member means "absent".
            schema = {"anyOf": [schema, {"type": "null"}]}
        schema["description"] = spec.doc
        schema["x-serviceShape"] = spec.shape.shape
        if spec.added:
            schema["x-addedAfterDeveloperGuide"] = True
        return schema

    def body(self, model: type[Model]) -> dict[str, Any]:
        fields = model_plan(model).fields
        schema: dict[str, Any] = {
            "title": model.__name__,
            "description": summary(model),
            "type": "object",
            "properties": {f.wire_name: self.member(f.member) for f in fields},
        }
        required = [f.wire_name for f in fields if f.member.required]
        if required:
            schema["required"] = required
        if self.strict:
            schema["additionalProperties"] = False
        return schema

    def define(self, model: type[Model]) -> None:
        if model.__name__ not in self.defs:
            self.defs[model.__name__] = {}  # placeholder first: guards against cycles
            self.defs[model.__name__] = self.body(model)


def json_schema(model: type[Model], *, strict: bool | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `model`'s wire form.

    `strict` follows `from_wire`: on by default for requests and data types (unknown
    members and enum values rejected), off for responses and errors.
    """
    require_model_class(model)
    require_strict_argument(strict)
    exporter = _Exporter(strict=not model.lenient_by_default if strict is None else strict)
    schema = {"$schema": DIALECT, **exporter.body(model)}
    if exporter.defs:
        schema["$defs"] = dict(sorted(exporter.defs.items()))
    return schema
