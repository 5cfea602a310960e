"""The one exception type for bad input, and its per-problem details."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Literal

import attrs

__all__ = ["ErrorCode", "ErrorDetail", "ValidationError", "describe_value", "json_type_name"]

ErrorCode = Literal["type", "required", "unknown", "length", "pattern", "enum", "range", "json"]

_SHOWN_CHARS = 60


@attrs.frozen
class ErrorDetail:
    """One problem: where (wire-name path), what kind (`code`) and a readable `message`."""

    path: str
    code: ErrorCode
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "message": self.message}


class ValidationError(ValueError):
    """Raised for invalid input; `.errors` holds every problem found, not just the first."""

    errors: tuple[ErrorDetail, ...]

    def __init__(self, errors: Iterable[ErrorDetail]) -> None:
        self.errors = tuple(errors)
        super().__init__(self.errors)

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"{count} validation error{'s' if count != 1 else ''}"
        return "\n".join([head, *(f"  {error}" for error in self.errors)])

    def __repr__(self) -> str:
        return f"ValidationError({list(self.errors)!r})"

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[ErrorDetail, ...]]]:
        return (type(self), (self.errors,))


_JSON_TYPE_NAMES: dict[type, str] = {
    dict: "object",
    list: "array",
    tuple: "array",
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


_JSON_CONSTANTS = {None: "null", True: "true", False: "false"}


def json_type_name(value: object) -> str:
    """The JSON name of a value's type where it has one, else the Python class name."""
    name = _JSON_TYPE_NAMES.get(type(value))
    if name is not None:
        return name
    for cls in type(value).__mro__:
        name = _JSON_TYPE_NAMES.get(cls)
        if name is not None:
            return name
    return type(value).__name__


def describe_value(value: object) -> str:
    """A short, safe rendering of an offending value for a message (never huge)."""
    if isinstance(value, str):
        if len(value) > _SHOWN_CHARS:
            return repr(value[:_SHOWN_CHARS]) + f"... ({len(value)} characters)"
        return repr(value)
    if value is None or isinstance(value, bool):
        return _JSON_CONSTANTS[value]
    if isinstance(value, int):
        if value.bit_length() > 200:
            return f"an integer of {value.bit_length()} bits"
        return str(int(value))
    if isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, (dict, list, tuple)):
        return f"{json_type_name(value)} of {len(value)} item{'s' if len(value) != 1 else ''}"
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "..."
