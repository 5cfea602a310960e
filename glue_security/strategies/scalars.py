"""The scalar value generators of the strategies: text within a UTF-8 byte budget, ARNs,
policy documents, timestamps and integers, read off the metadata.

Strings are drawn within their UTF-8 byte bounds by construction (never filtered), from
alphabets read off the patterns; ARNs, policies and timestamps look like real ones. Each
generator reads its choices as digits of the one drawn byte string (`strategies.layout`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Literal

from hypothesis import strategies as st

from ..spec.kinds import IntegerShape, StringShape, Utf8Length
from ..spec.patterns import (
    GLUE_RESOURCE_ARN,
    IAM_ROLE_ARN,
    JAVA_LINE_TERMINATORS,
    KMS_KEY_ARN,
    Pattern,
)
from ..spec.timestamps import EPOCH
from ..spec.utf8 import utf8_length
from .layout import EDGE_ONE_IN, Digits, Scalar, Strategy, draw_edge, strategy_of

__all__ = [
    "glue_resource_arns",
    "iam_role_arns",
    "integer_gen",
    "kms_key_arns",
    "policy_documents",
    "string_gen",
    "timestamp_gen",
    "timestamps",
    "utf8_text",
]

# Free text is usually short (a long edge case comes from padding, not from drawing).
_TYPICAL_CHARS = 12
# Floats keep every microsecond of epoch seconds for |seconds| < 2**32 (1833..2106), so
# timestamps in this window survive the wire round trip exactly.
_TIMESTAMP_MIN = datetime(1900, 1, 1)
_TIMESTAMP_MAX = datetime(2100, 12, 31, 23, 59, 59, 999999)
_MICROSECOND = timedelta(microseconds=1)


# -- text within a UTF-8 byte budget ---------------------------------------------------------------


def _truncate(text: str, max_bytes: int) -> str:
    """The longest prefix of `text` within `max_bytes` (never splits a character)."""
    if utf8_length(text) <= max_bytes:
        return text
    return text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")


def _fill(text: str, target: int, filler: str, pad: str = "a") -> str:
    """Pad `text` to exactly `target` bytes with `filler` characters, then 1-byte `pad`."""
    room = target - utf8_length(text)
    width = utf8_length(filler)
    return text + filler * (room // width) + pad * (room % width)


_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
# Readable characters of each UTF-8 width (1 to 4 bytes), preferred as fillers.
_PREFERRED_FILLERS = ("a", "é", "€", "\U0001f600")


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def _fillers(ranges: tuple[tuple[int, int], ...]) -> tuple[str, ...]:
    """One character of each UTF-8 width the ranges hold (preferring readable ones)."""
    found = []
    for preferred, (low_width, high_width) in zip(
        _PREFERRED_FILLERS,
        ((0, 0x7F), (0x80, 0x7FF), (0x800, 0xFFFF), (0x10000, 0x10FFFF)),
        strict=True,
    ):
        if _in_ranges(ord(preferred), ranges):
            found.append(preferred)
            continue
        for low, high in ranges:
            start, end = max(low, low_width), min(high, high_width)
            first = next((c for c in range(start, end + 1) if not 0xD800 <= c <= 0xDFFF), None)
            if first is not None:
                found.append(chr(first))
                break
    return tuple(found)


def _alphabet(ranges: tuple[tuple[int, int], ...]) -> Strategy[str]:
    """Characters in the given code-point ranges, never a lone surrogate."""
    low, high = ranges[0][0], max(r[1] for r in ranges)
    excluded: list[str] = []
    previous_end = low - 1
    for start, end in ranges:
        excluded += [
            chr(c) for c in range(previous_end + 1, start) if not 0xD800 <= c <= 0xDFFF
        ]  # surrogates are excluded by category below
        previous_end = max(previous_end, end)
    return st.characters(
        min_codepoint=low,
        max_codepoint=high,
        exclude_categories=_SURROGATES,
        exclude_characters="".join(excluded),
    )


_EVERY_CHARACTER = ((0, 0xD7FF), (0xE000, 0x10FFFF))
_JAVA_DOT = tuple(
    (low, high)
    for low, high in (
        (0x00, 0x09),
        (0x0B, 0x0C),
        (0x0E, 0x84),
        (0x86, 0x2027),
        (0x202A, 0xD7FF),
        (0xE000, 0x10FFFF),
    )
)  # what Java's `.` matches: anything but a line terminator
assert not any(_in_ranges(ord(c), _JAVA_DOT) for c in JAVA_LINE_TERMINATORS)


def _text_gen(length: Utf8Length | None, ranges: tuple[tuple[int, int], ...]) -> Scalar:
    """Text whose UTF-8 size lies within `length`, drawn (not filtered) from `ranges`.

    One draw in `EDGE_ONE_IN` is exactly the minimum size, one exactly the maximum,
    filled with a character of a drawn width (so multibyte characters meet the edge too).
    """
    min_bytes = (length.min_length if length else None) or 0
    max_bytes = length.max_length if length else None
    fillers = _fillers(ranges)
    pad = fillers[0]
    cap = _TYPICAL_CHARS if max_bytes is None else min(_TYPICAL_CHARS, max_bytes)
    text = st.text(_alphabet(ranges), max_size=cap)

    def build(digits: Digits, draw: st.DrawFn) -> str:
        edge, filler = draw_edge(digits), fillers[digits.take(len(fillers))]
        value = draw(text)
        if max_bytes is not None:
            value = _truncate(value, max_bytes)
        if edge == "max" and max_bytes is not None:
            return _fill(value, max_bytes, filler, pad)
        if edge == "min":
            return _fill(_truncate(value, min_bytes), min_bytes, filler, pad)
        return _fill(value, min_bytes, filler, pad) if utf8_length(value) < min_bytes else value

    return Scalar(EDGE_ONE_IN * len(fillers), build)


def utf8_text(
    length: Utf8Length | None = None,
    ranges: tuple[tuple[int, int], ...] = _EVERY_CHARACTER,
) -> Strategy[str]:
    """Text within `length` (UTF-8 bytes) from the code-point `ranges`, exact edges included."""
    return strategy_of(_text_gen(length, ranges))


# -- realistic identifiers ----------------------------------------------------------------------

_REGIONS = {
    "aws": ("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "sa-east-1"),
    "aws-cn": ("cn-north-1", "cn-northwest-1"),
    "aws-us-gov": ("us-gov-west-1", "us-gov-east-1"),
    "aws-iso": ("us-iso-east-1",),
    "aws-iso-b": ("us-isob-east-1",),
    "aws-iso-e": ("eu-isoe-west-1",),
    "aws-iso-f": ("us-isof-south-1",),
}
# Identifiers need to look real, not to carry their full width of randomness: fewer digits
# mean a shorter byte string, and Hypothesis' cost grows with its length.
_ACCOUNT_RADIX = 1 << 24
_UUID_RADIX = 1 << 32
_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # the first 26 are letters
_NAME_MAX = 12
_NAME_ENTROPY = 1 << 32
_NAME_RADIX = _NAME_MAX * _NAME_ENTROPY


def _partition_regions(
    pattern: Pattern, sample: Callable[[str, str], str]
) -> tuple[tuple[str, str], ...]:
    """(partition, region) pairs whose sample ARN the pattern accepts: the partitions are
    read off the pattern, not restated."""
    pairs = tuple(
        (partition, region)
        for partition, regions in _REGIONS.items()
        for region in regions
        if pattern.matches(sample(partition, region))
    )
    if not pairs:
        raise NotImplementedError(f"no partition fits the {pattern.name} pattern")
    return pairs


_GOLDEN_128 = 0x9E3779B97F4A7C15F39CC0605CEDC835  # odd, so the scattering is one-to-one


def _spread(number: int, modulus: int) -> int:
    """`number` scattered over [0, modulus) by a multiplicative hash; 0 stays 0, so a
    shrunk identifier reads as all zeros."""
    return (number * _GOLDEN_128) % modulus if number else 0


def _account(digits: Digits) -> str:
    return f"{_spread(digits.take(_ACCOUNT_RADIX), 10**12):012d}"


def _uuid(digits: Digits) -> str:
    text = f"{_spread(digits.take(_UUID_RADIX), 1 << 128):032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _name(digits: Digits) -> str:
    """A readable identifier: a letter, then letters, digits and underscores."""
    size = 1 + digits.take(_NAME_MAX)
    value = _spread(digits.take(_NAME_ENTROPY), 26 * len(_NAME_CHARS) ** (size - 1))
    chars = [_NAME_CHARS[value % 26]]
    value //= 26
    for _ in range(size - 1):
        value, index = divmod(value, len(_NAME_CHARS))
        chars.append(_NAME_CHARS[index])
    return "".join(chars)


def _kms_key_arn_gen(empty: bool = True, aliases: bool = True) -> Scalar:
    pairs = _partition_regions(KMS_KEY_ARN, lambda p, r: f"arn:{p}:kms:{r}:111122223333:key/k")
    # Form 0 is "" where the pattern allows it, so shrinking ends at the simplest value.
    every_form = ("empty", "key", "alias") if KMS_KEY_ARN.matches("") else ("key", "alias")
    forms = [f for f in every_form if (empty or f != "empty") and (aliases or f != "alias")]

    def build(digits: Digits, draw: st.DrawFn) -> str:
        form = forms[digits.take(len(forms))]
        if form == "empty":
            return ""
        partition, region = pairs[digits.take(len(pairs))]
        account = _account(digits)
        key = f"key/{_uuid(digits)}" if form == "key" else f"alias/{_name(digits)}"
        return f"arn:{partition}:kms:{region}:{account}:{key}"

    return Scalar(len(forms) * len(pairs) * _ACCOUNT_RADIX * max(_UUID_RADIX, _NAME_RADIX), build)


def _glue_resource_arn_gen(length: Utf8Length | None) -> Scalar:
    min_bytes = (length.min_length if length else None) or 0
    max_bytes = length.max_length if length else None
    pairs = _partition_regions(
        GLUE_RESOURCE_ARN, lambda p, r: f"arn:{p}:glue:{r}:111122223333:catalog"
    )
    fillers = _fillers(_JAVA_DOT)

    def build(digits: Digits, draw: st.DrawFn) -> str:
        edge, filler = draw_edge(digits), fillers[digits.take(len(fillers))]
        partition, region = pairs[digits.take(len(pairs))]
        kind = digits.take(4)
        if kind == 0:
            resource = "catalog"
        elif kind == 1:
            resource = f"database/{_name(digits)}"
        else:
            prefix = "table" if kind == 2 else "userDefinedFunction"
            resource = f"{prefix}/{_name(digits)}/{_name(digits)}"
        arn = f"arn:{partition}:glue:{region}:{_account(digits)}:{resource}"
        if max_bytes is not None:
            arn = _truncate(arn, max_bytes)
            if edge == "max":
                arn = _fill(arn, max_bytes, filler)
        return _fill(arn, min_bytes, filler) if utf8_length(arn) < min_bytes else arn

    radix = EDGE_ONE_IN * len(fillers) * len(pairs) * 4 * _ACCOUNT_RADIX * _NAME_RADIX**2
    return Scalar(radix, build)


def _iam_role_arn_gen() -> Scalar:
    pairs = _partition_regions(IAM_ROLE_ARN, lambda p, r: f"arn:{p}:iam::111122223333:role/r")
    paths = ("", "service-role/", "glue/")

    def build(digits: Digits, draw: st.DrawFn) -> str:
        partition, _region = pairs[digits.take(len(pairs))]
        account = _account(digits)
        path = paths[digits.take(len(paths))]
        return f"arn:{partition}:iam::{account}:role/{path}{_name(digits).capitalize()}"

    return Scalar(len(pairs) * _ACCOUNT_RADIX * len(paths) * _NAME_RADIX, build)


def kms_key_arns(*, empty: bool = True, aliases: bool = True) -> Strategy[str]:
    """KMS key and alias ARNs in every partition the pattern admits, and "" when it does.

    `empty=False` leaves out "" (the model's "no key"), `aliases=False` alias ARNs, so
    `kms_key_arns(empty=False, aliases=False)` yields only ARNs of real keys."""
    return strategy_of(_kms_key_arn_gen(empty, aliases))


def glue_resource_arns(length: Utf8Length | None = None) -> Strategy[str]:
    """Glue catalog, database, table and function ARNs within `length`; one in
    `EDGE_ONE_IN` padded to exactly the maximum size."""
    return strategy_of(_glue_resource_arn_gen(length))


def iam_role_arns() -> Strategy[str]:
    """IAM role ARNs, with or without a path, in every partition the pattern admits."""
    return strategy_of(_iam_role_arn_gen())


# -- policy documents --------------------------------------------------------------------------

_GLUE_ACTIONS = (
    "glue:GetDatabase",
    "glue:GetTable",
    "glue:GetTables",
    "glue:CreateTable",
    "glue:GetPartitions",
    "glue:*",
)
_POLICY_STATEMENTS_MAX = 3
_POLICY_RADIX = 1 << 2048  # ample digits for up to three statements


def _one_or_more(digits: Digits, make: Callable[[Digits], str]) -> str | list[str]:
    """One value, or a list of a few distinct ones (IAM allows both forms)."""
    as_list, count = digits.take(2), 1 + digits.take(3)
    values = list(dict.fromkeys(make(digits) for _ in range(count)))
    return values if as_list or len(values) > 1 else values[0]


def _statement(digits: Digits, arn: Callable[[Digits], str]) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": ("Allow", "Deny")[digits.take(2)]}
    principal = digits.take(3)
    if principal == 0:
        statement["Principal"] = "*"
    elif principal == 1:
        root = f"arn:aws:iam::{_account(digits)}:root"
        statement["Principal"] = {"AWS": root if digits.take(2) else [root]}
    else:
        statement["Principal"] = {"Service": "glue.amazonaws.com"}
    statement["Action"] = _one_or_more(digits, lambda d: _GLUE_ACTIONS[d.take(len(_GLUE_ACTIONS))])
    statement["Resource"] = _one_or_more(digits, arn)
    if digits.take(2):
        statement["Sid"] = _name(digits)
    condition = digits.take(3)
    if condition == 1:
        statement["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": f"o-{_name(digits)}"}}
    elif condition == 2:
        statement["Condition"] = {"Bool": {"aws:SecureTransport": "true"}}
    return statement


def _pad_sid(doc: dict[str, Any], indent: int | None, size: int) -> str:
    """The policy text grown to exactly `size` bytes through its first statement's Sid."""
    doc["Statement"][0]["Sid"] = ""
    room = size - utf8_length(json.dumps(doc, indent=indent))
    doc["Statement"][0]["Sid"] = "S" * room
    return json.dumps(doc, indent=indent)


def _policy_gen(length: Utf8Length | None) -> Scalar:
    """IAM-style resource policies as JSON text within `length`: one in `EDGE_ONE_IN` is
    the smallest JSON object ("{}"), one is padded (through its Sid) to exactly the maximum."""
    min_bytes = (length.min_length if length else None) or 0
    max_bytes = length.max_length if length else None
    arn = _glue_resource_arn_gen(None)

    def build(digits: Digits, draw: st.DrawFn) -> str:
        edge, indent = draw_edge(digits), (None, 2)[digits.take(2)]
        if edge == "min" and min_bytes <= 2:
            return "{}"
        count = 1 + digits.take(_POLICY_STATEMENTS_MAX)
        doc: dict[str, Any] = {
            "Version": "2012-10-17",
            "Statement": [
                _statement(digits, lambda d: arn.build(Digits(d.take(arn.radix)), draw))
                for _ in range(count)
            ],
        }
        text = json.dumps(doc, indent=indent)
        while max_bytes is not None and utf8_length(text) > max_bytes and len(doc["Statement"]) > 1:
            doc["Statement"].pop()
            text = json.dumps(doc, indent=indent)
        if edge == "max" and max_bytes is not None:
            text = _pad_sid(doc, indent, max_bytes)
        return _pad_sid(doc, indent, min_bytes) if utf8_length(text) < min_bytes else text

    return Scalar(EDGE_ONE_IN * 2 * _POLICY_RADIX, build)


def policy_documents(length: Utf8Length | None = None) -> Strategy[str]:
    """IAM-style resource policy documents as JSON text within `length`.

    Without `length` there is no maximum to pad to, so documents stay a few hundred bytes;
    pass the member's bound to reach its edge too:
    `policy_documents(members(PutResourcePolicyRequest)["policy_in_json"].shape.length)`
    (or use `models`/`member_values`, which do)."""
    return strategy_of(_policy_gen(length))


# -- timestamps and numbers --------------------------------------------------------------------

_TIMESTAMP_LOW = (_TIMESTAMP_MIN - EPOCH.replace(tzinfo=None)) // _MICROSECOND
_TIMESTAMP_SPAN = (_TIMESTAMP_MAX - _TIMESTAMP_MIN) // _MICROSECOND + 1


def timestamp_gen() -> Scalar:
    def build(digits: Digits, draw: st.DrawFn) -> datetime:
        whole_seconds = digits.take(2) == 0  # the wire writes these as integers
        # Offset so that digit 0 (the shrink target) is the epoch itself.
        micros = (digits.take(_TIMESTAMP_SPAN) - _TIMESTAMP_LOW) % _TIMESTAMP_SPAN + _TIMESTAMP_LOW
        if whole_seconds:
            micros -= micros % 1_000_000
        return EPOCH + timedelta(microseconds=micros)

    return Scalar(2 * _TIMESTAMP_SPAN, build)


def timestamps() -> Strategy[datetime]:
    """Aware UTC datetimes that survive the epoch-seconds wire form exactly."""
    return strategy_of(timestamp_gen())


def integer_gen(shape: IntegerShape) -> Scalar:
    low = shape.range.minimum if shape.range and shape.range.minimum is not None else -(2**63)
    high = shape.range.maximum if shape.range and shape.range.maximum is not None else 2**63 - 1
    span = high - low + 1

    def build(digits: Digits, draw: st.DrawFn) -> int:
        edge, offset = draw_edge(digits), digits.take(span)
        return high if edge == "max" else low if edge == "min" else low + offset

    return Scalar(EDGE_ONE_IN * span, build)


# -- from metadata to generators ----------------------------------------------------------------


# Patterns whose values should look real (ARNs), by pattern; any other pattern must be a
# repeated character class, whose text is drawn from the class.
_REALISTIC: Mapping[Pattern, Callable[[Utf8Length | None], Scalar]] = {
    KMS_KEY_ARN: lambda length: _kms_key_arn_gen(),
    GLUE_RESOURCE_ARN: _glue_resource_arn_gen,
    IAM_ROLE_ARN: lambda length: _iam_role_arn_gen(),
}


def string_gen(shape: StringShape, length: Utf8Length | None) -> Scalar:
    """Valid strings of `shape` within `length` (which the fault injector may widen)."""
    if shape.json is not None:
        return _policy_gen(length)
    pattern = shape.pattern
    if pattern is None:
        return _text_gen(length, _EVERY_CHARACTER)
    realistic = _REALISTIC.get(pattern)
    if realistic is not None:
        return realistic(length)
    ranges = pattern.repeated_class()
    if ranges is None:
        raise NotImplementedError(f"no strategy for the {pattern.name} pattern {pattern.source}")
    return _text_gen(length, ranges)
