"""Hostile input, class 6: `error_from_wire` reads what it is given, and keeps it."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

import glue_security as gs

from ..hostile import HidingDict

BOTO_RESPONSE = {
    "Error": {"Code": "EntityNotFoundException", "Message": "gone"},
    "ResponseMetadata": {
        "RequestId": "0e4f1b2c-aaaa-bbbb-cccc-123456789012",
        "HTTPStatusCode": 400,
        "HTTPHeaders": {"x-amzn-requestid": "0e4f1b2c-aaaa-bbbb-cccc-123456789012"},
        "RetryAttempts": 0,
    },
}


def test_an_inner_type_does_not_override_the_code() -> None:
    body = {"Error": {"Code": "EntityNotFoundException", "__type": "InvalidInputException"}}
    assert type(gs.error_from_wire(body)) is gs.EntityNotFoundException


# (id, body, expected (path, code))
MALFORMED: list[tuple[str, Any, list[tuple[str, str]]]] = [
    ("type names nothing", {"__type": "#"}, [("$.__type", "required")]),
    ("namespace only", {"__type": "com.amazonaws.glue#"}, [("$.__type", "required")]),
    ("url only", {"__type": ":http://x"}, [("$.__type", "required")]),
    ("blank", {"__type": "  "}, [("$.__type", "required")]),
    ("integer Code", {"Error": {"Code": 5}}, [("$.Error.Code", "type")]),
    ("null Code", {"Error": {"Code": None}}, [("$.Error.Code", "type")]),
    ("Code names nothing", {"Error": {"Code": "#"}}, [("$.Error.Code", "required")]),
    ("integer __type", {"__type": 5}, [("$.__type", "type")]),
    ("no type at all", {"Error": {"Message": "m"}}, [("$.__type", "required")]),
]


@pytest.mark.parametrize(
    ("body", "expected"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED]
)
def test_malformed_types_are_reported_where_they_are(
    body: Any, expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.error_from_wire(body)
    assert [(e.path, e.code) for e in info.value.errors] == expected


def test_response_metadata_is_kept() -> None:
    error = gs.error_from_wire(BOTO_RESPONSE)
    assert type(error) is gs.EntityNotFoundException
    assert error.message == "gone"
    assert error.request_id == "0e4f1b2c-aaaa-bbbb-cccc-123456789012"
    assert error.http_status_code == 400
    for copied in (copy.copy(error), copy.deepcopy(error), pickle.loads(pickle.dumps(error))):
        assert copied == error
        assert copied.request_id == error.request_id
        assert copied.http_status_code == 400
    # Which request failed is not what the error is.
    assert error == gs.EntityNotFoundException(message="gone")


def test_malformed_response_metadata_is_left_out() -> None:
    body = {**BOTO_RESPONSE, "ResponseMetadata": {"RequestId": 7, "HTTPStatusCode": "400"}}
    error = gs.error_from_wire(body)
    assert (error.request_id, error.http_status_code) == (None, None)
    plain = gs.error_from_wire({"__type": "InvalidInputException"})
    assert (plain.request_id, plain.http_status_code) == (None, None)


def test_modelled_members_beside_the_boto3_error_are_read() -> None:
    body = {
        "Error": {"Code": "InvalidInputException", "Message": "m"},
        "FromFederationSource": True,
    }
    assert gs.error_from_wire(body) == gs.InvalidInputException(
        message="m", from_federation_source=True
    )


def test_a_dict_subclass_body_is_read_as_the_plain_dict() -> None:
    body = HidingDict(__type="ThrottlingException", Message="slow")
    error = gs.error_from_wire(body)
    assert isinstance(error, gs.UnknownServiceError)
    assert str(error) == "ThrottlingException: slow"


@pytest.mark.parametrize("lookup", [gs.shape, gs.operation], ids=["shape", "operation"])
@pytest.mark.parametrize("name", [None, 5, [], {"a": 1}, b"S3Encryption"], ids=repr)
def test_shape_and_operation_share_one_rule(lookup: Any, name: Any) -> None:
    with pytest.raises(ValueError, match="names are strings"):
        lookup(name)


def test_unknown_names_are_cut_and_suggested_for() -> None:
    with pytest.raises(ValueError, match="did you mean 'S3Encryption'"):
        gs.shape("S3Encryptoin")
    with pytest.raises(ValueError, match="did you mean 'GetSecurityConfiguration'"):
        gs.operation("GetSecurityConfiguraton")
    with pytest.raises(ValueError) as info:
        gs.shape("x" * 1_000_000)
    assert len(str(info.value)) < 200
