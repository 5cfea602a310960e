"""`services()`: Hypothesis strategy of in-memory services in arbitrary valid states."""

from __future__ import annotations

from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - the message is the point
    raise ImportError(
        "glue_security.testing.services needs Hypothesis: pip install 'glue-security[hypothesis]'"
    ) from error

from glue_security.strategies import member_values, models, timestamps

from ..models.data_types import DataCatalogEncryptionSettings, EncryptionConfiguration, S3Encryption
from ..models.requests_responses import CreateSecurityConfigurationRequest, PutResourcePolicyRequest
from ..spec.kinds import members
from .models import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_REGION,
    DEFAULT_SECURITY_CONFIGURATION_QUOTA,
    Clock,
    glue_arn,
)
from .service import GlueSecurityService

__all__ = ["services"]

_POLICY_SHAPE = members(PutResourcePolicyRequest)["policy_in_json"].shape
_NAME_SHAPE = members(CreateSecurityConfigurationRequest)["name"].shape


def _encryption_configurations() -> st.SearchStrategy[EncryptionConfiguration]:
    # The service takes at most one S3Encryption item.
    one_s3 = st.none() | st.lists(models(S3Encryption), max_size=1).map(tuple)
    return models(EncryptionConfiguration, s3_encryption=one_s3)


def services(
    *,
    max_configurations: int = 5,
    max_resource_policies: int = 2,
    account_id: str = DEFAULT_ACCOUNT_ID,
    region: str = DEFAULT_REGION,
    clock: Clock | None = None,
    security_configuration_quota: int = DEFAULT_SECURITY_CONFIGURATION_QUOTA,
) -> st.SearchStrategy[GlueSecurityService]:
    """Services in arbitrary valid states, in `account_id` and `region`: up to
    `max_configurations` security configurations (created at drawn times), catalog
    encryption settings or the defaults, a Data Catalog resource policy or none, and up to
    `max_resource_policies` policies on databases (as cross-account grants leave them).

    The other keyword arguments go to `GlueSecurityService`. Each draw is a new service."""
    if not 0 <= max_configurations <= security_configuration_quota:
        raise ValueError(
            f"max_configurations must be within 0..{security_configuration_quota}, "
            f"got {max_configurations}"
        )
    configurations = st.lists(
        st.tuples(member_values(_NAME_SHAPE), timestamps()),
        max_size=max_configurations,
        unique_by=lambda item: item[0],
    )
    policy = st.tuples(member_values(_POLICY_SHAPE), timestamps(), timestamps())
    database_policies = st.lists(
        st.tuples(member_values(_NAME_SHAPE), policy),
        max_size=max_resource_policies,
        unique_by=lambda item: item[0],
    )

    @st.composite
    def build(draw: st.DrawFn) -> GlueSecurityService:
        service = GlueSecurityService(
            account_id=account_id,
            region=region,
            clock=clock,
            security_configuration_quota=security_configuration_quota,
        )
        where: dict[str, Any] = {"account_id": account_id, "region": region}
        for name, created in draw(configurations):
            encryption = draw(_encryption_configurations())
            service._place_configuration(name, encryption, created, **where)
        settings = draw(st.none() | models(DataCatalogEncryptionSettings))
        if settings is not None:
            service._place_catalog_settings(settings, **where)
        drawn: list[tuple[str | None, tuple[str, Any, Any]]] = [
            (glue_arn(account_id, region, f"database/{name}"), text_times)
            for name, text_times in draw(database_policies)
        ]
        catalog_policy = draw(st.none() | policy)
        if catalog_policy is not None:
            drawn.insert(draw(st.integers(0, len(drawn))), (None, catalog_policy))
        for arn, (text, first, second) in drawn:
            service._place_policy(text, min(first, second), max(first, second), arn, **where)
        return service

    return build()
