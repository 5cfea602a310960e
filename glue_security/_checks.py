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
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Final

import attrs

from ._did_you_mean import close_matches, did_you_mean
from ._patterns import Pattern
from ._plan import ModelPlan, build, model_plan
from ._spec import (
    NONCONFORMING,
    BooleanShape,
    EnumShape,
    IntegerShape,
    IntRange,
    JsonDocument,
    ListShape,
    NonconformingInt,
    NonconformingStr,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
    Utf8Length,
    WireEnum,
)
from ._timestamps import EPOCH, parse_iso8601
from ._validation_error import (
    ErrorCode,
    ErrorDetail,
    describe_value,
    detail,
    json_type_name,
    prefix_message,
    report,
    with_article,
)

__all__ = [
    "INVALID",
    "LENIENT",
    "STRICT",
    "Mode",
    "check_instance",
    "checker",
    "child_path",
    "enum_facts",
    "enum_message",
    "json_document_problem",
    "length_message",
    "missing_member",
    "nonconforming_problems",
    "null_item",
    "pattern_message",
    "structure",
    "type_message",
    "unknown_member",
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


def child_path(path: str, key: object) -> str:
    """`$.Name` for a plain member name, `$["odd key"]` for anything else."""
    if isinstance(key, str) and key.isidentifier() and key.isascii():
        return f"{path}.{key}"
    if isinstance(key, str):
        return f"{path}[{json.dumps(key)}]"
    return f"{path}[{describe_value(key)}]"


def _add(errors: Errors, path: str, code: ErrorCode, message: str) -> _Invalid:
    errors.append(detail(path, code, message))
    return INVALID


def type_message(expected: str, value: object) -> str:
    return f"expected {expected}, got {_what(value)}"


def _type_error(errors: Errors, path: str, expected: str, value: object) -> _Invalid:
    report(errors, path, "type", type_message, (expected, value))
    return INVALID


def _what(value: object) -> str:
    """A value as the end of "got ...": its JSON type and a short rendering, said once."""
    if value is None:
        return "null"
    if isinstance(value, (dict, list, tuple)):
        return with_article(describe_value(value))  # "an object of 1 item"
    name = json_type_name(value)
    if name in _JSON_NAMES:
        return f"{name} {describe_value(value)}"
    if hasattr(type(value), "__attrs_attrs__"):  # a model: its class says it
        return f"{with_article(name)} instance"
    return f"{with_article(name)}: {describe_value(value)}"


_JSON_NAMES = frozenset({"string", "integer", "number", "boolean"})


# -- strings -----------------------------------------------------------------------------


def _check_string(
    shape: StringShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if not isinstance(value, str):
        return _type_error(errors, path, "a string", value)
    if mode is PYTHON and type(value) is NonconformingStr:
        return value  # the service sent it; a request reports it (nonconforming_problems)
    if value.isascii():
        size = len(value)
    else:
        try:
            size = len(value.encode("utf-8"))
        except UnicodeEncodeError as exc:
            return _add(
                errors,
                path,
                "type",
                f"expected a Unicode string, got one with a lone surrogate "
                f"U+{ord(value[exc.start]):04X} at index {exc.start}, which UTF-8 cannot "
                f"encode: {describe_value(value)}",
            )
    before = len(errors)
    length = shape.length
    if length is not None and (
        (length.min_length is not None and size < length.min_length)
        or (length.max_length is not None and size > length.max_length)
    ):
        report(errors, path, "length", length_message, (length, size, value))
    pattern = shape.pattern
    if pattern is not None and pattern.regex.fullmatch(value) is None:
        report(errors, path, "pattern", pattern_message, (pattern, value))
    if shape.json is not None:
        problem = json_document_problem(shape.json, value)
        if problem is not None:
            _add(errors, path, "json", problem)
    if len(errors) != before:
        if mode is LENIENT:  # not enforced on what the service sends: kept, and marked
            del errors[before:]
            return NonconformingStr(value)
        return INVALID
    # A str subclass is kept as the plain string it holds, so to_wire writes plain JSON.
    return value if type(value) is str else str.__str__(value)


def length_message(length: Utf8Length, size: int, value: str) -> str:
    return f"length must be {length.describe()}, got {size}: {describe_value(value)}"


def pattern_message(pattern: Pattern, value: str) -> str:
    return (
        f"must be {pattern.description} ({pattern.name} pattern {pattern.source}, "
        f"matched against the whole string), got {describe_value(value)}"
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


@attrs.frozen(repr=False, eq=False)  # internal: neither is needed
class _EnumFacts:
    """What the walk needs of an enum, read once: Enum class attributes are slow to reach."""

    name: str
    by_value: Mapping[str, WireEnum]
    by_name: Mapping[str, WireEnum]
    values: tuple[str, ...]
    listing: str


_ENUM_FACTS: dict[type[WireEnum], _EnumFacts] = {}


def enum_facts(enum_cls: type[WireEnum]) -> _EnumFacts:
    facts = _ENUM_FACTS.get(enum_cls)
    if facts is None:
        values = enum_cls.wire_values()
        facts = _ENUM_FACTS[enum_cls] = _EnumFacts(
            name=enum_cls.__name__,
            by_value=dict(enum_cls._value2member_map_),
            by_name=dict(enum_cls.__members__),
            values=values,
            listing=", ".join(repr(v) for v in values),
        )
    return facts


def _suggest(facts: _EnumFacts, value: str) -> str | None:
    by_name = facts.by_name.get(value)
    if by_name is not None:
        return str(by_name.value)
    folded = value.casefold()
    for wire in facts.values:
        if wire.casefold() == folded:
            return wire
    close = close_matches(value.upper(), facts.values)
    return close[0] if close else None


def _check_enum(shape: EnumShape, value: object, path: str, errors: Errors, mode: Mode) -> object:
    facts = enum_facts(shape.enum)
    if not isinstance(value, str):
        return _type_error(errors, path, f"{with_article(facts.name)} string", value)
    found = facts.by_value.get(value)
    if found is not None:
        return found
    if mode is PYTHON and isinstance(value, shape.enum):
        return value  # a value the service sent (a pseudo-member); a request reports it
    if mode is LENIENT:
        # The service adds values over time: keep what it said rather than fail a response,
        # as a pseudo-member, so that the attribute keeps its enum type.
        return shape.enum._from_service(value)
    report(errors, path, "enum", enum_message, (facts, value))
    return INVALID


def enum_message(facts: _EnumFacts, value: str) -> str:
    suggestion = _suggest(facts, value)
    return (
        f"must be one of {facts.listing} ({facts.name}), got {describe_value(value)}"
        + did_you_mean([] if suggestion is None else [suggestion])
    )


# -- numbers, booleans, timestamps ---------------------------------------------------------


def _check_integer(
    shape: IntegerShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if mode is PYTHON and type(value) is NonconformingInt:
        return value  # the service sent it; a request reports it (nonconforming_problems)
    if type(value) is not int:  # bool and float are not integers here
        return _type_error(errors, path, "an integer", value)
    bounds = shape.range
    if bounds is not None and (
        (bounds.minimum is not None and value < bounds.minimum)
        or (bounds.maximum is not None and value > bounds.maximum)
    ):
        if mode is LENIENT:  # not enforced on what the service sends: kept, and marked
            return NonconformingInt(value)
        report(errors, path, "range", _range_message, (bounds, value))
        return INVALID
    return value


def _range_message(bounds: IntRange, value: int) -> str:
    return f"must be in {bounds.describe()}, got {describe_value(value)}"


def _check_boolean(
    shape: BooleanShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if type(value) is not bool:
        return _type_error(errors, path, "a boolean", value)
    return value


_TIMESTAMP_FORMS = "epoch seconds (a number), a datetime or an ISO-8601 string"


def _to_utc(value: datetime, path: str, errors: Errors) -> object:
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    if value.tzinfo is timezone.utc:
        return value
    try:
        return value.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return _add(errors, path, "range", f"is out of range in UTC: {describe_value(value)}")


def _check_timestamp(
    shape: TimestampShape | None, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if isinstance(value, datetime):
        return _to_utc(value, path, errors)
    if mode is PYTHON:
        return _type_error(errors, path, "a datetime", value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            return _add(errors, path, "range", f"must be a finite number, got {value}")
        try:
            return EPOCH + timedelta(seconds=value)
        except (OverflowError, ValueError):
            return _add(
                errors,
                path,
                "range",
                f"must be epoch seconds within years 1..9999, got {describe_value(value)}",
            )
    if isinstance(value, str):
        parsed = parse_iso8601(value)
        if parsed is None:
            return _add(
                errors,
                path,
                "type",
                f"expected {_TIMESTAMP_FORMS}, got a string that is not ISO-8601: "
                f"{describe_value(value)}",
            )
        return _to_utc(parsed, path, errors)
    return _type_error(errors, path, _TIMESTAMP_FORMS, value)


# -- structures and lists ------------------------------------------------------------------


def _check_structure(
    shape: StructureShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if mode is PYTHON:
        if isinstance(value, shape.model):
            return value
        hint = " (parse wire dicts with from_wire)" if isinstance(value, dict) else ""
        expected = f"{with_article(shape.model.__name__)} instance{hint}"
        return _type_error(errors, path, expected, value)
    return structure(shape.model, value, path, errors, mode)


def _check_list(shape: ListShape, value: object, path: str, errors: Errors, mode: Mode) -> object:
    if mode is PYTHON:
        # Any sequence but text, stored as a tuple.
        if not isinstance(value, Sequence) or isinstance(value, (str, bytes, bytearray)):
            return _type_error(errors, path, "a sequence (a list or tuple)", value)
    elif not isinstance(value, (list, tuple)):
        return _type_error(errors, path, "an array", value)
    before = len(errors)
    items = tuple(
        check_value(shape.item, item, f"{path}[{index}]", errors, mode)
        if item is not None
        else null_item(errors, f"{path}[{index}]")
        for index, item in enumerate(value)
    )
    return INVALID if len(errors) != before else items


def null_item(errors: Errors, path: str) -> _Invalid:
    return _type_error(errors, path, "an item, not null", None)


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


def missing_member(errors: Errors, path: str, model: type, wire_name: str) -> None:
    report(errors, f"{path}.{wire_name}", "required", _missing_message, (model, wire_name))


def _missing_message(model: type, wire_name: str) -> str:
    return f"{model.__name__} requires {wire_name}"


def unknown_member(errors: Errors, path: str, plan: ModelPlan, key: object) -> None:
    report(errors, child_path(path, key), "unknown", _unknown_message, (plan, key))


# The same misspelling tends to come again; difflib's suggestion is the costly part.
_UNKNOWN_MESSAGES: dict[tuple[type, str], str] = {}


def _unknown_message(plan: ModelPlan, key: object) -> str:
    cached = _UNKNOWN_MESSAGES.get((plan.model, key)) if isinstance(key, str) else None
    if cached is not None:
        return cached
    known = list(plan.by_wire_name)
    message = f"{plan.model.__name__} has no member {describe_value(key)}"
    if isinstance(key, str):
        close = close_matches(key, known)
        if not close:
            close = [k for k in known if k.casefold() == key.casefold()]
        message += did_you_mean(close[:1])
    message += f" (members: {', '.join(known) or 'none'})"
    if isinstance(key, str) and len(key) <= 100 and len(_UNKNOWN_MESSAGES) < 1024:
        _UNKNOWN_MESSAGES[(plan.model, key)] = message
    return message


def structure(model: type[Any], data: object, path: str, errors: Errors, mode: Mode) -> object:
    """Parse a wire dict into `model`, appending every problem to `errors`."""
    plan = model_plan(model)
    if not isinstance(data, dict):
        return _type_error(errors, path, f"an object ({model.__name__})", data)
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


def check_instance(instance: Any) -> list[ErrorDetail]:
    """Check a directly constructed instance in place, normalising what is equal but looser.

    Normalised: a wire string becomes its enum member, a sequence becomes a tuple, and a
    datetime becomes aware UTC. Each message names the Python attribute and its wire name.
    A request must not hold what only the service may send, nested instances included.
    """
    plan = model_plan(type(instance))
    errors: Errors = []
    for field in plan.fields:
        value = getattr(instance, field.attr_name)
        named = f"{field.attr_name} ({field.wire_name})"
        if value is None:
            if field.member.required:
                _add(errors, f"$.{field.wire_name}", "required", f"{named} is required")
            continue
        before = len(errors)
        path = f"$.{field.wire_name}"
        checked = check_value(field.member.shape, value, path, errors, PYTHON)
        for problem in errors[before:]:
            prefix_message(problem, f"{named}: ")
        if checked is INVALID:
            continue
        if checked is not value:
            object.__setattr__(instance, field.attr_name, checked)
        if plan.is_request:
            _nonconforming(field.member.shape, checked, path, field.attr_name, errors)
    return errors


def nonconforming_problems(instance: Any) -> list[ErrorDetail]:
    """What `instance` holds that only the service may send, with the constraint each value
    breaks: a request holding any of it cannot be sent."""
    errors: Errors = []
    for attr_name, wire_name, shape, _ in model_plan(type(instance)).rows:
        value = getattr(instance, attr_name)
        if value is not None:
            _nonconforming(shape, value, f"$.{wire_name}", attr_name, errors)
    return errors


def _nonconforming(shape: Shape, value: Any, path: str, attr_path: str, errors: Errors) -> None:
    if isinstance(shape, StructureShape):
        for attr_name, wire_name, inner, _ in model_plan(shape.model).rows:
            member = getattr(value, attr_name)
            if member is not None:
                inner_path = f"{path}.{wire_name}"
                _nonconforming(inner, member, inner_path, f"{attr_path}.{attr_name}", errors)
    elif isinstance(shape, ListShape):
        for index, item in enumerate(value):
            inner_path = f"{path}[{index}]"
            _nonconforming(shape.item, item, inner_path, f"{attr_path}[{index}]", errors)
    elif type(value) in NONCONFORMING or (isinstance(value, WireEnum) and value.unknown):
        plain: object = int(value) if isinstance(value, int) else str.__str__(value)
        before = len(errors)
        check_value(shape, plain, path, errors, STRICT)  # the message of the broken constraint
        wire_name = path.rsplit(".", 1)[-1]
        for problem in errors[before:]:
            prefix_message(
                problem,
                f"{attr_path} ({wire_name}): a request cannot send a value only a response "
                "may hold: ",
            )
