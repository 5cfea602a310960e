"""Strategies for realistic states: fully populated models, real KMS keys, `services()`."""

from __future__ import annotations

import contextlib
from typing import Any

import boto3
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import glue_security as gs
from glue_security.strategies import kms_key_arns, models, policy_documents, wire_payloads
from glue_security.testing import GlueSecurityService, mock_glue_security, services

# find() without shrinking: only whether an example exists matters here.
FOUND = settings(phases=[Phase.generate], database=None, max_examples=2000)
POLICY_SHAPE = gs.members(gs.PutResourcePolicyRequest)["policy_in_json"].shape
assert isinstance(POLICY_SHAPE, gs.StringShape)
POLICY_LENGTH = POLICY_SHAPE.length


def absent_members(model: Any, path: str = "$") -> list[str]:
    """Wire paths of every optional member left out, nested models and lists included."""
    missing = []
    for name, member in gs.members(type(model)).items():
        value = getattr(model, name)
        where = f"{path}.{member.wire_name}"
        if value is None or value == ():
            missing.append(where)
        elif isinstance(value, gs.Model):
            missing += absent_members(value, where)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, gs.Model):
                    missing += absent_members(item, f"{where}[{index}]")
    return missing


@pytest.mark.parametrize(
    "cls",
    [
        gs.SecurityConfiguration,
        gs.CreateSecurityConfigurationRequest,
        gs.GetDataCatalogEncryptionSettingsResponse,
        gs.GetResourcePoliciesResponse,
    ],
)
def test_every_member_present_recursively(cls: type[gs.Model]) -> None:
    @given(models(cls, every_member=True))
    def check(model: gs.Model) -> None:
        assert absent_members(model) == []

    check()


def test_default_models_still_leave_members_out() -> None:
    found = find(models(gs.SecurityConfiguration), lambda model: bool(absent_members(model)))
    assert absent_members(found)


def test_fully_encrypted_configurations_need_no_filter() -> None:
    def fully_encrypted(config: gs.SecurityConfiguration) -> bool:
        encryption = config.encryption_configuration
        return bool(
            encryption
            and encryption.s3_encryption
            and encryption.cloud_watch_encryption
            and encryption.job_bookmarks_encryption
            and encryption.data_quality_encryption
        )

    # Health checks are on (tests/conftest.py): this filter must rarely reject.
    @given(models(gs.SecurityConfiguration, every_member=True).filter(fully_encrypted))
    def check(config: gs.SecurityConfiguration) -> None:
        assert fully_encrypted(config)

    check()


def test_every_member_wire_payloads() -> None:
    @given(wire_payloads(gs.EncryptionConfiguration, every_member=True))
    def check(payload: dict[str, Any]) -> None:
        assert set(payload) == {
            m.wire_name for m in gs.members(gs.EncryptionConfiguration).values()
        }

    check()


def test_kms_key_arns_can_be_real_keys_only() -> None:
    assert find(kms_key_arns(), lambda arn: arn == "") == ""
    assert ":alias/" in find(kms_key_arns(), lambda arn: ":alias/" in arn)

    @given(kms_key_arns(empty=False, aliases=False))
    def check(arn: str) -> None:
        assert ":key/" in arn
        assert gs.S3Encryption(kms_key_arn=arn).kms_key_arn == arn

    check()
    assert ":alias/" in find(kms_key_arns(empty=False), lambda arn: ":alias/" in arn)


def test_misspelt_override_gets_a_suggestion() -> None:
    with pytest.raises(TypeError, match=r"kms_key \(did you mean kms_key_arn\?\)"):
        models(gs.S3Encryption, kms_key=st.just(""))
    with pytest.raises(TypeError, match="its attributes: s3_encryption_mode, kms_key_arn"):
        models(gs.S3Encryption, nothing_like_it=st.just(""))


def test_policy_documents_reach_the_edge_only_with_a_length() -> None:
    assert POLICY_LENGTH is not None
    edge = find(
        policy_documents(POLICY_LENGTH), lambda text: len(text.encode()) == 10240, settings=FOUND
    )
    assert len(edge.encode()) == POLICY_LENGTH.max_length


# -- services() --------------------------------------------------------------------------------


def test_services_are_in_valid_states_that_boto3_reads() -> None:
    glue = boto3.client(
        "glue",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )

    @given(services(max_configurations=3))
    def check(service: GlueSecurityService) -> None:
        with mock_glue_security(service):
            listed = glue.get_security_configurations()["SecurityConfigurations"]
            assert len(listed) <= 3
            for config in listed:
                assert len(config["EncryptionConfiguration"].get("S3Encryption", [])) <= 1
                got = glue.get_security_configuration(Name=config["Name"])
                assert got["SecurityConfiguration"] == config
            settings = glue.get_data_catalog_encryption_settings()
            gs.parse_response("GetDataCatalogEncryptionSettings", settings)
            policies = glue.get_resource_policies()["GetResourcePoliciesResponseList"]
            assert len(policies) <= 3
            hashes = {policy["PolicyHash"] for policy in policies}
            for policy in policies:
                assert policy["CreateTime"] <= policy["UpdateTime"]
            with contextlib.suppress(glue.exceptions.EntityNotFoundException):
                assert glue.get_resource_policy()["PolicyHash"] in hashes

    check()


def test_services_reach_full_states() -> None:
    def full(service: GlueSecurityService) -> bool:
        configurations = service.call(gs.GetSecurityConfigurationsRequest())
        policies = service.call(gs.GetResourcePoliciesRequest())
        return (
            len(configurations.security_configurations or ()) == 2
            and len(policies.get_resource_policies_response_list or ()) == 3
        )

    assert full(find(services(max_configurations=2), full, settings=FOUND))


def test_services_check_their_arguments() -> None:
    with pytest.raises(ValueError, match="max_configurations"):
        services(max_configurations=5, security_configuration_quota=2)
