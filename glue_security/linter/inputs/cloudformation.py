"""CloudFormation templates: `AWS::Glue::SecurityConfiguration` and
`AWS::Glue::DataCatalogEncryptionSettings` resources, each one subject."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ...models.base import Model
from ...models.operations import operation
from ..rules.notes import UNEXPANDED_LOOP, UNKNOWN_VALUE
from ..rules.schema import SCHEMA_RULES
from ..subject import (
    ACCOUNT,
    InputFinding,
    Link,
    LinkKind,
    Parts,
    Subject,
    Target,
    Unknown,
    job_facts,
)
from .cfn_foreach import Resource, Unexpanded, template_resources
from .cfn_values import is_dynamic_reference
from .mapping import Format, Mapper, wire_name_of
from .sdk_calls import call_subjects, is_custom_resource

__all__ = ["FORMAT", "cloudformation_links", "recognises", "subjects", "suppressed_rules"]

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
    cloudformation_values=True,
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


def suppressed_rules(resource: Mapping[str, Any]) -> frozenset[str]:
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
    """One subject per Glue resource of the template (each one its `Fn::ForEach` loops
    make, and one per loop it cannot expand), and per Glue API call of a custom resource
    (`sdk_calls`), with the rules its `Metadata` suppresses."""
    types = _resource_types()
    for found in template_resources(template):
        if isinstance(found, Unexpanded):
            yield from _unexpanded(found)
            continue
        resource = found.body
        if not isinstance(resource, dict):
            continue
        model = types.get(str(resource.get("Type")))
        if model is None:
            properties = resource.get("Properties")
            if is_custom_resource(str(resource.get("Type"))) and isinstance(properties, dict):
                ignore = suppressed_rules(resource)
                yield from call_subjects(found.logical_id, properties, ignore, found.at)
            continue
        mapper = Mapper(FORMAT, template)
        at: Parts = found.at
        if "Properties" in resource:
            at = (*at, "Properties")
        payload = mapper.structure(model, resource.get("Properties", {}), (), at)
        yield Subject(
            model,
            payload,
            "cloudformation",
            resource=found.logical_id,
            locations=mapper.locations,
            ignore=suppressed_rules(resource),
            problems=(*mapper.problems, *_template_only(str(resource["Type"]), payload, at)),
            note=found.note,
        )


def _unexpanded(loop: Unexpanded) -> Iterator[Subject]:
    """A note that the Glue resources of a loop lint cannot expand are not checked (no
    subject for a loop that makes none)."""
    kinds = sorted({kind for kind in loop.types if kind in _CFN_KINDS})
    if not kinds:
        return
    yield Subject(
        _resource_types()["AWS::Glue::SecurityConfiguration"],
        Unknown("Fn::ForEach"),
        "cloudformation",
        resource=loop.key,
        locations={(): loop.at},
        ignore=frozenset({UNKNOWN_VALUE}),  # GS902 says it: no note of the value as well
        problems=(
            InputFinding(
                UNEXPANDED_LOOP,
                f"the {', '.join(kinds)} resources this loop makes are not checked: "
                f"{loop.why}",
                (),
                loop.at,
            ),
        ),
    )


#: What a resource type requires that the API does not: each type's CloudFormation schema.
_REQUIRED_HERE: Mapping[str, tuple[str, ...]] = {
    "AWS::Glue::DataCatalogEncryptionSettings": ("CatalogId",),
}


def _template_only(kind: str, payload: Any, at: Parts) -> Iterator[InputFinding]:
    """A required-member error for each property the resource type's schema requires and
    the API does not (the API takes the caller's account for an omitted CatalogId;
    CloudFormation rejects the resource)."""
    if not isinstance(payload, dict):
        return
    for name in _REQUIRED_HERE.get(kind, ()):
        if name not in payload:
            yield InputFinding(
                SCHEMA_RULES["required"],
                f"{name} is required by {kind} (its CloudFormation schema), though the API "
                "takes the caller's account without it: give !Ref AWS::AccountId",
                (name,),
                at,
            )


# -- what the rules across resources read ------------------------------------------------

_CFN_KINDS: dict[str, tuple[LinkKind, str]] = {
    "AWS::Glue::SecurityConfiguration": ("security-configuration", "Name"),
    "AWS::Glue::DataCatalogEncryptionSettings": ("catalog-settings", "CatalogId"),
    "AWS::Glue::Job": ("job", "SecurityConfiguration"),
    "AWS::Glue::Crawler": ("crawler", "CrawlerSecurityConfiguration"),
    "AWS::Glue::DevEndpoint": ("dev-endpoint", "SecurityConfiguration"),
}


def _cfn_value(
    value: Any, configurations: set[str], named_by: Sequence[tuple[Any, str]] = ()
) -> Any:
    if isinstance(value, str):
        # A dynamic reference (`{{resolve:ssm:/name}}`) is resolved at deploy.
        return Unknown("dynamic reference") if is_dynamic_reference(value) else value
    if isinstance(value, dict) and len(value) == 1 and "Ref" in value:
        ref = value["Ref"]
        if ref == "AWS::NoValue":
            return None
        if ref == "AWS::AccountId":
            return ACCOUNT
        if ref in configurations:  # the Ref of a security configuration is its name
            return Target(str(ref))
        return Unknown("Ref")
    if isinstance(value, dict) and len(value) == 1:
        # The very expression a configuration's Name is (`!Sub etl-${Env}`) is its name.
        same = next((name for expression, name in named_by if expression == value), None)
        return Target(same) if same is not None else Unknown(str(next(iter(value))))
    return Unknown("not a string")


def cloudformation_links(
    template: Mapping[str, Any], ignore: Callable[[Mapping[str, Any]], frozenset[str]]
) -> list[Link]:
    """The template's resources as the cross-resource rules see them (with those its
    `Fn::ForEach` loops make); `ignore` gives a resource's suppressed rules (Metadata)."""
    resources = [
        found
        for found in template_resources(template)
        if isinstance(found, Resource) and isinstance(found.body, dict)
    ]
    configurations = {
        found.logical_id
        for found in resources
        if found.body.get("Type") == "AWS::Glue::SecurityConfiguration"
    }
    named_by = [
        (found.body["Properties"]["Name"], found.logical_id)
        for found in resources
        if found.logical_id in configurations and isinstance(_name_of(found.body), dict)
    ]
    links = []
    for found in resources:
        resource = found.body
        kind_and_key = _CFN_KINDS.get(str(resource.get("Type")))
        if kind_and_key is None:
            continue
        kind, key = kind_and_key
        properties = resource.get("Properties")
        properties = properties if isinstance(properties, dict) else {}
        at: Parts = found.at
        path = "$"
        if key in properties:
            value = _cfn_value(properties[key], configurations, named_by)
            at, path = (*at, "Properties", key), f"$.{key}"
        else:
            value = ACCOUNT if kind == "catalog-settings" else None
        job = None
        if kind == "job":
            command = properties.get("Command")
            name = command.get("Name") if isinstance(command, dict) else None
            job = job_facts(name, properties.get("DefaultArguments"))
        links.append(
            Link(kind, found.logical_id, value, at, 0, ignore(resource), path, found.note, job)
        )
    return _never_together(links, resources, template)


