"""API payloads: envelopes as `validate` reads them (`{"Operation": ..., "Request":
{...}}`), AWS CLI output of a Get operation (`aws glue get-security-configurations`), boto3
responses (`ResponseMetadata` and all), recorded calls (`documents.recordings`), and bare
payloads named by operation or shape."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...documents.envelope import EnvelopeError, documents, without_schema_key
from ...documents.recordings import Recording, decoded, recording, recording_call
from ...models.base import Model
from ...models.operations import OPERATIONS, operation
from ...models.registry import shape
from ...spec.kinds import members
from ..subject import InputError, Subject

__all__ = [
    "cli_output_model",
    "cli_output_subjects",
    "envelope_subjects",
    "named_subject",
    "recognises_cli_output",
    "recording_subjects",
]

_METADATA = "ResponseMetadata"
_IGNORED_TOP_LEVEL = frozenset({_METADATA, "$schema"})
_RECORDING_BASE = ("data",)


def _cli_outputs() -> dict[str, type[Model]]:
    """Each member that only one Get operation's response has, with that response:
    how raw `aws glue get-...` output is recognised."""
    seen: dict[str, list[type[Model]]] = {}
    for name, op in OPERATIONS.items():
        if name.startswith("Get"):
            for spec in members(op.output).values():
                seen.setdefault(spec.wire_name, []).append(op.output)
    return {wire: models[0] for wire, models in seen.items() if len(models) == 1}


_CLI_OUTPUTS = _cli_outputs()

#: Each operation's response with the wire names of its members, fewest members first.
_RESPONSES = sorted(
    (
        (op.output, frozenset(spec.wire_name for spec in members(op.output).values()))
        for op in OPERATIONS.values()
    ),
    key=lambda response: len(response[1]),
)


def named_subject(
    data: Any, *, operation_name: str | None, response: bool, shape_name: str | None
) -> Subject:
    """A bare payload of the shape `shape_name`, or of the operation's request (its
    response with `response`). Raises `ValueError` for an unknown name, `InputError` for
    a response that holds none of its members."""
    if shape_name is not None:
        return Subject(shape(shape_name), without_schema_key(data), "api")
    assert operation_name is not None
    op = operation(operation_name)
    found = recording(data) if response else None
    if found is not None:  # a recorded call named by the command line: its response
        return Subject(op.output, decoded(found.data), "api", base=_RECORDING_BASE)
    if response and isinstance(data, dict):
        # A response ignores unknown members; one that holds none of its own is some
        # other document, and would pass with nothing checked.
        keys = set(data) - _IGNORED_TOP_LEVEL
        names = {spec.wire_name for spec in members(op.output).values()}
        if keys and not keys & names:
            listed = ", ".join(sorted(names)) or "none"
            raise InputError(
                f"none of {op.output.__name__}'s members is here (its members: {listed})"
            )
    return Subject(op.output if response else op.input, without_schema_key(data), "api")


def cli_output_model(data: Mapping[str, Any]) -> type[Model] | None:
    """The response that `data` is: AWS CLI output of a Get operation (a member only that
    response has), or a boto3 response (`ResponseMetadata`) of the operation with the
    fewest members that hold all of its own; None if it is neither, or could be either of
    two."""
    keys = set(data) - _IGNORED_TOP_LEVEL
    if "Operation" in keys or "Shape" in keys:
        return None
    if _METADATA in data and keys:
        fitting = [(model, names) for model, names in _RESPONSES if keys <= names]
        if len(fitting) == 1 or (fitting and len(fitting[0][1]) < len(fitting[1][1])):
            return fitting[0][0]
    found = {_CLI_OUTPUTS[key] for key in keys if key in _CLI_OUTPUTS}
    return found.pop() if len(found) == 1 else None


def _metadata_only(data: Mapping[str, Any]) -> bool:
    """A boto3 response of an operation whose response has no members (a put or delete)."""
    return _METADATA in data and not set(data) - _IGNORED_TOP_LEVEL


def recognises_cli_output(data: Mapping[str, Any]) -> bool:
    """Whether a document is AWS CLI output of one Get operation, or a boto3 response."""
    return cli_output_model(data) is not None or _metadata_only(data)


def cli_output_subjects(data: Mapping[str, Any]) -> Iterator[Subject]:
    """The response that `data` is (none for a response with no members)."""
    model = cli_output_model(data)
    if model is not None:
        yield Subject(model, without_schema_key(data), "api")


def recording_subjects(found: Recording, name: str | None) -> Iterator[Subject]:
    """The response of a recorded call, named by its file (`glue.GetResourcePolicy_1.json`)
    or, failing that, by its members. A failed call (its `data` is the error), another
    service's call, and a Glue call outside the ten operations have nothing to check."""
    if not found.succeeded:
        return
    response = decoded(found.data)
    call = recording_call(name)
    if call is not None:
        service, operation_name = call
        op = OPERATIONS.get(operation_name) if service == "glue" else None
        if op is not None:
            yield Subject(op.output, response, "api", base=_RECORDING_BASE)
        return
    model = cli_output_model(response)
    if model is None and not _metadata_only(response):
        raise InputError(
            "a recorded call, but not which operation's: name the file as placebo does "
            "(glue.GetResourcePolicy_1.json), or pass --operation NAME --response",
            _RECORDING_BASE,
        )
    if model is not None:
        yield Subject(model, response, "api", base=_RECORDING_BASE)


def envelope_subjects(data: Any) -> Iterator[Subject | InputError]:
    """The payloads of an envelope file (one envelope, or a list of them); a document that
    is no envelope raises `InputError`, the last kind tried."""
    try:
        for document in documents(data):
            if isinstance(document, EnvelopeError):
                yield InputError(document.message, document.parts)
            else:
                payload = without_schema_key(document.payload)
                yield Subject(document.model, payload, "api", base=document.parts)
    except EnvelopeError:
        raise InputError(
            "cannot tell what this file holds: lint reads envelopes, AWS CLI output and "
            "boto3 responses, recorded calls, CloudFormation templates, Terraform "
            "configurations, plans and state, and CloudTrail events; pass --operation or "
            "--shape for a bare payload, or --skip-unknown-files to pass over other files"
        ) from None
