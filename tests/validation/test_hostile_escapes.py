"""Hostile input, class 1: nothing escapes but `ValidationError` (or the `TypeError` of a
programming error), and a value is rendered for a message safely and briefly."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import glue_security as gs
from glue_security.validation.error import describe_value

from ..helpers import (
    codes,
    construct_or_validation_error,
    errors_of,
    members_of_every_model,
    parse_or_validation_error,
)
from ..hostile import ESCAPING, KeyEqualRaises, OffsetIsText, claims, deep_frozenset, deep_namespace

VALUES = [value for _, value in ESCAPING]
IDS = [name for name, _ in ESCAPING]


@pytest.mark.parametrize(("model", "attr", "wire"), members_of_every_model())
def test_no_hostile_value_escapes_any_member(model: type[gs.Model], attr: str, wire: str) -> None:
    for value in VALUES:
        for strict in (None, True, False):
            parse_or_validation_error(model, {wire: value}, strict=strict)
        parse_or_validation_error(model, {wire: [value]})
        construct_or_validation_error(model, **{attr: value})


@pytest.mark.parametrize("value", VALUES, ids=IDS)
def test_no_hostile_value_escapes_the_entry_points(value: Any) -> None:
    for name in gs.OPERATIONS:
        for payload in (value, {"X": value}, {value: 1} if _hashable(value) else {}):
            with pytest.raises(gs.ValidationError):
                gs.validate_request(name, payload if payload else value)
            with contextlib.suppress(gs.ValidationError):
                gs.parse_response(name, payload)
    with pytest.raises(gs.ValidationError):
        gs.error_from_wire(value)
    with contextlib.suppress(gs.ValidationError):
        gs.error_from_wire({"__type": "InvalidInputException", "Message": value})


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except Exception:
        return False
    return True


@pytest.mark.parametrize("value", VALUES, ids=IDS)
def test_rendering_a_value_never_fails_and_is_short(value: Any) -> None:
    text = describe_value(value)
    assert isinstance(text, str)
    assert len(text) <= 120


def _escaping_value(index: int) -> Any:
    return VALUES[index]


_ANY_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.binary()
    | st.datetimes()
    # By index: Hypothesis shows a strategy's elements, and some of these cannot be shown.
    | st.sampled_from(range(len(VALUES))).map(_escaping_value),
    lambda inner: (
        st.lists(inner)
        | st.dictionaries(st.text(), inner)
        | st.frozensets(st.integers())
        | st.tuples(inner, inner)
    ),
    max_leaves=10,
)


@given(value=_ANY_VALUE)
def test_any_value_renders_briefly_and_parses_or_fails_cleanly(value: Any) -> None:
    assert len(describe_value(value)) <= 120
    for model in (gs.CreateSecurityConfigurationRequest, gs.GetSecurityConfigurationsResponse):
        parse_or_validation_error(model, value)
        parse_or_validation_error(model, {"Name": value, "SecurityConfigurations": [value]})


# -- the examples named in the issue -------------------------------------------------------


def test_deep_frozenset_and_namespace_are_rendered() -> None:
    for value in (deep_frozenset(100_000), deep_namespace(100_000)):
        assert errors_of(gs.GetSecurityConfigurationRequest, {"Name": value}) == [
            ("$.Name", "type")
        ]


def test_tzinfo_whose_utcoffset_is_not_a_timedelta() -> None:
    when = datetime(2024, 5, 6, tzinfo=OffsetIsText())
    assert errors_of(gs.SecurityConfiguration, {"CreatedTimeStamp": when}) == [
        ("$.CreatedTimeStamp", "type")
    ]
    with pytest.raises(gs.ValidationError) as info:
        gs.parse_response(
            "GetSecurityConfiguration", {"SecurityConfiguration": {"CreatedTimeStamp": when}}
        )
    assert codes(info.value) == [("$.SecurityConfiguration.CreatedTimeStamp", "type")]
    with pytest.raises(gs.ValidationError) as info:
        gs.SecurityConfiguration(created_time_stamp=when)
    assert codes(info.value) == [("$.CreatedTimeStamp", "type")]


def test_converter_failures_are_one_validation_error_with_paths() -> None:
    data = [{"Name": "ok"}, {"Name": 5}, 3]
    with pytest.raises(gs.ValidationError) as info:
        gs.converter.structure(data, list[gs.SecurityConfiguration])
    assert codes(info.value) == [("$[1].Name", "type"), ("$[2]", "type")]
    with pytest.raises(gs.ValidationError) as info:
        gs.converter.structure({"a b": {"Name": 5}}, dict[str, gs.SecurityConfiguration])
    assert codes(info.value) == [('$["a b"].Name', "type")]


def test_converter_failures_in_a_user_class_keep_their_attribute_path() -> None:
    @attrs.define
    class Deployment:
        config: gs.SecurityConfiguration
        replicas: int

    with pytest.raises(gs.ValidationError) as info:
        gs.converter.structure({"config": {"Name": 3}, "replicas": "many"}, Deployment)
    assert codes(info.value) == [("$.config.Name", "type"), ("$.replicas", "type")]
    with pytest.raises(gs.ValidationError) as info:
        gs.converter.structure({"config": {}}, Deployment)
    assert codes(info.value) == [("$.replicas", "required")]
    good = gs.converter.structure({"config": {"Name": "n"}, "replicas": 2}, Deployment)
    assert good.config == gs.SecurityConfiguration(name="n")


ABSTRACT = [gs.Model, gs.Request, gs.Response, gs.GlueServiceError]


@pytest.mark.parametrize("base", ABSTRACT, ids=lambda c: c.__name__)
def test_abstract_bases_are_a_type_error(base: type[gs.Model]) -> None:
    with pytest.raises(TypeError, match="abstract base"):
        gs.from_wire(base, {})
    with pytest.raises(TypeError, match="abstract base"):
        gs.from_json(base, "{}")
    with pytest.raises(TypeError, match="abstract base"):
        gs.json_schema(base)
    with pytest.raises(TypeError, match="abstract base") as info:
        gs.converter.structure([{}], list[base])  # type: ignore[valid-type]
    assert not isinstance(info.value, gs.ValidationError)


def test_non_models_are_the_same_type_error() -> None:
    not_models: list[Any] = [dict, None, "CreateSecurityConfigurationRequest", [], {}]
    for cls in not_models:  # the last two unhashable
        with pytest.raises(TypeError, match="expected a glue_security model class"):
            gs.from_wire(cls, {})
        with pytest.raises(TypeError, match="expected a glue_security model class"):
            gs.from_wire(cls, {}, strict=True)
        with pytest.raises(TypeError, match="expected a glue_security model class"):
            gs.json_schema(cls)


def test_a_key_whose_comparison_raises() -> None:
    for strict in (None, True, False):
        with pytest.raises(gs.ValidationError) as info:
            gs.from_wire(
                gs.GetSecurityConfigurationRequest, {KeyEqualRaises("Name"): 1}, strict=strict
            )
        assert ("$", "type") in codes(info.value)
    with pytest.raises(gs.ValidationError) as info:
        gs.error_from_wire({KeyEqualRaises("__type"): 1})  # type: ignore[dict-item]
    assert codes(info.value) == [("$", "type")]


def test_an_object_claiming_a_class_is_judged_by_what_it_is() -> None:
    """`isinstance` believes `__class__`; the checks ask `type()`."""
    fake = claims(gs.S3Encryption)
    with pytest.raises(gs.ValidationError) as info:
        gs.EncryptionConfiguration(s3_encryption=(fake,))
    assert codes(info.value) == [("$.S3Encryption[0]", "type")]
    with pytest.raises(TypeError):
        gs.to_wire(fake)
    assert errors_of(gs.GetSecurityConfigurationRequest, {"Name": claims(str)}) == [
        ("$.Name", "type")
    ]
    with pytest.raises(gs.ValidationError):
        gs.error_from_wire(claims(dict))
