"""to_wire's TypedDicts against boto3-stubs (mypy-boto3-glue): each request's wire form is
the keyword arguments of its boto3 method, as users call it."""

from __future__ import annotations

from mypy_boto3_glue import GlueClient

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
) -> None:
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


def to_the_wrong_operation(glue: GlueClient, request: gs.GetSecurityConfigurationRequest) -> None:
    glue.create_security_configuration(**gs.to_wire(request))  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
