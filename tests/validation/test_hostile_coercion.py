"""Hostile input, class 4: nothing coerced silently, nothing lost."""

from __future__ import annotations

import copy
import enum
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import glue_security as gs
from glue_security.codec.json_text import MAX_INTEGER_DIGITS, read_json_text

from ..helpers import errors_of

# -- ISO-8601 timestamps: ASCII digits only --------------------------------------------------

# Every Unicode decimal digit that is not ASCII, one per script (\d matched them all).
_OTHER_DIGITS = ["０", "٠", "۰", "०", "০", "๐", "𝟎", "᠐"]


def _with(digit_zero: str, text: str) -> str:
    base = ord(digit_zero)
    return "".join(chr(base + int(c)) if c.isdigit() else c for c in text)


@pytest.mark.parametrize("zero", _OTHER_DIGITS)
def test_iso_timestamps_take_ascii_digits_only(zero: str) -> None:
    text = _with(zero, "2024-05-06T07:08:09Z")
    assert errors_of(gs.SecurityConfiguration, {"CreatedTimeStamp": text}) == [
        ("$.CreatedTimeStamp", "type")
    ]


def test_the_named_example_of_full_width_digits() -> None:
    assert errors_of(
        gs.SecurityConfiguration, {"CreatedTimeStamp": "２０２４-０５-０６T00:00:00Z"}
    ) == [("$.CreatedTimeStamp", "type")]
    parsed = gs.from_wire(gs.SecurityConfiguration, {"CreatedTimeStamp": "2024-05-06T00:00:00Z"})
    assert parsed.created_time_stamp == datetime(2024, 5, 6, tzinfo=timezone.utc)


@given(st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=4))
def test_any_non_ascii_digit_in_a_timestamp_is_rejected(digits: str) -> None:
    text = f"2024-05-06T07:08:09.{digits}Z"
    if digits.isascii():
        gs.from_wire(gs.SecurityConfiguration, {"CreatedTimeStamp": text})
    else:
        assert errors_of(gs.SecurityConfiguration, {"CreatedTimeStamp": text}) == [
            ("$.CreatedTimeStamp", "type")
        ]


# -- UnknownServiceError keeps its type ----------------------------------------------------


def _throttling() -> gs.UnknownServiceError:
    error = gs.error_from_wire({"__type": "ThrottlingException", "Message": "slow down"})
    assert isinstance(error, gs.UnknownServiceError)
    return error


COPIES = {
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
    "pickle": lambda e: pickle.loads(pickle.dumps(e)),
}


@pytest.mark.parametrize("duplicate", COPIES.values(), ids=list(COPIES))
def test_unknown_service_error_keeps_its_type_through_copies(duplicate: Any) -> None:
    error = _throttling()
    copied = duplicate(error)
    assert copied.error_type == "ThrottlingException"
    assert str(copied) == "ThrottlingException: slow down"
    assert copied == error


def test_unknown_service_error_keeps_its_type_across_processes() -> None:
    # A fresh interpreter (spawn): the error is rebuilt from its pickle there, and back here.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        returned = pool.submit(pickle.loads, pickle.dumps(_throttling())).result()
    assert isinstance(returned, gs.UnknownServiceError)
    assert returned.error_type == "ThrottlingException"


def test_unknown_service_errors_of_different_types_differ() -> None:
    throttling = _throttling()
    denied = gs.error_from_wire({"__type": "AccessDeniedException", "Message": "slow down"})
    assert throttling != denied
    assert len({throttling, denied}) == 2
    assert throttling == _throttling() and hash(throttling) == hash(_throttling())
    assert "ThrottlingException" in repr(throttling)


# -- a lone surrogate in an enum member ------------------------------------------------------


def test_a_lenient_enum_value_with_a_lone_surrogate_is_a_type_error() -> None:
    payload = {"S3EncryptionMode": "SSE-\udc80"}
    for strict in (None, True, False):
        assert errors_of(gs.S3Encryption, payload, strict=strict) == [
            ("$.S3EncryptionMode", "type")
        ]
    response = {
        "SecurityConfiguration": {
            "EncryptionConfiguration": {"S3Encryption": [{"S3EncryptionMode": "NEW-\ud800"}]}
        }
    }
    path = "$.SecurityConfiguration.EncryptionConfiguration.S3Encryption[0].S3EncryptionMode"
    assert errors_of(gs.GetSecurityConfigurationResponse, response) == [(path, "type")]
    with pytest.raises(gs.ValidationError):
        gs.S3Encryption(s3_encryption_mode="X\ud800")  # type: ignore[arg-type]


def test_every_kept_response_value_can_be_sent_back() -> None:
    kept = gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": "SSE-NEW-é"}, strict=False)
    assert kept.s3_encryption_mode == "SSE-NEW-é"
    gs.to_json(kept).encode("utf-8")


@given(st.text(max_size=8))
def test_any_enum_value_kept_in_a_response_encodes(value: str) -> None:
    try:
        kept = gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": value}, strict=False)
    except gs.ValidationError as error:
        assert [e.code for e in error.errors] == ["type"]
        return
    gs.to_json(kept).encode("utf-8")


