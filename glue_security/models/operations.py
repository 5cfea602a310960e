"""The ten operations: their shapes, and validating a request or parsing a response by name."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, overload

import attrs

from ..codec.convert import from_wire
from ..validation.suggestions import unknown_name
from . import requests_responses as msg
from . import service_errors as exc
from .base import GlueServiceError, Request, Response

__all__ = ["OPERATIONS", "Operation", "operation", "parse_response", "validate_request"]


@attrs.frozen
class Operation:
    """One API operation: its wire name, boto3 method name, shapes and possible errors."""

    name: str
    python_name: str
    input: type[Request]
    output: type[Response]
    errors: tuple[type[GlueServiceError], ...]
    doc: str


def _op(
    name: str,
    python_name: str,
    errors: tuple[type[GlueServiceError], ...],
    doc: str,
) -> Operation:
    return Operation(
        name=name,
        python_name=python_name,
        input=getattr(msg, f"{name}Request"),
        output=getattr(msg, f"{name}Response"),
        errors=errors,
        doc=doc,
    )


_INTERNAL = exc.InternalServiceException
_INVALID = exc.InvalidInputException
_TIMEOUT = exc.OperationTimeoutException
_NOT_FOUND = exc.EntityNotFoundException
_CONDITION = exc.ConditionCheckFailureException

OPERATIONS: Mapping[str, Operation] = MappingProxyType(
    {
        op.name: op
        for op in (
            _op(
                "GetDataCatalogEncryptionSettings",
                "get_data_catalog_encryption_settings",
                (_INTERNAL, _INVALID, _TIMEOUT),
                "Get a Data Catalog's security settings.",
            ),
            _op(
                "PutDataCatalogEncryptionSettings",
                "put_data_catalog_encryption_settings",
                (_INTERNAL, _INVALID, _TIMEOUT),
                "Set a Data Catalog's security settings.",
            ),
            _op(
                "PutResourcePolicy",
                "put_resource_policy",
                (_NOT_FOUND, _INTERNAL, _TIMEOUT, _INVALID, _CONDITION),
                "Set the Data Catalog's resource policy.",
            ),
            _op(
                "GetResourcePolicy",
                "get_resource_policy",
                (_NOT_FOUND, _INTERNAL, _TIMEOUT, _INVALID),
                "Get one resource policy.",
            ),
            _op(
                "DeleteResourcePolicy",
                "delete_resource_policy",
                (_NOT_FOUND, _INTERNAL, _TIMEOUT, _INVALID, _CONDITION),
                "Delete a resource policy.",
            ),
            _op(
                "CreateSecurityConfiguration",
                "create_security_configuration",
                (
                    exc.AlreadyExistsException,
                    _INVALID,
                    _INTERNAL,
                    _TIMEOUT,
                    exc.ResourceNumberLimitExceededException,
                ),
                "Create a security configuration.",
            ),
            _op(
                "DeleteSecurityConfiguration",
                "delete_security_configuration",
                (_NOT_FOUND, _INVALID, _INTERNAL, _TIMEOUT),
                "Delete a security configuration.",
            ),
            _op(
                "GetSecurityConfiguration",
                "get_security_configuration",
                (_NOT_FOUND, _INVALID, _INTERNAL, _TIMEOUT),
                "Get one security configuration.",
            ),
            _op(
                "GetSecurityConfigurations",
                "get_security_configurations",
                (_NOT_FOUND, _INVALID, _INTERNAL, _TIMEOUT),
                "List security configurations, a page at a time.",
            ),
            _op(
                "GetResourcePolicies",
                "get_resource_policies",
                (_INTERNAL, _TIMEOUT, _INVALID, exc.GlueEncryptionException),
                "List resource policies, a page at a time.",
            ),
        )
    }
)

_BY_PYTHON_NAME = {op.python_name: op for op in OPERATIONS.values()}


def operation(name: str) -> Operation:
    """Look an operation up by wire name (`CreateSecurityConfiguration`) or boto3 name
    (`create_security_configuration`); an unknown name is a ValueError with suggestions."""
    found = (OPERATIONS.get(name) or _BY_PYTHON_NAME.get(name)) if type(name) is str else None
    if found is None:
        raise unknown_name("operation", name, [*OPERATIONS, *_BY_PYTHON_NAME])
    return found


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
