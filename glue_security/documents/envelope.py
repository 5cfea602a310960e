"""Envelope files: a payload that names its own shape, as `glue-security validate` reads it.

    {"Operation": "CreateSecurityConfiguration", "Request": {...}}
    {"Operation": "GetSecurityConfiguration", "Response": {...}}
    {"Shape": "EncryptionConfiguration", "Payload": {...}}

A file holds one envelope or a list of them, and may name its JSON Schema in a top-level
`"$schema"` key. `envelope_schema()` is that schema, so an editor checks the same files the
command reads; `all_shapes_schema()` is every shape in one document, under `$defs`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from .._version import __version__
from ..models.base import Model
from ..models.operations import OPERATIONS, operation
from ..models.registry import MODELS, shape
from ..validation.error import describe_value

__all__ = [
    "EnvelopeError",
    "all_shapes_schema",
    "documents",
    "envelope_schema",
    "payload_schema",
    "without_schema_key",
]

SCHEMA_KEY = "$schema"
ENVELOPE_HINT = (
    "pass --shape or --operation, or wrap the payload as "
    '{"Operation": NAME, "Request": {...}} (see validate --help)'
)
_SCHEMA_BASE = f"urn:glue-security:{__version__}:schema:"
_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class EnvelopeError(Exception):
    """An envelope that cannot be read, with the path (parts) of the value at fault."""

    def __init__(self, message: str, parts: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.message = message
        self.parts = parts


@attrs.frozen
class Document:
    """One payload of a file: its model, and where it sits in the file (`parts`)."""

    model: type[Model]
    payload: Any
    parts: tuple[str | int, ...]
    index: int | None = None


def without_schema_key(data: Any) -> Any:
    """`data` without a top-level `"$schema"` (which names the file's schema for editors)."""
    if type(data) is dict and SCHEMA_KEY in data:
        return {key: value for key, value in data.items() if key != SCHEMA_KEY}
    return data


def documents(data: Any) -> Iterator[Document | EnvelopeError]:
    """The payloads of an envelope file (one envelope, or a list of them), each with its
    model; an envelope that cannot be read gives an `EnvelopeError` in its place. A file
    that is neither raises `EnvelopeError`."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            try:
                yield _unwrap(item, (index,), index)
            except EnvelopeError as exc:
                yield exc
    elif isinstance(data, dict) and ("Operation" in data or "Shape" in data):
        yield _unwrap(data, (), None)
    else:
        raise EnvelopeError(f"cannot tell which shape this is; {ENVELOPE_HINT}", ())


def _unwrap(envelope: Any, at: tuple[str | int, ...], index: int | None) -> Document:
    if not isinstance(envelope, dict):
        raise EnvelopeError(f"an envelope is an object; {ENVELOPE_HINT}", at)
    keys = set(envelope) - {SCHEMA_KEY}
    try:
        if "Operation" in keys:
            _no_other_keys(envelope, {"Operation", "Request", "Response"}, at)
            kinds = [kind for kind in ("Request", "Response") if kind in keys]
            if len(kinds) != 1:
                raise EnvelopeError(
                    'an "Operation" envelope holds exactly one of "Request" or "Response"', at
                )
            op = _named(operation, envelope["Operation"], (*at, "Operation"))
            model = op.input if kinds[0] == "Request" else op.output
            return Document(model, envelope[kinds[0]], (*at, kinds[0]), index)
        if "Shape" in keys:
            _no_other_keys(envelope, {"Shape", "Payload"}, at)
            if keys != {"Shape", "Payload"}:
                raise EnvelopeError('a "Shape" envelope holds exactly "Shape" and "Payload"', at)
            model = _named(shape, envelope["Shape"], (*at, "Shape"))
            return Document(model, envelope["Payload"], (*at, "Payload"), index)
    except ValueError as exc:
        raise EnvelopeError(str(exc), at) from None
    raise EnvelopeError(f"cannot tell which shape this is; {ENVELOPE_HINT}", at)


def _no_other_keys(envelope: dict[Any, Any], allowed: set[str], at: tuple[str | int, ...]) -> None:
    """An envelope key it does not define is named, where it is (a misspelt "Requets")."""
    for key in envelope:
        if key not in allowed and key != SCHEMA_KEY:
            expected = ", ".join(f'"{name}"' for name in sorted(allowed))
            raise EnvelopeError(
                f"an envelope has no key {describe_value(key)} (its keys: {expected})",
                (*at, key) if isinstance(key, str) else at,
            )


def _named(lookup: Any, name: object, at: tuple[str | int, ...]) -> Any:
    if not isinstance(name, str):
        raise EnvelopeError("an envelope names its operation or shape with a string", at)
    try:
        return lookup(name)
    except ValueError as exc:
        raise EnvelopeError(str(exc), at) from None


# -- schemas ---------------------------------------------------------------------------------


class _Definitions:
    """Shapes gathered under one `$defs`. A data type read leniently (inside a response)
    differs from the same type read strictly, so it gets its own name."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def add(self, model: type[Model], *, strict: bool | None = None) -> str:
        from ..schema.export import json_schema

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
        "$schema": _DIALECT,
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
        "$schema": _DIALECT,
        "$id": f"{_SCHEMA_BASE}all",
        "title": "glue-security shapes",
        "$defs": dict(sorted(definitions.defs.items())),
    }


def payload_schema(model: type[Model]) -> dict[str, Any]:
    """`json_schema(model)` as the command prints it: a top-level `"$schema"` is allowed,
    as in the files the command reads."""
    from ..schema.export import json_schema

    schema = json_schema(model)
    if schema.get("additionalProperties") is False:
        schema["properties"] = {
            SCHEMA_KEY: {"type": "string", "description": "The JSON Schema of this file."},
            **schema["properties"],
        }
    return schema
