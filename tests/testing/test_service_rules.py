"""The service's own rules (`models.service_rules`): lint, the in-memory service and the
strategies read the same data, and agree."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

import glue_security as gs
from glue_security.models.service_rules import (
    ItemLimit,
    KeyedMode,
    RoleMode,
    breaches,
)
from glue_security.strategies import (
    invalid_wire_payloads,
    models,
    register_type_strategies,
    wire_payloads,
)
from glue_security.testing import GlueSecurityService

# The lint rule that reports each kind of service rule broken.
LINT_RULE = {ItemLimit: "GS101", KeyedMode: "GS102", RoleMode: "GS104"}
# The models the service rules are about, from their outermost request.
REQUESTS = [gs.CreateSecurityConfigurationRequest, gs.PutDataCatalogEncryptionSettingsRequest]


@pytest.mark.parametrize("model", REQUESTS, ids=lambda m: m.__name__)
@given(data=st.data())
def test_lint_reports_each_breach_of_a_service_rule(
    model: type[gs.Model], data: st.DataObject
) -> None:
    request = data.draw(models(model))
    expected = Counter(LINT_RULE[type(b.rule)] for b in breaches(request))
    found = Counter(f.rule for f in gs.lint(request) if f.rule in LINT_RULE.values())
    assert found == expected


def test_a_breach_names_the_member_and_what_the_service_needs() -> None:
    request = gs.PutDataCatalogEncryptionSettingsRequest(
        data_catalog_encryption_settings=gs.DataCatalogEncryptionSettings(
            encryption_at_rest=gs.EncryptionAtRest(
                catalog_encryption_mode=gs.CatalogEncryptionMode.SSE_KMS_WITH_SERVICE_ROLE,
                sse_aws_kms_key_id="alias/catalog",
            )
        )
    )
    (breach,) = breaches(request)
    where = "$.DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionServiceRole"
    assert breach.path == where
    assert breach.message == "required when CatalogEncryptionMode is SSE-KMS-WITH-SERVICE-ROLE"
    assert breach.rule.refused


# What a fresh service may answer a request that is fine in itself: the resource it names
# is not there, or a condition on the existing policy does not hold. Never
# InvalidInputException.
STATE_ERRORS = (gs.EntityNotFoundException, gs.ConditionCheckFailureException)


@pytest.mark.parametrize("operation", sorted(gs.OPERATIONS))
@given(data=st.data())
def test_the_service_accepts_every_accepted_draw(operation: str, data: st.DataObject) -> None:
    model = gs.OPERATIONS[operation].input
    payload = data.draw(wire_payloads(model, accepted=True), label="payload")
    try:
        GlueSecurityService().handle(operation, payload)
    except STATE_ERRORS:
        assert operation.startswith(("Get", "Delete", "Put"))


@pytest.mark.parametrize("operation", sorted(gs.OPERATIONS))
@given(data=st.data())
def test_every_accepted_draw_is_free_of_breaches(operation: str, data: st.DataObject) -> None:
    model = gs.OPERATIONS[operation].input
    assert breaches(data.draw(models(model, accepted=True, every_member=True))) == ()
    assert breaches(data.draw(models(model, accepted=True))) == ()


@pytest.mark.parametrize("operation", sorted(gs.OPERATIONS))
@given(data=st.data())
def test_the_service_refuses_each_invalid_draw_with_the_code_it_names(
    operation: str, data: st.DataObject
) -> None:
    payload, path, code = data.draw(invalid_wire_payloads(gs.OPERATIONS[operation].input))
    with pytest.raises(gs.InvalidInputException) as refused:
        GlueSecurityService().handle(operation, payload)
    message = refused.value.message or ""
    assert message.startswith(f"{path}: "), (message, path)
    assert message.endswith(f"[{code}]"), (message, code)


def test_accepted_draws_leave_out_what_only_the_service_makes() -> None:
    @given(models(gs.PutResourcePolicyRequest, accepted=True, every_member=True))
    def check(request: gs.PutResourcePolicyRequest) -> None:
        assert request.policy_hash_condition is None and request.resource_arn is None
        assert request.policy_exists_condition is not None  # every other member is there

    check()


def test_an_override_wins_over_the_rules() -> None:
    @given(
        models(
            gs.S3Encryption,
            accepted=True,
            s3_encryption_mode=st.just(gs.S3EncryptionMode.SSE_KMS),
            kms_key_arn=st.just(""),
        )
    )
    def check(s3: gs.S3Encryption) -> None:
        assert s3.kms_key_arn == ""  # the caller asked for it

    check()


def test_st_from_type_draws_accepted_values_once_registered() -> None:
    register_type_strategies(accepted=True)
    try:

        @given(st.from_type(gs.CreateSecurityConfigurationRequest))
        def check(request: gs.CreateSecurityConfigurationRequest) -> None:
            assert breaches(request) == ()
            assert len(request.encryption_configuration.s3_encryption or ()) <= 1

        check()
    finally:
        register_type_strategies()


@pytest.mark.parametrize("model", REQUESTS, ids=lambda m: m.__name__)
@given(data=st.data())
def test_the_service_refuses_exactly_what_the_rules_say_it_refuses(
    model: type[gs.Model], data: st.DataObject
) -> None:
    request = data.draw(models(model))
    refused = breaches(request, refused_only=True)
    operation = model.__name__.removesuffix("Request")
    try:
        GlueSecurityService().handle(operation, gs.to_wire(request))
    except gs.InvalidInputException as error:
        assert refused, error
        assert error.message == "; ".join(f"{b.path}: {b.message}" for b in refused)
    else:
        assert not refused  # a KMS mode without a key is taken: it fails when first used


def test_accepted_policies_name_the_default_catalog_in_every_statement() -> None:
    catalog = "arn:aws:glue:us-east-1:123456789012:"  # the in-memory service's defaults

    @given(models(gs.PutResourcePolicyRequest, accepted=True))
    def check(request: gs.PutResourcePolicyRequest) -> None:
        statements = json.loads(request.policy_in_json)["Statement"]
        assert statements
        for statement in statements:
            assert "Principal" in statement
            resources = statement["Resource"]
            for arn in resources if isinstance(resources, list) else [resources]:
                assert arn.startswith(catalog), arn

    check()
