"""The in-memory service's state: accounts and regions, their security configurations,
catalog settings and resource policies, and the rules the ten operations keep on them.

No protocol here (`testing.responses`) and no transport (`testing.botocore_bridge`).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs

from ..codec.convert import to_wire
from ..models.data_types import DataCatalogEncryptionSettings, EncryptionConfiguration
from ..models.service_errors import (
    AlreadyExistsException,
    ConditionCheckFailureException,
    EntityNotFoundException,
    InvalidInputException,
    ResourceNumberLimitExceededException,
)
from ..spec.shapes import PAGE_SIZE as _PAGE_SIZE

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_REGION",
    "DEFAULT_SECURITY_CONFIGURATION_QUOTA",
    "TOKEN_LIFETIME",
    "Clock",
    "GlueSecurityBackend",
    "ServiceSnapshot",
    "glue_arn",
    "policy_hash",
]

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"
#: Security configurations per account and region before ResourceNumberLimitExceeded.
DEFAULT_SECURITY_CONFIGURATION_QUOTA = 250


def _most_per_page() -> int:
    maximum = _PAGE_SIZE.range.maximum if _PAGE_SIZE.range is not None else None
    assert maximum is not None, "PageSize declares a maximum"
    return maximum


#: A page holds this many items when the request gives no MaxResults: the most it may ask
#: (read from the PageSize shape, which both listings' MaxResults use).
DEFAULT_PAGE_SIZE = _most_per_page()
#: How long a NextToken stays valid, by the service's clock.
TOKEN_LIFETIME = timedelta(hours=24)

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _epoch_millis(moment: datetime) -> float:
    """Epoch seconds, to the millisecond the service's timestamps carry."""
    if moment.tzinfo is None:
        raise ValueError(f"the clock must return an aware datetime, got {moment!r}")
    return round(moment.timestamp(), 3)


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def glue_arn(account_id: str, region: str, resource: str) -> str:
    """The ARN of a Glue resource (`catalog`, `database/NAME`, ...) in an account and region."""
    return f"arn:{_partition(region)}:glue:{region}:{account_id}:{resource}"


def policy_hash(policy_in_json: str) -> str:
    """The PolicyHash the fake gives a policy text: base64 of its MD5 (24 characters)."""
    digest = hashlib.md5(policy_in_json.encode("utf-8"), usedforsecurity=False).digest()
    return base64.b64encode(digest).decode("ascii")


@attrs.define
class _Configuration:
    encryption: EncryptionConfiguration
    created: float


@attrs.define
class _Policy:
    text: str
    hash: str
    created: float
    updated: float
    enable_hybrid: str
    order: int  # creation sequence, the listing order


@attrs.define
class _RegionState:
    """One account's resources in one region."""

    configurations: dict[str, _Configuration] = attrs.field(factory=dict)
    catalog_settings: dict[str, DataCatalogEncryptionSettings] = attrs.field(factory=dict)
    policies: dict[str, _Policy] = attrs.field(factory=dict)  # by resource ARN
    policies_created: int = 0


@attrs.frozen
class ServiceSnapshot:
    """A copy of a service's state, for `GlueSecurityService.restore`. Opaque."""

    _regions: Mapping[tuple[str, str], _RegionState]


_DEFAULT_SETTINGS = {
    "EncryptionAtRest": {"CatalogEncryptionMode": "DISABLED"},
    "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": False},
}