def _name_of(resource: Mapping[str, Any]) -> Any:
    properties = resource.get("Properties")
    return properties.get("Name") if isinstance(properties, dict) else None


def _never_together(
    links: list[Link], resources: list[Resource], template: Mapping[str, Any]
) -> list[Link]:
    """`links` with, for each, the resources whose `Condition` is the negation of its own
    (`IsNew: !Not [!Condition IsOld]`, or `!Not` of the same expression): never deployed
    together, as cfn-lint reasons for E3019."""
    conditions = template.get("Conditions")
    if not isinstance(conditions, dict):
        return links
    condition_of = {
        found.logical_id: found.body["Condition"]
        for found in resources
        if isinstance(found.body.get("Condition"), str)
    }
    out = []
    for link in links:
        mine = condition_of.get(link.resource)
        never = frozenset(
            other
            for other, theirs in condition_of.items()
            if mine is not None and _exclusive(mine, theirs, conditions)
        )
        out.append(attrs.evolve(link, never_with=never) if never else link)
    return out


def _exclusive(first: str, second: str, conditions: Mapping[str, Any]) -> bool:
    def negates(name: str, other: str) -> bool:
        body = conditions.get(name)
        if not (isinstance(body, dict) and len(body) == 1):
            return False
        argument = body.get("Fn::Not")
        if not (isinstance(argument, list) and len(argument) == 1):
            return False
        (negated,) = argument
        return negated == {"Condition": other} or (
            other in conditions and negated == conditions[other]
        )

    return negates(first, second) or negates(second, first)
