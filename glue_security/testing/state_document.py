"""A service's state as a JSON document: what `glue-security serve --state FILE` writes and
reads, and what `GET`/`PUT /_glue_security/state` carry.

The document holds wire forms only (the ones the API answers with), one entry per account and
region:

    {"format": 1,
     "regions": [{"AccountId": "123456789012", "Region": "us-east-1",
                  "SecurityConfigurations": [{"Name": ..., "CreatedTimeStamp": 1.5e9,
                                              "EncryptionConfiguration": {...}}],
                  "DataCatalogEncryptionSettings": [{"CatalogId": ...,
                                                     "DataCatalogEncryptionSettings": {...}}],
                  "ResourcePolicies": [{"ResourceArn": ..., "PolicyInJson": ...,
                                        "CreateTime": ..., "UpdateTime": ...,
                                        "EnableHybrid": "FALSE"}]}]}

Reading is strict: JSON text read as `from_json` reads it, every value checked with the
library's models (`strict=True`), unknown keys refused, and nothing but data: no pickle, no
YAML, no code. Policies are listed in creation order; hashes are recomputed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..codec.convert import decode_json, from_wire, to_wire
from ..models.data_types import DataCatalogEncryptionSettings, EncryptionConfiguration
from ..models.enums import EnableHybridValues
from ..models.requests_responses import (
    CreateSecurityConfigurationRequest,
    PutResourcePolicyRequest,
)
from ..validation.error import ValidationError, cut_text
from .models import GlueSecurityBackend, _Configuration, _Policy, _RegionState, policy_hash

__all__ = ["STATE_FORMAT", "StateDocumentError", "dump_state", "load_state", "read_state"]

STATE_FORMAT = 1
_ACCOUNT = re.compile(r"[0-9]{12}")
_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")
_REGION_KEYS = frozenset(
    {
        "AccountId",
        "Region",
        "SecurityConfigurations",
        "DataCatalogEncryptionSettings",
        "ResourcePolicies",
    }
)


class StateDocumentError(ValueError):
    """A state document that cannot be loaded; the message says where and why."""


def dump_state(service: GlueSecurityBackend) -> dict[str, Any]:
    """The service's whole state (not its injected faults), as a JSON-ready document."""
    with service.lock:
        regions = []
        for (account, region), state in sorted(service._regions.items()):
            policies = sorted(state.policies.items(), key=lambda item: item[1].order)
            regions.append(
                {
                    "AccountId": account,
                    "Region": region,
                    "SecurityConfigurations": [
                        {
                            "Name": name,
                            "CreatedTimeStamp": config.created,
                            "EncryptionConfiguration": to_wire(config.encryption),
                        }
                        for name, config in sorted(state.configurations.items())
                    ],
                    "DataCatalogEncryptionSettings": [
                        {"CatalogId": catalog, "DataCatalogEncryptionSettings": to_wire(value)}
                        for catalog, value in sorted(state.catalog_settings.items())
                    ],
                    "ResourcePolicies": [
                        {
                            "ResourceArn": arn,
                            "PolicyInJson": policy.text,
                            "CreateTime": policy.created,
                            "UpdateTime": policy.updated,
                            "EnableHybrid": policy.enable_hybrid,
                        }
                        for arn, policy in policies
                    ],
                }
            )
    return {"format": STATE_FORMAT, "regions": regions}


def read_state(text: str | bytes | bytearray) -> dict[tuple[str, str], _RegionState]:
    """The regions a state document's JSON text holds. Raises `StateDocumentError`."""
    try:
        document = decode_json(text)
    except ValidationError as error:
        raise StateDocumentError(f"state document: {error.errors[0].message}") from None
    return _regions(document)


def load_state(service: GlueSecurityBackend, text: str | bytes | bytearray) -> None:
    """Replace the service's state with the document's (checked whole before any change)."""
    regions = read_state(text)
    with service.lock:
        service._regions = regions


def _regions(document: object) -> dict[tuple[str, str], _RegionState]:
    if not isinstance(document, dict) or set(document) != {"format", "regions"}:
        raise StateDocumentError("state document: an object with `format` and `regions` only")
    if document["format"] != STATE_FORMAT:
        raise StateDocumentError(
            f"state document: format {cut_text(repr(document['format']))} is not "
            f"{STATE_FORMAT}, the one this version reads"
        )
    entries = _items(document["regions"], "$.regions")
    regions: dict[tuple[str, str], _RegionState] = {}
    for index, entry in enumerate(entries):
        where = f"$.regions[{index}]"
        fields = _object(entry, where, _REGION_KEYS)
        account = _text(fields.get("AccountId"), f"{where}.AccountId", _ACCOUNT)
        region = _text(fields.get("Region"), f"{where}.Region", _REGION)
        if (account, region) in regions:
            raise StateDocumentError(f"{where}: {account}/{region} is listed twice")
        regions[(account, region)] = _region_state(fields, where)
    return regions


