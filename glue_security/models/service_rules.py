"""What the service requires beyond each member's own constraints, declared once, as data.

A member's length, pattern or enum is its shape's (`glue_security.spec`); these rules tie
members together, or a member to the service that issued its value. Three readers:

- lint's service rules (GS101-GS109) report a payload that breaks one;
- the in-memory service (`glue_security.testing`) refuses, with `InvalidInputException`,
  what the real service refuses at the call (`refused=True`);
- the strategies' `accepted=True` draws keep to every rule, so that the service takes them
  and can use them (a KMS mode without a key is taken, and fails when first used).

Members are named by attribute; `wire_name(model, attribute)` gives the wire name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from ..spec.kinds import ListShape, StructureShape, WireEnum
from ..spec.plan import model_plan
from ..validation.paths import wire_path
from .base import Model
from .data_types import (
    CloudWatchEncryption,
    DataQualityEncryption,
    EncryptionAtRest,
    EncryptionConfiguration,
    JobBookmarksEncryption,
    S3Encryption,
)
from .enums import (
    CatalogEncryptionMode,
    CloudWatchEncryptionMode,
    DataQualityEncryptionMode,
    JobBookmarksEncryptionMode,
    S3EncryptionMode,
)
from .requests_responses import (
    DeleteResourcePolicyRequest,
    GetResourcePoliciesRequest,
    GetSecurityConfigurationsRequest,
    PutResourcePolicyRequest,
)

__all__ = [
    "AWS_MANAGED_KEY",
    "CATALOG_POLICIES",
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_REGION",
    "INTERNAL_MEMBERS",
    "ISSUED_BY_SERVICE",
    "ITEM_LIMITS",
    "KEYED_MODES",
    "ROLE_MODES",
    "Breach",
    "CatalogPolicy",
    "InternalMember",
    "IssuedByService",
    "ItemLimit",
    "KeyedMode",
    "RoleMode",
    "breaches",
    "wire_name",
]


def wire_name(model: type[Model], attribute: str) -> str:
    """The wire name of a model's member, by attribute name."""
    return model_plan(model).members[attribute].wire_name


@attrs.frozen
class ItemLimit:
    """A list member of which the service takes at most `most` items, though the model
    types a list of any length."""

    model: type[Model]
    member: str
    most: int
    refused: bool


@attrs.frozen
class KeyedMode:
    """An encryption setting: its `mode` member, its `key` member, the modes that encrypt
    with that key (and so need one, not empty), and the mode that leaves data unencrypted
    (the service's default where the mode is left out). With any other mode the key is
    ignored. In `defaulted_modes` a key left out (not empty) is no fault: the service
    uses the AWS-managed key (`AWS_MANAGED_KEY`)."""

    model: type[Model]
    mode: str
    key: str
    kms_modes: frozenset[WireEnum]
    disabled: WireEnum
    refused: bool
    defaulted_modes: frozenset[WireEnum] = frozenset()


#: The key the service uses for the catalog and connection passwords when none is named.
AWS_MANAGED_KEY = "alias/aws/glue"


@attrs.frozen
class RoleMode:
    """A setting whose `role_modes` act through the IAM role in its `role` member, which
    they need; with any other mode the role is ignored."""

    model: type[Model]
    mode: str
    role: str
    role_modes: frozenset[WireEnum]
    refused: bool


@attrs.frozen
class IssuedByService:
    """A request member whose value only the service makes (a paging token, a policy
    hash): one made up by the caller is refused or never matches."""

    model: type[Model]
    member: str


@attrs.frozen
class InternalMember:
    """A request member the API documents as internal ("do not use")."""

    model: type[Model]
    member: str


@attrs.frozen
class CatalogPolicy:
    """A Data Catalog resource policy member. Beyond being a JSON object (its shape's
    constraint), the service takes a policy whose statements each name a principal and
    whose resources are ARNs of the catalog it is put on: the caller's account and region
    (the developer guide's page on Glue resource policies). The check is
    `models.catalog_policy.catalog_policy_problems`."""

    model: type[Model]
    member: str
    refused: bool


#: The account and region the in-memory service acts in by default, and so the catalog
#: whose ARNs the strategies' accepted policies name.
DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"

#: The service takes one S3 setting per security configuration, and refuses two
#: (`InvalidInputException: S3 EncryptionConfiguration list cannot be greater than one`).
ITEM_LIMITS: tuple[ItemLimit, ...] = (
    ItemLimit(EncryptionConfiguration, "s3_encryption", most=1, refused=True),
)

