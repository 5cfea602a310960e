"""CloudFormation templates: `AWS::Glue::SecurityConfiguration` and
`AWS::Glue::DataCatalogEncryptionSettings` resources, each one subject."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...models.base import Model
from ...models.operations import operation
from ..subject import Parts, Subject
from .mapping import Format, Mapper, wire_name_of

__all__ = ["FORMAT", "recognises", "subjects"]

FORMAT = Format(
    input="cloudformation",
    names={
        ("EncryptionConfiguration", "s3_encryption"): "S3Encryptions",
        ("EncryptionConfiguration", "data_quality_encryption"): None,
        ("ConnectionPasswordEncryption", "aws_kms_key_id"): "KmsKeyId",
    },
    default_name=wire_name_of,
    blocks=False,
    report_unknown=True,
)


def recognises(data: Mapping[str, Any]) -> bool:
    """Whether a document is a template (JSON or YAML, as CloudFormation or the CDK write)."""
    return "AWSTemplateFormatVersion" in data or isinstance(data.get("Resources"), dict)


def _resource_types() -> dict[str, type[Model]]:
    return {
        "AWS::Glue::SecurityConfiguration": operation("CreateSecurityConfiguration").input,
        "AWS::Glue::DataCatalogEncryptionSettings": operation(
            "PutDataCatalogEncryptionSettings"
        ).input,
    }


_SUPPRESSION_KEY = "glue-security"


def _suppressed(resource: Mapping[str, Any]) -> frozenset[str]:
    metadata = resource.get("Metadata")
    if not isinstance(metadata, dict):
        return frozenset()
    settings = metadata.get(_SUPPRESSION_KEY)
    ignore = settings.get("ignore") if isinstance(settings, dict) else None
    if isinstance(ignore, str):
        return frozenset({ignore})
    if isinstance(ignore, list):
        return frozenset(str(item) for item in ignore)
    return frozenset()


def subjects(template: Mapping[str, Any]) -> Iterator[Subject]:
    """One subject per Glue resource of the template, with the rules its `Metadata`
    suppresses."""
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        return
    types = _resource_types()
    for logical_id, resource in resources.items():
        if not isinstance(resource, dict):
            continue
        model = types.get(str(resource.get("Type")))
        if model is None:
            continue
        mapper = Mapper(FORMAT)
        at: Parts = ("Resources", logical_id)
        if "Properties" in resource:
            at = (*at, "Properties")
        payload = mapper.structure(model, resource.get("Properties", {}), (), at)
        yield Subject(
            model,
            payload,
            "cloudformation",
            resource=str(logical_id),
            locations=mapper.locations,
            ignore=_suppressed(resource),
            problems=tuple(mapper.problems),
        )
