"""The reference checks: one walk over a model's members that collects every problem and
writes its message.

One walk serves three modes: checking a directly constructed instance (`PYTHON`),
parsing a request-side payload (`STRICT`: every documented constraint, unknown members
and enum values rejected) and parsing a response-side payload (`LENIENT`: JSON types,
structure, required members and timestamps only; unknown members are ignored, and a
value that breaks a length, pattern, JSON-document or range constraint or an unknown
enum value is kept as what the service sent, marked as such: `NonconformingStr`,
`NonconformingInt`, an enum's pseudo-member). A request cannot hold a marked value:
`nonconforming_problems` finds them, for construction and `to_wire`.

This is the reference: it checks directly constructed instances, and `from_wire` runs the
parsers generated from the same metadata (`_from_wire_codegen`), which call into it for
messages and for values they leave to it (a `dict` or `str` subclass, a tuple for an
array). The tests check those functions against it.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any, Final, cast

from ..spec.kinds import (
    BooleanShape,
    EnumShape,
    IntegerShape,
    JsonDocument,
    ListShape,
    NonconformingInt,
    NonconformingStr,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
)
from ..spec.plan import ModelPlan, build, model_plan
from ..spec.timestamps import EPOCH, parse_iso8601
from ..spec.utf8 import UTF8_PIECE, utf8_length
from .error import (
    ErrorCode,
    ErrorDetail,
    Problem,
    class_name,
    describe_value,
    detail,
    json_type_name,
    report,
    with_article,
)
from .messages import (
    enum_facts,
    enum_message,
    length_message,
    member_facts,
    missing_message,
    pattern_message,
    range_message,
    type_message,
    unknown_message,
)
from .paths import child_path

__all__ = [
    "INVALID",
    "LENIENT",
    "STRICT",
    "Errors",
    "Mode",
    "add_problem",
    "check_value",
    "checker",
    "json_document_problem",
    "missing_member",
    "null_item",
    "plain_object",
    "structure",
]


class Mode(enum.Enum):
    PYTHON = "python"
    STRICT = "strict"
    LENIENT = "lenient"


# Enum member access is slow on Python 3.11: every module compares against these instead.
PYTHON, STRICT, LENIENT = Mode.PYTHON, Mode.STRICT, Mode.LENIENT


class _Invalid:
    """Marks a value that produced errors; never stored in a model."""

    __slots__ = ()


INVALID: Final = _Invalid()

Errors = list[ErrorDetail]
Report = Callable[..., None]  # (errors, path, code, write, *args): report or record


def add_problem(errors: Errors, path: str, code: ErrorCode, message: str) -> _Invalid:
    errors.append(detail(path, code, message))
    return INVALID


def _type_error(errors: Errors, path: str, expected: str, value: object) -> _Invalid:
    report(errors, path, "type", type_message, expected, value)
    return INVALID


# -- strings -----------------------------------------------------------------------------


def _check_string(
    shape: StringShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if not issubclass(type(value), str):
        return _type_error(errors, path, "a string", value)
    if mode is PYTHON and type(value) is NonconformingStr:
        # The service sent it; a request reports it (nonconforming_problems). Made by hand,
        # it may hold what no response may: a lone surrogate, which cannot be written.
        if utf8_length(value) < 0:
            return _lone_surrogate(errors, path, value)
        return value
    if type(value) is not str:
        # Check the value, not what its class claims (__len__, isascii, encode may lie):
        # a subclass is copied to the plain string it holds, which is also what is kept.
        value = str.__str__(value)
    size = utf8_length(value)
    if size < 0:
        return _lone_surrogate(errors, path, value)
    before = len(errors)
    length = shape.length
    if length is not None and (
        (length.min_length is not None and size < length.min_length)
        or (length.max_length is not None and size > length.max_length)
    ):
        report(errors, path, "length", length_message, length, size, value)
        if shape.json is not None:  # a policy over its bound is not read: stop at the first bound
            if mode is LENIENT:  # not enforced on what the service sends: kept, and marked
                del errors[before:]
                return NonconformingStr(value)
            return INVALID
    pattern = shape.pattern
    if pattern is not None and pattern.regex.fullmatch(value) is None:
        report(errors, path, "pattern", pattern_message, pattern, value)
    if shape.json is not None:
        problem = json_document_problem(shape.json, value)
        if problem is not None:
            add_problem(errors, path, "json", problem)
    if len(errors) != before:
        if mode is LENIENT:  # not enforced on what the service sends: kept, and marked
            del errors[before:]
            return NonconformingStr(value)
        return INVALID
    return value


def _lone_surrogate_index(text: str) -> int:
    """The index of the first lone surrogate in `text` (which has one)."""
    for start in range(0, len(text), UTF8_PIECE):
        try:
            text[start : start + UTF8_PIECE].encode("utf-8")
        except UnicodeEncodeError as exc:
            return start + exc.start
    raise ValueError("no lone surrogate")  # pragma: no cover


def _lone_surrogate(errors: Errors, path: str, value: str) -> _Invalid:
    index = _lone_surrogate_index(value)
    return add_problem(
        errors,
        path,
        "type",
        f"expected a Unicode string, got one with a lone surrogate "
        f"U+{ord(value[index]):04X} at index {index}, which UTF-8 cannot "
        f"encode: {describe_value(value)}",
    )


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


def _nesting_depth(document: object) -> int:
    """Depth of nested arrays and objects, without recursion."""
    deepest = 0
    stack = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return deepest


def json_document_problem(spec: JsonDocument, text: str) -> str | None:
    """Why `text` is not a JSON object within `spec`, or None when it is one."""
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        return f"must be a JSON object nested at most {spec.max_depth} levels, got deeper JSON"
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        return f"must be a JSON object, got invalid JSON ({exc.msg} at {where})"
    except ValueError as exc:
        return f"must be a JSON object, got invalid JSON ({exc})"
    if not isinstance(document, dict):
        return f"must be a JSON object, got a JSON {json_type_name(document)}"
    # Counting brackets (C speed) bounds the depth; walk the tree only when it might exceed.
    if text.count("{") + text.count("[") > spec.max_depth:
        depth = _nesting_depth(document)
        if depth > spec.max_depth:
            return f"must be a JSON object nested at most {spec.max_depth} levels, got {depth}"
    return None


# -- enums ---------------------------------------------------------------------------------


def _check_enum(shape: EnumShape, value: object, path: str, errors: Errors, mode: Mode) -> object:
    facts = enum_facts(shape.enum)
    if not issubclass(type(value), str):
        return _type_error(errors, path, f"{with_article(facts.name)} string", value)
    if type(value) is shape.enum:
        # A member, or a value the service sent (a pseudo-member): a request reports that.
        return value
    if type(value) is not str:
        value = str.__str__(value)  # a subclass's __eq__ and __hash__ are not asked
    found = facts.by_value.get(value)
    if found is not None:
        return found
    if utf8_length(value) < 0:  # as for every string member: it could not be sent
        return _lone_surrogate(errors, path, value)
    if mode is LENIENT:
        # The service adds values over time: keep what it said rather than fail a response,
        # as a pseudo-member, so that the attribute keeps its enum type.
        return shape.enum._from_service(value)
    report(errors, path, "enum", enum_message, facts, value)
    return INVALID


# -- numbers, booleans, timestamps ---------------------------------------------------------


def _number_type_error(errors: Errors, path: str, expected: str, value: object) -> _Invalid:
    """A type error that says why an int or float subclass (an IntEnum, a numpy number) is
    not taken: a number must be a plain `int` or `float`, as JSON reading makes them."""
    kind = type(value)
    if issubclass(kind, (int, float)) and kind not in (int, float, bool):
        base = "int" if issubclass(kind, int) else "float"
        return add_problem(
            errors,
            path,
            "type",
            f"expected {expected}, got {describe_value(value)} of class {class_name(value)}, "
            f"a subclass of {base} (numbers must be plain int or float; convert with {base}())",
        )
    return _type_error(errors, path, expected, value)


def _check_integer(
    shape: IntegerShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if mode is PYTHON and type(value) is NonconformingInt:
        return value  # the service sent it; a request reports it (nonconforming_problems)
    if type(value) is not int:  # bool, float and subclasses of int are not integers here
        return _number_type_error(errors, path, "an integer", value)
    bounds = shape.range
    if bounds is not None and (
        (bounds.minimum is not None and value < bounds.minimum)
        or (bounds.maximum is not None and value > bounds.maximum)
    ):
        if mode is LENIENT:  # not enforced on what the service sends: kept, and marked
            return NonconformingInt(value)
        report(errors, path, "range", range_message, bounds, value)
        return INVALID
    return value


def _check_boolean(
    shape: BooleanShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if type(value) is not bool:
        return _type_error(errors, path, "a boolean", value)
    return value


_TIMESTAMP_FORMS = "epoch seconds (a number), a datetime or an ISO-8601 string"

# A datetime subclass is read through datetime's own accessors, not its overrides.
_DATETIME_PARTS: tuple[Callable[[datetime], int], ...] = tuple(
    (date if name in ("year", "month", "day") else datetime).__dict__[name].__get__
    for name in ("year", "month", "day", "hour", "minute", "second", "microsecond")
)
_TZINFO: Callable[[datetime], Any] = datetime.__dict__["tzinfo"].__get__
_FOLD: Callable[[datetime], int] = datetime.__dict__["fold"].__get__


def _plain_datetime(value: datetime) -> datetime:
    if type(value) is datetime:
        return value
    year, month, day, hour, minute, second, micro = (get(value) for get in _DATETIME_PARTS)
    return datetime(
        year, month, day, hour, minute, second, micro, tzinfo=_TZINFO(value), fold=_FOLD(value)
    )


def _to_utc(value: datetime, path: str, errors: Errors) -> object:
    try:
        value = _plain_datetime(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        if value.tzinfo is timezone.utc:
            return value
        return value.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        message = f"is out of range in UTC: {describe_value(value)}"
        return add_problem(errors, path, "range", message)
    except Exception as exc:  # its tzinfo is user code, and may fail any way it likes
        return add_problem(
            errors,
            path,
            "type",
            f"expected a datetime whose tzinfo gives its UTC offset, got one whose tzinfo "
            f"raised {type(exc).__name__}: {describe_value(value)}",
        )


def _check_timestamp(
    shape: TimestampShape | None, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if issubclass(type(value), datetime):
        return _to_utc(value, path, errors)  # type: ignore[arg-type]
    if mode is PYTHON:
        return _type_error(errors, path, "a datetime", value)
    kind = type(value)
    if kind is int or kind is float:  # as for integers, subclasses are not numbers here
        if kind is float and not math.isfinite(value):  # type: ignore[arg-type]
            return add_problem(errors, path, "range", f"must be a finite number, got {value}")
        try:
            return EPOCH + timedelta(seconds=value)  # type: ignore[arg-type]
        except (OverflowError, ValueError):
            return add_problem(
                errors,
                path,
                "range",
                f"must be epoch seconds within years 1..9999, got {describe_value(value)}",
            )
    if issubclass(kind, str):
        parsed = parse_iso8601(str.__str__(value))
        if parsed is None:
            return add_problem(
                errors,
                path,
                "type",
                f"expected {_TIMESTAMP_FORMS}, got a string that is not ISO-8601: "
                f"{describe_value(value)}",
            )
        return _to_utc(parsed, path, errors)
    return _number_type_error(errors, path, _TIMESTAMP_FORMS, value)


# -- structures and lists ------------------------------------------------------------------


def _check_structure(
    shape: StructureShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if mode is PYTHON:
        if issubclass(type(value), shape.model):
            return value
        hint = " (parse wire dicts with from_wire)" if isinstance(value, dict) else ""
        expected = f"{with_article(shape.model.__name__)} instance{hint}"
        return _type_error(errors, path, expected, value)
    return structure(shape.model, value, path, errors, mode)


def _check_list(shape: ListShape, value: object, path: str, errors: Errors, mode: Mode) -> object:
    if mode is PYTHON:
        # Any sequence but text, stored as a tuple.
        # Judged by type(), not by what a faked __class__ claims.
        kind = type(value)
        if not issubclass(kind, Sequence) or issubclass(kind, (str, bytes, bytearray)):
            return _type_error(errors, path, "a sequence (a list or tuple)", value)
        if not issubclass(kind, (list, tuple)):
            try:
                value = tuple(cast("Sequence[object]", value))
            except Exception:  # a sequence whose own methods fail cannot be read
                return _type_error(errors, path, "a sequence (a list or tuple)", value)
    elif not issubclass(type(value), (list, tuple)):
        return _type_error(errors, path, "an array", value)
    if type(value) is not list and type(value) is not tuple:
        value = plain_array(value)
    before = len(errors)
    items = tuple(
        check_value(shape.item, item, f"{path}[{index}]", errors, mode)
        if item is not None
        else null_item(errors, f"{path}[{index}]")
        for index, item in enumerate(value)
    )
    return INVALID if len(errors) != before else items


# -- subclasses: the value, not what its class claims ----------------------------------------
#
# A subclass of dict, list or tuple may lie in __iter__, __len__, get or items (hiding
# members, or iterating empty). The walk reads the plain value it holds instead, through the
# base class's own methods, which read the object's storage directly; a str subclass key
# becomes the plain string it holds.


def plain_object(data: Any) -> dict[Any, Any]:
    """The plain dict a dict subclass holds, its str subclass keys made plain."""
    return {
        str.__str__(key) if issubclass(type(key), str) else key: value
        for key, value in dict.items(data)
    }


def plain_array(data: Any) -> list[Any] | tuple[Any, ...]:
    """The plain list or tuple a subclass of either holds."""
    if issubclass(type(data), list):
        return list.copy(data)
    return tuple.__getitem__(data, slice(None))


def null_item(errors: Errors | list[Problem], path: str, add: Report = report) -> _Invalid:
    add(errors, path, "type", type_message, "an item, not null", None)
    return INVALID


# Every check takes (shape, value, path, errors, mode), whether it needs all or not, so
# that callers can bind the one for a shape and call it directly.
_CHECKS: dict[type, Callable[[Any, object, str, Errors, Mode], object]] = {
    StringShape: _check_string,
    EnumShape: _check_enum,
    StructureShape: _check_structure,
    ListShape: _check_list,
    IntegerShape: _check_integer,
    BooleanShape: _check_boolean,
    TimestampShape: _check_timestamp,
}


def checker(shape: Shape) -> Callable[[Any, object, str, Errors, Mode], object]:
    """The check of `shape`'s values: `checker(shape)(shape, value, ...)` is `check_value`."""
    return _CHECKS[type(shape)]


