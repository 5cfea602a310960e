"""The validation walk: reads each member's metadata and collects every problem.

One walk serves three modes: checking a directly constructed instance (`PYTHON`),
parsing a request-side payload (`STRICT`: unknown members and enum values rejected) and
parsing a response-side payload (`LENIENT`: both kept or ignored, as the service adds
them over time).

This is the reference: it checks directly constructed instances, and `from_wire` runs the
functions generated from the same metadata (`_fast` for valid payloads, `_collect` for
faulty ones), which call into it for messages and for values they leave to it (a `dict`
or `str` subclass, a tuple for an array). The tests check those functions against it.
"""

from __future__ import annotations

import enum
import json
import math
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._errors import ErrorCode, ErrorDetail, describe_value, json_type_name
from ._spec import (
    MEMBER_KEY,
    BooleanShape,
    EnumShape,
    IntegerShape,
    JsonDocument,
    ListShape,
    Member,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
    WireEnum,
)

if TYPE_CHECKING:
    from ._model import Model

__all__ = [
    "EPOCH",
    "INVALID",
    "LENIENT",
    "PYTHON",
    "STRICT",
    "Mode",
    "ModelPlan",
    "check_instance",
    "check_value",
    "checker",
    "child_path",
    "close_matches",
    "epoch_seconds",
    "missing_member",
    "model_plan",
    "null_item",
    "structure",
    "unknown_member",
    "unstructure",
]

EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)


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


@attrs.frozen(repr=False, eq=False)  # internal: neither is needed
class FieldPlan:
    attr_name: str
    member: Member

    @property
    def wire_name(self) -> str:
        return self.member.wire_name


@attrs.frozen(repr=False, eq=False)  # internal: neither is needed
class ModelPlan:
    """A model's members in declaration order, indexed by wire name."""

    model: type[Model]
    fields: tuple[FieldPlan, ...]
    by_wire_name: Mapping[str, FieldPlan]
    # Exceptions need their real __init__ (BaseException keeps `args`).
    build_with_init: bool
    # The tuple of an instance's member values, for equality and hashing.
    values: Callable[[Any], tuple[Any, ...]]
    # (attribute, wire name, shape, required) per member: what the walk reads, flat.
    rows: tuple[tuple[str, str, Shape, bool], ...]


_PLANS: dict[type, ModelPlan] = {}


def model_plan(model: type[Model]) -> ModelPlan:
    plan = _PLANS.get(model)
    if plan is None:
        fields = tuple(
            FieldPlan(attr_name=a.name, member=a.metadata[MEMBER_KEY])
            for a in attrs.fields(model)  # type: ignore[arg-type]  # every Model is attrs
            if MEMBER_KEY in a.metadata
        )
        names = [f.attr_name for f in fields]
        plan = ModelPlan(
            model=model,
            fields=fields,
            by_wire_name={f.wire_name: f for f in fields},
            build_with_init=issubclass(model, BaseException),
            values=_values_getter(names),
            rows=tuple(
                (f.attr_name, f.member.wire_name, f.member.shape, f.member.required) for f in fields
            ),
        )
        _PLANS[model] = plan
    return plan


def _values_getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    if not names:
        return lambda instance: ()
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda instance: (one(instance),)
    return operator.attrgetter(*names)


def child_path(path: str, key: object) -> str:
    """`$.Name` for a plain member name, `$["odd key"]` for anything else."""
    if isinstance(key, str) and key.isidentifier() and key.isascii():
        return f"{path}.{key}"
    if isinstance(key, str):
        return f"{path}[{json.dumps(key)}]"
    return f"{path}[{describe_value(key)}]"


# Bad bulk input yields errors by the thousand, and the attrs __init__ of the frozen
# ErrorDetail sets each slot through object.__setattr__, which cost more than writing the
# message. The slots' own descriptors set the same slots (ErrorDetail has no validators);
# a test checks the result is indistinguishable from ErrorDetail(...).
_NEW_DETAIL = object.__new__
_SET_PATH = ErrorDetail.__dict__["path"].__set__
_SET_CODE = ErrorDetail.__dict__["code"].__set__
_SET_MESSAGE = ErrorDetail.__dict__["message"].__set__


def _add(errors: Errors, path: str, code: ErrorCode, message: str) -> _Invalid:
    detail = _NEW_DETAIL(ErrorDetail)
    _SET_PATH(detail, path)
    _SET_CODE(detail, code)
    _SET_MESSAGE(detail, message)
    errors.append(detail)
    return INVALID


def _type_error(errors: Errors, path: str, expected: str, value: object) -> _Invalid:
    return _add(
        errors,
        path,
        "type",
        f"expected {expected}, got {json_type_name(value)} {describe_value(value)}",
    )


# -- strings -----------------------------------------------------------------------------


