"""to_wire's TypedDicts against boto3-stubs (mypy-boto3-glue): each request's wire form is
the keyword arguments of its boto3 method, as users call it, and a value of its TypeDef."""

from __future__ import annotations

from mypy_boto3_glue import GlueClient
from mypy_boto3_glue import type_defs as t

import glue_security as gs


def every_operation(
    glue: GlueClient,
    create: gs.CreateSecurityConfigurationRequest,
    delete_policy: gs.DeleteResourcePolicyRequest,
    delete: gs.DeleteSecurityConfigurationRequest,
    get_settings: gs.GetDataCatalogEncryptionSettingsRequest,
    get_policies: gs.GetResourcePoliciesRequest,
    get_policy: gs.GetResourcePolicyRequest,
    get: gs.GetSecurityConfigurationRequest,
    get_all: gs.GetSecurityConfigurationsRequest,
    put_settings: gs.PutDataCatalogEncryptionSettingsRequest,
    put_policy: gs.PutResourcePolicyRequest,
    encryption: gs.EncryptionConfiguration,
    settings: gs.DataCatalogEncryptionSettings,
) -> list[object]:
    glue.create_security_configuration(**gs.to_wire(create))
    glue.delete_resource_policy(**gs.to_wire(delete_policy))
    glue.delete_security_configuration(**gs.to_wire(delete))
    glue.get_data_catalog_encryption_settings(**gs.to_wire(get_settings))
    glue.get_resource_policies(**gs.to_wire(get_policies))
    glue.get_resource_policy(**gs.to_wire(get_policy))
    glue.get_security_configuration(**gs.to_wire(get))
    glue.get_security_configurations(**gs.to_wire(get_all))
    glue.put_data_catalog_encryption_settings(**gs.to_wire(put_settings))
    glue.put_resource_policy(**gs.to_wire(put_policy))
    # And as values, each assigned to its TypeDef.
    delete_policy_wire: t.DeleteResourcePolicyRequestTypeDef = gs.to_wire(delete_policy)
    delete_wire: t.DeleteSecurityConfigurationRequestTypeDef = gs.to_wire(delete)
    get_settings_wire: t.GetDataCatalogEncryptionSettingsRequestTypeDef = gs.to_wire(get_settings)
    get_policies_wire: t.GetResourcePoliciesRequestTypeDef = gs.to_wire(get_policies)
    get_policy_wire: t.GetResourcePolicyRequestTypeDef = gs.to_wire(get_policy)
    get_wire: t.GetSecurityConfigurationRequestTypeDef = gs.to_wire(get)
    get_all_wire: t.GetSecurityConfigurationsRequestTypeDef = gs.to_wire(get_all)
    put_settings_wire: t.PutDataCatalogEncryptionSettingsRequestTypeDef = gs.to_wire(put_settings)
    put_policy_wire: t.PutResourcePolicyRequestTypeDef = gs.to_wire(put_policy)
    encryption_wire: t.EncryptionConfigurationUnionTypeDef = gs.to_wire(encryption)
    settings_wire: t.DataCatalogEncryptionSettingsTypeDef = gs.to_wire(settings)
    # boto3-stubs type this request's EncryptionConfiguration as a union of its input and
    # output TypeDefs; a TypedDict's items are invariant, so no single TypedDict is that
    # union, and only the keyword-argument call above (each value checked on its own) passes.
    create_wire: t.CreateSecurityConfigurationRequestTypeDef = gs.to_wire(create)  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
    return [
        *(delete_policy_wire, delete_wire, get_settings_wire, get_policies_wire, get_policy_wire),
        *(get_wire, get_all_wire, put_settings_wire, put_policy_wire, encryption_wire),
        *(settings_wire, create_wire),
    ]


def to_the_wrong_operation(glue: GlueClient, request: gs.GetSecurityConfigurationRequest) -> None:
    glue.create_security_configuration(**gs.to_wire(request))  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
