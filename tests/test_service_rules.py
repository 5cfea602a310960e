"""The service's own rules (`models.service_rules`): lint, the in-memory service and the
strategies read the same data, and agree."""

from __future__ import annotations

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
from glue_security.strategies import models

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
    assert breach.path == "$.DataCatalogEncryptionSettings.EncryptionAtRest"
    assert breach.message == (
        "CatalogEncryptionMode SSE-KMS-WITH-SERVICE-ROLE needs CatalogEncryptionServiceRole "
        "(the role)"
    )
    assert breach.rule.refused
