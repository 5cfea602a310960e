"""The ten operations, as a table: each one's wire and boto3 names, shapes and errors."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ..validation.suggestions import unknown_name
from . import requests_responses as msg
from . import service_errors as exc
from .base import GlueServiceError, Request, Response

__all__ = ["OPERATIONS", "Operation", "operation"]


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
