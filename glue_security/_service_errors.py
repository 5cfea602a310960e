"""The API's error shapes, as exceptions, and reading them from an awsJson error body."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ._checks import LENIENT
from ._from_wire_codegen import collector
from ._model import GlueServiceError
from ._shapes import MESSAGE_STRING, NULLABLE_BOOLEAN
from ._spec import ADDED_AFTER_GUIDE_NOTE, member
from ._validation_error import ErrorDetail, ValidationError, describe_value

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
    "error_from_wire",
]

_MESSAGE_DOC = "What went wrong, in the service's words."
_FEDERATION_DOC = "True when the fault lies with a federated (external) catalog source."


@attrs.frozen(kw_only=True, auto_exc=False, repr=False, eq=False)  # Model gives both
class AlreadyExistsException(GlueServiceError):
    """A resource of that name already exists."""

    message: str | None = member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC)


@attrs.frozen(kw_only=True, auto_exc=False, repr=False, eq=False)  # Model gives both
class ConditionCheckFailureException(GlueServiceError):
    """A policy hash or existence condition did not hold."""

    message: str | None = member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC)


@attrs.frozen(kw_only=True, auto_exc=False, repr=False, eq=False)  # Model gives both
class EntityNotFoundException(GlueServiceError):
    """The named resource does not exist."""

    message: str | None = member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC)
    from_federation_source: bool | None = member(
        "FromFederationSource", NULLABLE_BOOLEAN, doc=_FEDERATION_DOC, added=ADDED_AFTER_GUIDE_NOTE
    )


@attrs.frozen(kw_only=True, auto_exc=False, repr=False, eq=False)  # Model gives both
class GlueEncryptionException(GlueServiceError):
    """AWS Glue could not use the KMS key the catalog is encrypted with."""

    message: str | None = member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC)


@attrs.frozen(kw_only=True, auto_exc=False, repr=False, eq=False)  # Model gives both
class InternalServiceException(GlueServiceError):
    """The service failed on its side (a fault, worth retrying)."""

    message: str | None = member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC)


@attrs.frozen(kw_only=True, auto_exc=False, repr=False, eq=False)  # Model gives both
class InvalidInputException(GlueServiceError):
    """The service rejected the input."""

    message: str | None = member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC)
    from_federation_source: bool | None = member(
        "FromFederationSource", NULLABLE_BOOLEAN, doc=_FEDERATION_DOC, added=ADDED_AFTER_GUIDE_NOTE
    )


@attrs.frozen(kw_only=True, auto_exc=False, repr=False, eq=False)  # Model gives both
class OperationTimeoutException(GlueServiceError):
    """The operation timed out."""

    message: str | None = member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC)


@attrs.frozen(kw_only=True, auto_exc=False, repr=False, eq=False)  # Model gives both
class ResourceNumberLimitExceededException(GlueServiceError):
    """A quota on the number of resources was reached."""

    message: str | None = member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC)


@attrs.frozen(kw_only=True, auto_exc=False, repr=False, eq=False)  # Model gives both
class UnknownServiceError(GlueServiceError):
    """An error whose `__type` is not one of this API's error shapes (e.g. throttling)."""

    message: str | None = member("Message", MESSAGE_STRING, doc=_MESSAGE_DOC)
    error_type: str = attrs.field(kw_only=True, default="")

    def __str__(self) -> str:
        return f"{self.error_type}: {self.message}" if self.message else self.error_type


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


def _error_type_name(raw: str) -> str:
    # "com.amazonaws.glue#EntityNotFoundException", or a header value with ":<url>" after it.
    return raw.rsplit("#", 1)[-1].split(":", 1)[0].strip()


def error_from_wire(body: Mapping[str, object]) -> GlueServiceError:
    """Turn an awsJson error body into the matching exception instance.

    `__type` may carry a namespace prefix; the message may be spelt `Message` or
    `message`. A boto3 `ClientError.response` (`{"Error": {"Code": ..., "Message": ...}}`)
    is accepted too. A type this API does not define gives an `UnknownServiceError`.
    """
    if not isinstance(body, Mapping):
        raise ValidationError(
            [ErrorDetail("$", "type", f"expected an object, got {describe_value(body)}")]
        )
    boto_error = body.get("Error")
    if "__type" not in body and isinstance(boto_error, Mapping) and "Code" in boto_error:
        body = {
            "__type": boto_error["Code"],
            **{k: v for k, v in boto_error.items() if k != "Code"},
        }
    raw_type = body.get("__type")
    if not isinstance(raw_type, str) or not raw_type:
        raise ValidationError(
            [ErrorDetail("$.__type", "required", "an error body needs a string __type")]
        )
    payload = dict(body)
    if "Message" not in payload and "message" in payload:
        payload["Message"] = payload.pop("message")
    name = _error_type_name(raw_type)
    cls = ERRORS.get(name)
    errors: list[ErrorDetail] = []
    parsed = collector(cls or UnknownServiceError, LENIENT)(payload, "$", errors)
    if errors:
        raise ValidationError(errors)
    if isinstance(parsed, UnknownServiceError):
        return attrs.evolve(parsed, error_type=name)
    assert isinstance(parsed, GlueServiceError)
    return parsed
