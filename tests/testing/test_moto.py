"""A boto3 client against moto's mock Glue, fed with `to_wire` and read with `from_wire`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

import glue_security as gs

from ..golden import CATALOG_SETTINGS, FULL_ENCRYPTION, POLICY


@pytest.fixture
def glue(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        yield boto3.client("glue", region_name="us-east-1")


def call(client: Any, request: gs.Request) -> gs.Response:
    """Send a request model through boto3 and parse the answer with the matching model."""
    operation = gs.operation(type(request).__name__.removesuffix("Request"))
    raw = getattr(client, operation.python_name)(**gs.to_wire(request))
    return gs.from_wire(operation.output, raw)


def test_security_configuration_lifecycle(glue: Any) -> None:
    created = call(
        glue,
        gs.CreateSecurityConfigurationRequest(
            name="prod-etl", encryption_configuration=FULL_ENCRYPTION
        ),
    )
    assert isinstance(created, gs.CreateSecurityConfigurationResponse)
    assert created.name == "prod-etl"

    got = call(glue, gs.GetSecurityConfigurationRequest(name="prod-etl"))
    assert isinstance(got, gs.GetSecurityConfigurationResponse)
    assert got.security_configuration is not None
    assert got.security_configuration.name == "prod-etl"
    assert got.security_configuration.encryption_configuration == FULL_ENCRYPTION

    listed = call(glue, gs.GetSecurityConfigurationsRequest(max_results=10))
    assert isinstance(listed, gs.GetSecurityConfigurationsResponse)
    assert [c.name for c in listed.security_configurations or ()] == ["prod-etl"]

    deleted = call(glue, gs.DeleteSecurityConfigurationRequest(name="prod-etl"))
    assert deleted == gs.DeleteSecurityConfigurationResponse()

    with pytest.raises(ClientError) as info:
        call(glue, gs.GetSecurityConfigurationRequest(name="prod-etl"))
    error = gs.error_from_wire(info.value.response)
    assert isinstance(error, gs.EntityNotFoundException)


def test_resource_policy(glue: Any) -> None:
    put = call(glue, gs.PutResourcePolicyRequest(policy_in_json=POLICY))
    assert isinstance(put, gs.PutResourcePolicyResponse)
    assert put.policy_hash

    got = call(glue, gs.GetResourcePolicyRequest())
    assert isinstance(got, gs.GetResourcePolicyResponse)
    assert got.policy_in_json is not None
    assert json.loads(got.policy_in_json) == json.loads(POLICY)
    assert got.policy_hash == put.policy_hash

    call(glue, gs.DeleteResourcePolicyRequest(policy_hash_condition=put.policy_hash))


def test_catalog_encryption_settings(glue: Any) -> None:
    call(
        glue,
        gs.PutDataCatalogEncryptionSettingsRequest(
            data_catalog_encryption_settings=CATALOG_SETTINGS
        ),
    )
    got = call(glue, gs.GetDataCatalogEncryptionSettingsRequest())
    assert isinstance(got, gs.GetDataCatalogEncryptionSettingsResponse)
    assert got.data_catalog_encryption_settings == CATALOG_SETTINGS
