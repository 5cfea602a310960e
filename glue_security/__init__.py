"""Typed, validated models of the AWS Glue Security API.

Parse a request with `from_wire(CreateSecurityConfigurationRequest, payload)` (or
`validate_request("CreateSecurityConfiguration", payload)`), read `ValidationError.errors`
for every problem with its wire path, and send `to_wire(model)` to a boto3 client.
"""

from typing import TYPE_CHECKING, Any

from . import _moved
from ._version import __version__
from .codec.convert import from_json, from_wire, to_json, to_wire
from .codec.errors import error_from_wire
from .codec.operations import parse_response, validate_request
from .models.base import GlueServiceError, Model, Request, Response
from .models.data_types import (
    CloudWatchEncryption,
    ConnectionPasswordEncryption,
    DataCatalogEncryptionSettings,
    DataQualityEncryption,
    EncryptionAtRest,
    EncryptionConfiguration,
    GluePolicy,
    JobBookmarksEncryption,
    S3Encryption,
    SecurityConfiguration,
)
from .models.enums import (
    ADDED_AFTER_DEVELOPER_GUIDE,
    CatalogEncryptionMode,
    CloudWatchEncryptionMode,
    DataQualityEncryptionMode,
    EnableHybridValues,
    ExistCondition,
    JobBookmarksEncryptionMode,
    S3EncryptionMode,
)
from .models.operations import OPERATIONS, Operation, operation
from .models.registry import DATA_TYPES, ENUMS, MODELS, REQUESTS, RESPONSES, shape
from .models.requests_responses import (
    CreateSecurityConfigurationRequest,
    CreateSecurityConfigurationResponse,
    DeleteResourcePolicyRequest,
    DeleteResourcePolicyResponse,
    DeleteSecurityConfigurationRequest,
    DeleteSecurityConfigurationResponse,
    GetDataCatalogEncryptionSettingsRequest,
    GetDataCatalogEncryptionSettingsResponse,
    GetResourcePoliciesRequest,
    GetResourcePoliciesResponse,
    GetResourcePolicyRequest,
    GetResourcePolicyResponse,
    GetSecurityConfigurationRequest,
    GetSecurityConfigurationResponse,
    GetSecurityConfigurationsRequest,
    GetSecurityConfigurationsResponse,
    PutDataCatalogEncryptionSettingsRequest,
    PutDataCatalogEncryptionSettingsResponse,
    PutResourcePolicyRequest,
    PutResourcePolicyResponse,
)
from .models.service_errors import (
    ERRORS,
    AlreadyExistsException,
    ConditionCheckFailureException,
    EntityNotFoundException,
    GlueEncryptionException,
    InternalServiceException,
    InvalidInputException,
    OperationTimeoutException,
    ResourceNumberLimitExceededException,
    UnknownServiceError,
)
from .spec.kinds import (
    MEMBER_KEY,
    BooleanShape,
    EnumShape,
    IntegerShape,
    IntRange,
    JsonDocument,
    ListShape,
    Member,
    NonconformingInt,
    NonconformingStr,
    StringShape,
    StructureShape,
    TimestampShape,
    Utf8Length,
    WireEnum,
    members,
)
from .spec.patterns import Pattern
from .validation.error import ErrorCode, ErrorDetail, ValidationError

_moved.install()

if TYPE_CHECKING:
    from .codec.converter import converter
    from .linter.engine import LintFinding, lint
    from .linter.rules import RULES as LINT_RULES
    from .linter.rules import Rule
    from .schema.export import json_schema



def __getattr__(name: str) -> Any:
    # Lazy re-exports: loaded on first use, so `import glue_security` stays light.
    if name == "json_schema":
        from .schema.export import json_schema

        return json_schema
    if name == "converter":
        from .codec.converter import converter

        return converter
    if name in ("lint", "LintFinding"):
        from .linter import engine as _lint

        return getattr(_lint, name)
    if name in ("LINT_RULES", "Rule"):
        from .linter import rules as _lint_rules

        return _lint_rules.RULES if name == "LINT_RULES" else _lint_rules.Rule
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ADDED_AFTER_DEVELOPER_GUIDE",
    "DATA_TYPES",
    "ENUMS",
    "ERRORS",
    "LINT_RULES",
    "MEMBER_KEY",
    "MODELS",
    "OPERATIONS",
    "REQUESTS",
    "RESPONSES",
    "AlreadyExistsException",
    "BooleanShape",
    "CatalogEncryptionMode",
    "CloudWatchEncryption",
    "CloudWatchEncryptionMode",
    "ConditionCheckFailureException",
    "ConnectionPasswordEncryption",
    "CreateSecurityConfigurationRequest",
    "CreateSecurityConfigurationResponse",
    "DataCatalogEncryptionSettings",
    "DataQualityEncryption",
    "DataQualityEncryptionMode",
    "DeleteResourcePolicyRequest",
    "DeleteResourcePolicyResponse",
    "DeleteSecurityConfigurationRequest",
    "DeleteSecurityConfigurationResponse",
    "EnableHybridValues",
    "EncryptionAtRest",
    "EncryptionConfiguration",
    "EntityNotFoundException",
    "EnumShape",
    "ErrorCode",
    "ErrorDetail",
    "ExistCondition",
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
    "GlueEncryptionException",
    "GluePolicy",
    "GlueServiceError",
    "IntRange",
    "IntegerShape",
    "InternalServiceException",
    "InvalidInputException",
    "JobBookmarksEncryption",
    "JobBookmarksEncryptionMode",
    "JsonDocument",
    "LintFinding",
    "ListShape",
    "Member",
    "Model",
    "NonconformingInt",
    "NonconformingStr",
    "Operation",
    "OperationTimeoutException",
    "Pattern",
    "PutDataCatalogEncryptionSettingsRequest",
    "PutDataCatalogEncryptionSettingsResponse",
    "PutResourcePolicyRequest",
    "PutResourcePolicyResponse",
    "Request",
    "ResourceNumberLimitExceededException",
    "Response",
    "Rule",
    "S3Encryption",
    "S3EncryptionMode",
    "SecurityConfiguration",
    "StringShape",
    "StructureShape",
    "TimestampShape",
    "UnknownServiceError",
    "Utf8Length",
    "ValidationError",
    "WireEnum",
    "__version__",
    "converter",
    "error_from_wire",
    "from_json",
    "from_wire",
    "json_schema",
    "lint",
    "members",
    "operation",
    "parse_response",
    "shape",
    "to_json",
    "to_wire",
    "validate_request",
]
