"""The API's error shapes, as exceptions (`glue_security.codec.errors` reads them off the wire)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ..spec.kinds import ADDED_AFTER_GUIDE_NOTE, member
from ..spec.shapes import MESSAGE_STRING, NULLABLE_BOOLEAN
from .base import GlueServiceError

__all__ = [
    "ERRORS",
    "AlreadyExistsException",
    "ConditionCheckFailureException",
    "EntityNotFoundException",
    "GlueEncryptionException",
    "InternalServiceException",
    "InvalidInputException",
    "OperationTimeoutException",
    "ResourceNumberLimitExceededException",
    "UnknownServiceError",
]

_MESSAGE_DOC = "What went wrong, in the service's words."
_FEDERATION_DOC = "True when the fault lies with a federated (external) catalog source."


def _message() -> Any:
    # The message is the one positional argument, as with any exception (and botocore's
    # habits): `EntityNotFoundException("gone")`; every other member is a keyword.
    return member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC, positional=True)


@attrs.frozen(auto_exc=False, repr=False, eq=False)  # Model gives both
class AlreadyExistsException(GlueServiceError):
    """A resource of that name already exists."""

    message: str | None = _message()


@attrs.frozen(auto_exc=False, repr=False, eq=False)  # Model gives both
class ConditionCheckFailureException(GlueServiceError):
    """A policy hash or existence condition did not hold."""

    message: str | None = _message()


@attrs.frozen(auto_exc=False, repr=False, eq=False)  # Model gives both
class EntityNotFoundException(GlueServiceError):
    """The named resource does not exist."""

    message: str | None = _message()
    from_federation_source: bool | None = member(
        "FromFederationSource", NULLABLE_BOOLEAN, doc=_FEDERATION_DOC, added=ADDED_AFTER_GUIDE_NOTE
    )


@attrs.frozen(auto_exc=False, repr=False, eq=False)  # Model gives both
class GlueEncryptionException(GlueServiceError):
    """AWS Glue could not use the KMS key the catalog is encrypted with."""

    message: str | None = _message()


@attrs.frozen(auto_exc=False, repr=False, eq=False)  # Model gives both
class InternalServiceException(GlueServiceError):
    """The service failed on its side (a fault, worth retrying)."""

    message: str | None = _message()


@attrs.frozen(auto_exc=False, repr=False, eq=False)  # Model gives both
class InvalidInputException(GlueServiceError):
    """The service rejected the input."""

    message: str | None = _message()
    from_federation_source: bool | None = member(
        "FromFederationSource", NULLABLE_BOOLEAN, doc=_FEDERATION_DOC, added=ADDED_AFTER_GUIDE_NOTE
    )


@attrs.frozen(auto_exc=False, repr=False, eq=False)  # Model gives both
class OperationTimeoutException(GlueServiceError):
    """The operation timed out."""

    message: str | None = _message()


@attrs.frozen(auto_exc=False, repr=False, eq=False)  # Model gives both
class ResourceNumberLimitExceededException(GlueServiceError):
    """A quota on the number of resources was reached."""

    message: str | None = _message()


@attrs.frozen(auto_exc=False, repr=False, eq=False)  # Model gives both
class UnknownServiceError(GlueServiceError):
    """An error whose `__type` is not one of this API's error shapes (e.g. throttling)."""

    message: str | None = _message()
    error_type: str = attrs.field(kw_only=True, default="")

    def __str__(self) -> str:
        return f"{self.error_type}: {self.message}" if self.message else self.error_type

    # The type is what the error is: ThrottlingException is not AccessDeniedException.

    def __eq__(self, other: object) -> bool:
        equal = super().__eq__(other)
        if equal is not True:
            return equal
        assert isinstance(other, UnknownServiceError)
        return self.error_type == other.error_type

    def __hash__(self) -> int:
        return hash((super().__hash__(), self.error_type))

    def __repr__(self) -> str:
        return f"{super().__repr__()[:-1]}, error_type={self.error_type!r})"


ERRORS: Mapping[str, type[GlueServiceError]] = MappingProxyType(
    {
        cls.__name__: cls
        for cls in (
            AlreadyExistsException,
            ConditionCheckFailureException,
            EntityNotFoundException,
            GlueEncryptionException,
            InternalServiceException,
            InvalidInputException,
            OperationTimeoutException,
            ResourceNumberLimitExceededException,
        )
    }
)
