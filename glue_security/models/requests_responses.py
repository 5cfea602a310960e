"""Request and response shapes of the ten operations."""

from __future__ import annotations

from datetime import datetime

import attrs

from ..spec.kinds import EnumShape, ListShape, StructureShape, member
from ..spec.shapes import (
    CATALOG_ID_STRING,
    GENERIC_STRING,
    GLUE_RESOURCE_ARN_STRING,
    HASH_STRING,
    NAME_STRING,
    PAGE_SIZE,
    POLICY_JSON_STRING,
    TIMESTAMP,
    TIMESTAMP_VALUE,
    TOKEN,
)
from .base import Request, Response
from .data_types import (
    DataCatalogEncryptionSettings,
    EncryptionConfiguration,
    GluePolicy,
    SecurityConfiguration,
)
from .enums import EnableHybridValues, ExistCondition

__all__ = [
    "CreateSecurityConfigurationRequest",
    "CreateSecurityConfigurationResponse",
    "DeleteResourcePolicyRequest",
    "DeleteResourcePolicyResponse",
    "DeleteSecurityConfigurationRequest",
    "DeleteSecurityConfigurationResponse",
    "GetDataCatalogEncryptionSettingsRequest",
    "GetDataCatalogEncryptionSettingsResponse",
    "GetResourcePoliciesRequest",
    "GetResourcePoliciesResponse",
    "GetResourcePolicyRequest",
    "GetResourcePolicyResponse",
    "GetSecurityConfigurationRequest",
    "GetSecurityConfigurationResponse",
    "GetSecurityConfigurationsRequest",
    "GetSecurityConfigurationsResponse",
    "PutDataCatalogEncryptionSettingsRequest",
    "PutDataCatalogEncryptionSettingsResponse",
    "PutResourcePolicyRequest",
    "PutResourcePolicyResponse",
]