class GlueSecurityBackend:
    """The state of the in-memory service, per account and region, and the rules of its ten
    operations: each handler takes a checked request and returns the wire response, or
    raises the API's error. `GlueSecurityService` puts the protocol in front of it."""

    def __init__(
        self,
        *,
        account_id: str = DEFAULT_ACCOUNT_ID,
        region: str = DEFAULT_REGION,
        clock: Clock | None = None,
        security_configuration_quota: int = DEFAULT_SECURITY_CONFIGURATION_QUOTA,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.clock: Clock = clock or _utc_now
        self.security_configuration_quota = security_configuration_quota
        self.lock = threading.RLock()
        self._regions: dict[tuple[str, str], _RegionState] = {}
        self._token_key = secrets.token_bytes(16)
        self._handlers: dict[str, Callable[[_RegionState, Any, str, str], dict[str, Any]]] = {
            "CreateSecurityConfiguration": self._create_security_configuration,
            "GetSecurityConfiguration": self._get_security_configuration,
            "DeleteSecurityConfiguration": self._delete_security_configuration,
            "GetSecurityConfigurations": self._get_security_configurations,
            "PutDataCatalogEncryptionSettings": self._put_catalog_settings,
            "GetDataCatalogEncryptionSettings": self._get_catalog_settings,
            "PutResourcePolicy": self._put_resource_policy,
            "GetResourcePolicy": self._get_resource_policy,
            "DeleteResourcePolicy": self._delete_resource_policy,
            "GetResourcePolicies": self._get_resource_policies,
        }

    def __repr__(self) -> str:
        with self.lock:
            regions = ", ".join(
                f"{account}/{region}: {len(state.configurations)} configuration(s), "
                f"{len(state.catalog_settings)} catalog setting(s), "
                f"{len(state.policies)} polic{'y' if len(state.policies) == 1 else 'ies'}"
                for (account, region), state in sorted(self._regions.items())
            )
        return f"<GlueSecurityService {regions or 'empty'}>"

    def run(self, operation: str, request: Any, account_id: str, region: str) -> dict[str, Any]:
        """Run operation `operation` (its canonical name) on a checked request in an account
        and region; return the wire response."""
        state = self._regions.get((account_id, region))
        if state is None:
            state = self._regions[(account_id, region)] = _RegionState()
        return self._handlers[operation](state, request, account_id, region)

    # -- state -----------------------------------------------------------------------------

    def snapshot(self) -> ServiceSnapshot:
        """A copy of every account's and region's state (not the injected faults)."""
        with self.lock:
            return ServiceSnapshot(copy.deepcopy(self._regions))

    def restore(self, snapshot: ServiceSnapshot) -> None:
        """Put the state back as it was at `snapshot` (which stays usable)."""
        with self.lock:
            self._regions = copy.deepcopy(dict(snapshot._regions))

    def reset(self) -> None:
        """Forget every resource."""
        with self.lock:
            self._regions.clear()

    def _state(self, account_id: str | None, region: str | None) -> _RegionState:
        key = (account_id or self.account_id, region or self.region)
        with self.lock:
            return self._regions.setdefault(key, _RegionState())

    def _place_configuration(
        self, name: str, encryption: EncryptionConfiguration, created: datetime, **where: str
    ) -> None:
        self._state(**where).configurations[name] = _Configuration(
            encryption, _epoch_millis(created)
        )

    def _place_policy(
        self,
        text: str,
        created: datetime,
        updated: datetime,
        resource_arn: str | None = None,
        **where: str,
    ) -> None:
        state = self._state(**where)
        arn = resource_arn or self._catalog_arn(
            where.get("account_id") or self.account_id, where.get("region") or self.region
        )
        state.policies_created += 1
        state.policies[arn] = _Policy(
            text,
            policy_hash(text),
            _epoch_millis(created),
            _epoch_millis(updated),
            "FALSE",
            state.policies_created,
        )

    def _place_catalog_settings(
        self,
        settings: DataCatalogEncryptionSettings,
        catalog_id: str | None = None,
        **where: str,
    ) -> None:
        self._state(**where).catalog_settings[
            catalog_id or where.get("account_id") or self.account_id
        ] = settings
    # -- security configurations -----------------------------------------------------------

    def _now(self) -> float:
        return _epoch_millis(self.clock())

    def _create_security_configuration(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        name: str = request.name
        encryption: EncryptionConfiguration = request.encryption_configuration
        s3 = encryption.s3_encryption or ()
        if len(s3) > 1:
            raise InvalidInputException(
                message="$.EncryptionConfiguration.S3Encryption: the service takes at most one "
                f"item, got {len(s3)}"
            )
        if name in state.configurations:
            raise AlreadyExistsException(message=f"Security configuration {name} already exists")
        if len(state.configurations) >= self.security_configuration_quota:
            raise ResourceNumberLimitExceededException(
                message="Number of security configurations exceeds the limit of "
                f"{self.security_configuration_quota}"
            )
        created = self._now()
        state.configurations[name] = _Configuration(encryption, created)
        return {"Name": name, "CreatedTimestamp": created}

    def _configuration_wire(self, name: str, config: _Configuration) -> dict[str, Any]:
        return {
            "Name": name,
            "CreatedTimeStamp": config.created,
            "EncryptionConfiguration": to_wire(config.encryption),
        }

    def _existing_configuration(self, state: _RegionState, name: str) -> _Configuration:
        config = state.configurations.get(name)
        if config is None:
            raise EntityNotFoundException(message=f"Security configuration {name} not found")
        return config

    def _get_security_configuration(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        config = self._existing_configuration(state, request.name)
        return {"SecurityConfiguration": self._configuration_wire(request.name, config)}

    def _delete_security_configuration(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        self._existing_configuration(state, request.name)
        del state.configurations[request.name]
        return {}

    def _get_security_configurations(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        names = sorted(state.configurations)  # code-point order of the names
        after = self._read_token(
            request.next_token, "GetSecurityConfigurations", account_id, region
        )
        if after is not None:
            names = [n for n in names if n > after]
        page = names[: request.max_results or DEFAULT_PAGE_SIZE]
        out: dict[str, Any] = {
            "SecurityConfigurations": [
                self._configuration_wire(n, state.configurations[n]) for n in page
            ]
        }
        if len(page) < len(names):
            out["NextToken"] = self._token(
                "GetSecurityConfigurations", account_id, region, page[-1]
            )
        return out

    # -- paging tokens ---------------------------------------------------------------------

    def _token(self, operation: str, account_id: str, region: str, after: Any) -> str:
        """Opaque, signed: where the next page starts, for whom, and when it was issued."""
        body = json.dumps([operation, account_id, region, after, self._now()]).encode()
        mac = hmac.new(self._token_key, body, hashlib.sha256).digest()[:16]
        return base64.urlsafe_b64encode(mac + body).decode("ascii")

    def _read_token(self, token: str | None, operation: str, account_id: str, region: str) -> Any:
        if token is None:
            return None
        invalid = InvalidInputException(message="Invalid or expired NextToken")
        try:
            raw = base64.urlsafe_b64decode(token.encode("ascii"))
            if base64.urlsafe_b64encode(raw).decode("ascii") != token:
                raise invalid  # only the form this service writes
            mac, body = raw[:16], raw[16:]
            expected = hmac.new(self._token_key, body, hashlib.sha256).digest()[:16]
            if not hmac.compare_digest(mac, expected):
                raise invalid
            op, account, where, after, issued = json.loads(body)
        except (ValueError, TypeError, UnicodeError):
            raise invalid from None
        if (op, account, where) != (operation, account_id, region):
            raise invalid
        if self._now() - issued > TOKEN_LIFETIME.total_seconds():
            raise invalid
        return after

    # -- catalog encryption settings -------------------------------------------------------

    def _put_catalog_settings(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        state.catalog_settings[request.catalog_id or account_id] = (
            request.data_catalog_encryption_settings
        )
        return {}

    def _get_catalog_settings(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        settings = state.catalog_settings.get(request.catalog_id or account_id)
        wire = copy.deepcopy(_DEFAULT_SETTINGS) if settings is None else to_wire(settings)
        return {"DataCatalogEncryptionSettings": wire}

    # -- resource policies -----------------------------------------------------------------

    def _catalog_arn(self, account_id: str, region: str) -> str:
        return glue_arn(account_id, region, "catalog")

    def _check_hash(self, existing: _Policy | None, condition: str | None) -> None:
        if condition is None:
            return
        if existing is None:
            raise ConditionCheckFailureException(
                message="PolicyHashCondition given, but there is no policy"
            )
        if condition != existing.hash:
            raise ConditionCheckFailureException(
                message="PolicyHashCondition does not match the current policy's hash"
            )

    def _put_resource_policy(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        arn = request.resource_arn or self._catalog_arn(account_id, region)
        existing = state.policies.get(arn)
        condition = str(request.policy_exists_condition or "NONE")
        if condition == "MUST_EXIST" and existing is None:
            raise ConditionCheckFailureException(
                message="PolicyExistsCondition MUST_EXIST, but there is no policy"
            )
        if condition == "NOT_EXIST" and existing is not None:
            raise ConditionCheckFailureException(
                message="PolicyExistsCondition NOT_EXIST, but a policy exists"
            )
        self._check_hash(existing, request.policy_hash_condition)
        now = self._now()
        text: str = request.policy_in_json
        hybrid = str(request.enable_hybrid or "FALSE")
        if existing is None:
            state.policies_created += 1
            state.policies[arn] = _Policy(
                text, policy_hash(text), now, now, hybrid, state.policies_created
            )
        else:
            existing.text, existing.hash = text, policy_hash(text)
            existing.updated, existing.enable_hybrid = now, hybrid
        return {"PolicyHash": state.policies[arn].hash}

    def _existing_policy(self, state: _RegionState, arn: str) -> _Policy:
        policy = state.policies.get(arn)
        if policy is None:
            raise EntityNotFoundException(message=f"Policy not found for resource {arn}")
        return policy

    @staticmethod
    def _policy_wire(policy: _Policy) -> dict[str, Any]:
        return {
            "PolicyInJson": policy.text,
            "PolicyHash": policy.hash,
            "CreateTime": policy.created,
            "UpdateTime": policy.updated,
        }

    def _get_resource_policy(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        arn = request.resource_arn or self._catalog_arn(account_id, region)
        return self._policy_wire(self._existing_policy(state, arn))

    def _delete_resource_policy(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        arn = request.resource_arn or self._catalog_arn(account_id, region)
        self._check_hash(self._existing_policy(state, arn), request.policy_hash_condition)
        del state.policies[arn]
        return {}

    def _get_resource_policies(
        self, state: _RegionState, request: Any, account_id: str, region: str
    ) -> dict[str, Any]:
        policies = sorted(state.policies.values(), key=lambda p: p.order)  # creation order
        after = self._read_token(request.next_token, "GetResourcePolicies", account_id, region)
        if after is not None:
            policies = [p for p in policies if p.order > after]
        page = policies[: request.max_results or DEFAULT_PAGE_SIZE]
        out: dict[str, Any] = {
            "GetResourcePoliciesResponseList": list(map(self._policy_wire, page))
        }
        if len(page) < len(policies):
            out["NextToken"] = self._token(
                "GetResourcePolicies", account_id, region, page[-1].order
            )
        return out
