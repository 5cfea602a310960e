"""An in-memory Glue security service: the ten operations, keyed by account and region.

No botocore here: `handle` takes and returns awsJson wire dicts (what goes in the HTTP body),
`call` takes and returns models. The service is its state (`testing.models`) behind its
protocol (`testing.responses`); `testing.botocore_bridge` puts it behind botocore's pipeline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, overload

from ..codec.convert import from_wire, to_wire
from ..models.base import GlueServiceError, Request, Response
from ..models.operations import operation as operation_named
from ..models.requests_responses import (
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
from ..models.service_errors import InternalServiceException
from .models import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_PAGE_SIZE,
    DEFAULT_REGION,
    DEFAULT_SECURITY_CONFIGURATION_QUOTA,
    TOKEN_LIFETIME,
    Clock,
    GlueSecurityBackend,
    ServiceSnapshot,
    glue_arn,
    policy_hash,
)
from .responses import InjectedFault, InjectedFaults, dispatch

# The state's names stay importable from here, where 0.2.0 had them.
__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_REGION",
    "DEFAULT_SECURITY_CONFIGURATION_QUOTA",
    "TOKEN_LIFETIME",
    "Clock",
    "GlueSecurityService",
    "ServiceSnapshot",
    "glue_arn",
    "policy_hash",
]


class GlueSecurityService(GlueSecurityBackend):
    """An in-memory stand-in for the Glue security API, for tests.

    State is kept per account and region. Every request is checked with the library's
    models; a fault is an `InvalidInputException` carrying the library's messages.
    `handle` works on wire dicts, `call` on models; `mock_glue_security` serves boto3.
    Thread-safe: each operation runs under the service's lock.
    """

    def __init__(
        self,
        *,
        account_id: str = DEFAULT_ACCOUNT_ID,
        region: str = DEFAULT_REGION,
        clock: Clock | None = None,
        security_configuration_quota: int = DEFAULT_SECURITY_CONFIGURATION_QUOTA,
    ) -> None:
        super().__init__(
            account_id=account_id,
            region=region,
            clock=clock,
            security_configuration_quota=security_configuration_quota,
        )
        self._faults = InjectedFaults()

    # -- the two ways in ------------------------------------------------------------------

    def handle(
        self,
        operation: str,
        payload: Mapping[str, Any],
        *,
        account_id: str | None = None,
        region: str | None = None,
    ) -> dict[str, Any]:
        """Run one operation on a wire request; return the wire response (the awsJson body:
        timestamps as epoch seconds). Raises the API's exceptions (`GlueServiceError`),
        `UnknownServiceError` for an injected throttle, and `TimeoutError` for an
        injected timeout."""
        return dispatch(
            self, self._faults, operation, payload, account_id=account_id, region=region
        )

    @overload
    def call(
        self,
        request: CreateSecurityConfigurationRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> CreateSecurityConfigurationResponse: ...
    @overload
    def call(
        self,
        request: GetSecurityConfigurationRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> GetSecurityConfigurationResponse: ...
    @overload
    def call(
        self,
        request: DeleteSecurityConfigurationRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> DeleteSecurityConfigurationResponse: ...
    @overload
    def call(
        self,
        request: GetSecurityConfigurationsRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> GetSecurityConfigurationsResponse: ...
    @overload
    def call(
        self,
        request: PutDataCatalogEncryptionSettingsRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> PutDataCatalogEncryptionSettingsResponse: ...
    @overload
    def call(
        self,
        request: GetDataCatalogEncryptionSettingsRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> GetDataCatalogEncryptionSettingsResponse: ...
    @overload
    def call(
        self,
        request: PutResourcePolicyRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> PutResourcePolicyResponse: ...
    @overload
    def call(
        self,
        request: GetResourcePolicyRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> GetResourcePolicyResponse: ...
    @overload
    def call(
        self,
        request: DeleteResourcePolicyRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> DeleteResourcePolicyResponse: ...
    @overload
    def call(
        self,
        request: GetResourcePoliciesRequest,
        *,
        account_id: str | None = ...,
        region: str | None = ...,
    ) -> GetResourcePoliciesResponse: ...
    def call(
        self, request: Request, *, account_id: str | None = None, region: str | None = None
    ) -> Response:
        """Run one operation on a request model; return the response model. The account
        and region default to the service's own."""
        name = type(request).__name__.removesuffix("Request")
        operation = operation_named(name)
        raw = self.handle(name, to_wire(request), account_id=account_id, region=region)
        return from_wire(operation.output, raw)
    # -- faults ----------------------------------------------------------------------------

    def fail_next(
        self,
        operation: str,
        error: type[GlueServiceError] | GlueServiceError = InternalServiceException,
        *,
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls of `operation` with `error` (a class or instance),
        before validating or changing anything. It must be in the operation's error list."""
        op = operation_named(operation)
        if isinstance(error, GlueServiceError):
            instance: GlueServiceError | None = error
            cls: type[GlueServiceError] = type(error)
        else:
            instance, cls = None, error
        if cls not in op.errors:
            allowed = ", ".join(e.__name__ for e in op.errors)
            raise ValueError(f"{op.name} does not raise {cls.__name__}; its errors: {allowed}")
        if instance is None:
            message = f"{cls.__name__} (injected by glue_security.testing)"
            # Every error shape has a Message member: build it from the wire, as read.
            instance = from_wire(cls, {"Message": message})
        self._add_faults(op.name, InjectedFault("error", error=instance), times)

    def throttle_next(self, operation: str, *, times: int = 1) -> None:
        """Answer the next `times` calls of `operation` with a ThrottlingException."""
        self._add_faults(operation_named(operation).name, InjectedFault("throttle"), times)

    def timeout_next(self, operation: str, *, times: int = 1, applied: bool = False) -> None:
        """Let the next `times` calls of `operation` time out. With `applied`, each takes
        effect before its answer is lost (so a retried create meets AlreadyExists)."""
        timeout = InjectedFault("timeout", applied=applied)
        self._add_faults(operation_named(operation).name, timeout, times)

    def clear_faults(self) -> None:
        """Forget every injected fault not yet used."""
        with self.lock:
            self._faults.clear()

    def _add_faults(self, name: str, fault: InjectedFault, times: int) -> None:
        if times < 1:
            raise ValueError(f"times must be at least 1, got {times}")
        with self.lock:
            self._faults.add(name, fault, times)

    def reset(self) -> None:
        """Forget every resource and injected fault."""
        with self.lock:
            super().reset()
            self._faults.clear()
