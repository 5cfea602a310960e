"""What `lint` reads, one module per input kind, each mapped to the API's wire payloads.

- `api`: envelopes, AWS CLI or boto3 output of a Get operation, named bare payloads;
- `cloudformation`: templates (their YAML loader is `cfn_yaml`), with the Glue API calls
  of their custom resources (`sdk_calls`);
- `terraform`: plans and state (`terraform show -json`);
- `terraform_config`: Terraform configurations in JSON syntax (the command reads `.tf`
  files a directory at a time, as one module, through it); `cfn_values` decides what
  CloudFormation's intrinsic functions leave decidable;
- `cloudtrail`: CloudTrail events of the ten operations.

A document is recognised by its top-level keys, trying each kind of `DOCUMENT_KINDS` in
turn and envelopes last. Each Glue resource or payload becomes a `Subject`: the API model it
maps to, its wire payload, where each wire path sits in the document, and the rules
suppressed for it. `mapping` holds how a format's names map onto the models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..subject import InputError, Link, Subject, Unknown
from . import api, cloudformation, cloudtrail, terraform, terraform_config
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
    (terraform_config.recognises, terraform_config.configuration_subjects),
    (cloudformation.recognises, cloudformation.subjects),
    (terraform.recognises, terraform.subjects),
    (api.recognises_cli_output, api.cli_output_subjects),
)


def links(data: Any) -> list[Link] | None:
    """The resources of a template, a Terraform configuration in JSON syntax, a plan or a
    state, as the rules across resources read them; None for another document."""
    if not isinstance(data, dict):
        return None
    if terraform_config.recognises(data):
        return terraform_config.module_links([terraform_config.ModuleFile(data, native=False)])
    if cloudformation.recognises(data):
        return cloudformation.cloudformation_links(data, cloudformation.suppressed_rules)
    if terraform.recognises(data):
        return terraform.plan_links(data)
    return None


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
    if cloudtrail.recognises(data):  # a JSON Lines export is a list, no dict
        yield from cloudtrail.subjects(data)
        return
    if isinstance(data, dict):
        for recognises, read in DOCUMENT_KINDS:
            if recognises(data):
                yield from read(data)
                return
    yield from api.envelope_subjects(data)
