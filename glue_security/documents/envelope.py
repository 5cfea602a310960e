"""Envelope files: a payload that names its own shape, as `glue-security validate` reads it.

    {"Operation": "CreateSecurityConfiguration", "Request": {...}}
    {"Operation": "GetSecurityConfiguration", "Response": {...}}
    {"Shape": "EncryptionConfiguration", "Payload": {...}}

A file holds one envelope or a list of them, and may name its JSON Schema in a top-level
`"$schema"` key; `glue_security.schema.envelope` writes that schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from ..models.base import Model
from ..models.operations import operation
from ..models.registry import shape
from ..validation.error import describe_value
from .recordings import recording

__all__ = [
    "TERRAFORM_BLOCKS",
    "EnvelopeError",
    "documents",
    "file_kind",
    "without_schema_key",
]

SCHEMA_KEY = "$schema"
ENVELOPE_HINT = (
    "pass --shape or --operation, or wrap the payload as "
    '{"Operation": NAME, "Request": {...}} (see validate --help)'
)


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
        kind = file_kind(data)
        if kind is not None:
            raise EnvelopeError(
                f"this is {kind}, not an envelope: check it with glue-security lint", ()
            )
        raise EnvelopeError(f"cannot tell which shape this is; {ENVELOPE_HINT}", ())


#: The top-level block types of Terraform's language.
TERRAFORM_BLOCKS = frozenset(
    {"resource", "data", "variable", "locals", "module", "provider", "terraform", "output"}
)


def file_kind(data: Any) -> str | None:
    """What a file that `glue-security lint` reads (and `validate` does not) holds, by its
    top-level keys: a CloudFormation template, a Terraform plan, state or configuration,
    CloudTrail events, or a recorded call; None for anything else."""
    if not isinstance(data, dict):
        return None
    if recording(data) is not None:
        return "a recorded API call (placebo's)"
    if "AWSTemplateFormatVersion" in data or isinstance(data.get("Resources"), dict):
        return "a CloudFormation template"
    if "resource_changes" in data or "planned_values" in data:
        return "a Terraform plan"
    if "format_version" in data and isinstance(data.get("values"), dict):
        return "a Terraform state"
    if TERRAFORM_BLOCKS & set(data):
        return "a Terraform configuration"
    events = data.get("Events")
    looked_up = isinstance(events, list) and any(
        isinstance(event, dict) and "CloudTrailEvent" in event for event in events
    )
    if isinstance(data.get("Records"), list) or "eventSource" in data or "detail-type" in data:
        return "a CloudTrail event file"
    if looked_up:
        return "CloudTrail events (aws cloudtrail lookup-events)"
    return None


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
