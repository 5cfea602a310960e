"""Rules across the resources of one input (a template, a plan's resources, a Terraform
module): names two resources share, and what jobs, crawlers and development endpoints
attach.

The inputs describe each resource these rules look at as a `Link`; `cross_findings` reads
them with the subjects of the security configurations, whose own findings say which of
their settings are weak.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..documents.findings import Severity
from .inputs import Subject, Unknown, suppressed_rules
from .rules import RULES

if TYPE_CHECKING:
    from .engine import LintFinding

__all__ = [
    "ACCOUNT",
    "CROSS_RULE_IDS",
    "CrossFinding",
    "Link",
    "Target",
    "cloudformation_links",
    "cross_findings",
    "linked_findings",
    "lint_across",
]

Parts = tuple[str | int, ...]
Kind = Literal["security-configuration", "catalog-settings", "job", "crawler", "dev-endpoint"]

DUPLICATE_NAME = "GS110"
DUPLICATE_CATALOG = "GS111"
NO_CONFIGURATION = "GS212"
WEAK_CONFIGURATION = "GS213"
UNDEFINED_CONFIGURATION = "GS901"
CROSS_RULE_IDS = (
    DUPLICATE_NAME,
    DUPLICATE_CATALOG,
    NO_CONFIGURATION,
    WEAK_CONFIGURATION,
    UNDEFINED_CONFIGURATION,
)
#: The posture rules whose findings make a security configuration weak.
WEAK_RULES = ("GS203", "GS204", "GS205")


@attrs.frozen
class Target:
    """A reference to another resource of the same input (`!Ref Conf`,
    `aws_glue_security_configuration.conf.name`)."""

    resource: str


class _Account:
    """The caller's own account: an omitted CatalogId, or `!Ref AWS::AccountId`."""

    def __repr__(self) -> str:
        return "ACCOUNT"


ACCOUNT: Any = _Account()

_KINDS_THAT_ATTACH: frozenset[str] = frozenset({"job", "crawler", "dev-endpoint"})
_KIND_TEXT = {"job": "job", "crawler": "crawler", "dev-endpoint": "development endpoint"}


@attrs.frozen
class Link:
    """One resource as the cross-resource rules see it. `value` is a security
    configuration's name, a catalog setting's catalog (`ACCOUNT` for the caller's), or the
    security configuration a job, crawler or endpoint names (None for none); a `str`, a
    `Target`, or an `Unknown`. `at` is where to report about the value (the resource's
    place where the value is absent); `file` the file of a module it is in."""

    kind: Kind
    resource: str
    value: Any
    at: Parts
    file: int = 0
    ignore: frozenset[str] = frozenset()
    #: The value's member (`$.SecurityConfiguration`), or `$` where it is absent.
    path: str = "$"


@attrs.frozen
class CrossFinding:
    rule: str
    message: str
    link: Link


def cross_findings(
    links: Sequence[Link],
    configurations: Mapping[str, Subject],
    weak_settings: Callable[[Subject], list[str]],
) -> Iterator[CrossFinding]:
    """The findings across `links`. `configurations` are the security configurations'
    subjects by resource; `weak_settings` says what one leaves unencrypted."""
    yield from _same_value(links, "security-configuration", DUPLICATE_NAME)
    yield from _same_value(links, "catalog-settings", DUPLICATE_CATALOG)
    by_name = {
        link.value: link
        for link in links
        if link.kind == "security-configuration" and isinstance(link.value, str)
    }
    for link in links:
        if link.kind not in _KINDS_THAT_ATTACH:
            continue
        what = f"this {_KIND_TEXT[link.kind]}"
        if link.value is None:
            yield CrossFinding(
                NO_CONFIGURATION,
                f"{what} has no security configuration: what it writes to Amazon S3, its "
                "logs and its job bookmarks are not encrypted by AWS Glue",
                link,
            )
            continue
        target: str | None = None
        if isinstance(link.value, Target):
            target = link.value.resource
        elif isinstance(link.value, str):
            found = by_name.get(link.value)
            if found is None:
                yield CrossFinding(
                    UNDEFINED_CONFIGURATION,
                    f"{what} uses security configuration {link.value!r}, which this input "
                    "does not define: its settings are not checked here",
                    link,
                )
                continue
            target = found.resource
        subject = configurations.get(target) if target is not None else None
        if subject is None:
            continue
        weak = weak_settings(subject)
        if weak:
            yield CrossFinding(
                WEAK_CONFIGURATION,
                f"{what} uses security configuration {target}, where {'; '.join(weak)}",
                link,
            )


