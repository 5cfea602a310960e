"""Posture rules (GS201-GS211): security settings a reviewer should see, in the Data
Catalog's encryption, a security configuration and a resource policy. Each rule's record
is next to the check that reports it."""

from __future__ import annotations

import json
from typing import Any

from ...models.base import Model
from ...models.data_types import (
    ConnectionPasswordEncryption,
    DataCatalogEncryptionSettings,
    EncryptionAtRest,
    EncryptionConfiguration,
    GluePolicy,
    SecurityConfiguration,
)
from ...models.enums import CatalogEncryptionMode
from ...models.operations import operation
from ...spec.kinds import ListShape
from ...spec.plan import model_plan
from ..subject import DEPLOY_TIME, Parts, Unknown
from .blocks import BLOCKS, Block, mode_of
from .record import API_ONLY, KMS_ARN, Check, Reporter, Rule, wire_name

__all__ = ["CHECKS", "EFFECTS", "POLICY_VERSION", "RESTRICTING_KEYS", "RULES", "target_verdict"]


# -- the Data Catalog: GS201, GS202 -------------------------------------------------------------

GS201 = Rule(
    id="GS201",
    title="Data Catalog metadata not encrypted",
    severity="warning",
    kind="posture",
    rationale=(
        "Catalog metadata (table schemas, locations, connection definitions) is stored "
        "unencrypted with `CatalogEncryptionMode` DISABLED or no `EncryptionAtRest`. Both "
        "SSE-KMS and SSE-KMS-WITH-SERVICE-ROLE count as encrypted (checkov's CKV_AWS_94 "
        "fails the second, a reported false positive)."
    ),
    fix=f"EncryptionAtRest:\n  CatalogEncryptionMode: SSE-KMS\n  SseAwsKmsKeyId: {KMS_ARN}",
    checkov="CKV_AWS_94",
    prowler="glue_data_catalogs_metadata_encryption_enabled",
    reports=("https://github.com/bridgecrewio/checkov/issues/6237",),
)

GS202 = Rule(
    id="GS202",
    title="Connection passwords not encrypted",
    severity="warning",
    kind="posture",
    rationale=(
        "Without `ConnectionPasswordEncryption` turned on, GetConnection returns "
        "connection passwords in clear text to anyone allowed to call it."
    ),
    fix=(
        "ConnectionPasswordEncryption:\n"
        f"  ReturnConnectionPasswordEncrypted: true\n  AwsKmsKeyId: {KMS_ARN}"
    ),
    checkov="CKV_AWS_94",
    prowler="glue_data_catalogs_connection_passwords_encryption_enabled",
)


