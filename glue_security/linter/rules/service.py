"""Service rules (GS101-GS109): what the service does that its model does not say. Each
rule's record is next to the check that reports it; what the service requires (how many
items, which modes need a key or a role, which members are internal) is read from the
service rules (`glue_security.models.service_rules`), as the in-memory service and the
strategies read it."""

from __future__ import annotations

from typing import Any

from ...models.base import Model
from ...models.data_types import (
    ConnectionPasswordEncryption,
    DataCatalogEncryptionSettings,
)
from ...models.enums import ExistCondition
from ...models.operations import operation
from ...models.service_rules import AWS_MANAGED_KEY, INTERNAL_MEMBERS, ITEM_LIMITS, ROLE_MODES
from ..subject import NOT_RECORDED, ParameterDefault, Parts, Unknown
from .blocks import BLOCKS, mode_of
from .record import API_ONLY, KMS_ARN, Check, Reporter, Rule, wire_name

__all__ = ["CHECKS", "RULES"]


# -- GS101 -------------------------------------------------------------------------------------

GS101 = Rule(
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
        f"    - S3EncryptionMode: SSE-KMS\n      KmsKeyArn: {KMS_ARN}"
    ),
    reports=(
        "https://github.com/aws-controllers-k8s/community/issues/715",
        "https://github.com/aws/aws-cdk/pull/12450",
    ),
)

_ITEM_LIMITS = {rule.model: rule for rule in ITEM_LIMITS}