def test_a_nonconforming_str_made_by_hand_cannot_hold_a_lone_surrogate() -> None:
    """A response model may hold a `NonconformingStr` (what the service sent); one made by
    hand is still a string that must encode, or `to_json(...).encode()` would fail."""
    with pytest.raises(gs.ValidationError) as info:
        gs.SecurityConfiguration(name=gs.NonconformingStr("a\ud800"))
    assert [(e.path, e.code) for e in info.value.errors] == [("$.Name", "type")]
    kept = gs.SecurityConfiguration(name=gs.NonconformingStr("é" * 300))
    assert type(kept.name) is gs.NonconformingStr
    gs.to_json(kept).encode("utf-8")


# -- from_json: duplicate keys, NaN, huge integers --------------------------------------------


def test_duplicate_keys_are_reported() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_json(gs.GetSecurityConfigurationRequest, '{"Name": 5, "Name": "ok"}')
    assert [(e.path, e.code) for e in info.value.errors] == [("$.Name", "duplicate")]
    nested = (
        '{"Name": "n", "EncryptionConfiguration": {"S3Encryption": '
        '[{"KmsKeyArn": "", "KmsKeyArn": "x", "a b": 1, "a b": 2}]}}'
    )
    with pytest.raises(gs.ValidationError) as info:
        gs.from_json(gs.CreateSecurityConfigurationRequest, nested)
    where = "$.EncryptionConfiguration.S3Encryption[0]"
    assert [(e.path, e.code) for e in info.value.errors] == [
        (f"{where}.KmsKeyArn", "duplicate"),
        (f'{where}["a b"]', "duplicate"),
    ]
    # In responses too: the service never sends a key twice.
    with pytest.raises(gs.ValidationError):
        gs.from_json(gs.GetSecurityConfigurationResponse, '{"NextToken": "a", "NextToken": "b"}')


def test_an_object_dropped_for_a_repeated_key_leaves_no_false_duplicate() -> None:
    """The earlier value of a repeated key is an object the parser drops; a later object
    that takes its place in memory must not be reported as repeating its keys."""
    configuration = '{"Name": {"x": 1, "x": 2}, "Name": "a"}'
    plain = '{"x": 1}'
    text = "[" + ",".join([configuration, plain] * 50) + "]"
    _, problems = read_json_text(text)
    assert [p.parts for p in problems] == [(index, "Name") for index in range(0, 100, 2)]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(literal: str) -> None:
    text = '{"SecurityConfigurations": [{"CreatedTimeStamp": ' + literal + "}]}"
    with pytest.raises(gs.ValidationError) as info:
        gs.from_json(gs.GetSecurityConfigurationsResponse, text)
    assert [(e.path, e.code) for e in info.value.errors] == [("$", "json")]


@pytest.mark.parametrize("sign", ["", "-"])
def test_a_huge_integer_is_out_of_range_not_malformed(sign: str) -> None:
    digits = sign + "1" + "0" * MAX_INTEGER_DIGITS
    with pytest.raises(gs.ValidationError) as info:
        gs.from_json(gs.GetSecurityConfigurationsRequest, '{"MaxResults": ' + digits + "}")
    assert [(e.path, e.code) for e in info.value.errors] == [("$.MaxResults", "range")]
    response = '{"SecurityConfigurations": [{"CreatedTimeStamp": ' + "9" * 5000 + "}]}"
    with pytest.raises(gs.ValidationError) as info:
        gs.from_json(gs.GetSecurityConfigurationsResponse, response)
    assert [(e.path, e.code) for e in info.value.errors] == [
        ("$.SecurityConfigurations[0].CreatedTimeStamp", "range")
    ]
    # The longest integer read as one is still judged by its member's range.
    longest = "9" * MAX_INTEGER_DIGITS
    with pytest.raises(gs.ValidationError) as info:
        gs.from_json(gs.GetSecurityConfigurationsRequest, '{"MaxResults": ' + longest + "}")
    assert [(e.path, e.code) for e in info.value.errors] == [("$.MaxResults", "range")]


def test_valid_json_still_parses() -> None:
    text = '{"MaxResults": 10, "NextToken": "t"}'
    assert gs.from_json(gs.GetSecurityConfigurationsRequest, text).max_results == 10


# -- one rule for numbers ------------------------------------------------------------------


class Size(enum.IntEnum):
    TEN = 10


class Seconds(float):
    pass


@pytest.mark.parametrize("value", [Size.TEN, Seconds(10.0), True])
def test_int_and_float_subclasses_follow_one_rule(value: Any) -> None:
    """MaxResults and timestamps alike: a number is a plain int or float."""
    assert errors_of(gs.GetSecurityConfigurationsRequest, {"MaxResults": value}) == [
        ("$.MaxResults", "type")
    ]
    assert errors_of(gs.SecurityConfiguration, {"CreatedTimeStamp": value}) == [
        ("$.CreatedTimeStamp", "type")
    ]
    plain = int(value) if isinstance(value, int) else float(value)
    gs.from_wire(gs.SecurityConfiguration, {"CreatedTimeStamp": plain})


class _LyingText(str):
    def startswith(self, *args: object) -> bool:
        raise RuntimeError("no")


class _LyingBytes(bytes):
    def decode(self, *args: object) -> str:
        raise RuntimeError("no")


def test_json_text_in_a_lying_subclass_is_read_as_what_it_holds() -> None:
    text = '{"Name": "n", "Name": "m"}'
    for given_text in (_LyingText(text), _LyingBytes(text.encode())):
        with pytest.raises(gs.ValidationError) as info:
            gs.from_json(gs.GetSecurityConfigurationRequest, given_text)
        assert [(e.path, e.code) for e in info.value.errors] == [("$.Name", "duplicate")]