def _region_state(fields: Mapping[str, Any], where: str) -> _RegionState:
    state = _RegionState()
    path = f"{where}.SecurityConfigurations"
    for index, item in enumerate(_items(fields.get("SecurityConfigurations", []), path)):
        at = f"{path}[{index}]"
        config = _object(item, at, {"Name", "CreatedTimeStamp", "EncryptionConfiguration"})
        name = _checked(
            CreateSecurityConfigurationRequest,
            {"Name": config.get("Name"), "EncryptionConfiguration": {}},
            at,
        ).name
        if name in state.configurations:
            raise StateDocumentError(f"{at}.Name: {cut_text(name)} is listed twice")
        encryption = _checked(
            EncryptionConfiguration, config.get("EncryptionConfiguration"), at
        )
        created = _seconds(config.get("CreatedTimeStamp"), f"{at}.CreatedTimeStamp")
        state.configurations[name] = _Configuration(encryption, created)
    path = f"{where}.DataCatalogEncryptionSettings"
    for index, item in enumerate(_items(fields.get("DataCatalogEncryptionSettings", []), path)):
        at = f"{path}[{index}]"
        entry = _object(item, at, {"CatalogId", "DataCatalogEncryptionSettings"})
        catalog = _text(entry.get("CatalogId"), f"{at}.CatalogId", _ACCOUNT)
        state.catalog_settings[catalog] = _checked(
            DataCatalogEncryptionSettings, entry.get("DataCatalogEncryptionSettings"), at
        )
    path = f"{where}.ResourcePolicies"
    keys = {"ResourceArn", "PolicyInJson", "CreateTime", "UpdateTime", "EnableHybrid"}
    for index, item in enumerate(_items(fields.get("ResourcePolicies", []), path)):
        at = f"{path}[{index}]"
        entry = _object(item, at, keys)
        request = _checked(
            PutResourcePolicyRequest,
            {"PolicyInJson": entry.get("PolicyInJson"), "ResourceArn": entry.get("ResourceArn")},
            at,
        )
        arn: str | None = request.resource_arn
        if arn is None:
            raise StateDocumentError(f"{at}.ResourceArn: required")
        text: str = request.policy_in_json
        hybrid = entry.get("EnableHybrid", "FALSE")
        if hybrid not in {str(value) for value in EnableHybridValues}:
            raise StateDocumentError(f"{at}.EnableHybrid: TRUE or FALSE")
        if arn in state.policies:
            raise StateDocumentError(f"{at}.ResourceArn: {cut_text(arn)} is listed twice")
        state.policies_created += 1
        state.policies[arn] = _Policy(
            text,
            policy_hash(text),
            _seconds(entry.get("CreateTime"), f"{at}.CreateTime"),
            _seconds(entry.get("UpdateTime"), f"{at}.UpdateTime"),
            hybrid,
            state.policies_created,
        )
    return state


def _checked(model: Any, value: object, where: str) -> Any:
    try:
        return from_wire(model, value, strict=True)
    except ValidationError as error:
        problems = "; ".join(f"{where}: {problem}" for problem in error.errors[:5])
        raise StateDocumentError(problems) from None


def _items(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise StateDocumentError(f"{where}: a list")
    return value


def _object(value: object, where: str, keys: set[str] | frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise StateDocumentError(f"{where}: an object")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise StateDocumentError(f"{where}: unknown key {cut_text(unknown[0])}")
    return value


def _text(value: object, where: str, pattern: re.Pattern[str]) -> str:
    if not isinstance(value, str) or len(value) > 64:
        raise StateDocumentError(f"{where}: a string of at most 64 characters")
    if not pattern.fullmatch(value):
        raise StateDocumentError(f"{where}: {cut_text(value)} does not match {pattern.pattern}")
    return value


def _seconds(value: object, where: str) -> float:
    if type(value) not in (int, float) or not 0 <= value < 32503680000:  # type: ignore[operator]
        raise StateDocumentError(f"{where}: epoch seconds, a number from 0 to year 3000")
    return round(float(value), 3)  # type: ignore[arg-type]