# The service takes a KMS mode with no key or an empty one; whatever uses the setting
# fails later, when it first encrypts (observed behaviour, not documented): not refused.
KEYED_MODES: tuple[KeyedMode, ...] = (
    KeyedMode(
        S3Encryption,
        "s3_encryption_mode",
        "kms_key_arn",
        frozenset({S3EncryptionMode.SSEKMS}),
        S3EncryptionMode.DISABLED,
        refused=False,
    ),
    KeyedMode(
        JobBookmarksEncryption,
        "job_bookmarks_encryption_mode",
        "kms_key_arn",
        frozenset({JobBookmarksEncryptionMode.CSEKMS}),
        JobBookmarksEncryptionMode.DISABLED,
        refused=False,
    ),
    KeyedMode(
        DataQualityEncryption,
        "data_quality_encryption_mode",
        "kms_key_arn",
        frozenset({DataQualityEncryptionMode.SSEKMS}),
        DataQualityEncryptionMode.DISABLED,
        refused=False,
    ),
    KeyedMode(
        EncryptionAtRest,
        "catalog_encryption_mode",
        "sse_aws_kms_key_id",
        frozenset({CatalogEncryptionMode.SSEKMS, CatalogEncryptionMode.SSEKMSWITHSERVICEROLE}),
        CatalogEncryptionMode.DISABLED,
        refused=False,
        # SSE-KMS with no key: the catalog is encrypted with the AWS-managed key.
        defaulted_modes=frozenset({CatalogEncryptionMode.SSEKMS}),
    ),
    KeyedMode(
        CloudWatchEncryption,
        "cloud_watch_encryption_mode",
        "kms_key_arn",
        frozenset({CloudWatchEncryptionMode.SSEKMS}),
        CloudWatchEncryptionMode.DISABLED,
        refused=False,
    ),
)

#: With SSE-KMS-WITH-SERVICE-ROLE, AWS Glue uses the key through the role the settings
#: name; without one there is nothing to assume, and the settings are refused.
ROLE_MODES: tuple[RoleMode, ...] = (
    RoleMode(
        EncryptionAtRest,
        "catalog_encryption_mode",
        "catalog_encryption_service_role",
        frozenset({CatalogEncryptionMode.SSEKMSWITHSERVICEROLE}),
        refused=True,
    ),
)

ISSUED_BY_SERVICE: tuple[IssuedByService, ...] = (
    IssuedByService(GetSecurityConfigurationsRequest, "next_token"),
    IssuedByService(GetResourcePoliciesRequest, "next_token"),
    IssuedByService(PutResourcePolicyRequest, "policy_hash_condition"),
    IssuedByService(DeleteResourcePolicyRequest, "policy_hash_condition"),
)

CATALOG_POLICIES: tuple[CatalogPolicy, ...] = (
    CatalogPolicy(PutResourcePolicyRequest, "policy_in_json", refused=True),
)

INTERNAL_MEMBERS: tuple[InternalMember, ...] = (
    InternalMember(PutResourcePolicyRequest, "resource_arn"),
)


# -- checking a model instance ------------------------------------------------------------------

Rule = ItemLimit | KeyedMode | RoleMode


@attrs.frozen
class Breach:
    """A rule a model instance breaks: the wire path of the member at fault, the rule, and
    a message naming what the service needs."""

    path: str
    rule: Rule
    message: str


def _mode(instance: Model, rule: KeyedMode | RoleMode) -> Any:
    mode = getattr(instance, rule.mode)
    if mode is None and isinstance(rule, KeyedMode):
        return rule.disabled  # the service's default
    return mode


def _own_breaches(instance: Model, at: tuple[str | int, ...]) -> Iterator[Breach]:
    model = type(instance)
    for limit in ITEM_LIMITS:
        items = getattr(instance, limit.member) if limit.model is model else None
        if items is not None and len(items) > limit.most:
            name = wire_name(model, limit.member)
            most = "one item" if limit.most == 1 else f"{limit.most} items"
            yield Breach(
                wire_path((*at, name)),
                limit,
                f"the service takes at most {most}, got {len(items)}",
            )
    moded: tuple[KeyedMode | RoleMode, ...] = (*KEYED_MODES, *ROLE_MODES)
    for rule in moded:
        if rule.model is not model:
            continue
        mode = _mode(instance, rule)
        needed = rule.key if isinstance(rule, KeyedMode) else rule.role
        modes = rule.kms_modes if isinstance(rule, KeyedMode) else rule.role_modes
        given = getattr(instance, needed)
        defaulted = isinstance(rule, KeyedMode) and mode in rule.defaulted_modes
        if mode in modes and not given and not (defaulted and given is None):
            yield Breach(
                wire_path((*at, wire_name(model, needed))),
                rule,
                f"required when {wire_name(model, rule.mode)} is {mode.value}",
            )


def breaches(instance: Model, *, refused_only: bool = False) -> tuple[Breach, ...]:
    """Every service rule `instance` breaks, nested models included (only those the
    service refuses at the call, with `refused_only`)."""
    found: list[Breach] = []

    def walk(value: Model, at: tuple[str | int, ...]) -> None:
        found.extend(b for b in _own_breaches(value, at) if b.rule.refused or not refused_only)
        for field in model_plan(type(value)).fields:
            child, shape = getattr(value, field.attr_name), field.member.shape
            if child is None:
                continue
            if isinstance(shape, StructureShape):
                walk(child, (*at, field.wire_name))
            elif isinstance(shape, ListShape) and isinstance(shape.item, StructureShape):
                for index, item in enumerate(child):
                    walk(item, (*at, field.wire_name, index))

    walk(instance, ())
    return tuple(found)
