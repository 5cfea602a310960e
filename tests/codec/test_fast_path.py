"""The three parsers agree. The generated fast path accepts exactly the payloads in which
the reference walk finds no error; the generated error path reports exactly the reference
walk's errors, in the same order; and all of them build equal objects."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import glue_security as gs
from glue_security.codec.from_wire import (
    DECLINED,
    DECLINING_ERRORS,
    collector,
    fast_structure,
)
from glue_security.codec.to_wire import fast_unstructure
from glue_security.spec.kinds import (
    EnumShape,
    ListShape,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
)
from glue_security.spec.plan import model_plan
from glue_security.spec.timestamps import epoch_seconds
from glue_security.strategies import invalid_wire_payloads, models, wire_payloads
from glue_security.validation.checks import INVALID, Mode, structure
from glue_security.validation.error import Problem, problems

from ..helpers import JSON_VALUES, member_keyed

ALL = sorted(gs.MODELS)
MODES = [Mode.STRICT, Mode.LENIENT]


def agree(model: type[gs.Model], payload: Any, mode: Mode, *, exact_types: bool = True) -> Any:
    """The reference walk's result (None when it found errors), once all three agree.

    The fast path takes exact `dict`, `list` and `str` only; for subclasses
    (`exact_types=False`) it may decline, and the error path then builds the object.
    """
    try:
        fast = fast_structure(model, mode)(payload)
    except DECLINING_ERRORS:
        fast = DECLINED
    if fast is DECLINED:
        fast = None
    reference_errors: list[gs.ErrorDetail] = []
    reference = structure(model, payload, "$", reference_errors, mode)
    collected, collected_errors = collect(model, mode, payload)

    assert list(collected_errors) == reference_errors
    assert (collected is INVALID) == (reference is INVALID) == bool(reference_errors)
    if reference_errors:
        assert fast is None, fast
        return None
    assert type(collected) is type(reference) is model
    assert collected == reference
    assert typed(collected) == typed(reference)
    if exact_types or fast is not None:
        assert fast is not None, reference
        assert type(fast) is model and fast == reference
        assert typed(fast) == typed(reference)
    return reference


def collect(
    model: type[gs.Model], mode: Mode, payload: Any
) -> tuple[object, tuple[gs.ErrorDetail, ...]]:
    """The error path's result and its errors, as ErrorDetails (it records some as
    tuples, built into ErrorDetails when read)."""
    found: list[Problem] = []
    result = collector(model, mode)(payload, found)
    return result, problems(found)


def typed(value: Any) -> Any:
    """`value` with the class of every member value beside it: a marked value
    (`NonconformingStr`, a pseudo-member) equals the plain one, so `==` alone cannot tell
    whether two paths marked it alike."""
    if isinstance(value, gs.Model):
        fields = model_plan(type(value)).fields
        return type(value), [typed(getattr(value, field.attr_name)) for field in fields]
    if type(value) is tuple:
        return [typed(item) for item in value]
    return type(value), value


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_paths_agree_on_valid_payloads(name: str, mode: Mode, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    assert agree(model, data.draw(wire_payloads(model)), mode) is not None


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_paths_agree_on_invalid_payloads(name: str, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    payload, path, code = data.draw(invalid_wire_payloads(model))
    mode = Mode.LENIENT if model.lenient_by_default else Mode.STRICT
    assert agree(model, payload, mode) is None
    _, errors = collect(model, mode, payload)
    assert [(e.path, e.code) for e in errors] == [(path, code)]


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_paths_agree_on_anything(name: str, mode: Mode, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    agree(model, data.draw(JSON_VALUES | member_keyed(model)), mode)


AWKWARD = [
    {"Name": "n", "EncryptionConfiguration": {}, "Unknown": None},
    {"Name": "n", "EncryptionConfiguration": {"S3Encryption": None}},
    {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [None]}},
    {"Name": "n", "EncryptionConfiguration": {"S3Encryption": ({"KmsKeyArn": ""}, None)}},
    {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [{"S3EncryptionMode": 1}, 2]}},
    {"Name": "n\ud800", "EncryptionConfiguration": {}},
    {"Name": "n", "EncryptionConfiguration": {"CloudWatchEncryption": {"KmsKeyArn": "\ud800"}}},
    {"Name": "", "EncryptionConfiguration": [], 3: "x", "name": "n"},
    {"Name": "n" * 256},
    {},
    [],
    "Name",
]


class _Dict(dict):  # type: ignore[type-arg]
    """A dict subclass: the generated paths leave it to the reference walk."""


class _Str(str):
    pass


@pytest.mark.parametrize("payload", AWKWARD, ids=range(len(AWKWARD)))
def test_paths_agree_on_awkward_cases(payload: Any) -> None:
    for mode in MODES:
        agree(gs.CreateSecurityConfigurationRequest, payload, mode)


def test_paths_agree_on_subclasses_of_dict_and_str() -> None:
    """Subclasses below a plain dict: the generated code handles the outer levels itself and
    hands only the subclassed values to the reference checks."""
    payload = {
        "Name": _Str("n"),
        "EncryptionConfiguration": {"S3Encryption": [_Dict(KmsKeyArn=_Str(""))]},
    }
    for mode in MODES:
        parsed = agree(gs.CreateSecurityConfigurationRequest, payload, mode, exact_types=False)
        assert type(parsed.name) is str
        assert type(parsed.encryption_configuration.s3_encryption[0].kms_key_arn) is str
    bad = {
        "Name": _Str("a\nb"),
        "EncryptionConfiguration": {"S3Encryption": [{}, _Dict(X=1)]},
        "Extra": _Dict(),
    }
    agree(gs.CreateSecurityConfigurationRequest, bad, Mode.LENIENT, exact_types=False)
    _, errors = collect(gs.CreateSecurityConfigurationRequest, Mode.STRICT, bad)
    assert [(e.path, e.code) for e in errors] == [
        ("$.Name", "pattern"),
        ("$.EncryptionConfiguration.S3Encryption[1].X", "unknown"),
        ("$.Extra", "unknown"),
    ]
    agree(gs.CreateSecurityConfigurationRequest, bad, Mode.STRICT, exact_types=False)
    # A subclass at the top goes to the reference walk whole, and is judged the same.
    agree(gs.CreateSecurityConfigurationRequest, _Dict(bad), Mode.STRICT, exact_types=False)


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
def test_paths_agree_on_faults_deep_in_long_lists(mode: Mode) -> None:
    item = {"Name": "c", "CreatedTimeStamp": 1.5, "EncryptionConfiguration": {}}
    items = [dict(item, Name=f"c{i}") for i in range(50)]
    items[7]["Name"] = 7
    items[31]["EncryptionConfiguration"] = {"S3Encryption": [{}, {"KmsKeyArn": "k"}]}
    items[49]["CreatedTimeStamp"] = "yesterday"
    payload = {"SecurityConfigurations": items, "NextToken": ""}
    agree(gs.GetSecurityConfigurationsResponse, payload, mode)
    _, errors = collect(gs.GetSecurityConfigurationsResponse, mode, payload)
    pattern_fault = "$.SecurityConfigurations[31].EncryptionConfiguration.S3Encryption[1].KmsKeyArn"
    assert [e.path for e in errors] == [
        "$.SecurityConfigurations[7].Name",
        *([pattern_fault] if mode is Mode.STRICT else []),  # lenient: kept, not enforced
        "$.SecurityConfigurations[49].CreatedTimeStamp",
    ]


KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
GLUE = "arn:aws:glue:us-east-1:111122223333:catalog"
# Near misses of remembered strings: each fails its pattern, and would pass wrongly if a
# failure were remembered or the comparison with the last match were loose.
NEAR_MISSES = [KMS + "\n", KMS.upper(), "alias/key", "arn:aws:glue:x", " " + KMS, "arn:aws:kms"]
ARN_MEMBERS = [
    (gs.S3Encryption, "KmsKeyArn"),
    (gs.CloudWatchEncryption, "KmsKeyArn"),
    (gs.GetResourcePolicyRequest, "ResourceArn"),
]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(ARN_MEMBERS),
            st.sampled_from([KMS, GLUE, "", *NEAR_MISSES]) | st.text(max_size=12),
        ),
        min_size=2,
        max_size=8,
    )
)
def test_remembering_the_last_match_never_changes_an_answer(
    sequence: list[tuple[tuple[type[gs.Model], str], str]],
) -> None:
    """The generated code compares an ARN with the last one its pattern matched before
    running the regex. In any order, across members and patterns, the answers stay the
    reference walk's (which never remembers)."""
    for (model, member), value in sequence:
        for mode in MODES:
            agree(model, {member: value}, mode)


