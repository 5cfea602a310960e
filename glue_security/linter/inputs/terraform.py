"""Terraform plans (`terraform show -json`): `aws_glue_security_configuration`,
`aws_glue_data_catalog_encryption_settings` and `aws_glue_resource_policy` resources, with
the values known only after apply (`after_unknown`) as `Unknown`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...models.base import Model
from ...models.operations import operation
from ..subject import Parts, Subject, Unknown
from .mapping import Format, Mapper

__all__ = ["FORMAT", "recognises", "subjects"]

FORMAT = Format(
    input="terraform",
    names={
        ("EncryptionConfiguration", "cloud_watch_encryption"): "cloudwatch_encryption",
        ("CloudWatchEncryption", "cloud_watch_encryption_mode"): "cloudwatch_encryption_mode",
        ("EncryptionConfiguration", "data_quality_encryption"): None,
        ("PutResourcePolicyRequest", "policy_in_json"): "policy",
    },
    default_name=lambda model, attribute: attribute,
    blocks=True,
    report_unknown=False,
)


def recognises(data: Mapping[str, Any]) -> bool:
    """Whether a document is a plan."""
    return "resource_changes" in data or "planned_values" in data


def _resource_types() -> dict[str, type[Model]]:
    return {
        "aws_glue_security_configuration": operation("CreateSecurityConfiguration").input,
        "aws_glue_data_catalog_encryption_settings": operation(
            "PutDataCatalogEncryptionSettings"
        ).input,
        "aws_glue_resource_policy": operation("PutResourcePolicy").input,
    }


# Deeper than any resource's schema: below it, plan values are passed on as they are (the
# schema check reports them), so a deeply nested plan costs no recursion.
_MAX_DEPTH = 16


def _with_unknowns(after: Any, unknown: Any, depth: int = 0) -> Any:
    """A planned value with Terraform's `after_unknown` markers folded in as `Unknown`."""
    if unknown is True:
        return Unknown("known after apply")
    if depth > _MAX_DEPTH:
        return after
    if isinstance(unknown, dict):
        merged = dict(after) if isinstance(after, dict) else {}
        for key, marker in unknown.items():
            if marker is True or isinstance(marker, (dict, list)):
                merged[key] = _with_unknowns(merged.get(key), marker, depth + 1)
        return merged
    if isinstance(unknown, list) and isinstance(after, list):
        return [
            _with_unknowns(item, unknown[index] if index < len(unknown) else False, depth + 1)
            for index, item in enumerate(after)
        ]
    return after


def subjects(plan: Mapping[str, Any]) -> Iterator[Subject]:
    """One subject per Glue resource the plan creates or changes (or, in a plan without
    `resource_changes`, per planned resource)."""
    types = _resource_types()
    seen: set[str] = set()
    changes = plan.get("resource_changes")
    for index, change in enumerate(changes if isinstance(changes, list) else []):
        if not isinstance(change, dict) or change.get("mode", "managed") != "managed":
            continue
        model = types.get(str(change.get("type")))
        detail = change.get("change")
        if model is None or not isinstance(detail, dict):
            continue
        address = str(change.get("address"))
        seen.add(address)
        after = detail.get("after")
        if after is None:  # deleted
            continue
        values = _with_unknowns(after, detail.get("after_unknown"))
        yield _terraform_subject(
            model, values, address, ("resource_changes", index, "change", "after")
        )
    planned = plan.get("planned_values")
    root = planned.get("root_module") if isinstance(planned, dict) else None
    for resource, at in _planned_resources(root, ("planned_values", "root_module")):
        model = types.get(str(resource.get("type")))
        address = str(resource.get("address"))
        if model is None or address in seen or resource.get("mode", "managed") != "managed":
            continue
        yield _terraform_subject(model, resource.get("values"), address, (*at, "values"))


def _planned_resources(module: Any, at: Parts) -> Iterator[tuple[dict[str, Any], Parts]]:
    if not isinstance(module, dict):
        return
    for index, resource in enumerate(module.get("resources") or []):
        if isinstance(resource, dict):
            yield resource, (*at, "resources", index)
    for index, child in enumerate(module.get("child_modules") or []):
        yield from _planned_resources(child, (*at, "child_modules", index))


def _terraform_subject(model: type[Model], values: Any, address: str, at: Parts) -> Subject:
    mapper = Mapper(FORMAT)
    payload = mapper.structure(model, values if values is not None else {}, (), at)
    # Terraform writes unset optional strings as null: absent, as the provider sends them.
    return Subject(
        model, _without_nulls(payload), "terraform", resource=address, locations=mapper.locations
    )


def _without_nulls(value: Any, depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, dict):
        return {
            key: _without_nulls(item, depth + 1) for key, item in value.items() if item is not None
        }
    if isinstance(value, list):
        return [_without_nulls(item, depth + 1) for item in value]
    return value
