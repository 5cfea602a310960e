"""`services()`: Hypothesis strategy of in-memory services in arbitrary valid states."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

import glue_security as gs
from glue_security.strategies import member_values, models, timestamps

from ._service import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_REGION,
    DEFAULT_SECURITY_CONFIGURATION_QUOTA,
    Clock,
    GlueSecurityService,
)

__all__ = ["services"]

_POLICY_SHAPE = gs.members(gs.PutResourcePolicyRequest)["policy_in_json"].shape
_NAME_SHAPE = gs.members(gs.CreateSecurityConfigurationRequest)["name"].shape


def _encryption_configurations() -> st.SearchStrategy[gs.EncryptionConfiguration]:
    # The service takes at most one S3Encryption item.
    one_s3 = st.none() | st.lists(models(gs.S3Encryption), max_size=1).map(tuple)
    return models(gs.EncryptionConfiguration, s3_encryption=one_s3)


def services(
    *,
    max_configurations: int = 5,
    account_id: str = DEFAULT_ACCOUNT_ID,
    region: str = DEFAULT_REGION,
    clock: Clock | None = None,
    security_configuration_quota: int = DEFAULT_SECURITY_CONFIGURATION_QUOTA,
) -> st.SearchStrategy[GlueSecurityService]:
    """Services in arbitrary valid states, in `account_id` and `region`: up to
    `max_configurations` security configurations (created at drawn times), catalog
    encryption settings or the defaults, and a Data Catalog resource policy or none.

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
    policy = st.none() | st.tuples(member_values(_POLICY_SHAPE), timestamps(), timestamps())

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
            service._seed_configuration(name, encryption, created, **where)
        settings = draw(st.none() | models(gs.DataCatalogEncryptionSettings))
        if settings is not None:
            service._seed_catalog_settings(settings, **where)
        drawn_policy = draw(policy)
        if drawn_policy is not None:
            text, first, second = drawn_policy
            service._seed_policy(text, min(first, second), max(first, second), **where)
        return service

    return build()
