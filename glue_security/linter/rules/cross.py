"""Rules across the resources of one input (a template, a Terraform module): names two
resources share, and what jobs, crawlers and development endpoints attach.

The inputs describe each resource these rules look at as a `Link`; `cross_findings` reads
them all at once, with the subjects of the security configurations, whose own findings
say which of their settings are weak (the engine runs it: `CHECKS` is empty)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ...models.base import Model
from ..subject import ACCOUNT, ENCRYPTION_TYPE_ARGUMENT, Link, Subject, Target, Unknown
from .notes import UNKNOWN_VALUE
from .record import Check, Rule

__all__ = ["CHECKS", "CROSS_RULE_IDS", "RULES", "WEAK_RULES", "CrossFinding", "cross_findings"]

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

_KIND_TEXT = {"job": "job", "crawler": "crawler", "dev-endpoint": "development endpoint"}
#: What each kind of resource writes through its security configuration, by the posture
#: rule that reports that setting weak, and in words. Source: the developer guide's
#: "Encrypting data written by AWS Glue": a crawler writes encrypted CloudWatch Logs, an
#: ETL job encrypted Amazon S3 targets, CloudWatch Logs and job bookmarks, a development
#: endpoint encrypted Amazon S3 targets.
WRITES: Mapping[str, tuple[tuple[str, ...], str]] = {
    "job": (
        ("GS203", "GS204", "GS205"),
        "what it writes to Amazon S3, its logs and its job bookmarks are",
    ),
    "crawler": (("GS204",), "its CloudWatch logs are"),
    "dev-endpoint": (("GS203",), "what it writes to Amazon S3 is"),
}
#: A Ray job's command: "AWS Glue security configurations are not currently supported in
#: Ray jobs" (the developer guide's "Managing security configurations on the AWS Glue
#: console"), so none is asked of it.
RAY_COMMAND = "glueray"
#: The posture rules whose findings make a security configuration weak.
WEAK_RULES = tuple(sorted({rule for rules, _ in WRITES.values() for rule in rules}))


GS110 = Rule(
    id="GS110",
    title="Two security configurations with one name",
    severity="error",
    kind="service",
    rationale=(
        "A security configuration's name is unique in an account and region: of two "
        "resources with one `Name` in a template or module, the second create fails "
        "with `AlreadyExistsException`, and the deploy with it. cfn-lint reports the "
        "same conflict in templates."
    ),
    fix="Give each security configuration its own Name (or !Sub \"${AWS::StackName}-etl\").",
)

GS111 = Rule(
    id="GS111",
    title="Two catalog encryption settings for one catalog",
    severity="error",
    kind="service",
    rationale=(
        "A Data Catalog has one encryption settings document, and each put replaces it "
        "whole: two resources for one catalog (the same `CatalogId`, or both the "
        "account's) overwrite each other on every deploy."
    ),
    fix="Keep one DataCatalogEncryptionSettings resource per catalog.",
)

GS212 = Rule(
    id="GS212",
    title="A job, crawler or development endpoint with no security configuration",
    severity="warning",
    kind="posture",
    rationale=(
        "Encryption settings apply to what a job, crawler or development endpoint "
        "writes only through the security configuration it names; without one, what it "
        "writes is not encrypted by AWS Glue, whatever configurations the account "
        "defines: a job's Amazon S3 output, CloudWatch logs and job bookmarks, a "
        "crawler's CloudWatch logs, a development endpoint's Amazon S3 output (the "
        "developer guide's \"Encrypting data written by AWS Glue\"). A job whose "
        "`--encryption-type` argument is `sse-s3` has its Amazon S3 output encrypted with "
        "SSE-S3 (a security configuration would override it); a Ray job (`glueray`) takes "
        "no security configuration, and gets no finding."
    ),
    fix="SecurityConfiguration: !Ref EtlSecurityConfiguration   # Crawler: "
    "CrawlerSecurityConfiguration",
    checkov="CKV_AWS_195",
)

GS213 = Rule(
    id="GS213",
    title="A job, crawler or development endpoint using a weak security configuration",
    severity="warning",
    kind="posture",
    rationale=(
        "The security configuration it names is defined in the same template or module, "
        "and leaves some of what it covers unencrypted (GS203, GS204, GS205): the "
        "finding is placed at the job, where the exposure is, naming the "
        "configuration and each weak setting."
    ),
    fix="Encrypt S3, CloudWatch and job bookmarks in the configuration the job uses.",
)

GS901 = Rule(
    id="GS901",
    title="A security configuration defined nowhere in the input",
    severity="note",
    kind="input",
    rationale=(
        "A job, crawler or development endpoint names a security configuration that "
        "the template or module does not define (it may exist in the account already): "
        "its settings are not checked here."
    ),
    fix="Lint the template or module that defines the configuration too.",
)


RULES = (GS110, GS111, GS212, GS213, GS901)
#: None per model: the engine runs `cross_findings` over the input's resources together.
CHECKS: dict[type[Model], Check] = {}


@attrs.frozen
class CrossFinding:
    rule: str
    message: str
    link: Link


def cross_findings(
    links: Sequence[Link],
    configurations: Mapping[str, Subject],
    weak_settings: Callable[[Subject], list[tuple[str, str]]],
) -> Iterator[CrossFinding]:
    """The findings across `links`. `configurations` are the security configurations'
    subjects by resource; `weak_settings` says what one leaves unencrypted (the posture
    rule and its message, for each weak setting)."""
    yield from _same_value(links, "security-configuration", DUPLICATE_NAME)
    yield from _same_value(links, "catalog-settings", DUPLICATE_CATALOG)
    by_name = {
        link.value: link
        for link in links
        if link.kind == "security-configuration" and isinstance(link.value, str)
    }
    for link in links:
        if link.kind not in WRITES:
            continue
        if link.job is not None and link.job.command == RAY_COMMAND:
            continue  # a Ray job takes no security configuration
        what = f"this {_KIND_TEXT[link.kind]}"
        settings, written = WRITES[link.kind]
        if link.value is None:
            if link.job is not None and link.job.sse_s3_argument:
                written = (
                    "its logs and its job bookmarks are not encrypted by AWS Glue (its Amazon "
                    f"S3 output is encrypted with SSE-S3, as its {ENCRYPTION_TYPE_ARGUMENT} "
                    "argument asks)"
                )
            else:
                written = f"{written} not encrypted by AWS Glue"
            yield CrossFinding(
                NO_CONFIGURATION, f"{what} has no security configuration: {written}", link
            )
            continue
        if isinstance(link.value, Unknown):
            yield CrossFinding(
                UNKNOWN_VALUE,
                f"the security configuration {what} uses is not known until deploy "
                f"({link.value.why}): its settings are not checked here",
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
        weak = [message for rule, message in weak_settings(subject) if rule in settings]
        if weak:
            yield CrossFinding(
                WEAK_CONFIGURATION,
                f"{what} uses security configuration {target}, where {'; '.join(weak)}",
                link,
            )


def _same_value(links: Iterable[Link], kind: str, rule: str) -> Iterator[CrossFinding]:
    seen: dict[Any, list[Link]] = {}
    for link in links:
        if link.kind != kind or not (isinstance(link.value, str) or link.value is ACCOUNT):
            continue  # unknown, absent, a reference, or not a name at all
        same = seen.setdefault(link.value, [])
        # Resources whose conditions exclude each other are never deployed together.
        earlier = next((e for e in same if e.resource not in link.never_with), None)
        same.append(link)
        if earlier is None:
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
