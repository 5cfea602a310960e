"""Terraform plans (`terraform show -json`): `aws_glue_security_configuration`,
`aws_glue_data_catalog_encryption_settings` and `aws_glue_resource_policy` resources, with
the values known only after apply (`after_unknown`) as `Unknown`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ...models.base import Model
from ...models.operations import operation
from ..subject import ACCOUNT, Link, LinkKind, Parts, Subject, Target, Unknown
from .mapping import Format, Mapper

__all__ = ["FORMAT", "is_state", "recognises", "resource_types", "subjects", "without_nulls"]

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
    return "resource_changes" in data or "planned_values" in data or is_state(data)


def is_state(data: Mapping[str, Any]) -> bool:
    """`terraform show -json` of a state: `values.root_module`, and no plan keys."""
    values = data.get("values")
    return "format_version" in data and isinstance(values, dict) and "root_module" in values


def resource_types() -> dict[str, type[Model]]:
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
    types = resource_types()
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
    # A plan's planned values, or a state's values (`terraform show -json` with no plan).
    key = "planned_values" if "planned_values" in plan else "values"
    planned = plan.get(key)
    root = planned.get("root_module") if isinstance(planned, dict) else None
    for resource, at in _planned_resources(root, (key, "root_module")):
        model = types.get(str(resource.get("type")))
        address = str(resource.get("address"))
        if model is None or address in seen or resource.get("mode", "managed") != "managed":
            continue
        yield _terraform_subject(model, resource.get("values"), address, (*at, "values"))


#: The resources the rules across resources read, by type: their kind and the attribute
#: that holds the name, the catalog, or the security configuration used.
LINK_ATTRIBUTES: Mapping[str, tuple[LinkKind, str]] = {
    "aws_glue_security_configuration": ("security-configuration", "name"),
    "aws_glue_data_catalog_encryption_settings": ("catalog-settings", "catalog_id"),
    "aws_glue_job": ("job", "security_configuration"),
    "aws_glue_crawler": ("crawler", "security_configuration"),
    "aws_glue_dev_endpoint": ("dev-endpoint", "security_configuration"),
}


def plan_links(plan: Mapping[str, Any]) -> list[Link]:
    """The plan's resources (or a state's) as the rules across resources read them."""
    found: list[tuple[str, str, Any, Any, Parts]] = []  # type, address, values, unknown, at
    changes = plan.get("resource_changes")
    for index, change in enumerate(changes if isinstance(changes, list) else []):
        detail = change.get("change") if isinstance(change, dict) else None
        if isinstance(detail, dict) and change.get("mode", "managed") == "managed":
            at: Parts = ("resource_changes", index, "change", "after")
            after, unknown = detail.get("after"), detail.get("after_unknown")
            found.append((str(change.get("type")), str(change.get("address")), after, unknown, at))
    seen = {address for _, address, _, _, _ in found}
    key = "planned_values" if "planned_values" in plan else "values"
    planned = plan.get(key)
    root = planned.get("root_module") if isinstance(planned, dict) else None
    for resource, at in _planned_resources(root, (key, "root_module")):
        address = str(resource.get("address"))
        if address not in seen and resource.get("mode", "managed") == "managed":
            values = resource.get("values")
            found.append((str(resource.get("type")), address, values, None, (*at, "values")))
    configured = _configured_references(plan)
    configurations = {
        address for kind_name, address, _, _, _ in found if kind_name == _CONFIGURATION
    }
    links = []
    for kind_name, address, values, unknown, at in found:
        link = LINK_ATTRIBUTES.get(kind_name)
        if link is None or not isinstance(values, dict):  # another type, or deleted
            continue
        kind, attribute = link
        value: Any = values.get(attribute)
        path = "$"
        if isinstance(unknown, dict) and unknown.get(attribute) is True:
            value = Unknown("known after apply")
            # `aws_glue_security_configuration.X.id` (or a `.name` not known yet): the
            # configuration's expression names X; the finding goes to that expression.
            referenced = _referenced_configuration(address, configured, configurations)
            if kind_name != _CONFIGURATION and referenced is not None:
                value, path = Target(referenced[0]), f"$.{attribute}"
                at = referenced[1]
        elif value is None:
            value = ACCOUNT if kind == "catalog-settings" else None
        else:
            at, path = (*at, attribute), f"$.{attribute}"
            value = value if isinstance(value, str) else Unknown("not a string")
        links.append(Link(kind, address, value, at, 0, frozenset(), path))
    return links


_CONFIGURATION = "aws_glue_security_configuration"
#: An instance key in a resource's or module's address: `[0]`, `["key"]`.
_INSTANCE_KEY = re.compile(r'\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\]')
#: The module instance a resource's address starts with (`module.a["k"].module.b.`).
_MODULE_INSTANCE = re.compile(rf"(?:module\.[A-Za-z0-9_-]+(?:{_INSTANCE_KEY.pattern})?\.)*")


#: A `security_configuration` expression's references, and where the expression is.
References = tuple[list[str], Parts]


def _configured_references(plan: Mapping[str, Any]) -> dict[str, References]:
    """What each resource's `security_configuration` expression refers to, by the
    resource's address in the configuration (`module.NAME.` before it, no instance keys)."""
    found: dict[str, References] = {}
    configuration = plan.get("configuration")
    root = configuration.get("root_module") if isinstance(configuration, dict) else None
    # A list of modules still to read, not recursion: a deep module tree costs no stack.
    modules: list[tuple[str, Any, Parts]] = [("", root, ("configuration", "root_module"))]
    while modules:
        prefix, module, at = modules.pop()
        if not isinstance(module, dict):
            continue
        for index, resource in enumerate(module.get("resources") or []):
            expressions = resource.get("expressions") if isinstance(resource, dict) else None
            expression = (
                expressions.get("security_configuration") if isinstance(expressions, dict) else None
            )
            references = expression.get("references") if isinstance(expression, dict) else None
            if isinstance(references, list):
                found[f"{prefix}{resource.get('address')}"] = (
                    [reference for reference in references if isinstance(reference, str)],
                    (*at, "resources", index, "expressions", "security_configuration"),
                )
        calls = module.get("module_calls")
        for name, call in calls.items() if isinstance(calls, dict) else ():
            if isinstance(call, dict):
                where = (*at, "module_calls", name, "module")
                modules.append((f"{prefix}module.{name}.", call.get("module"), where))
    return found