def _check_string(
    shape: StringShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if not isinstance(value, str):
        return _type_error(errors, path, "a string", value)
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
        _add(
            errors,
            path,
            "length",
            f"length must be {length.describe()}, got {size}: {describe_value(value)}",
        )
    pattern = shape.pattern
    if pattern is not None and pattern.regex.fullmatch(value) is None:
        _add(
            errors,
            path,
            "pattern",
            f"must be {pattern.description} ({pattern.name} pattern {pattern.source}, "
            f"matched against the whole string), got {describe_value(value)}",
        )
    if shape.json is not None:
        problem = json_document_problem(shape.json, value)
        if problem is not None:
            _add(errors, path, "json", problem)
    if len(errors) != before:
        return INVALID
    # A str subclass is kept as the plain string it holds, so to_wire writes plain JSON.
    return value if type(value) is str else str.__str__(value)


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


def _enum_facts(enum_cls: type[WireEnum]) -> _EnumFacts:
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


def close_matches(word: str, candidates: Sequence[str], n: int = 1) -> list[str]:
    """The closest candidates to a misspelt word (for "did you mean" hints)."""
    import difflib  # only errors need it, and it is slow to import

    return list(difflib.get_close_matches(word, candidates, n=n, cutoff=0.6))


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
    facts = _enum_facts(shape.enum)
    if not isinstance(value, str):
        return _type_error(errors, path, f"a {facts.name} string", value)
    found = facts.by_value.get(value)
    if found is not None:
        return found
    if mode is LENIENT:
        # The service adds values over time: keep what it said rather than fail a response.
        return str.__str__(value)
    message = f"must be one of {facts.listing} ({facts.name}), got {describe_value(value)}"
    suggestion = _suggest(facts, value)
    if suggestion is not None:
        message += f"; did you mean {suggestion!r}?"
    return _add(errors, path, "enum", message)


# -- numbers, booleans, timestamps ---------------------------------------------------------


def _check_integer(
    shape: IntegerShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if type(value) is not int:  # bool and float are not integers here
        return _type_error(errors, path, "an integer", value)
    bounds = shape.range
    if bounds is not None and (
        (bounds.minimum is not None and value < bounds.minimum)
        or (bounds.maximum is not None and value > bounds.maximum)
    ):
        return _add(
            errors, path, "range", f"must be in {bounds.describe()}, got {describe_value(value)}"
        )
    return value


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


# Our own reading of ISO 8601 (date, optional time with any fraction, optional Z or offset),
# so that every supported Python accepts the same strings (3.10's fromisoformat is narrower).
_ISO8601 = (
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))?"
)


def parse_iso8601(text: str) -> datetime | None:
    """The datetime an ISO-8601 string names (naive when it has no offset), or None."""
    match = re.fullmatch(_ISO8601, text)  # compiled on first use, then cached by re
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    try:
        offset = None
        if zulu:
            offset = timezone.utc
        elif sign:
            delta = timedelta(hours=int(off_h), minutes=int(off_m))
            offset = timezone(-delta if sign == "-" else delta)
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=offset,
        )
    except ValueError:  # e.g. month 13, or an offset of a day or more
        return None


def epoch_seconds(value: datetime) -> int | float:
    """Exact epoch seconds: an int when whole, else the float nearest the microsecond value."""
    delta = value - EPOCH
    seconds = delta.days * 86_400 + delta.seconds
    if delta.microseconds == 0:
        return seconds
    return (seconds * 1_000_000 + delta.microseconds) / 1_000_000


# -- structures and lists ------------------------------------------------------------------


def _check_structure(
    shape: StructureShape, value: object, path: str, errors: Errors, mode: Mode
) -> object:
    if mode is PYTHON:
        if isinstance(value, shape.model):
            return value
        hint = " (parse wire dicts with from_wire)" if isinstance(value, dict) else ""
        return _type_error(errors, path, f"a {shape.model.__name__} instance{hint}", value)
    return structure(shape.model, value, path, errors, mode)


def _check_list(shape: ListShape, value: object, path: str, errors: Errors, mode: Mode) -> object:
    if not isinstance(value, (list, tuple)):
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
    _add(errors, f"{path}.{wire_name}", "required", f"{model.__name__} requires {wire_name}")


def unknown_member(errors: Errors, path: str, plan: ModelPlan, key: object) -> None:
    _add(errors, child_path(path, key), "unknown", _unknown_message(plan, key))


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
        if close:
            message += f"; did you mean {close[0]!r}?"
    message += f" (members: {', '.join(known) or 'none'})"
    if isinstance(key, str) and len(key) <= 100 and len(_UNKNOWN_MESSAGES) < 1024:
        _UNKNOWN_MESSAGES[(plan.model, key)] = message
    return message


def structure(model: type[Model], data: object, path: str, errors: Errors, mode: Mode) -> object:
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


def build(plan: ModelPlan, values: Mapping[str, object]) -> Model:
    """Make an instance from already-checked values without checking them again."""
    if plan.build_with_init:
        return plan.model(**values)
    instance = plan.model.__new__(plan.model)
    for field in plan.fields:
        object.__setattr__(instance, field.attr_name, values.get(field.attr_name))
    return instance


def check_instance(instance: Model) -> list[ErrorDetail]:
    """Check a directly constructed instance in place, normalising what is equal but looser.

    Normalised: a wire string becomes its enum member, a list becomes a tuple, and a
    datetime becomes aware UTC.
    """
    plan = model_plan(type(instance))
    errors: Errors = []
    for field in plan.fields:
        value = getattr(instance, field.attr_name)
        if value is None:
            if field.member.required:
                missing_member(errors, "$", plan.model, field.wire_name)
            continue
        checked = check_value(field.member.shape, value, f"$.{field.wire_name}", errors, PYTHON)
        if checked is not value and checked is not INVALID:
            object.__setattr__(instance, field.attr_name, checked)
    return errors


# -- back to the wire -----------------------------------------------------------------------


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


def unstructure(instance: Model) -> dict[str, Any]:
    """The wire dict of a model: PascalCase keys, JSON types only, absent members left out.

    The plain reference walk: `to_wire` runs the generated `_fast.fast_unstructure`, and the
    tests check the two agree on every model.
    """
    out: dict[str, Any] = {}
    for field in model_plan(type(instance)).fields:
        value = getattr(instance, field.attr_name)
        if value is not None:
            out[field.wire_name] = _dump_value(field.member.shape, value)
    return out
