"""Hostile input, class 3: subclasses that lie. The value is checked, not what its class
claims: a str, dict, list or tuple subclass is read as the plain value it holds, in every
path (the fast path, the error path, the constructor); an int or float subclass is a
`type` error."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import glue_security as gs
from glue_security.strategies import invalid_wire_payloads, wire_payloads

from ..golden import KMS, POLICY
from ..helpers import errors_of
from ..hostile import (
    EmptyList,
    EmptyTuple,
    EqualsAnything,
    FloatIsNotFloat,
    HidingDict,
    IntIsNotInt,
    LyingFloat,
    LyingInt,
    LyingStr,
    lying,
)


def outcome(model: type[gs.Model], payload: Any, **kwargs: Any) -> Any:
    """What parsing gives: the model, or the (path, code) of every error."""
    try:
        return gs.from_wire(model, payload, **kwargs)
    except gs.ValidationError as error:
        return [(e.path, e.code) for e in error.errors]


DEEP_POLICY = '{"a":' + "[" * 100 + "]" * 100 + "}"
LONG_NAME = "n" * 300

# (id, model, the payload with a lying value, the same payload with the plain value)
LIES: list[tuple[str, type[gs.Model], Any, Any]] = [
    (
        "str lies in len",
        gs.GetSecurityConfigurationRequest,
        {"Name": LyingStr(LONG_NAME)},
        {"Name": LONG_NAME},
    ),
    (
        "str hides a surrogate",
        gs.GetSecurityConfigurationRequest,
        {"Name": LyingStr("a\ud800")},
        {"Name": "a\ud800"},
    ),
    (
        "str hides a line break",
        gs.GetSecurityConfigurationRequest,
        {"Name": LyingStr("a\nb")},
        {"Name": "a\nb"},
    ),
    ("str is valid", gs.GetSecurityConfigurationRequest, {"Name": LyingStr("n")}, {"Name": "n"}),
    (
        "deep policy",
        gs.PutResourcePolicyRequest,
        {"PolicyInJson": LyingStr(DEEP_POLICY)},
        {"PolicyInJson": DEEP_POLICY},
    ),
    (
        "valid policy",
        gs.PutResourcePolicyRequest,
        {"PolicyInJson": LyingStr(POLICY)},
        {"PolicyInJson": POLICY},
    ),
    (
        "ARN equals anything",
        gs.S3Encryption,
        {"KmsKeyArn": EqualsAnything("alias/x")},
        {"KmsKeyArn": "alias/x"},
    ),
    (
        "enum equals anything",
        gs.S3Encryption,
        {"S3EncryptionMode": EqualsAnything("SSEKMS")},
        {"S3EncryptionMode": "SSEKMS"},
    ),
    (
        "dict hides members",
        gs.GetSecurityConfigurationRequest,
        HidingDict(Name="n", Extra=1),
        {"Name": "n", "Extra": 1},
    ),
    ("dict hides all", gs.GetSecurityConfigurationRequest, HidingDict(Name="n"), {"Name": "n"}),
    (
        "nested dict hides members",
        gs.CreateSecurityConfigurationRequest,
        {
            "Name": "n",
            "EncryptionConfiguration": HidingDict(S3Encryption=[{"KmsKeyArn": "k"}], X=1),
        },
        {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [{"KmsKeyArn": "k"}], "X": 1}},
    ),
    (
        "list iterates empty",
        gs.CreateSecurityConfigurationRequest,
        {"Name": "n", "EncryptionConfiguration": {"S3Encryption": EmptyList([{"KmsKeyArn": "k"}])}},
        {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [{"KmsKeyArn": "k"}]}},
    ),
    (
        "tuple iterates empty",
        gs.CreateSecurityConfigurationRequest,
        {
            "Name": "n",
            "EncryptionConfiguration": {"S3Encryption": EmptyTuple([{"KmsKeyArn": KMS}])},
        },
        {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [{"KmsKeyArn": KMS}]}},
    ),
    (
        "key lies",
        gs.GetSecurityConfigurationRequest,
        HidingDict({LyingStr("Nmae"): "n"}),
        {"Nmae": "n"},
    ),
]


@pytest.mark.parametrize(("model", "lie", "plain"), [c[1:] for c in LIES], ids=[c[0] for c in LIES])
def test_a_lying_subclass_is_judged_as_the_plain_value(
    model: type[gs.Model], lie: Any, plain: Any
) -> None:
    for strict in (None, True, False):
        assert outcome(model, lie, strict=strict) == outcome(model, plain, strict=strict)


# Those whose payload is a plain dict, so that the generated code runs on it.
PLAIN_OUTSIDE = [c for c in LIES if type(c[2]) is dict]


@pytest.mark.parametrize(
    ("model", "lie", "plain"), [c[1:] for c in PLAIN_OUTSIDE], ids=[c[0] for c in PLAIN_OUTSIDE]
)
def test_the_error_path_reads_a_lying_subclass_as_the_plain_value(
    model: type[gs.Model], lie: Any, plain: Any
) -> None:
    """With a fault beside the lie, the generated error path runs, and hands the lying value
    to the reference check."""
    fault = {"Bogus member": 1}
    assert outcome(model, {**lie, **fault}) == outcome(model, {**plain, **fault})


CONSTRUCTED: list[tuple[str, type[gs.Model], str, Any, Any]] = [
    ("str lies in len", gs.GetSecurityConfigurationRequest, "name", LyingStr(LONG_NAME), LONG_NAME),
    (
        "str hides a surrogate",
        gs.GetSecurityConfigurationRequest,
        "name",
        LyingStr("a\ud800"),
        "a\ud800",
    ),
    (
        "deep policy",
        gs.PutResourcePolicyRequest,
        "policy_in_json",
        LyingStr(DEEP_POLICY),
        DEEP_POLICY,
    ),
    ("valid name", gs.GetSecurityConfigurationRequest, "name", LyingStr("n"), "n"),
    ("enum", gs.S3Encryption, "s3_encryption_mode", LyingStr("SSE-KMS"), "SSE-KMS"),
    (
        "list iterates empty",
        gs.EncryptionConfiguration,
        "s3_encryption",
        EmptyList([gs.S3Encryption(kms_key_arn=KMS)]),
        [gs.S3Encryption(kms_key_arn=KMS)],
    ),
    (
        "list hides a non-model",
        gs.EncryptionConfiguration,
        "s3_encryption",
        EmptyList([{"KmsKeyArn": KMS}]),
        [{"KmsKeyArn": KMS}],
    ),
]


def constructed(model: type[gs.Model], attr: str, value: Any) -> Any:
    try:
        return model(**{attr: value})
    except gs.ValidationError as error:
        return [(e.path, e.code) for e in error.errors]


@pytest.mark.parametrize(
    ("model", "attr", "lie", "plain"), [c[1:] for c in CONSTRUCTED], ids=[c[0] for c in CONSTRUCTED]
)
def test_the_constructor_reads_a_lying_subclass_as_the_plain_value(
    model: type[gs.Model], attr: str, lie: Any, plain: Any
) -> None:
    result = constructed(model, attr, lie)
    assert result == constructed(model, attr, plain)
    if isinstance(result, gs.Model):
        kept = getattr(result, attr)
        assert type(kept) in (str, tuple) or isinstance(kept, gs.WireEnum)


NUMBERS = [LyingInt(5), IntIsNotInt(5), LyingFloat(5.0), FloatIsNotFloat(5.0), True]


@pytest.mark.parametrize("value", NUMBERS, ids=lambda v: type(v).__name__)
def test_int_and_float_subclasses_are_type_errors_everywhere(value: Any) -> None:
    assert errors_of(gs.GetSecurityConfigurationsRequest, {"MaxResults": value}) == [
        ("$.MaxResults", "type")
    ]
    assert errors_of(gs.SecurityConfiguration, {"CreatedTimeStamp": value}) == [
        ("$.CreatedTimeStamp", "type")
    ]
    with pytest.raises(gs.ValidationError):
        gs.GetSecurityConfigurationsRequest(max_results=value)


def test_the_tags_example_a_dict_that_hides_a_member_is_not_dropped() -> None:
    """A dict subclass that hides a member from iteration and length: the member is read
    (and an unknown one reported), never dropped silently."""
    hidden = HidingDict(Name="n", Tags={"team": "data"})
    assert outcome(gs.GetSecurityConfigurationRequest, hidden) == [("$.Tags", "unknown")]
    settings = {
        "DataCatalogEncryptionSettings": HidingDict(
            EncryptionAtRest={"CatalogEncryptionMode": "SSE-KMS"}
        )
    }
    parsed = gs.from_wire(gs.PutDataCatalogEncryptionSettingsRequest, settings)
    assert parsed.data_catalog_encryption_settings is not None
    assert parsed.data_catalog_encryption_settings.encryption_at_rest is not None


MODELS = [
    gs.CreateSecurityConfigurationRequest,
    gs.GetSecurityConfigurationsResponse,
    gs.PutResourcePolicyRequest,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@given(data=st.data())
def test_lies_anywhere_in_a_payload_change_nothing(
    model: type[gs.Model], data: st.DataObject
) -> None:
    payload = data.draw(
        st.one_of(wire_payloads(model), invalid_wire_payloads(model).map(lambda f: f[0]))
    )
    seed = data.draw(st.integers(0, 2**32 - 1))
    assert outcome(model, lying(payload, seed)) == outcome(model, payload)
