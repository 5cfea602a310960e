"""The API's error shapes and `error_from_wire`."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import glue_security as gs


@pytest.mark.parametrize("name", sorted(gs.ERRORS))
@pytest.mark.parametrize("prefix", ["", "com.amazonaws.glue#"])
def test_each_error_type_maps_to_its_class(name: str, prefix: str) -> None:
    error = gs.error_from_wire({"__type": prefix + name, "Message": "it broke"})
    assert type(error) is gs.ERRORS[name]
    assert error.message == "it broke"
    assert isinstance(error, Exception)
    assert str(error) == f"{name}: it broke"
    with pytest.raises(gs.ERRORS[name]):
        raise error


def test_federation_flag_and_lowercase_message() -> None:
    error = gs.error_from_wire(
        {"__type": "InvalidInputException", "message": "m", "FromFederationSource": True}
    )
    assert error == gs.InvalidInputException(message="m", from_federation_source=True)
    not_found = gs.error_from_wire({"__type": "EntityNotFoundException:http://x/doc"})
    assert not_found == gs.EntityNotFoundException()


def test_unknown_type_is_kept() -> None:
    error = gs.error_from_wire(
        {"__type": "com.amazonaws.glue#ThrottlingException", "Message": "slow"}
    )
    assert isinstance(error, gs.UnknownServiceError)
    assert error.error_type == "ThrottlingException"
    assert str(error) == "ThrottlingException: slow"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, [("$.__type", "required")]),
        ({"__type": 5}, [("$.__type", "type")]),
        ({"__type": "InvalidInputException", "Message": 5}, [("$.Message", "type")]),
        (
            {"__type": "InvalidInputException", "FromFederationSource": "yes"},
            [("$.FromFederationSource", "type")],
        ),
        ([], [("$", "type")]),
    ],
)
def test_malformed_bodies(body: Any, expected: list[tuple[str, str]]) -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.error_from_wire(body)
    assert [(e.path, e.code) for e in info.value.errors] == expected


def test_errors_pickle_and_compare_by_value() -> None:
    error = gs.EntityNotFoundException(message="gone", from_federation_source=True)
    assert pickle.loads(pickle.dumps(error)) == error
    assert error == gs.EntityNotFoundException(message="gone", from_federation_source=True)
    assert gs.from_wire(type(error), gs.to_wire(error)) == error


def test_error_shapes_validate_on_construction() -> None:
    with pytest.raises(gs.ValidationError):
        gs.InvalidInputException(message=5)  # type: ignore[arg-type]
