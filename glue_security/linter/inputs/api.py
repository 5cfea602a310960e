"""API payloads: envelopes as `validate` reads them (`{"Operation": ..., "Request":
{...}}`), AWS CLI or boto3 output of a Get operation (`aws glue
get-security-configurations`), and bare payloads named by operation or shape."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...documents.envelope import EnvelopeError, documents, without_schema_key
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
]

_IGNORED_TOP_LEVEL = frozenset({"ResponseMetadata", "$schema"})


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


def named_subject(
    data: Any, *, operation_name: str | None, response: bool, shape_name: str | None
) -> Subject:
    """A bare payload of the shape `shape_name`, or of the operation's request (its
    response with `response`). Raises `ValueError` for an unknown name."""
    if shape_name is not None:
        return Subject(shape(shape_name), without_schema_key(data), "api")
    assert operation_name is not None
    op = operation(operation_name)
    return Subject(op.output if response else op.input, without_schema_key(data), "api")


def cli_output_model(data: Mapping[str, Any]) -> type[Model] | None:
    """The Get operation's response that `data` is the AWS CLI output of, if any."""
    keys = set(data) - _IGNORED_TOP_LEVEL
    found = {_CLI_OUTPUTS[key] for key in keys if key in _CLI_OUTPUTS}
    if len(found) == 1 and "Operation" not in keys and "Shape" not in keys:
        return found.pop()
    return None


def recognises_cli_output(data: Mapping[str, Any]) -> bool:
    """Whether a document is AWS CLI output of one Get operation."""
    return cli_output_model(data) is not None


def cli_output_subjects(data: Mapping[str, Any]) -> Iterator[Subject]:
    """The Get operation's response that `data` is."""
    model = cli_output_model(data)
    if model is not None:
        yield Subject(model, without_schema_key(data), "api")


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
            "cannot tell what this file holds: lint reads envelopes, AWS CLI output of a "
            "Get operation, CloudFormation templates, Terraform configurations, plans and "
            "state, and CloudTrail events; pass --operation or --shape for a bare payload"
        ) from None
