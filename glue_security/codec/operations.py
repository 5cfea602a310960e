"""Validating a request or parsing a response by its operation's name."""

from __future__ import annotations

from typing import Literal, overload

from ..models import requests_responses as msg
from ..models.base import Request, Response
from ..models.operations import operation
from .convert import from_wire

__all__ = ["parse_response", "validate_request"]


# Overloaded on the name, so that a type checker knows the exact model (a test checks
# these against OPERATIONS).
@overload
def validate_request(
    name: Literal["GetDataCatalogEncryptionSettings", "get_data_catalog_encryption_settings"],
    payload: object,
) -> msg.GetDataCatalogEncryptionSettingsRequest: ...
@overload
def validate_request(
    name: Literal["PutDataCatalogEncryptionSettings", "put_data_catalog_encryption_settings"],
    payload: object,
) -> msg.PutDataCatalogEncryptionSettingsRequest: ...
@overload
def validate_request(
    name: Literal["PutResourcePolicy", "put_resource_policy"], payload: object
) -> msg.PutResourcePolicyRequest: ...
@overload
def validate_request(
    name: Literal["GetResourcePolicy", "get_resource_policy"], payload: object
) -> msg.GetResourcePolicyRequest: ...
@overload
def validate_request(
    name: Literal["DeleteResourcePolicy", "delete_resource_policy"], payload: object
) -> msg.DeleteResourcePolicyRequest: ...
@overload
def validate_request(
    name: Literal["CreateSecurityConfiguration", "create_security_configuration"], payload: object
) -> msg.CreateSecurityConfigurationRequest: ...
@overload
def validate_request(
    name: Literal["DeleteSecurityConfiguration", "delete_security_configuration"], payload: object
) -> msg.DeleteSecurityConfigurationRequest: ...
@overload
def validate_request(
    name: Literal["GetSecurityConfiguration", "get_security_configuration"], payload: object
) -> msg.GetSecurityConfigurationRequest: ...
@overload
def validate_request(
    name: Literal["GetSecurityConfigurations", "get_security_configurations"], payload: object
) -> msg.GetSecurityConfigurationsRequest: ...
@overload
def validate_request(
    name: Literal["GetResourcePolicies", "get_resource_policies"], payload: object
) -> msg.GetResourcePoliciesRequest: ...
@overload
def validate_request(name: str, payload: object) -> Request: ...
def validate_request(name: str, payload: object) -> Request:
    """Parse and check a request payload for operation `name`; raises ValidationError."""
    return from_wire(operation(name).input, payload)


@overload
def parse_response(
    name: Literal["GetDataCatalogEncryptionSettings", "get_data_catalog_encryption_settings"],
    payload: object,
) -> msg.GetDataCatalogEncryptionSettingsResponse: ...
@overload
def parse_response(
    name: Literal["PutDataCatalogEncryptionSettings", "put_data_catalog_encryption_settings"],
    payload: object,
) -> msg.PutDataCatalogEncryptionSettingsResponse: ...
@overload
def parse_response(
    name: Literal["PutResourcePolicy", "put_resource_policy"], payload: object
) -> msg.PutResourcePolicyResponse: ...
@overload
def parse_response(
    name: Literal["GetResourcePolicy", "get_resource_policy"], payload: object
) -> msg.GetResourcePolicyResponse: ...
@overload
def parse_response(
    name: Literal["DeleteResourcePolicy", "delete_resource_policy"], payload: object
) -> msg.DeleteResourcePolicyResponse: ...
@overload
def parse_response(
    name: Literal["CreateSecurityConfiguration", "create_security_configuration"], payload: object
) -> msg.CreateSecurityConfigurationResponse: ...
@overload
def parse_response(
    name: Literal["DeleteSecurityConfiguration", "delete_security_configuration"], payload: object
) -> msg.DeleteSecurityConfigurationResponse: ...
@overload
def parse_response(
    name: Literal["GetSecurityConfiguration", "get_security_configuration"], payload: object
) -> msg.GetSecurityConfigurationResponse: ...
@overload
def parse_response(
    name: Literal["GetSecurityConfigurations", "get_security_configurations"], payload: object
) -> msg.GetSecurityConfigurationsResponse: ...
@overload
def parse_response(
    name: Literal["GetResourcePolicies", "get_resource_policies"], payload: object
) -> msg.GetResourcePoliciesResponse: ...
@overload
def parse_response(name: str, payload: object) -> Response: ...
def parse_response(name: str, payload: object) -> Response:
    """Parse a response payload (a boto3 response dict parses as it is)."""
    return from_wire(operation(name).output, payload)
