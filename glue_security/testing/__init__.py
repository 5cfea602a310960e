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

from .models import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_PAGE_SIZE,
    DEFAULT_REGION,
    DEFAULT_SECURITY_CONFIGURATION_QUOTA,
    TOKEN_LIFETIME,
    ServiceSnapshot,
    policy_hash,
)
from .service import GlueSecurityService

if TYPE_CHECKING:
    from .botocore_bridge import GlueSecurityMock, UnservedOperationError, mock_glue_security
    from .states import services

_BOTOCORE_NAMES = frozenset({"GlueSecurityMock", "UnservedOperationError", "mock_glue_security"})


def __getattr__(name: str) -> Any:
    # botocore and Hypothesis load only when their part is used.
    if name in _BOTOCORE_NAMES:
        from . import botocore_bridge

        return getattr(botocore_bridge, name)
    if name == "services":
        from .states import services

        return services
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
