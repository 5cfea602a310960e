"""Reading the API's errors from an awsJson error body (or a boto3 `ClientError.response`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

import attrs

from ..models.base import GlueServiceError
from ..models.service_errors import ERRORS, UnknownServiceError
from ..validation.checks import LENIENT, plain_object
from ..validation.error import (
    ErrorCode,
    ErrorDetail,
    Problem,
    ValidationError,
    describe_value,
    found_invalid,
    json_type_name,
)
from .convert import collect_safely, unreadable
from .from_wire import collector

__all__ = ["error_from_wire"]


def _error_type_name(raw: str) -> str:
    # "com.amazonaws.glue#EntityNotFoundException", or a header value with ":<url>" after it.
    return raw.rsplit("#", 1)[-1].split(":", 1)[0].strip()


def _plain(mapping: Any) -> dict[Any, Any]:
    # A dict subclass is read as the plain dict it holds; another Mapping through its methods.
    return plain_object(mapping) if issubclass(type(mapping), dict) else dict(mapping.items())


def _fail(path: str, code: ErrorCode, message: str) -> NoReturn:
    raise ValidationError([ErrorDetail(path, code, message)])


def error_from_wire(body: Mapping[str, object]) -> GlueServiceError:
    """Turn an awsJson error body into the matching exception instance.

    `__type` may carry a namespace prefix; the message may be spelt `Message` or
    `message`. A boto3 `ClientError.response` (`{"Error": {"Code": ..., "Message": ...}}`)
    is accepted too: `Error.Code` names the type (an inner `__type` does not override it),
    and `ResponseMetadata`'s request id and HTTP status are kept on the error as
    `request_id` and `http_status_code`. A type this API does not define gives an
    `UnknownServiceError`.
    """
    try:
        return _error_from_wire(body)
    except (ValidationError, MemoryError):
        raise
    except Exception as exc:  # a key or value whose own methods raise (a key's __eq__)
        raise ValidationError([unreadable(exc)]) from exc


def _error_from_wire(body: object) -> GlueServiceError:
    # By type(), not isinstance(): an object can claim any class through __class__.
    if not issubclass(type(body), Mapping):
        _fail("$", "type", f"expected an object, got {describe_value(body)}")
    body = _plain(body)
    boto_error = body.get("Error")
    boto_error = _plain(boto_error) if issubclass(type(boto_error), Mapping) else None
    if "__type" in body:
        raw_type, where, fields = body["__type"], "$.__type", body
    elif boto_error is not None and "Code" in boto_error:
        raw_type, where = boto_error["Code"], "$.Error.Code"
        # Modeled members may sit beside Error (botocore puts them there) or in it.
        fields = {k: v for k, v in body.items() if k != "Error"}
        fields.update((k, v) for k, v in boto_error.items() if k not in ("Code", "__type"))
    else:
        _fail("$.__type", "required", "an error body needs a string __type (or Error.Code)")
    if not issubclass(type(raw_type), str):
        _fail(
            where,
            "type",
            f"expected a string, got {json_type_name(raw_type)} {describe_value(raw_type)}",
        )
    name = _error_type_name(str.__str__(raw_type))
    if not name:
        _fail(where, "required", f"names no error type: {describe_value(raw_type)}")
    if "Message" not in fields and "message" in fields:
        fields = {**fields, "Message": fields["message"]}
        del fields["message"]
    cls = ERRORS.get(name)
    errors: list[Problem] = []
    parsed = collect_safely(collector(cls or UnknownServiceError, LENIENT), fields, errors)
    if errors:
        fields = {}  # the traceback keeps this frame: not the body too
        raise found_invalid(errors)
    if isinstance(parsed, UnknownServiceError):
        parsed = attrs.evolve(parsed, error_type=name)
    assert isinstance(parsed, GlueServiceError)
    metadata = body.get("ResponseMetadata")
    if issubclass(type(metadata), Mapping):
        metadata = _plain(metadata)
        request_id, status = metadata.get("RequestId"), metadata.get("HTTPStatusCode")
        parsed.add_response_metadata(
            request_id=str.__str__(request_id) if issubclass(type(request_id), str) else None,
            http_status_code=status if type(status) is int else None,
        )
    return parsed
