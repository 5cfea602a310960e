"""What `lint` reads, one module per input kind, each mapped to the API's wire payloads.

- `api`: envelopes, AWS CLI output and boto3 responses, recorded calls (placebo's
  files), named bare payloads;
- `cloudformation`: templates (their YAML loader is `cfn_yaml`), with the Glue API calls
  of their custom resources (`sdk_calls`);
- `terraform`: plans and state (`terraform show -json`);
- `terraform_config`: Terraform configurations in JSON syntax (the command reads `.tf`
  files a directory at a time, as one module, through it); `cfn_values` decides what
  CloudFormation's intrinsic functions leave decidable;
- `cloudtrail`: CloudTrail events of the ten operations.

A document is recognised by its top-level keys, trying each kind of `DOCUMENT_KINDS` in
turn and envelopes last; a file's name counts where it does for the tool that wrote the
file (Terraform reads JSON configurations only from `*.tf.json`; placebo names a recorded
call's file after it). Each Glue resource or payload becomes a `Subject`: the API model it
maps to, its wire payload, where each wire path sits in the document, and the rules
suppressed for it. `mapping` holds how a format's names map onto the models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ...documents.recordings import recording
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

#: Whether a document (and its file's name, None for a document from no file) is of a kind.
Recognise = Callable[[Mapping[str, Any], "str | None"], bool]
Read = Callable[[Mapping[str, Any]], Iterator[Subject]]


def _terraform_json(data: Any, name: str | None) -> bool:
    """Whether `data` is a Terraform configuration in JSON syntax, which Terraform reads only
    from a file named `*.tf.json` (`name` None: a document from no file)."""
    return terraform_config.recognises(data) and (
        name is None or name == "-" or name.lower().endswith(".tf.json")
    )


def _by_keys(recognises: Callable[[Mapping[str, Any]], bool]) -> Recognise:
    """A kind its top-level keys alone tell, whatever its file is named."""
    return lambda data, name: recognises(data)


#: How each kind of document is recognised and read, in the order they are tried.
DOCUMENT_KINDS: tuple[tuple[Recognise, Read], ...] = (
    (_terraform_json, terraform_config.configuration_subjects),
    (_by_keys(cloudformation.recognises), cloudformation.subjects),
    (_by_keys(terraform.recognises), terraform.subjects),
    (_by_keys(api.recognises_cli_output), api.cli_output_subjects),
)

def links(data: Any, *, name: str | None = None) -> list[Link] | None:
    """The resources of a template, a Terraform configuration in JSON syntax, a plan or a
    state, as the rules across resources read them; None for another document. `name` is
    the file's, where it has one."""
    if not isinstance(data, dict):
        return None
    if _terraform_json(data, name):
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
    name: str | None = None,
) -> Iterator[Subject | InputError]:
    """The payloads `data` holds (`name`: its file's name, where it has one). Raises
    `InputError` for a document of no known kind, `ValueError` for an unknown operation or
    shape name."""
    if shape_name is not None or operation_name is not None:
        yield api.named_subject(
            data, operation_name=operation_name, response=response, shape_name=shape_name
        )
        return
    if cloudtrail.recognises(data):  # a JSON Lines export is a list, no dict
        yield from cloudtrail.subjects(data)
        return
    found = recording(data)
    if found is not None:
        yield from api.recording_subjects(found, name)
        return
    if isinstance(data, dict):
        for recognises, read in DOCUMENT_KINDS:
            if recognises(data, name):
                yield from read(data)
                return
    try:
        yield from api.envelope_subjects(data)
    except InputError as exc:
        if terraform_config.recognises(data):
            raise InputError(
                f"{exc.message}; Terraform reads a configuration in JSON syntax only from a "
                "file named *.tf.json",
                exc.parts,
            ) from None
        raise
