"""Every constraint at its edges, stated here with literal numbers (not read from the library).

Each row: a model, a wire payload around one member, the value put there, and the error
codes expected at that member's path (empty: valid).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import glue_security as gs

EMOJI = "\U0001f600"  # 4 UTF-8 bytes, one code point
ARN_KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def single_line_1_255() -> list[tuple[Any, set[str]]]:
    return [
        ("", {"length"}),
        ("a", set()),
        ("a" * 255, set()),
        ("a" * 256, {"length"}),
        ("é" * 127 + "a", set()),  # 255 bytes
        ("é" * 128, {"length"}),  # 128 characters, 256 bytes
        ("€" * 85, set()),  # 3-byte characters, 255 bytes
        (EMOJI * 63 + "abc", set()),  # 255 bytes
        (EMOJI * 64, {"length"}),  # 64 characters, 256 bytes
        (EMOJI, set()),  # supplementary characters are valid
        ("\U0010ffff", set()),
        ("tab\tis fine", set()),
        ("\u2028 and \x7f are in range", set()),
        ("line\nbreak", {"pattern"}),
        ("carriage\rreturn", {"pattern"}),
        ("nul\x00", {"pattern"}),
        ("\ufffe", {"pattern"}),
        ("\ud800", {"type"}),  # a lone surrogate cannot be UTF-8 encoded
        ("a\udfffb", {"type"}),
        ("\n" * 300, {"length", "pattern"}),  # every problem, not the first
        (5, {"type"}),
        (True, {"type"}),
        (["a"], {"type"}),
    ]


KMS_KEY_ARN_CASES: list[tuple[Any, set[str]]] = [
    ("", set()),  # today's model allows the empty string
    (ARN_KMS, set()),
    ("arn:aws-cn:kms:cn-north-1:111122223333:key/abc", set()),
    ("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/abc", set()),
    ("arn:aws-iso-b:kms:us-isob-east-1:111122223333:alias/x", set()),
    ("arn:aws:kms:", set()),
    ("arn:aws:kms:" + "x" * 20000, set()),  # no length bound
    ("arn:aws:s3:::bucket", {"pattern"}),
    ("xarn:aws:kms:us-east-1:1:key/a", {"pattern"}),  # whole-string match
    ("arn:AWS:kms:us-east-1:1:key/a", {"pattern"}),
    ("arn:aws:kms:us-east-1:1:key/a\n", {"pattern"}),
    ("arn:aws:kms:\u2028", {"pattern"}),  # Java's `.` stops at line separators
    ("arn:aws:kms:\x85", {"pattern"}),
    ("alias/my-key", {"pattern"}),
    (" ", {"pattern"}),
]

GLUE_ARN = "arn:aws:glue:us-east-1:123456789012:catalog"
GLUE_ARN_CASES: list[tuple[Any, set[str]]] = [
    (GLUE_ARN, set()),
    ("arn:aws-cn:glue:cn-north-1:123456789012:catalog", set()),
    ("arn:aws-us-gov:glue:x", set()),
    ("arn:aws-iso:glue:x", set()),
    ("arn:aws-iso-b:glue:x", set()),
    ("arn:aws-iso-e:glue:x", set()),
    ("arn:aws-iso-f:glue:x", set()),
    ("arn:aws-iso-c:glue:x", {"pattern"}),
    ("arn:aws:glue:" + "a" * (10240 - 13), set()),  # 10240 bytes
    ("arn:aws:glue:" + "a" * (10240 - 12), {"length"}),
    ("arn:aws:glue:" + "é" * 5113 + "a", set()),  # 13 + 10226 + 1 = 10240 bytes
    ("arn:aws:glue:" + "é" * 5114, {"length"}),  # 10241 bytes in 5127 characters
    ("", {"length", "pattern"}),
    ("arn:aws:kms:us-east-1:1:key/a", {"pattern"}),
    ("catalog", {"pattern"}),
]

IAM_ROLE_CASES: list[tuple[Any, set[str]]] = [
    ("arn:aws:iam::123456789012:role/GlueCatalog", set()),
    ("arn:aws-us-gov:iam::123456789012:role/path/Role", set()),
    ("arn:aws:iam::12345678901:role/x", {"pattern"}),
    ("arn:aws:iam::123456789012:role/", {"pattern"}),
    ("arn:aws:iam::123456789012:user/x", {"pattern"}),
    ("arn:aws:iam::123456789012:role/x\ny", {"pattern"}),
]


def padded_policy(size: int) -> str:
    head, tail = '{"Version":"', '"}'
    return head + "x" * (size - len(head) - len(tail)) + tail


POLICY_CASES: list[tuple[Any, set[str]]] = [
    ("{}", set()),
    (padded_policy(10240), set()),
    (padded_policy(10241), {"length"}),
    ("{", {"length"}),  # outside its byte bounds: not parsed, the first failed bound
    ("[]", {"json"}),
    ('"a"', {"json"}),
    ("null", {"json"}),
    ('{"a":1,}', {"json"}),
    ('{"a": NaN}', {"json"}),
    ("{'single': 'quotes'}", {"json"}),
    ('{"a":' + "[" * 5000 + "]" * 5000 + "}", {"json"}),  # absurdly nested
    ('{"a":' + "[" * 63 + "]" * 63 + "}", set()),  # 64 levels
    ('{"a":' + "[" * 64 + "]" * 64 + "}", {"json"}),  # 65 levels
    ('{"a":"' + "[" * 100 + '"}', set()),  # brackets inside a string are not nesting
    ("[" * 20000, {"length"}),
    ('{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"}}]}', set()),
    (b"{}", {"type"}),
]

PAGE_SIZE_CASES: list[tuple[Any, set[str]]] = [
    (0, {"range"}),
    (1, set()),
    (1000, set()),
    (1001, {"range"}),
    (-1, {"range"}),
    (10**100, {"range"}),
    (True, {"type"}),
    (False, {"type"}),
    (1.0, {"type"}),
    ("1", {"type"}),
    ([1], {"type"}),
]

BOOLEAN_CASES: list[tuple[Any, set[str]]] = [
    (True, set()),
    (False, set()),
    ("true", {"type"}),
    (1, {"type"}),
    (0, {"type"}),
    ({}, {"type"}),
]

ENUM_CASES: list[tuple[Any, set[str]]] = [
    ("DISABLED", set()),
    ("SSE-KMS", set()),
    ("SSE-KMS-WITH-SERVICE-ROLE", set()),
    ("SSEKMS", {"enum"}),  # the member name is not the wire value
    ("sse-kms", {"enum"}),
    ("", {"enum"}),
    (1, {"type"}),
]

# (model, the payload around the member, wire path of the member inside it, cases)
TABLE: list[tuple[type[gs.Model], dict[str, Any], tuple[Any, ...], list[tuple[Any, set[str]]]]] = [
    (gs.GetSecurityConfigurationRequest, {}, ("Name",), single_line_1_255()),
    (gs.GetDataCatalogEncryptionSettingsRequest, {}, ("CatalogId",), single_line_1_255()),
    (gs.DeleteResourcePolicyRequest, {}, ("PolicyHashCondition",), single_line_1_255()),
    (
        gs.EncryptionAtRest,
        {"CatalogEncryptionMode": "DISABLED"},
        ("SseAwsKmsKeyId",),
        single_line_1_255(),
    ),
    (
        gs.ConnectionPasswordEncryption,
        {"ReturnConnectionPasswordEncrypted": True},
        ("AwsKmsKeyId",),
        single_line_1_255(),
    ),
    (
        gs.CreateSecurityConfigurationRequest,
        {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [{}]}},
        ("EncryptionConfiguration", "S3Encryption", 0, "KmsKeyArn"),
        KMS_KEY_ARN_CASES,
    ),
    (
        gs.EncryptionConfiguration,
        {"CloudWatchEncryption": {}},
        ("CloudWatchEncryption", "KmsKeyArn"),
        KMS_KEY_ARN_CASES,
    ),
    (gs.GetResourcePolicyRequest, {}, ("ResourceArn",), GLUE_ARN_CASES),
    (
        gs.EncryptionAtRest,
        {"CatalogEncryptionMode": "SSE-KMS-WITH-SERVICE-ROLE"},
        ("CatalogEncryptionServiceRole",),
        IAM_ROLE_CASES,
    ),
    (gs.PutResourcePolicyRequest, {}, ("PolicyInJson",), POLICY_CASES),
    (gs.GluePolicy, {}, ("PolicyInJson",), POLICY_CASES),
    (gs.GetSecurityConfigurationsRequest, {}, ("MaxResults",), PAGE_SIZE_CASES),
    (gs.GetResourcePoliciesRequest, {}, ("MaxResults",), PAGE_SIZE_CASES),
    (gs.ConnectionPasswordEncryption, {}, ("ReturnConnectionPasswordEncrypted",), BOOLEAN_CASES),
    (gs.EncryptionAtRest, {}, ("CatalogEncryptionMode",), ENUM_CASES),
]


def _path(parts: tuple[Any, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def _put(payload: dict[str, Any], parts: tuple[Any, ...], value: Any) -> dict[str, Any]:
    import copy

    result = copy.deepcopy(payload)
    node: Any = result
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value
    return result


def _rows() -> list[Any]:
    rows = []
    for model, base, parts, cases in TABLE:
        for value, codes in cases:
            shown = repr(value) if len(repr(value)) < 40 else repr(value)[:37] + "..."
            rows.append(
                pytest.param(model, base, parts, value, codes, id=f"{model.__name__}-{shown}")
            )
    return rows


@pytest.mark.parametrize(("model", "base", "parts", "value", "codes"), _rows())
def test_boundary(
    model: type[gs.Model], base: dict[str, Any], parts: tuple[Any, ...], value: Any, codes: set[str]
) -> None:
    payload = _put(base, parts, value)
    if not codes:
        parsed = gs.from_wire(model, payload)
        assert gs.to_wire(parsed) == payload
        return
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(model, payload)
    found = [(e.path, e.code) for e in info.value.errors]
    assert sorted(found) == sorted((_path(parts), code) for code in codes)


def test_glue_arn_multibyte_counts_bytes() -> None:
    # 13 ASCII bytes + 5114 two-byte characters = 10241 bytes, only 5127 characters.
    value = "arn:aws:glue:" + "é" * 5114
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GetResourcePolicyRequest, {"ResourceArn": value})
    assert [(e.path, e.code) for e in info.value.errors] == [("$.ResourceArn", "length")]
    assert "10241" in info.value.errors[0].message


@pytest.mark.parametrize("enum_cls", list(gs.ENUMS.values()), ids=list(gs.ENUMS))
def test_every_enum_value_is_its_wire_string(enum_cls: type[gs.WireEnum]) -> None:
    for member in enum_cls:
        assert member == member.value
        assert str(member) == member.value
        assert f"{member}" == member.value
        assert enum_cls(member.value) is member


def test_enum_values_are_the_wire_values() -> None:
    # The members are str; mypy's strict equality does not see that of a str-mixin enum.
    expected: dict[str, str] = {
        gs.CatalogEncryptionMode.SSEKMS: "SSE-KMS",
        gs.S3EncryptionMode.SSES3: "SSE-S3",
        gs.JobBookmarksEncryptionMode.CSEKMS: "CSE-KMS",
        gs.CatalogEncryptionMode.SSEKMSWITHSERVICEROLE: "SSE-KMS-WITH-SERVICE-ROLE",
    }
    for member, wire in expected.items():
        assert member == wire and type(member) is not str


def test_enum_message_lists_values_and_suggests() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": "SSEKMS"})
    message = info.value.errors[0].message
    assert "'DISABLED', 'SSE-KMS', 'SSE-S3'" in message
    assert "did you mean 'SSE-KMS'?" in message
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": "sse-s3"})
    assert "did you mean 'SSE-S3'?" in info.value.errors[0].message


UTC = timezone.utc
T0 = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1700000000, T0),
        (1700000000.5, T0 + timedelta(microseconds=500000)),
        (1700000000.123456, T0 + timedelta(microseconds=123456)),
        (0, datetime(1970, 1, 1, tzinfo=UTC)),
        (-86400, datetime(1969, 12, 31, tzinfo=UTC)),
        (T0, T0),
        (datetime(2023, 11, 14, 22, 13, 20), T0),  # naive means UTC
        (datetime(2023, 11, 15, 0, 13, 20, tzinfo=timezone(timedelta(hours=2))), T0),
        ("2023-11-14T22:13:20Z", T0),
        ("2023-11-14T22:13:20+00:00", T0),
        ("2023-11-14T23:13:20+01:00", T0),
        ("2023-11-14T22:13:20.5Z", T0 + timedelta(microseconds=500000)),
    ],
)
def test_timestamp_forms(value: Any, expected: datetime) -> None:
    parsed = gs.from_wire(gs.GluePolicy, {"CreateTime": value})
    assert parsed.create_time == expected
    assert parsed.create_time is not None and parsed.create_time.tzinfo is UTC


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("yesterday", "type"),
        ("", "type"),
        (True, "type"),
        ([], "type"),
        ({}, "type"),
        (float("nan"), "range"),
        (float("inf"), "range"),
        (1e20, "range"),
        (10**30, "range"),
        (datetime.min.replace(tzinfo=timezone(timedelta(hours=5))), "range"),
    ],
)
def test_timestamp_rejects(value: Any, code: str) -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GluePolicy, {"CreateTime": value})
    assert [(e.path, e.code) for e in info.value.errors] == [("$.CreateTime", code)]


@pytest.mark.parametrize(
    ("moment", "wire"),
    [
        (T0, 1700000000),
        (T0 + timedelta(microseconds=1), 1700000000.000001),
        (T0 + timedelta(microseconds=999999), 1700000000.999999),
        (datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC), -0.5),
    ],
)
def test_timestamp_to_wire_is_exact_epoch_seconds(moment: datetime, wire: float) -> None:
    policy = gs.GluePolicy(create_time=moment)
    assert gs.to_wire(policy) == {"CreateTime": wire}
    assert type(gs.to_wire(policy)["CreateTime"]) is type(wire)
    assert gs.from_wire(gs.GluePolicy, gs.to_wire(policy)) == policy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-11-14", datetime(2023, 11, 14, tzinfo=UTC)),
        ("2023-11-14T22:13", datetime(2023, 11, 14, 22, 13, tzinfo=UTC)),
        ("2023-11-14 22:13:20z", T0),
        ("2023-11-14T22:13:20.123456789Z", T0 + timedelta(microseconds=123456)),
        ("2023-11-14T22:13:20,5Z", T0 + timedelta(microseconds=500000)),
        ("2023-11-15T00:13:20+0200", T0),
        ("2023-11-14T20:13:20-02:00", T0),
        # The basic format: no separators.
        ("20231114T221320Z", T0),
        ("20231114T221320.5Z", T0 + timedelta(microseconds=500000)),
        ("20231115T001320+0200", T0),
        ("20231114T2213Z", T0 - timedelta(seconds=20)),
        ("20231114", datetime(2023, 11, 14, tzinfo=UTC)),
    ],
)
def test_iso8601_forms_on_every_python(text: str, expected: datetime) -> None:
    assert gs.from_wire(gs.GluePolicy, {"CreateTime": text}).create_time == expected


@pytest.mark.parametrize(
    "text",
    [
        *("2023-13-01", "2023-11-14T25:00", "2023-11-14T22:13:20+24:00", "14/11/2023"),
        *("2023-11-14T", "2023-1114", "20231114T22:13:20Z", "２０２３-11-14"),
    ],
)
def test_iso8601_rejects(text: str) -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GluePolicy, {"CreateTime": text})
    assert info.value.errors[0].code == "type"


def test_iso8601_message_names_the_forms_it_reads() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GluePolicy, {"CreateTime": "yesterday"})
    assert "ISO-8601" in info.value.errors[0].message


@pytest.mark.parametrize(
    "moment",
    [
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999990, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
    ],
)
def test_a_timestamp_that_validated_round_trips_at_the_edges(moment: datetime) -> None:
    policy = gs.GluePolicy(create_time=moment)
    wire = gs.to_wire(policy)
    assert wire["CreateTime"] < 253402300800
    again = gs.from_wire(gs.GluePolicy, wire).create_time
    assert again is not None
    # Exact where a float holds the microsecond; within a float's spacing elsewhere.
    assert abs(again - moment) <= timedelta(microseconds=40)
    assert gs.from_json(gs.GluePolicy, gs.to_json(policy)) == gs.from_wire(gs.GluePolicy, wire)


@pytest.mark.parametrize(
    ("character", "valid"),
    [
        *((c, True) for c in ("\t", "\x7f", "\x80", "\x85", "\x9f", "\u2028", "\u2029")),
        *((c, True) for c in ("\xa0", "\ufffd", "\U0001f600")),
        *((c, False) for c in ("\x00", "\x08", "\n", "\x0b", "\r", "\x1f", "\ufffe", "\uffff")),
    ],
)
def test_the_single_line_pattern_excludes_exactly_what_it_says(character: str, valid: bool) -> None:
    from glue_security.spec.patterns import SINGLE_LINE

    name = f"a{character}b"
    assert SINGLE_LINE.matches(name) is valid
    accepted = True
    try:
        gs.GetSecurityConfigurationRequest(name=name)
    except gs.ValidationError:
        accepted = False
    assert accepted is valid
    description = SINGLE_LINE.description
    assert "C0 control" in description and "line break" not in description
