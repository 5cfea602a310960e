"""The lint rules, as data: one `Rule` per id, read by the engine, the command and the docs.

A rule says what it finds, how bad it is, why it matters (citing the report where the
service's behaviour is observed rather than documented), how to fix it, which inputs it
can fire for, and the matching checks of other tools. The checks themselves live in
`_lint.py`; `docs/rules/` is generated from this module (`python -m glue_security.generate`).
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from ..documents.findings import Severity
from ..validation.error import ErrorCode

__all__ = [
    "INPUTS",
    "RULES",
    "SCHEMA_RULES",
    "UNKNOWN_VALUE",
    "InputKind",
    "Rule",
]

RuleKind = Literal["schema", "service", "posture", "input"]
InputKind = Literal["api", "cloudformation", "terraform"]
INPUTS: tuple[InputKind, ...] = ("api", "cloudformation", "terraform")
_EVERY_INPUT: frozenset[InputKind] = frozenset(INPUTS)
_API_ONLY: frozenset[InputKind] = frozenset({"api"})


@attrs.frozen
class Rule:
    """One lint rule. `inputs` are the kinds of input it can fire for: a rule about a
    member that CloudFormation or Terraform cannot express never fires there, since a
    user could not act on it."""

    id: str
    title: str
    severity: Severity
    kind: RuleKind
    rationale: str
    fix: str
    inputs: frozenset[InputKind] = _EVERY_INPUT
    checkov: str | None = None
    prowler: str | None = None
    security_hub: str | None = None
    #: Public reports of service behaviour the documentation does not state.
    reports: tuple[str, ...] = ()


_KMS_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

_SCHEMA_TITLES: dict[ErrorCode, str] = {
    "type": "A value has the wrong type",
    "required": "A required member is missing",
    "unknown": "A member the shape does not define",
    "length": "A string or list outside its documented length",
    "pattern": "A string that does not match its documented pattern",
    "enum": "A value outside its enum",
    "range": "A number outside its documented range",
    "json": "A policy that is not a JSON object",
}

# A repeated key is a fault of the file's text, found while reading it: lint reports it
# with the file-level code `duplicate`, as validate does, not as a rule of the payload.
_PAYLOAD_CODES = [code for code in typing.get_args(ErrorCode) if code != "duplicate"]

#: One schema rule per `ValidationError` code a payload can have, in the order of `ErrorCode`.
SCHEMA_RULES: Mapping[str, str] = MappingProxyType(
    {code: f"GS{number:03d}" for number, code in enumerate(_PAYLOAD_CODES, 1)}
)

_schema_rules = [
    Rule(
        id=SCHEMA_RULES[code],
        title=_SCHEMA_TITLES[code],
        severity="error",
        kind="schema",
        rationale=(
            f"The payload breaks a constraint of the API (`{code}`), as "
            "`glue-security validate` reports it: the service rejects the request, or a "
            "deploy tool fails on it. The message names the constraint and the value."
        ),
        fix="Change the value to meet the constraint the message names; "
        "`glue-security schema SHAPE` prints every constraint of a shape.",
    )
    for code in _PAYLOAD_CODES
]

UNKNOWN_VALUE = "GS900"

_rules = [
    *_schema_rules,
    # -- service rules: what the service does that the model does not say ------------------
    Rule(
        id="GS101",
        title="More than one S3Encryption item",
        severity="error",
        kind="service",
        rationale=(
            "The model allows a list, but the service takes one item: a security configuration "
            "with two is rejected with `InvalidInputException: S3 EncryptionConfiguration list "
            "cannot be greater than one`. This is reported, not documented; the AWS CDK's "
            "construct takes a single S3 setting for the same reason."
        ),
        fix=(
            "EncryptionConfiguration:\n"
            "  S3Encryptions:\n"
            f"    - S3EncryptionMode: SSE-KMS\n      KmsKeyArn: {_KMS_ARN}"
        ),
        reports=(
            "https://github.com/aws-controllers-k8s/community/issues/715",
            "https://github.com/aws/aws-cdk/pull/12450",
        ),
    ),
    Rule(
        id="GS102",
        title="A KMS encryption mode without a key",
        severity="error",
        kind="service",
        rationale=(
            "SSE-KMS, CSE-KMS and SSE-KMS-WITH-SERVICE-ROLE encrypt with the key the payload "
            "names. The KMS key ARN pattern admits the empty string, and the service accepts "
            "a KMS mode with no key or an empty one; jobs that use the configuration fail "
            "later, when they first write, rather than at deploy time (observed behaviour, "
            "not documented)."
        ),
        fix=f"S3EncryptionMode: SSE-KMS\nKmsKeyArn: {_KMS_ARN}",
    ),
    Rule(
        id="GS103",
        title="A key given with a mode that does not use it",
        severity="warning",
        kind="service",
        rationale=(
            "With DISABLED (or SSE-S3, for Amazon S3) the key is ignored: a reader of the "
            "payload may believe the data is encrypted with it."
        ),
        fix=f"S3EncryptionMode: SSE-KMS   # or leave KmsKeyArn out\nKmsKeyArn: {_KMS_ARN}",
    ),
    Rule(
        id="GS104",
        title="SSE-KMS-WITH-SERVICE-ROLE without CatalogEncryptionServiceRole",
        severity="error",
        kind="service",
        rationale=(
            "In this mode AWS Glue uses the key through the role the settings name; without "
            "`CatalogEncryptionServiceRole` there is no role to assume."
        ),
        fix=(
            "CatalogEncryptionMode: SSE-KMS-WITH-SERVICE-ROLE\n"
            f"SseAwsKmsKeyId: {_KMS_ARN}\n"
            "CatalogEncryptionServiceRole: arn:aws:iam::111122223333:role/glue-catalog-kms"
        ),
    ),
    Rule(
        id="GS105",
        title="CatalogEncryptionServiceRole with a mode that does not use it",
        severity="warning",
        kind="service",
        rationale=(
            "Only SSE-KMS-WITH-SERVICE-ROLE uses the role; with another mode it is ignored, "
            "and a reader may believe catalog encryption is delegated to it."
        ),
        fix="CatalogEncryptionMode: SSE-KMS-WITH-SERVICE-ROLE   # or leave the role out",
    ),
    Rule(
        id="GS106",
        title="PutDataCatalogEncryptionSettings without both sub-documents",
        severity="warning",
        kind="service",
        rationale=(
            "PutDataCatalogEncryptionSettings replaces the whole settings document: a "
            "sub-document left out is reset, so a payload with only `EncryptionAtRest` turns "
            "connection password encryption off (reported, not documented)."
        ),
        fix=(
            "DataCatalogEncryptionSettings:\n"
            "  EncryptionAtRest: {CatalogEncryptionMode: SSE-KMS, SseAwsKmsKeyId: KEY}\n"
            "  ConnectionPasswordEncryption: {ReturnConnectionPasswordEncrypted: true, "
            "AwsKmsKeyId: KEY}"
        ),
        reports=("https://github.com/cloud-custodian/cloud-custodian/issues/8843",),
    ),
    Rule(
        id="GS107",
        title="Connection password encryption without a key",
        severity="warning",
        kind="service",
        rationale=(
            "With `ReturnConnectionPasswordEncrypted` on and no `AwsKmsKeyId`, the service "
            "fills in `alias/aws/glue`, so the settings read back differ from those deployed "
            "and infrastructure tools show drift on every plan (reported, not documented)."
        ),
        fix=(
            "ConnectionPasswordEncryption:\n"
            "  ReturnConnectionPasswordEncrypted: true\n"
            f"  AwsKmsKeyId: {_KMS_ARN}"
        ),
        reports=("https://github.com/pulumi/pulumi-aws/issues/3618",),
    ),
    Rule(
        id="GS108",
        title="ResourceArn on PutResourcePolicy",
        severity="warning",
        kind="service",
        rationale=(
            "The API documents `ResourceArn` on PutResourcePolicy as internal: do not use. "
            "The policy applies to the Data Catalog of the caller's account."
        ),
        fix="Leave `ResourceArn` out of the request.",
        inputs=_API_ONLY,
    ),
    Rule(
        id="GS109",
        title="PutResourcePolicy without a condition",
        severity="warning",
        kind="service",
        rationale=(
            "Without `PolicyExistsCondition` (MUST_EXIST or NOT_EXIST) or "
            "`PolicyHashCondition`, a put overwrites whatever policy is there, including one "
            "written since the caller last read it: a lost update waiting to happen."
        ),
        fix="PolicyHashCondition: HASH_FROM_GetResourcePolicy   # or PolicyExistsCondition",
        inputs=_API_ONLY,
    ),
    Rule(
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
    ),
    Rule(
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
    ),
    # -- posture rules ----------------------------------------------------------------------
    Rule(
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
        fix=f"EncryptionAtRest:\n  CatalogEncryptionMode: SSE-KMS\n  SseAwsKmsKeyId: {_KMS_ARN}",
        checkov="CKV_AWS_94",
        prowler="glue_data_catalogs_metadata_encryption_enabled",
        reports=("https://github.com/bridgecrewio/checkov/issues/6237",),
    ),
    Rule(
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
            f"  ReturnConnectionPasswordEncrypted: true\n  AwsKmsKeyId: {_KMS_ARN}"
        ),
        checkov="CKV_AWS_94",
        prowler="glue_data_catalogs_connection_passwords_encryption_enabled",
    ),
    Rule(
        id="GS203",
        title="Amazon S3 encryption disabled or absent",
        severity="warning",
        kind="posture",
        rationale="Data that jobs, crawlers and endpoints write to Amazon S3 is not encrypted "
        "by AWS Glue under this security configuration.",
        fix=f"S3Encryption:\n  - S3EncryptionMode: SSE-KMS\n    KmsKeyArn: {_KMS_ARN}",
        checkov="CKV_AWS_99",
        prowler="glue_etl_jobs_amazon_s3_encryption_enabled",
    ),
    Rule(
        id="GS204",
        title="CloudWatch logs encryption disabled or absent",
        severity="warning",
        kind="posture",
        rationale="Logs that AWS Glue writes to Amazon CloudWatch are not encrypted with a "
        "key you control under this security configuration.",
        fix=f"CloudWatchEncryption:\n  CloudWatchEncryptionMode: SSE-KMS\n  KmsKeyArn: {_KMS_ARN}",
        checkov="CKV_AWS_99",
        prowler="glue_etl_jobs_cloudwatch_logs_encryption_enabled",
    ),
    Rule(
        id="GS205",
        title="Job bookmark encryption disabled or absent",
        severity="warning",
        kind="posture",
        rationale="Job bookmarks record which data a job has processed; without CSE-KMS they "
        "are stored unencrypted.",
        fix=(
            "JobBookmarksEncryption:\n"
            f"  JobBookmarksEncryptionMode: CSE-KMS\n  KmsKeyArn: {_KMS_ARN}"
        ),
        checkov="CKV_AWS_99",
        prowler="glue_etl_jobs_job_bookmark_encryption_enabled",
    ),
    Rule(
        id="GS206",
        title="Data-quality results encryption disabled or absent",
        severity="warning",
        kind="posture",
        rationale=(
            "Data-quality results can quote the data they check; without SSE-KMS they are "
            "stored unencrypted. CloudFormation and Terraform cannot set this member, so the "
            "rule fires for API payloads only; no other tool checks it."
        ),
        fix=(
            f"DataQualityEncryption:\n  DataQualityEncryptionMode: SSE-KMS\n  KmsKeyArn: {_KMS_ARN}"
        ),
        inputs=_API_ONLY,
    ),
    Rule(
        id="GS207",
        title="A resource policy that grants to everyone",
        severity="error",
        kind="posture",
        rationale=(
            'An `Allow` statement with `"Principal": "*"` (or `{"AWS": "*"}`) opens the '
            "Data Catalog to every AWS account, unless a condition restricts it to an "
            "account or organisation (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, "
            "`aws:SourceAccount`, `aws:SourceArn` and the like)."
        ),
        fix=(
            '{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "glue:GetTable",\n'
            ' "Resource": "arn:aws:glue:us-east-1:111122223333:*",\n'
            ' "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}'
        ),
        prowler="glue_data_catalogs_not_publicly_accessible",
    ),
    Rule(
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
    ),
    Rule(
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
    ),
    Rule(
        id="GS210",
        title="A policy statement with an unknown Effect",
        severity="error",
        kind="posture",
        rationale="A statement's `Effect` is `Allow` or `Deny` (case-sensitive); any other "
        "value makes the policy invalid.",
        fix='"Effect": "Allow"',
    ),
    Rule(
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
    ),
    Rule(
        id="GS212",
        title="A job, crawler or development endpoint with no security configuration",
        severity="warning",
        kind="posture",
        rationale=(
            "Encryption settings apply to what a job, crawler or development endpoint "
            "writes only through the security configuration it names; without one, its "
            "Amazon S3 output, CloudWatch logs and job bookmarks are not encrypted by AWS "
            "Glue, whatever configurations the account defines."
        ),
        fix="SecurityConfiguration: !Ref EtlSecurityConfiguration   # Crawler: "
        "CrawlerSecurityConfiguration",
        checkov="CKV_AWS_195",
    ),
    Rule(
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
    ),
    # -- what the engine says about the input itself -------------------------------------
    Rule(
        id=UNKNOWN_VALUE,
        title="A value not known until deploy",
        severity="note",
        kind="input",
        rationale=(
            "An intrinsic function (`!Ref`, `!GetAtt`, `!Sub`, `!If`, ...) or a Terraform "
            "value known only after apply is never a finding by itself: the constraints on "
            "it are skipped, and posture rules treat it as unknown. Reported with "
            "`--verbose` only, so that a reviewer can see what was not checked."
        ),
        fix="Nothing to fix; give the value literally to have it checked.",
    ),
    Rule(
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
    ),
]

RULES: Mapping[str, Rule] = MappingProxyType({r.id: r for r in _rules})