def _referenced_configuration(
    address: str, configured: Mapping[str, References], configurations: set[str]
) -> tuple[str, Parts] | None:
    """The one security configuration of this plan that a resource's
    `security_configuration` refers to (`aws_glue_security_configuration.X.id`, `.name`),
    and where the expression is; None where it refers to none or to several. A reference
    is to the same module's resources: the module instance's address is put before it."""
    references = configured.get(_INSTANCE_KEY.sub("", address))
    if references is None:
        return None
    found = _MODULE_INSTANCE.match(address)
    module_instance = found[0] if found else ""
    matches = {
        f"{module_instance}{reference}"
        for reference in references[0]
        if f"{module_instance}{reference}" in configurations
    }
    return (matches.pop(), references[1]) if len(matches) == 1 else None


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
    # A plan writes an unset optional string as null; a state (and a plan's values read
    # back from one) as "", which the provider does not send either (each of these
    # resources' request builders skips an empty string): both are absent.
    return Subject(
        model,
        without_nulls(payload, empty=True),
        "terraform",
        resource=address,
        locations=mapper.locations,
    )


def without_nulls(value: Any, depth: int = 0, *, empty: bool = False) -> Any:
    """`value` without its null members (and, with `empty`, its empty strings)."""
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, dict):
        return {
            key: without_nulls(item, depth + 1, empty=empty)
            for key, item in value.items()
            if item is not None and not (empty and item == "")
        }
    if isinstance(value, list):
        return [without_nulls(item, depth + 1, empty=empty) for item in value]
    return value