def check_catalog(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    at_rest_member = wire_name(DataCatalogEncryptionSettings, "encryption_at_rest")
    password_member = wire_name(DataCatalogEncryptionSettings, "connection_password_encryption")
    at_rest, password = value.get(at_rest_member), value.get(password_member)
    # Catalog metadata: both SSE-KMS modes count as encrypted.
    if not isinstance(at_rest, Unknown):
        mode = (
            mode_of(BLOCKS[EncryptionAtRest], at_rest)
            if isinstance(at_rest, dict)
            else CatalogEncryptionMode.DISABLED
        )
        if mode is CatalogEncryptionMode.DISABLED:
            where = (*wire, at_rest_member) if at_rest is not None else wire
            reporter.add(GS201.id, "catalog metadata is not encrypted", where)
    if not isinstance(password, Unknown):
        flag_member = wire_name(
            ConnectionPasswordEncryption, "return_connection_password_encrypted"
        )
        flag = password.get(flag_member) if isinstance(password, dict) else False
        if flag is False:
            where = (*wire, password_member) if password is not None else wire
            reporter.add(GS202.id, "connection passwords are not encrypted", where)


# -- security configurations: GS203-GS206 -------------------------------------------------------

GS203 = Rule(
    id="GS203",
    title="Amazon S3 encryption disabled or absent",
    severity="warning",
    kind="posture",
    rationale="Data that jobs, crawlers and endpoints write to Amazon S3 is not encrypted "
    "by AWS Glue under this security configuration.",
    fix=f"S3Encryption:\n  - S3EncryptionMode: SSE-KMS\n    KmsKeyArn: {KMS_ARN}",
    checkov="CKV_AWS_99",
    prowler="glue_etl_jobs_amazon_s3_encryption_enabled",
)

GS204 = Rule(
    id="GS204",
    title="CloudWatch logs encryption disabled or absent",
    severity="warning",
    kind="posture",
    rationale="Logs that AWS Glue writes to Amazon CloudWatch are not encrypted with a "
    "key you control under this security configuration.",
    fix=f"CloudWatchEncryption:\n  CloudWatchEncryptionMode: SSE-KMS\n  KmsKeyArn: {KMS_ARN}",
    checkov="CKV_AWS_99",
    prowler="glue_etl_jobs_cloudwatch_logs_encryption_enabled",
)

GS205 = Rule(
    id="GS205",
    title="Job bookmark encryption disabled or absent",
    severity="warning",
    kind="posture",
    rationale="Job bookmarks record which data a job has processed; without CSE-KMS they "
    "are stored unencrypted.",
    fix=(f"JobBookmarksEncryption:\n  JobBookmarksEncryptionMode: CSE-KMS\n  KmsKeyArn: {KMS_ARN}"),
    checkov="CKV_AWS_99",
    prowler="glue_etl_jobs_job_bookmark_encryption_enabled",
)

GS206 = Rule(
    id="GS206",
    title="Data-quality results encryption disabled or absent",
    severity="warning",
    kind="posture",
    rationale=(
        "Data-quality results can quote the data they check; without SSE-KMS they are "
        "stored unencrypted. CloudFormation and Terraform cannot set this member, so the "
        "rule fires for API payloads only; no other tool checks it."
    ),
    fix=(f"DataQualityEncryption:\n  DataQualityEncryptionMode: SSE-KMS\n  KmsKeyArn: {KMS_ARN}"),
    inputs=API_ONLY,
)

_TARGETS: tuple[tuple[str, str, str], ...] = (
    (GS203.id, wire_name(EncryptionConfiguration, "s3_encryption"), "Amazon S3"),
    (GS204.id, wire_name(EncryptionConfiguration, "cloud_watch_encryption"), "CloudWatch logs"),
    (GS205.id, wire_name(EncryptionConfiguration, "job_bookmarks_encryption"), "job bookmark"),
    (GS206.id, wire_name(EncryptionConfiguration, "data_quality_encryption"), "data-quality"),
)


def _target_model(shape: Any) -> type[Model]:
    """The model of an `EncryptionConfiguration` member (of its items, for a list)."""
    return _target_model(shape.item) if isinstance(shape, ListShape) else shape.model


_TARGET_MODELS: dict[str, type[Model]] = {
    spec.wire_name: _target_model(spec.shape)
    for spec in model_plan(EncryptionConfiguration).members.values()
}

Verdict = str  # "encrypted", "disabled", "absent", "unknown" or "invalid"


def target_verdict(configuration: dict[str, Any], target: str) -> Verdict:
    """Whether an `EncryptionConfiguration` payload encrypts `target` (a member's wire
    name): "encrypted", "disabled", "absent", "unknown" (not known until deploy) or
    "invalid" (a mode the enum does not have, which a schema rule reports)."""
    value = configuration.get(target)
    if isinstance(value, Unknown):
        return "unknown"
    block = BLOCKS[_TARGET_MODELS[target]]
    if isinstance(value, list):  # S3Encryption: one item, or (wrongly) more
        if not value:
            return "absent"
        verdicts = {
            "unknown" if isinstance(item, Unknown) else _block_verdict(block, item)
            for item in value
        }
        for verdict in ("invalid", "unknown", "encrypted"):
            if verdict in verdicts:
                return verdict
        return "disabled"
    if value is None:
        return "absent"
    return _block_verdict(block, value)


def _block_verdict(block: Block, value: Any) -> Verdict:
    if not isinstance(value, dict):
        return "invalid"
    mode = mode_of(block, value)
    if mode is None:
        return "invalid"
    if isinstance(mode, Unknown):
        return "unknown"
    return "disabled" if mode is block.disabled else "encrypted"


def check_configuration(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    for rule_id, target, what in _TARGETS:
        verdict = target_verdict(value, target)
        if verdict in ("disabled", "absent"):
            where = (*wire, target) if verdict == "disabled" else wire
            reporter.add(rule_id, f"{what} encryption is {verdict}", where)


def check_security_configuration(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    """A security configuration read back with no EncryptionConfiguration at all (a real
    GetSecurityConfigurations response has one) encrypts none of what it covers."""
    member = wire_name(SecurityConfiguration, "encryption_configuration")
    if value.get(member) is None:
        for rule_id, _, what in _TARGETS:
            reporter.add(rule_id, f"{what} encryption is absent: there is no {member}", wire)


# -- resource policies: GS207-GS211 -------------------------------------------------------------

GS207 = Rule(
    id="GS207",
    title="A resource policy that grants to everyone",
    severity="error",
    kind="posture",
    rationale=(
        'An `Allow` statement with `"Principal": "*"` (or `{"AWS": "*"}`), or with '
        "`NotPrincipal` (everyone but the principals it names), opens the Data Catalog to "
        "every AWS account, unless a condition restricts it to an account or organisation: "
        "a positive test (`StringEquals`, `StringLike`, `ArnEquals`, `ArnLike`, without "
        "`IfExists`) of `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceAccount`, "
        "`aws:SourceArn` and the like. A negated test (`StringNotEquals "
        'aws:PrincipalAccount`) grants everyone else, and `Null aws:PrincipalOrgID: "false"` '
        "any principal in any organisation: neither restricts."
    ),
    fix=(
        '{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "glue:GetTable",\n'
        ' "Resource": "arn:aws:glue:us-east-1:111122223333:*",\n'
        ' "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}'
    ),
    prowler="glue_data_catalogs_not_publicly_accessible",
)

GS208 = Rule(
    id="GS208",
    title="A resource policy that grants to another account",
    severity="note",
    kind="posture",
    rationale=(
        "An `Allow` statement names a principal in an account other than the one that "
        "owns the resources it covers: cross-account access, which should be deliberate "
        "and reviewed. Fires only where the statement's resources name their account."
    ),
    fix="Check that the account is meant to have access; suppress the rule where it is.",
)

GS209 = Rule(
    id="GS209",
    title='A resource policy without "Version": "2012-10-17"',
    severity="warning",
    kind="posture",
    rationale=(
        "Without the current policy language version, IAM reads the policy with the "
        "2008 language, in which policy variables such as `${aws:PrincipalTag/team}` are "
        "plain text: conditions that use them never match as intended."
    ),
    fix='{"Version": "2012-10-17", "Statement": [...]}',
)

GS210 = Rule(
    id="GS210",
    title="A policy statement with an unknown Effect",
    severity="error",
    kind="posture",
    rationale="A statement's `Effect` is `Allow` or `Deny` (case-sensitive); any other "
    "value makes the policy invalid.",
    fix='"Effect": "Allow"',
)

GS211 = Rule(
    id="GS211",
    title="A policy statement with actions that are not Glue actions",
    severity="warning",
    kind="posture",
    rationale=(
        "A Glue resource policy governs Glue actions only; another service's action "
        "(`s3:GetObject`) grants nothing here, and usually means the policy was written "
        "for another resource."
    ),
    fix='"Action": ["glue:GetDatabase", "glue:GetTable"]',
)

POLICY_VERSION = "2012-10-17"
EFFECTS = ("Allow", "Deny")
#: Condition keys that restrict a grant to an account or organisation (lower case).
RESTRICTING_KEYS = frozenset(
    key.lower()
    for key in (
        "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
        "aws:SourceOwner",
    )
)


def _deploy_time(value: Any) -> bool:
    """Whether a policy's value holds a part known only at deploy time: not decided."""
    return isinstance(value, str) and DEPLOY_TIME in value


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _account_of(principal: str) -> str | None:
    if len(principal) == 12 and principal.isdigit():
        return principal
    fields = principal.split(":")
    if len(fields) >= 6 and fields[0] == "arn" and fields[4].isdigit():
        return fields[4]
    return None


def _aws_principals(principal: Any) -> list[str]:
    if principal == "*":
        return ["*"]
    if isinstance(principal, dict):
        return [p for p in _as_list(principal.get("AWS")) if isinstance(p, str)]
    return []


#: Condition operators that hold only for the values they list (lower case): a negated
#: one (`StringNotEquals`) holds for every other value, an `...IfExists` one where the key
#: is absent, and `Null` only tests whether the key is there.
RESTRICTING_OPERATORS = frozenset(
    operator.lower()
    for operator in ("StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike")
)


def _restricted(condition: Any) -> bool:
    if not isinstance(condition, dict):
        return False
    for operator, test in condition.items():
        if not isinstance(operator, str) or not isinstance(test, dict):
            continue
        base = operator.lower().removeprefix("foranyvalue:")
        if base not in RESTRICTING_OPERATORS:
            continue
        for key, expected in test.items():
            values = _as_list(expected)
            if (
                isinstance(key, str)
                and key.lower() in RESTRICTING_KEYS
                and values
                and "*" not in values
            ):
                return True
    return False


def _check_policy_text(reporter: Reporter, text: Any, wire: Parts) -> None:
    if not isinstance(text, str):
        return
    try:
        policy = json.loads(text)
    except (ValueError, RecursionError):
        return  # a schema rule reports it
    if not isinstance(policy, dict):
        return
    version = policy.get("Version")
    if version != POLICY_VERSION and not _deploy_time(version):
        got = "no Version" if version is None else f"Version {version!r}"
        reporter.add(GS209.id, f"the policy has {got}, not {POLICY_VERSION!r}", wire)
    for index, statement in enumerate(_as_list(policy.get("Statement"))):
        if isinstance(statement, dict):
            _check_statement(reporter, statement, f"Statement[{index}]", wire)


def _check_statement(reporter: Reporter, statement: dict[str, Any], name: str, wire: Parts) -> None:
    effect = statement.get("Effect")
    if effect not in EFFECTS and not _deploy_time(effect):
        reporter.add(GS210.id, f"{name}: Effect {effect!r} is neither 'Allow' nor 'Deny'", wire)
    for key in ("Action", "NotAction"):
        for action in _as_list(statement.get(key, [])):
            if (
                isinstance(action, str)
                and action != "*"
                and not action.lower().startswith("glue:")
                and not _deploy_time(action)
            ):
                reporter.add(GS211.id, f"{name}: {key} {action!r} is not a Glue action", wire)
    if effect != "Allow":
        return
    principals = _aws_principals(statement.get("Principal"))
    if "NotPrincipal" in statement:
        everyone = "every principal but those in NotPrincipal"
    elif "*" in principals:
        everyone = 'every principal ("*")'
    else:
        everyone = None
    if everyone is not None and not _restricted(statement.get("Condition")):
        reporter.add(
            GS207.id,
            f"{name} allows {everyone} with no condition restricting it to an account or "
            "organisation",
            wire,
        )
    owners = {
        account
        for resource in _as_list(statement.get("Resource", []))
        if isinstance(resource, str)
        for account in [_account_of(resource)]
        if account is not None
    }
    if owners:
        for principal in principals:
            account = _account_of(principal)
            if account is not None and account not in owners:
                reporter.add(
                    GS208.id,
                    f"{name} grants to account {account}, which does not own its resources",
                    wire,
                )


def check_policy(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    name = wire_name(model, "policy_in_json")
    _check_policy_text(reporter, value.get(name), (*wire, name))


RULES = (GS201, GS202, GS203, GS204, GS205, GS206, GS207, GS208, GS209, GS210, GS211)

#: The check of each model this family looks at.
CHECKS: dict[type[Model], Check] = {
    DataCatalogEncryptionSettings: check_catalog,
    EncryptionConfiguration: check_configuration,
    SecurityConfiguration: check_security_configuration,
    operation("PutResourcePolicy").input: check_policy,
    operation("GetResourcePolicy").output: check_policy,
    GluePolicy: check_policy,
}