class _EqualsAnything(str):
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


def test_a_str_subclass_is_never_compared_with_the_last_match() -> None:
    """A subclass's __eq__ would win the comparison with the last match (Python asks the
    subclass first); the exact-type test in the same condition keeps it from passing."""
    gs.from_wire(gs.S3Encryption, {"KmsKeyArn": KMS})  # now the last match
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_wire(gs.S3Encryption, {"KmsKeyArn": _EqualsAnything("alias/key")})
    assert [(e.path, e.code) for e in caught.value.errors] == [("$.KmsKeyArn", "pattern")]


def _dump_value(shape: Shape, value: Any) -> Any:
    if isinstance(shape, StructureShape):
        return unstructure(value)
    if isinstance(shape, ListShape):
        return [_dump_value(shape.item, item) for item in value]
    if isinstance(shape, (StringShape, EnumShape)):
        # Enum members (and any str subclass) leave as plain strings.
        return str.__str__(value)
    if isinstance(shape, TimestampShape):
        return epoch_seconds(value)
    return value


def unstructure(instance: gs.Model) -> dict[str, Any]:
    """The plain reference walk of `to_wire`: PascalCase keys, JSON types only, absent
    members left out."""
    out: dict[str, Any] = {}
    for field in model_plan(type(instance)).fields:
        value = getattr(instance, field.attr_name)
        if value is not None:
            out[field.wire_name] = _dump_value(field.member.shape, value)
    return out


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_generated_to_wire_matches_the_walk(name: str, data: st.DataObject) -> None:
    instance = data.draw(models(gs.MODELS[name]))
    assert fast_unstructure(type(instance))(instance) == unstructure(instance)