_CATALOG_ID_DOC = "The Data Catalog's id; the caller's account id when left out."
_MAX_RESULTS_DOC = "The most items one page may hold."


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetDataCatalogEncryptionSettingsRequest(Request):
    """Ask for a Data Catalog's security settings."""

    catalog_id: str | None = member("CatalogId", CATALOG_ID_STRING, doc=_CATALOG_ID_DOC)


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetDataCatalogEncryptionSettingsResponse(Response):
    """A Data Catalog's security settings."""

    data_catalog_encryption_settings: DataCatalogEncryptionSettings | None = member(
        "DataCatalogEncryptionSettings",
        StructureShape(DataCatalogEncryptionSettings),
        doc="The catalog's current settings.",
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class PutDataCatalogEncryptionSettingsRequest(Request):
    """Set a Data Catalog's security settings; later catalog writes use them."""

    catalog_id: str | None = member("CatalogId", CATALOG_ID_STRING, doc=_CATALOG_ID_DOC)
    data_catalog_encryption_settings: DataCatalogEncryptionSettings = member(
        "DataCatalogEncryptionSettings",
        StructureShape(DataCatalogEncryptionSettings),
        required=True,
        doc="The settings to apply.",
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class PutDataCatalogEncryptionSettingsResponse(Response):
    """The settings were applied; the answer carries no members."""


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class PutResourcePolicyRequest(Request):
    """Set the Data Catalog's resource policy (or, internally, a resource's)."""

    policy_in_json: str = member(
        "PolicyInJson", POLICY_JSON_STRING, required=True, doc="The policy document, as JSON text."
    )
    resource_arn: str | None = member(
        "ResourceArn",
        GLUE_RESOURCE_ARN_STRING,
        doc="Reserved for AWS Glue's internal use; leave it out.",
    )
    policy_hash_condition: str | None = member(
        "PolicyHashCondition",
        HASH_STRING,
        doc="Hash of the policy being replaced, so concurrent edits fail; omit on a first put.",
    )
    policy_exists_condition: ExistCondition | None = member(
        "PolicyExistsCondition",
        EnumShape("ExistCondition", ExistCondition),
        doc="MUST_EXIST to update, NOT_EXIST to create, NONE (or absent) for either.",
    )
    enable_hybrid: EnableHybridValues | None = member(
        "EnableHybrid",
        EnumShape("EnableHybridValues", EnableHybridValues),
        doc="TRUE when cross-account grants are also made through the console; default FALSE.",
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class PutResourcePolicyResponse(Response):
    """The hash of the policy just set."""

    policy_hash: str | None = member(
        "PolicyHash", HASH_STRING, doc="Pass this as PolicyHashCondition on the next update."
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetResourcePolicyRequest(Request):
    """Ask for one resource policy (the Data Catalog's when no ARN is given)."""

    resource_arn: str | None = member(
        "ResourceArn", GLUE_RESOURCE_ARN_STRING, doc="ARN of the Glue resource whose policy to get."
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetResourcePolicyResponse(Response):
    """One resource policy with its hash and times."""

    policy_in_json: str | None = member(
        "PolicyInJson", POLICY_JSON_STRING, doc="The policy document, as JSON text."
    )
    policy_hash: str | None = member("PolicyHash", HASH_STRING, doc="Hash of the policy.")
    create_time: datetime | None = member(
        "CreateTime", TIMESTAMP, doc="When the policy was created (UTC)."
    )
    update_time: datetime | None = member(
        "UpdateTime", TIMESTAMP, doc="When the policy was last updated (UTC)."
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class DeleteResourcePolicyRequest(Request):
    """Delete a resource policy, optionally only if its hash still matches."""

    policy_hash_condition: str | None = member(
        "PolicyHashCondition", HASH_STRING, doc="Hash returned when the policy was set."
    )
    resource_arn: str | None = member(
        "ResourceArn",
        GLUE_RESOURCE_ARN_STRING,
        doc="ARN of the Glue resource whose policy to delete.",
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class DeleteResourcePolicyResponse(Response):
    """The policy was deleted; the answer carries no members."""


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class CreateSecurityConfigurationRequest(Request):
    """Create a named security configuration."""

    name: str = member(
        "Name", NAME_STRING, required=True, doc="Name of the new security configuration."
    )
    encryption_configuration: EncryptionConfiguration = member(
        "EncryptionConfiguration",
        StructureShape(EncryptionConfiguration),
        required=True,
        doc="The encryption settings it applies.",
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class CreateSecurityConfigurationResponse(Response):
    """The created configuration's name and creation time."""

    name: str | None = member("Name", NAME_STRING, doc="Name of the new configuration.")
    # The wire spells this `CreatedTimestamp`, unlike SecurityConfiguration.CreatedTimeStamp.
    created_timestamp: datetime | None = member(
        "CreatedTimestamp", TIMESTAMP_VALUE, doc="When it was created (UTC)."
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class DeleteSecurityConfigurationRequest(Request):
    """Delete a security configuration by name."""

    name: str = member(
        "Name", NAME_STRING, required=True, doc="Name of the configuration to delete."
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class DeleteSecurityConfigurationResponse(Response):
    """The configuration was deleted; the answer carries no members."""


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetSecurityConfigurationRequest(Request):
    """Ask for one security configuration by name."""

    name: str = member(
        "Name", NAME_STRING, required=True, doc="Name of the configuration to get."
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetSecurityConfigurationResponse(Response):
    """One security configuration."""

    security_configuration: SecurityConfiguration | None = member(
        "SecurityConfiguration",
        StructureShape(SecurityConfiguration),
        doc="The requested configuration.",
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetSecurityConfigurationsRequest(Request):
    """Ask for a page of security configurations."""

    max_results: int | None = member("MaxResults", PAGE_SIZE, doc=_MAX_RESULTS_DOC)
    next_token: str | None = member(
        "NextToken", GENERIC_STRING, doc="Token from the previous page, to continue from it."
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetSecurityConfigurationsResponse(Response):
    """A page of security configurations."""

    security_configurations: tuple[SecurityConfiguration, ...] | None = member(
        "SecurityConfigurations",
        ListShape("SecurityConfigurationList", StructureShape(SecurityConfiguration)),
        doc="The configurations on this page.",
    )
    next_token: str | None = member(
        "NextToken", GENERIC_STRING, doc="Present when more pages follow."
    )


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetResourcePoliciesRequest(Request):
    """Ask for a page of resource policies, the Data Catalog's included."""

    next_token: str | None = member(
        "NextToken", TOKEN, doc="Token from the previous page, to continue from it."
    )
    max_results: int | None = member("MaxResults", PAGE_SIZE, doc=_MAX_RESULTS_DOC)


@attrs.frozen(kw_only=True, repr=False, eq=False)  # Model gives both
class GetResourcePoliciesResponse(Response):
    """A page of resource policies."""

    get_resource_policies_response_list: tuple[GluePolicy, ...] | None = member(
        "GetResourcePoliciesResponseList",
        ListShape("GetResourcePoliciesResponseList", StructureShape(GluePolicy)),
        doc="Policies set on individual resources, and the account-level catalog policy.",
    )
    next_token: str | None = member("NextToken", TOKEN, doc="Present when more pages follow.")
