"""The JSON Schema of envelope files (what `glue-security validate` reads), for editors.

`envelope_schema()` is that schema, so an editor checks the same files the command reads;
`all_shapes_schema()` is every shape in one document, under `$defs`.
"""

from __future__ import annotations

from typing import Any

from .._version import __version__
from ..documents.envelope import SCHEMA_KEY
from ..models.base import Model
from ..models.operations import OPERATIONS
from ..models.registry import MODELS
from .export import DIALECT, json_schema

__all__ = ["all_shapes_schema", "envelope_schema", "payload_schema"]

_SCHEMA_BASE = f"urn:glue-security:{__version__}:schema:"


class _Definitions:
    """Shapes gathered under one `$defs`. A data type read leniently (inside a response)
    differs from the same type read strictly, so it gets its own name."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def add(self, model: type[Model], *, strict: bool | None = None) -> str:
        schema = json_schema(model, strict=strict)
        strict = not model.lenient_by_default if strict is None else strict
        names = {name: self._name(name, model, strict) for name in schema.get("$defs", {})}
        names[model.__name__] = self._name(model.__name__, model, strict)
        body = {k: v for k, v in schema.items() if k not in ("$schema", "$defs")}
        for name, definition in [*schema.get("$defs", {}).items(), (model.__name__, body)]:
            renamed = _renamed_refs(definition, names)
            existing = self.defs.setdefault(names[name], renamed)
            assert existing == renamed, f"two schemas named {names[name]}"
        return names[model.__name__]

    @staticmethod
    def _name(name: str, model: type[Model], strict: bool) -> str:
        lenient_by_default = name in MODELS and MODELS[name].lenient_by_default
        return (
            name if strict != lenient_by_default else f"{name}.{'strict' if strict else 'lenient'}"
        )


def _renamed_refs(schema: Any, names: dict[str, str]) -> Any:
    if isinstance(schema, dict):
        return {
            key: (
                f"#/$defs/{names[value.rsplit('/', 1)[1]]}"
                if key == "$ref" and isinstance(value, str)
                else _renamed_refs(value, names)
            )
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_renamed_refs(item, names) for item in schema]
    return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def envelope_schema() -> dict[str, Any]:
    """The JSON Schema of an envelope file, for editors: `Operation` (or `Shape`) decides
    which shape `Request`, `Response` (or `Payload`) must have."""
    definitions = _Definitions()
    by_operation = []
    for name, op in OPERATIONS.items():
        request, response = definitions.add(op.input), definitions.add(op.output)
        by_operation.append(
            {
                "if": {"properties": {"Operation": {"const": name}}},
                "then": {"properties": {"Request": _ref(request), "Response": _ref(response)}},
            }
        )
    by_shape = [
        {
            "if": {"properties": {"Shape": {"const": name}}},
            "then": {"properties": {"Payload": _ref(definitions.add(model))}},
        }
        for name, model in MODELS.items()
    ]
    schema_key = {"type": "string", "description": "The JSON Schema of this file, for editors."}
    operation_envelope = {
        "type": "object",
        "properties": {
            SCHEMA_KEY: schema_key,
            "Operation": {"enum": list(OPERATIONS)},
            "Request": True,
            "Response": True,
        },
        "required": ["Operation"],
        "oneOf": [{"required": ["Request"]}, {"required": ["Response"]}],
        "additionalProperties": False,
        "allOf": by_operation,
    }
    shape_envelope = {
        "type": "object",
        "properties": {SCHEMA_KEY: schema_key, "Shape": {"enum": list(MODELS)}, "Payload": True},
        "required": ["Shape", "Payload"],
        "additionalProperties": False,
        "allOf": by_shape,
    }
    envelope = {
        "oneOf": [
            {"required": ["Operation"], **_ref("OperationEnvelope")},
            {"required": ["Shape"], **_ref("ShapeEnvelope")},
        ]
    }
    return {
        "$schema": DIALECT,
        "$id": f"{_SCHEMA_BASE}envelope",
        "title": "glue-security envelope file",
        "description": "One envelope, or a list of envelopes, as `glue-security validate` "
        "reads them: an operation's request or response, or any shape by name.",
        "anyOf": [_ref("Envelope"), {"type": "array", "items": _ref("Envelope")}],
        "$defs": {
            "Envelope": envelope,
            "OperationEnvelope": operation_envelope,
            "ShapeEnvelope": shape_envelope,
            **dict(sorted(definitions.defs.items())),
        },
    }


def all_shapes_schema() -> dict[str, Any]:
    """Every shape in one document, under `$defs`, each read as `from_wire` reads it."""
    definitions = _Definitions()
    for model in MODELS.values():
        definitions.add(model)
    return {
        "$schema": DIALECT,
        "$id": f"{_SCHEMA_BASE}all",
        "title": "glue-security shapes",
        "$defs": dict(sorted(definitions.defs.items())),
    }


def payload_schema(model: type[Model]) -> dict[str, Any]:
    """`json_schema(model)` as the command prints it: a top-level `"$schema"` is allowed,
    as in the files the command reads."""
    schema = json_schema(model)
    if schema.get("additionalProperties") is False:
        schema["properties"] = {
            SCHEMA_KEY: {"type": "string", "description": "The JSON Schema of this file."},
            **schema["properties"],
        }
    return schema