def test_declining_does_not_accumulate_memory() -> None:
    """Declining keeps nothing from one payload to the next: parsing the same invalid
    payload again and again does not grow memory."""
    import tracemalloc

    bad = {"Name": "a\nb", "EncryptionConfiguration": {"S3Encryption": [{"KmsKeyArn": "k"}]}}

    def parse_many() -> None:
        for _ in range(2000):
            with pytest.raises(gs.ValidationError):
                gs.from_wire(gs.CreateSecurityConfigurationRequest, bad)

    parse_many()  # warm caches
    tracemalloc.start()
    try:
        parse_many()
        before = tracemalloc.get_traced_memory()[0]
        parse_many()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 50_000, grown


_KMS_PARTS_FOR_START = st.sampled_from(["arn:aws", "arn:aw", "Arn:aws", "alias/", ":kms:", " ", ""])


def test_plain_start_is_read_off_the_pattern() -> None:
    from glue_security.spec.patterns import (
        GLUE_RESOURCE_ARN,
        IAM_ROLE_ARN,
        KMS_KEY_ARN,
        SINGLE_LINE,
    )

    assert KMS_KEY_ARN.plain_start() == "arn:aws:kms:"
    assert [p.plain_start() for p in (GLUE_RESOURCE_ARN, IAM_ROLE_ARN, SINGLE_LINE)] == [None] * 3
    assert KMS_KEY_ARN.required_start() == "arn:aws"
    others = (GLUE_RESOURCE_ARN, IAM_ROLE_ARN, SINGLE_LINE)
    assert [p.required_start() for p in others] == [None] * 3


@given(st.text(max_size=20) | st.lists(_KMS_PARTS_FOR_START, max_size=4).map("".join))
def test_a_value_without_the_required_start_never_matches(value: str) -> None:
    """The generated code refuses a value that does not start with the pattern's required
    start without the regex: only the empty value may match then."""
    from glue_security.spec.patterns import KMS_KEY_ARN

    required = KMS_KEY_ARN.required_start()
    assert required is not None
    if value and not value.startswith(required):
        assert not KMS_KEY_ARN.matches(value)


# Around the KMS key ARN's plain start: every line terminator Java's `.` stops at, other
# partitions, non-ASCII text and near misses of the prefix.
_KMS_PARTS = st.sampled_from(
    [
        *("arn:aws:kms:", "arn:aws", ":kms:", "arn:aws-cn", "-us-gov", "ARN", "key/k", ":"),
        *("alias/", "arn:aw"),
        *("\n", "\r", "\x85", "\u2028", "\u2029", "\t", "é", "\U0001f600", "", " "),
    ]
)


@given(st.lists(_KMS_PARTS, max_size=6).map("".join))
def test_the_kms_arn_proof_by_string_methods_agrees_with_the_regex(value: str) -> None:
    """The generated code accepts a plain-start KMS key ARN without the regex; it must
    accept exactly what the pattern matches (and the reference walk agrees)."""
    from glue_security.spec.patterns import KMS_KEY_ARN

    strict = agree(gs.S3Encryption, {"KmsKeyArn": value}, Mode.STRICT)
    assert (strict is not None) == KMS_KEY_ARN.matches(value)
    # Lenient parsing keeps a non-matching value, marked as such.
    lenient = agree(gs.S3Encryption, {"KmsKeyArn": value}, Mode.LENIENT)
    assert lenient is not None
    kept_as_sent = type(lenient.kms_key_arn) is gs.NonconformingStr
    assert kept_as_sent != KMS_KEY_ARN.matches(value)


# Single-line names from every ASCII character (controls and DEL among them), with
# non-ASCII text beside them: the generated code proves ASCII text without the regex
# where the class lets it (printable, or no control character the class lists).
_SINGLE_LINE_PARTS = st.sampled_from(
    [*map(chr, range(0x80)), "é", "\u2028", "\ufffe", "\U0001f600", "name"]
)


@given(st.lists(_SINGLE_LINE_PARTS, min_size=1, max_size=6).map("".join))
def test_the_single_line_proof_for_ascii_agrees_with_the_regex(value: str) -> None:
    from glue_security.spec.patterns import SINGLE_LINE

    expected = SINGLE_LINE.matches(value)
    for model in (gs.GetSecurityConfigurationRequest, gs.DeleteSecurityConfigurationRequest):
        assert (agree(model, {"Name": value}, Mode.STRICT) is not None) == expected


def test_the_ascii_controls_of_a_class_are_read_off_the_pattern() -> None:
    from glue_security.codec.from_wire import ascii_controls
    from glue_security.spec.patterns import SINGLE_LINE

    assert ascii_controls(SINGLE_LINE) == "\t\x7f"
