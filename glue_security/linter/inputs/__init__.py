"""What `lint` reads, one module per input kind, each mapped to the API's wire payloads.

- `api`: envelopes, AWS CLI or boto3 output of a Get operation, named bare payloads;
- `cloudformation`: templates (their YAML loader is `cfn_yaml`);
- `terraform`: plans (`terraform show -json`).

A document is recognised by its top-level keys, trying each kind of `DOCUMENT_KINDS` in
turn and envelopes last. Each Glue resource or payload becomes a `Subject`: the API model it
maps to, its wire payload, where each wire path sits in the document, and the rules
suppressed for it. `mapping` holds how a format's names map onto the models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..subject import InputError, Subject, Unknown
from . import api, cloudformation, terraform
from .cfn_yaml import cloudformation_yaml_loader

__all__ = [
    "DOCUMENT_KINDS",
    "InputError",
    "Subject",
    "Unknown",
    "cloudformation_yaml_loader",
    "subjects",
]

Recognise = Callable[[Mapping[str, Any]], bool]
Read = Callable[[Mapping[str, Any]], Iterator[Subject]]


#: How each kind of document is recognised and read, in the order they are tried.
DOCUMENT_KINDS: tuple[tuple[Recognise, Read], ...] = (
    (cloudformation.recognises, cloudformation.subjects),
    (terraform.recognises, terraform.subjects),
    (api.recognises_cli_output, api.cli_output_subjects),
)


def subjects(
    data: Any,
    *,
    operation_name: str | None = None,
    response: bool = False,
    shape_name: str | None = None,
) -> Iterator[Subject | InputError]:
    """The payloads `data` holds. Raises `InputError` for a document of no known kind,
    `ValueError` for an unknown operation or shape name."""
    if shape_name is not None or operation_name is not None:
        yield api.named_subject(
            data, operation_name=operation_name, response=response, shape_name=shape_name
        )
        return
    if isinstance(data, dict):
        for recognises, read in DOCUMENT_KINDS:
            if recognises(data):
                yield from read(data)
                return
    yield from api.envelope_subjects(data)
