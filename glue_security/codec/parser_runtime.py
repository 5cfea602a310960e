"""What the generated parsers of `from_wire` call at run time: the `DECLINED` marker, the
globals every generated function reads, and the per-pattern match memo."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from ..spec.kinds import Shape, TimestampShape
from ..spec.patterns import Pattern
from ..spec.timestamps import EPOCH_SECONDS_END, EPOCH_SECONDS_MIN
from ..spec.utf8 import utf8_length
from ..validation.checks import (
    INVALID,
    LENIENT,
    STRICT,
    checker,
    json_document_problem,
    missing_member,
    null_item,
    structure,
)
from ..validation.error import ErrorDetail, Problem, detail, record
from ..validation.messages import (
    enum_message,
    headed_message,
    length_message,
    pattern_message,
    type_message,
    unknown_message,
)
from ..validation.paths import child_path

__all__ = [
    "DECLINED",
    "DECLINING_ERRORS",
    "GENERATED_CODE_NAMES",
    "MAX_REMEMBERED",
    "Collect",
    "Parse",
    "PatternTest",
    "last_match",
    "pattern_test",
    "slot_setter",
]


class _Declined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "DECLINED"


# What a generated parser returns where it declines. Returning costs less than raising,
# and every invalid payload pays it before its errors are collected.
DECLINED: Any = _Declined()

# What a builtin called by a generated parser may raise on bad input; each means the
# same as DECLINED: "ask the error path".
DECLINING_ERRORS = (TypeError, ValueError, OverflowError, OSError, AttributeError)

Parse = Callable[[Any], Any]
Collect = Callable[[Any, list[Problem]], Any]


_ANY_TIMESTAMP = TimestampShape("Timestamp")
_CHECK_TIMESTAMP = checker(_ANY_TIMESTAMP)

# Epoch seconds within years 1..9999, which datetime.fromtimestamp converts to the same
# microsecond as EPOCH + timedelta(seconds=...) (the reference) without raising; the
# reference check decides about everything else.
_EPOCH_SECONDS_MIN = EPOCH_SECONDS_MIN
_EPOCH_SECONDS_MAX = EPOCH_SECONDS_END - 1


def _timestamp_quietly(value: object) -> object:
    """A timestamp that is not epoch seconds in range: its model value, or DECLINED."""
    errors: list[ErrorDetail] = []
    result = _CHECK_TIMESTAMP(_ANY_TIMESTAMP, value, "$", errors, STRICT)
    return DECLINED if errors else result


def _keep_nonconforming(shape: Shape, value: object) -> object:
    """A string or integer that broke an inline test, as lenient parsing keeps it (marked
    when it breaks only a constraint), or DECLINED."""
    errors: list[ErrorDetail] = []
    result = checker(shape)(shape, value, "$", errors, LENIENT)
    return DECLINED if errors else result


# The globals every generated parser reads.
GENERATED_CODE_NAMES: dict[str, Any] = {
    "DECLINED": DECLINED,
    "INVALID": INVALID,
    "UTC": timezone.utc,
    "EPOCH_SECONDS_MIN": _EPOCH_SECONDS_MIN,
    "EPOCH_SECONDS_MAX": _EPOCH_SECONDS_MAX,
    "FROM_TIMESTAMP": datetime.fromtimestamp,  # C speed
    "TIMESTAMP_QUIETLY": _timestamp_quietly,
    "KEEP_NONCONFORMING": _keep_nonconforming,
    "UTF8_LENGTH": utf8_length,
    "OBJECT_NEW": object.__new__,
    "NULL_ITEM": null_item,
    "REQUIRED": missing_member,
    "CHILD_PATH": child_path,
    "UNKNOWN_MESSAGE": unknown_message,
    "STRUCTURE": structure,
    "RECORD": record,
    "DETAIL": detail,
    "TYPE_MESSAGE": type_message,
    "LENGTH_MESSAGE": length_message,
    "PATTERN_MESSAGE": pattern_message,
    "HEADED_MESSAGE": headed_message,
    "ENUM_MESSAGE": enum_message,
    "JSON_DOCUMENT_PROBLEM": json_document_problem,
}

class PatternTest:
    """What generated code calls to test a string against `pattern`, one per pattern and
    shared by every member and parser that uses it (so each has one name in the code)."""

    def __init__(self, pattern: Pattern) -> None:
        self.fullmatch = pattern.regex.fullmatch
        self.plain_start = pattern.plain_start()
        self.required_start = pattern.required_start()
        # The last plain `str` found to match (none at first). It holds one string of at
        # most MAX_REMEMBERED characters, so it needs no bounds: remembering another
        # replaces it.
        self.last_match: deque[str] = deque(maxlen=1)
        self.remember = self.last_match.append


# The longest value the memo keeps: a real ARN is far shorter.
MAX_REMEMBERED = 2048

_PATTERN_TESTS: dict[str, PatternTest] = {}


def last_match(pattern: Pattern) -> deque[str]:
    """The memo of the last plain `str` found to match `pattern` (for the tests)."""
    return pattern_test(pattern).last_match


def pattern_test(pattern: Pattern) -> PatternTest:
    found = _PATTERN_TESTS.get(pattern.source)
    if found is None:
        found = _PATTERN_TESTS[pattern.source] = PatternTest(pattern)
    return found



def slot_setter(model: type, attr: str) -> Callable[[Any, Any], None]:
    descriptor = model.__dict__.get(attr)
    if descriptor is not None and hasattr(descriptor, "__set__"):
        return descriptor.__set__  # type: ignore[no-any-return]
    return lambda instance, value: object.__setattr__(instance, attr, value)

