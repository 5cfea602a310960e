"""An in-memory Glue security service for tests, and its wiring into boto3.

- `GlueSecurityService`: the ten operations, in memory, keyed by account and region, with
  fault injection (`fail_next`, `throttle_next`, `timeout_next`) and `snapshot`/`restore`;
- `mock_glue_security()`: a context manager and decorator that makes every boto3/botocore
  Glue client answer the ten operations from a service, through botocore's own parsing;
- `services()`: a Hypothesis strategy of services in arbitrary valid states (needs the
  `hypothesis` extra);
- a pytest fixture, `glue_security_service`, installed with the package.

`mock_glue_security` needs botocore: `pip install 'glue-security[testing]'`.
See docs/testing.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._service import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_PAGE_SIZE,
    DEFAULT_REGION,
    DEFAULT_SECURITY_CONFIGURATION_QUOTA,
    TOKEN_LIFETIME,
    GlueSecurityService,
    ServiceSnapshot,
    policy_hash,
)

if TYPE_CHECKING:
    from ._botocore_mock import GlueSecurityMock, UnservedOperationError, mock_glue_security
    from ._service_strategies import services

_LAZY = {
    "GlueSecurityMock": "_botocore_mock",
    "UnservedOperationError": "_botocore_mock",
    "mock_glue_security": "_botocore_mock",
    "services": "_service_strategies",
}


def __getattr__(name: str) -> Any:
    # botocore and Hypothesis load only when their part is used.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"glue_security.{module}"), name)


__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_REGION",
    "DEFAULT_SECURITY_CONFIGURATION_QUOTA",
    "TOKEN_LIFETIME",
    "GlueSecurityMock",
    "GlueSecurityService",
    "ServiceSnapshot",
    "UnservedOperationError",
    "mock_glue_security",
    "policy_hash",
    "services",
]
