"""Realistic examples: what a person would write, as a starting point (`glue-security
example --realistic`), not edge cases for tests.

Every member is present and every encryption is on, with a KMS key, except where the
service rules (`models.service_rules`) say a member is ignored, internal or only the
service's to make. Names are a person's; ARNs are of one made-up account (AWS's
documentation account, 111122223333) and one region; timestamps are recent; the resource
policy grants a role of the same account read access to one database.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ..models.base import Model, Request, require_model_class
from ..models.service_rules import (
    INTERNAL_MEMBERS,
    ISSUED_BY_SERVICE,
    KEYED_MODES,
    ROLE_MODES,
)
from ..spec.kinds import (
    BooleanShape,
    EnumShape,
    IntegerShape,
    ListShape,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
    WireEnum,
    assert_never,
)
from ..spec.plan import model_plan
from ..spec.shapes import (
    CATALOG_ID_STRING,
    GLUE_RESOURCE_ARN_STRING,
    HASH_STRING,
    IAM_ROLE_ARN_STRING,
    KMS_KEY_ARN_STRING,
    MESSAGE_STRING,
    POLICY_JSON_STRING,
    TOKEN,
)
from .layout import Strategy

__all__ = ["realistic_models"]

M = TypeVar("M", bound=Model)

ACCOUNT = "111122223333"  # the account AWS's own documentation uses in examples
_REGIONS = ("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2")
_NAMES = (
    "prod-etl",
    "nightly-etl",
    "analytics-kms",
    "data-lake-encryption",
    "finance-reporting",
    "ml-training",
)
_DATABASES = ("sales", "marketing", "finance", "clickstream", "inventory")
_READ_ACTIONS = ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartitions"]
# Recent, whole seconds: what a person reads in a listing.
_EARLIEST = datetime(2025, 1, 6, 8, 0, tzinfo=timezone.utc)
_SPAN_MINUTES = 365 * 24 * 60


@attrs.frozen
class _Scene:
    """The few choices one example is made of; every value is read off them."""

    region: str
    name: str
    database: str
    key_id: uuid.UUID
    created: datetime
    choice: int  # picks among equally plausible modes

    @property
    def key_arn(self) -> str:
        return f"arn:aws:kms:{self.region}:{ACCOUNT}:key/{self.key_id}"

    @property
    def role_arn(self) -> str:
        return f"arn:aws:iam::{ACCOUNT}:role/service-role/AWSGlueCatalogEncryption-{self.name}"

    @property
    def catalog_arn(self) -> str:
        return f"arn:aws:glue:{self.region}:{ACCOUNT}:catalog"

    @property
    def policy(self) -> str:
        database = f"arn:aws:glue:{self.region}:{ACCOUNT}:database/{self.database}"
        tables = f"arn:aws:glue:{self.region}:{ACCOUNT}:table/{self.database}/*"
        statement = {
            "Sid": f"Read{self.database.capitalize()}Tables",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/{self.database}-analysts"},
            "Action": _READ_ACTIONS,
            "Resource": [self.catalog_arn, database, tables],
        }
        return json.dumps({"Version": "2012-10-17", "Statement": [statement]})

    @property
    def policy_hash(self) -> str:
        digest = hashlib.md5(self.policy.encode(), usedforsecurity=False).digest()
        return base64.b64encode(digest).decode("ascii")

    @property
    def token(self) -> str:
        return base64.urlsafe_b64encode(self.key_id.bytes + self.name.encode()).decode("ascii")


def _scenes() -> Strategy[_Scene]:
    return st.builds(
        _Scene,
        region=st.sampled_from(_REGIONS),
        name=st.sampled_from(_NAMES),
        database=st.sampled_from(_DATABASES),
        key_id=st.uuids(version=4),
        created=st.integers(0, _SPAN_MINUTES).map(lambda m: _EARLIEST + timedelta(minutes=m)),
        choice=st.integers(0, 1 << 16),
    )


_LEFT_OUT = frozenset(
    [(rule.model, rule.member) for rule in INTERNAL_MEMBERS]
    + [(rule.model, rule.member) for rule in ISSUED_BY_SERVICE]
)
_KEY_MODES = {(rule.model, rule.mode): rule.kms_modes for rule in KEYED_MODES}
# Enums that do not encrypt anything: the value a person writes first.
_PLAIN_CHOICES = {"ExistCondition": "NOT_EXIST", "EnableHybridValues": "FALSE"}
_MESSAGES = {
    "AlreadyExistsException": "Security configuration {name} already exists",
    "ConditionCheckFailureException": "PolicyHashCondition does not match the current hash",
    "EntityNotFoundException": "Security configuration {name} not found",
    "ResourceNumberLimitExceededException": "Number of security configurations exceeds the limit",
}


def _enum_value(model: type[Model], attribute: str, enum_cls: type[WireEnum], scene: _Scene) -> Any:
    modes = _KEY_MODES.get((model, attribute))
    if modes:  # every encryption on, with a key
        ordered = sorted(modes, key=lambda mode: mode.value)
        return ordered[scene.choice % len(ordered)]
    plain = _PLAIN_CHOICES.get(enum_cls.__name__)
    if plain is not None:
        return enum_cls(plain)
    return next(iter(enum_cls))


def _string(model: type[Model], wire_name: str, shape: StringShape, scene: _Scene) -> str:
    by_shape = {
        KMS_KEY_ARN_STRING: scene.key_arn,
        IAM_ROLE_ARN_STRING: scene.role_arn,
        GLUE_RESOURCE_ARN_STRING: scene.catalog_arn,
        POLICY_JSON_STRING: scene.policy,
        HASH_STRING: scene.policy_hash,
        TOKEN: scene.token,
        CATALOG_ID_STRING: ACCOUNT,
    }
    if shape in by_shape:
        return by_shape[shape]
    if shape is MESSAGE_STRING:
        return _MESSAGES.get(model.__name__, "{name}: failed").format(name=scene.name)
    if "Kms" in wire_name:  # a key given by id, alias or ARN in a NameString
        return scene.key_arn
    if wire_name == "NextToken":
        return scene.token
    return scene.name


def _value(model: type[Model], attribute: str, wire_name: str, shape: Shape, scene: _Scene) -> Any:
    if isinstance(shape, StructureShape):
        return _build(shape.model, scene)
    if isinstance(shape, ListShape):
        # One item: all the service takes of S3Encryption, and enough to show a listing.
        return [_value(model, attribute, wire_name, shape.item, scene)]
    if isinstance(shape, EnumShape):
        return _enum_value(model, attribute, shape.enum, scene)
    if isinstance(shape, StringShape):
        return _string(model, wire_name, shape, scene)
    if isinstance(shape, IntegerShape):
        maximum = shape.range.maximum if shape.range and shape.range.maximum else 100
        return min(100, maximum)
    if isinstance(shape, BooleanShape):
        return wire_name != "FromFederationSource"  # on, except a fault's "not yours"
    if isinstance(shape, TimestampShape):
        return scene.created
    assert_never(shape)


def _build(model: type[M], scene: _Scene) -> M:
    values: dict[str, Any] = {}
    for field in model_plan(model).fields:
        if (model, field.attr_name) in _LEFT_OUT and issubclass(model, Request):
            continue
        values[field.attr_name] = _value(
            model, field.attr_name, field.wire_name, field.member.shape, scene
        )
    for rule in ROLE_MODES:  # the role only where the mode uses it
        if rule.model is model and values.get(rule.mode) not in rule.role_modes:
            values.pop(rule.role, None)
    return model(**values)


def realistic_models(cls: type[M], /) -> Strategy[M]:
    """Instances of `cls` a person would write: readable names, ARNs of one made-up account
    and region, every member present and every encryption on (see the module's text)."""
    require_model_class(cls)
    return _scenes().map(lambda scene: _build(cls, scene))