def _same_value(links: Iterable[Link], kind: str, rule: str) -> Iterator[CrossFinding]:
    first: dict[Any, Link] = {}
    for link in links:
        if link.kind != kind or isinstance(link.value, Unknown) or link.value is None:
            continue
        if isinstance(link.value, Target):
            continue
        earlier = first.get(link.value)
        if earlier is None:
            first[link.value] = link
            continue
        if kind == "security-configuration":
            message = (
                f"security configuration name {link.value!r} is also {earlier.resource}'s: "
                "names are unique in an account and region, so the second create fails "
                "(AlreadyExistsException)"
            )
        else:
            catalog = "the account's catalog" if link.value is ACCOUNT else f"catalog {link.value}"
            message = (
                f"{earlier.resource} also sets the encryption settings of {catalog}: each "
                "deploy overwrites the other's"
            )
        yield CrossFinding(rule, message, link)


def linked_findings(
    links: Sequence[Link],
    configurations: Mapping[str, Subject],
    *,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> Iterator[tuple[Link, LintFinding]]:
    """The cross-resource findings as the engine's, each with its link, filtered as the
    engine filters (and by each resource's own suppressions)."""
    from .engine import LintFinding, lint_subjects, selected  # the engine imports this module

    def weak_settings(subject: Subject) -> list[str]:
        found = lint_subjects([subject], severity="note")
        return [finding.message for finding in found if finding.rule in WEAK_RULES]

    for found in cross_findings(links, configurations, weak_settings):
        rule, link = found.rule, found.link
        if rule in link.ignore or not selected(
            rule, ignore=ignore, severity=severity, verbose=verbose
        ):
            continue
        yield link, LintFinding(
            rule, RULES[rule].severity, found.message, link.path, link.resource, link.at
        )


def lint_across(
    data: Any,
    items: Sequence[Subject],
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> list[LintFinding]:
    """The cross-resource findings of a parsed template or Terraform JSON configuration
    whose subjects are `items` (none for other inputs)."""
    from .terraform_module import ModuleFile, is_configuration, module_links

    if is_configuration(data):
        links = module_links([ModuleFile(data, native=False)])
    elif isinstance(data, dict) and isinstance(data.get("Resources"), dict):
        links = cloudformation_links(data, suppressed_rules)
    else:
        return []
    configurations = {item.resource or "": item for item in items}
    found = linked_findings(
        links, configurations, ignore=ignore, severity=severity, verbose=verbose
    )
    return [finding for _, finding in found]


# -- CloudFormation ------------------------------------------------------------------------

_CFN_KINDS: dict[str, tuple[Kind, str]] = {
    "AWS::Glue::SecurityConfiguration": ("security-configuration", "Name"),
    "AWS::Glue::DataCatalogEncryptionSettings": ("catalog-settings", "CatalogId"),
    "AWS::Glue::Job": ("job", "SecurityConfiguration"),
    "AWS::Glue::Crawler": ("crawler", "CrawlerSecurityConfiguration"),
    "AWS::Glue::DevEndpoint": ("dev-endpoint", "SecurityConfiguration"),
}


def _cfn_value(value: Any, configurations: set[str]) -> Any:
    if isinstance(value, str):
        return value
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
        return Unknown(str(next(iter(value))))
    return Unknown("not a string")


def cloudformation_links(
    template: Mapping[str, Any], ignore: Callable[[Mapping[str, Any]], frozenset[str]]
) -> list[Link]:
    """The template's resources as the cross-resource rules see them; `ignore` gives a
    resource's suppressed rules (from its Metadata)."""
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        return []
    configurations = {
        str(name)
        for name, resource in resources.items()
        if isinstance(resource, dict) and resource.get("Type") == "AWS::Glue::SecurityConfiguration"
    }
    links = []
    for logical_id, resource in resources.items():
        if not isinstance(resource, dict):
            continue
        found = _CFN_KINDS.get(str(resource.get("Type")))
        if found is None:
            continue
        kind, key = found
        properties = resource.get("Properties")
        properties = properties if isinstance(properties, dict) else {}
        at: Parts = ("Resources", logical_id)
        path = "$"
        if key in properties:
            value = _cfn_value(properties[key], configurations)
            at, path = (*at, "Properties", key), f"$.{key}"
        else:
            value = ACCOUNT if kind == "catalog-settings" else None
        links.append(Link(kind, str(logical_id), value, at, 0, ignore(resource), path))
    return links