def check_item_limit(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    limit = _ITEM_LIMITS[model]
    name = wire_name(model, limit.member)
    items = value.get(name)
    if isinstance(items, list) and len(items) > limit.most:
        most = "one" if limit.most == 1 else str(limit.most)
        reporter.add(
            GS101.id,
            f"{name} holds {len(items)} items; the service takes {most}",
            (*wire, name),
        )


# -- GS102, GS103 ------------------------------------------------------------------------------

GS102 = Rule(
    id="GS102",
    title="A KMS encryption mode without a key",
    severity="error",
    kind="service",
    rationale=(
        "SSE-KMS, CSE-KMS and SSE-KMS-WITH-SERVICE-ROLE encrypt with the key the payload "
        "names. The KMS key ARN pattern admits the empty string, and the service accepts "
        "a KMS mode with no key or an empty one; jobs that use the configuration fail "
        "later, when they first write, rather than at deploy time (observed behaviour, "
        "not documented). The catalog's SSE-KMS with no key is not this rule: the service "
        "then uses the AWS-managed key (GS112)."
    ),
    fix=f"S3EncryptionMode: SSE-KMS\nKmsKeyArn: {KMS_ARN}",
)

GS103 = Rule(
    id="GS103",
    title="A key given with a mode that does not use it",
    severity="warning",
    kind="service",
    rationale=(
        "With DISABLED (or SSE-S3, for Amazon S3) the key is ignored: a reader of the "
        "payload may believe the data is encrypted with it."
    ),
    fix=f"S3EncryptionMode: SSE-KMS   # or leave KmsKeyArn out\nKmsKeyArn: {KMS_ARN}",
)


def _given(value: Any) -> bool:
    """Whether a member is given a value: a non-empty string, or one known only at deploy
    (except a condition's, which may turn out to be no value at all)."""
    if isinstance(value, Unknown):  # an unrecorded member (CloudTrail) may be absent
        return value.why not in ("Fn::If", NOT_RECORDED)
    return isinstance(value, str) and value != ""


def check_key_for_mode(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    block = BLOCKS[model]
    mode = mode_of(block, value)
    if mode is None or isinstance(mode, Unknown):
        return
    key = value.get(block.key)
    if mode in block.defaulted_modes and (key is None or key == AWS_MANAGED_KEY):
        # The service falls back to the AWS-managed key: not an error (GS112); a response
        # (or a put that copied one) names that key.
        reporter.add(
            GS112.id,
            f"{block.mode} {mode.value} with "
            + (f"no {block.key}" if key is None else f"{block.key} {AWS_MANAGED_KEY}")
            + f": the catalog is encrypted with the AWS-managed key {AWS_MANAGED_KEY}",
            wire if key is None else (*wire, block.key),
        )
    elif mode in block.kms_modes and (key is None or key == ""):
        which = "an empty key" if key == "" else f"no {block.key}"
        reporter.add(
            GS102.id,
            f"{block.mode} {mode.value} with {which}: give the ARN of the KMS key to use",
            (*wire, block.key) if key == "" else wire,
        )
    elif mode in block.kms_modes and isinstance(key, ParameterDefault) and key.default == "":
        # As the literal "" above, whenever the deploy keeps the default (GS113).
        reporter.add(
            GS113.id,
            f"parameter {key.parameter}'s default: {block.mode} {mode.value} with an empty "
            "key: give the ARN of the KMS key to use",
            (*wire, block.key),
        )
    elif mode not in block.kms_modes and _given(key):
        reporter.add(
            GS103.id,
            f"{block.key} is ignored with {block.mode} {mode.value}",
            (*wire, block.key),
        )


# -- GS112 -------------------------------------------------------------------------------------

GS112 = Rule(
    id="GS112",
    title="Catalog SSE-KMS with the AWS-managed key",
    severity="note",
    kind="service",
    rationale=(
        "With `CatalogEncryptionMode` SSE-KMS and no `SseAwsKmsKeyId`, the service accepts "
        "the settings and encrypts the catalog with the AWS-managed key `alias/aws/glue` "
        "(a GetDataCatalogEncryptionSettings response then shows that key, and this rule "
        "reports it there too, as it does a key given as `alias/aws/glue`). The metadata "
        "is encrypted, so this is no error; a key you manage gives you its policy and its "
        "audit trail. A security configuration's KMS mode without a key is different: "
        "there the jobs that use it fail (GS102)."
    ),
    fix=f"EncryptionAtRest:\n  CatalogEncryptionMode: SSE-KMS\n  SseAwsKmsKeyId: {KMS_ARN}",
)


# -- GS113: reported by the CloudFormation input (`inputs.cfn_values`), which reads parameters

GS113 = Rule(
    id="GS113",
    title="A template parameter whose default or allowed value the property rejects",
    severity="warning",
    kind="service",
    rationale=(
        "A property given as `!Ref Parameter` takes the parameter's value at deploy: its "
        "`Default`, unless the deploy passes another, and one of its `AllowedValues` where "
        "it has them. A default or allowed value the property's constraint rejects makes "
        "the deploy fail whenever it is used; an empty default as a KMS mode's key leaves "
        "the mode with no key, as GS102 says of an empty literal. A warning, not an error: "
        "the deploy may pass a valid value."
    ),
    fix=f"Parameters:\n  KeyArn:\n    Type: String\n    Default: {KMS_ARN}",
    inputs=frozenset({"cloudformation"}),
)


# -- GS104, GS105 ------------------------------------------------------------------------------

GS104 = Rule(
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
        f"SseAwsKmsKeyId: {KMS_ARN}\n"
        "CatalogEncryptionServiceRole: arn:aws:iam::111122223333:role/glue-catalog-kms"
    ),
)

GS105 = Rule(
    id="GS105",
    title="CatalogEncryptionServiceRole with a mode that does not use it",
    severity="warning",
    kind="service",
    rationale=(
        "Only SSE-KMS-WITH-SERVICE-ROLE uses the role: the API documents the mode as "
        "server-side encryption with a KMS key \"using a service role that AWS Glue "
        "assumes to access the key on your behalf\", and SSE-KMS as encryption with the "
        "key alone (the CatalogEncryptionMode values, as AWS's CDK documents them). With "
        "another mode the service stores the role (the Terraform provider's tests read it "
        "back) but no documentation gives it a use, and a reader may believe catalog "
        "encryption is delegated to it."
    ),
    fix="CatalogEncryptionMode: SSE-KMS-WITH-SERVICE-ROLE   # or leave the role out",
)


_ROLES = {rule.model: rule for rule in ROLE_MODES}


def check_role_for_mode(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    check_key_for_mode(reporter, model, value, wire, parent)
    block, rule = BLOCKS[model], _ROLES[model]
    mode = mode_of(block, value)
    role_member = wire_name(model, rule.role)
    role = value.get(role_member)
    if mode is None or isinstance(mode, Unknown):
        return
    if mode in rule.role_modes and (role is None or role == ""):
        reporter.add(GS104.id, f"{block.mode} {mode.value} needs {role_member}", wire)
    elif mode not in rule.role_modes and _given(role):
        uses = " or ".join(sorted(str(m.value) for m in rule.role_modes))
        reporter.add(
            GS105.id,
            f"{role_member} is used only with {block.mode} {uses}, not {mode.value}",
            (*wire, role_member),
        )


# -- GS106 -------------------------------------------------------------------------------------

GS106 = Rule(
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
)


def check_whole_settings(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    if parent is not operation("PutDataCatalogEncryptionSettings").input:
        return
    for attribute in ("encryption_at_rest", "connection_password_encryption"):
        member_name = wire_name(DataCatalogEncryptionSettings, attribute)
        if value.get(member_name) is None:
            reporter.add(
                GS106.id,
                f"{member_name} is left out: PutDataCatalogEncryptionSettings replaces "
                "the whole document, so it will be reset",
                wire,
            )


# -- GS107 -------------------------------------------------------------------------------------

GS107 = Rule(
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
        f"  AwsKmsKeyId: {KMS_ARN}"
    ),
    reports=("https://github.com/pulumi/pulumi-aws/issues/3618",),
)


def check_password_key(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    flag = value.get(
        wire_name(ConnectionPasswordEncryption, "return_connection_password_encrypted")
    )
    key_member = wire_name(ConnectionPasswordEncryption, "aws_kms_key_id")
    key = value.get(key_member)
    if flag is True and (key is None or key == ""):
        reporter.add(
            GS107.id,
            f"password encryption is on without {key_member}: the service uses and fills in "
            f"the AWS-managed key {AWS_MANAGED_KEY}, which then shows as drift",
            wire,
        )


# -- GS108, GS109 ------------------------------------------------------------------------------

GS108 = Rule(
    id="GS108",
    title="ResourceArn on PutResourcePolicy",
    severity="warning",
    kind="service",
    rationale=(
        "The API documents `ResourceArn` on PutResourcePolicy as internal: do not use. "
        "The policy applies to the Data Catalog of the caller's account."
    ),
    fix="Leave `ResourceArn` out of the request.",
    inputs=API_ONLY,
)

GS109 = Rule(
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
    inputs=API_ONLY,
)


_INTERNAL = {rule.model: rule.member for rule in INTERNAL_MEMBERS}


def check_put_policy(
    reporter: Reporter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    arn = wire_name(model, _INTERNAL[model])
    if value.get(arn) == "" or _given(value.get(arn)):
        message = f"{arn} on PutResourcePolicy is documented as 'do not use'"
        reporter.add(GS108.id, message, (*wire, arn))
    exists, hash_condition = (
        wire_name(model, "policy_exists_condition"),
        wire_name(model, "policy_hash_condition"),
    )
    if value.get(exists) in (None, ExistCondition.NONE.value) and value.get(hash_condition) is None:
        conditions = f"{ExistCondition.MUST_EXIST.value} or {ExistCondition.NOT_EXIST.value}"
        reporter.add(
            GS109.id,
            f"neither {exists} ({conditions}) nor {hash_condition}: the put "
            "overwrites any policy written since it was read",
            wire,
        )


RULES = (GS101, GS102, GS103, GS104, GS105, GS106, GS107, GS108, GS109, GS112, GS113)


def _checks() -> dict[type[Model], Check]:
    checks: dict[type[Model], Check] = {model: check_key_for_mode for model in BLOCKS}
    checks.update({model: check_role_for_mode for model in _ROLES})
    checks[ConnectionPasswordEncryption] = check_password_key
    checks[DataCatalogEncryptionSettings] = check_whole_settings
    checks.update({model: check_item_limit for model in _ITEM_LIMITS})
    checks[operation("PutResourcePolicy").input] = check_put_policy
    return checks


#: The check of each model this family looks at.
CHECKS = _checks()