def check_value(shape: Shape, value: object, path: str, errors: Errors, mode: Mode) -> object:
    """Validate one present (non-null) value; return its model form or INVALID."""
    return _CHECKS[type(shape)](shape, value, path, errors, mode)


# `add` is `report`, or `record` in the generated parsers (see _validation_error).


def missing_member(
    errors: Errors | list[Problem], path: str, model: type, wire_name: str, add: Report = report
) -> None:
    add(errors, f"{path}.{wire_name}", "required", missing_message, model, wire_name)


def unknown_member(errors: Errors, path: str, plan: ModelPlan, key: object) -> None:
    report(errors, child_path(path, key), "unknown", unknown_message, member_facts(plan), key)


def structure(model: type[Any], data: object, path: str, errors: Errors, mode: Mode) -> object:
    """Parse a wire dict into `model`, appending every problem to `errors`."""
    plan = model_plan(model)
    if not issubclass(type(data), dict):
        return _type_error(errors, path, f"an object ({model.__name__})", data)
    if type(data) is not dict:
        data = plain_object(data)
    before = len(errors)
    values: dict[str, object] = {}
    checks = _CHECKS
    for attr_name, wire_name, shape, required in plan.rows:
        raw = data.get(wire_name)
        if raw is None:
            if required:
                missing_member(errors, path, model, wire_name)
            continue
        values[attr_name] = checks[type(shape)](shape, raw, f"{path}.{wire_name}", errors, mode)
    if mode is STRICT and len(data) != len(values):
        for key in data:
            if key not in plan.by_wire_name:
                unknown_member(errors, path, plan, key)
    if len(errors) != before:
        return INVALID
    return build(plan, values)
