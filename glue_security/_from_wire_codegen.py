"""The fast path: one straight-line function per model, generated from the member metadata.

`fast_structure(model, mode)` returns a function that parses a valid wire dict into an
instance, or returns `DECLINED` at the first thing it does not like (or lets one of
`DECLINING_ERRORS` escape, where a builtin it calls refuses the value). It never reports
errors: `from_wire` then hands the payload to the error path in `_collect`, which
collects every problem with its path. Valid input never pays for that bookkeeping.

The generated code reads the same metadata as everything else; the property tests check
that both paths accept exactly the same payloads and build equal objects.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, cast

from ._checks import LENIENT, STRICT, Mode, checker, json_document_problem
from ._codegen import Writer, compile_function
from ._patterns import Pattern
from ._plan import FieldPlan, model_plan
from ._spec import (
    BooleanShape,
    EnumShape,
    IntegerShape,
    ListShape,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
)
from ._validation_error import ErrorDetail

__all__ = [
    "DECLINED",
    "DECLINING_ERRORS",
    "emit_build",
    "emit_members",
    "fast_structure",
    "parser_names",
    "scalar_test",
]


class _Declined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "DECLINED"


# What a generated function returns where it declines. Returning costs less than raising,
# and every invalid payload pays it before its errors are collected.
DECLINED: Any = _Declined()

# What a builtin called by a generated function may raise on bad input; each means the
# same as DECLINED: "ask the error path".
DECLINING_ERRORS = (TypeError, ValueError, OverflowError, OSError, AttributeError)

Structure = Callable[[Any], Any]

_STRUCTURES: dict[tuple[type, Mode], Structure] = {}


_ANY_TIMESTAMP = TimestampShape("Timestamp")
_CHECK_TIMESTAMP = checker(_ANY_TIMESTAMP)


def _timestamp_other(value: object) -> object:
    """A timestamp that is not an epoch number: its model value, or DECLINED."""
    errors: list[ErrorDetail] = []
    result = _CHECK_TIMESTAMP(_ANY_TIMESTAMP, value, "$", errors, STRICT)
    return DECLINED if errors else result


def parser_names() -> dict[str, Any]:
    """The globals every generated parser reads."""
    return {
        "DECLINED": DECLINED,
        "UTC": timezone.utc,
        # C speed; the same microsecond as EPOCH + timedelta(seconds=...), and where it
        # cannot go (OverflowError, OSError) the error path decides.
        "FROM_TIMESTAMP": datetime.fromtimestamp,
        "TS_OTHER": _timestamp_other,
        "UTF8_LENGTH": utf8_length,
        "OBJECT_NEW": object.__new__,
    }


def utf8_length(text: str) -> int:
    """UTF-8 size of `text`, or -1 when it holds a lone surrogate (which cannot be sent)."""
    try:
        return len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return -1


def scalar_test(w: Writer, shape: StringShape | IntegerShape | BooleanShape, v: str) -> str:
    """A Python expression that is true only when `v` (not None) is a valid value of
    `shape`, exactly as a model stores it. Both generated paths use it: the fast path
    declines when it is false, the error path then asks the reference check why."""
    if isinstance(shape, BooleanShape):
        return f"type({v}) is bool"
    if isinstance(shape, IntegerShape):
        test = f"type({v}) is int"  # bool and float are not integers here
        bounds = shape.range
        if bounds is not None and bounds.minimum is not None:
            test += f" and {v} >= {bounds.minimum}"
        if bounds is not None and bounds.maximum is not None:
            test += f" and {v} <= {bounds.maximum}"
        return test
    tests = [f"type({v}) is str"]
    length = shape.length
    if length is not None:
        size = f"(len({v}) if {v}.isascii() else UTF8_LENGTH({v}))"
        # The lower bound is at least 0, so a lone surrogate's -1 always fails.
        bounded = f"{length.min_length or 0} <= {size}"
        if length.max_length is not None:
            bounded += f" <= {length.max_length}"
        tests.append(bounded)
    else:
        tests.append(f"({v}.isascii() or UTF8_LENGTH({v}) >= 0)")
    if shape.pattern is not None:
        if admits_printable_ascii(shape.pattern):
            # Printable ASCII text is in the class already: C-speed proof, regex otherwise.
            match = w.constant("fullmatch", shape.pattern.regex.fullmatch)
            tests.append(f"({v}.isascii() and {v}.isprintable() or {match}({v}) is not None)")
        else:
            # The same ARN comes back again and again (one key in three places, one key
            # across a run of configurations); comparing with the last match costs a
            # fraction of the regex. Only plain str gets here, whose equality is exact.
            last = last_matched(shape.pattern)
            seen, remember = w.constant("last", last), w.constant("remember", last.append)
            match = w.constant("fullmatch", shape.pattern.regex.fullmatch)
            tests.append(f"({v} in {seen} or {match}({v}) is not None and not {remember}({v}))")
    if shape.json is not None:
        spec = w.constant("json_spec", shape.json)
        problem = w.constant("json_problem", json_document_problem)
        tests.append(f"{problem}({spec}, {v}) is None")
    return " and ".join(tests)


_LAST_MATCHED: dict[str, deque[str]] = {}


def last_matched(pattern: Pattern) -> deque[str]:
    """The last plain `str` that the generated code found to match `pattern` (none at
    first), shared by every member and parser that uses the pattern. It holds one string
    per pattern, so it needs no bounds: appending replaces it."""
    found = _LAST_MATCHED.get(pattern.source)
    if found is None:
        found = _LAST_MATCHED[pattern.source] = deque(maxlen=1)
    return found


def admits_printable_ascii(pattern: Pattern) -> bool:
    """Whether `pattern` is `[class]*` with every printable ASCII character in its class."""
    ranges = pattern.repeated_class()
    return ranges is not None and any(low <= 0x20 and high >= 0x7E for low, high in ranges)


def _check(w: Writer, shape: Shape, v: str, indent: int, mode: Mode) -> None:
    """Lines that check `v` (present, not None) and rebind it to its model form."""
    if isinstance(shape, (StringShape, IntegerShape, BooleanShape)):
        w.line(indent, f"if not ({scalar_test(w, shape, v)}): return DECLINED")
    elif isinstance(shape, EnumShape):
        members = w.constant("members", dict(shape.enum._value2member_map_))
        w.line(indent, f"if type({v}) is not str: return DECLINED")
        if mode is LENIENT:
            w.line(indent, f"{v} = {members}.get({v}, {v})")
        else:
            w.line(indent, f"{v} = {members}.get({v})")
            w.line(indent, f"if {v} is None: return DECLINED")
    elif isinstance(shape, TimestampShape):
        kind = w.fresh("kind")
        w.line(indent, f"{kind} = type({v})")
        w.line(indent, f"if {kind} is int or {kind} is float: {v} = FROM_TIMESTAMP({v}, UTC)")
        w.line(indent, "else:")
        w.line(indent + 1, f"{v} = TS_OTHER({v})")
        w.line(indent + 1, f"if {v} is DECLINED: return DECLINED")
    elif isinstance(shape, StructureShape):
        _emit_model(w, shape.model, v, v, indent, mode)
    elif isinstance(shape, ListShape):
        items, item = w.fresh("items"), w.fresh("item")
        w.line(indent, f"if type({v}) is not list: return DECLINED")
        w.line(indent, f"{items} = []")
        w.line(indent, f"for {item} in {v}:")
        w.line(indent + 1, f"if {item} is None: return DECLINED")
        _check(w, shape.item, item, indent + 1, mode)
        w.line(indent + 1, f"{items}.append({item})")
        w.line(indent, f"{v} = tuple({items})")
    else:  # pragma: no cover
        raise AssertionError(f"unhandled shape {shape!r}")


def _emit_model(w: Writer, model: type, data: str, result: str, indent: int, mode: Mode) -> None:
    """Lines that parse dict `data` into a `model` instance bound to `result`, nested
    models inlined (a call per nested model would cost more than its checks)."""
    w.line(indent, f"if type({data}) is not dict: return DECLINED")
    values = emit_members(
        w,
        model,
        data,
        indent,
        mode,
        check=lambda field, v, inner: _check(w, field.member.shape, v, inner, mode),
        missing=lambda field: "return DECLINED",
        unknown="return DECLINED",
    )
    emit_build(w, model, values, result, indent)


def emit_members(
    w: Writer,
    model: type,
    data: str,
    indent: int,
    mode: Mode,
    *,
    check: Callable[[FieldPlan, str, int], None],
    missing: Callable[[FieldPlan], str],
    unknown: str,
) -> list[tuple[str, str]]:
    """Lines that read each member of the plain dict `data` in declaration order (the
    order errors are reported in), with `check(field, variable, indent)` emitting the
    lines for a present one and `missing(field)` the statement for an absent required
    one; in STRICT mode, then `unknown` for each unknown member (bound to `key`). Both
    generated paths use it. Returns the (attribute, variable) pairs to build from."""
    plan = model_plan(model)
    strict = mode is STRICT
    seen = w.fresh("seen")
    if strict:
        w.line(indent, f"{seen} = 0")
    values = []
    for field in plan.fields:
        v = w.fresh("v")
        values.append((field.attr_name, v))
        w.line(indent, f"{v} = {data}.get({field.wire_name!r})")
        w.line(indent, f"if {v} is not None:")
        if strict:
            w.line(indent + 1, f"{seen} += 1")
        check(field, v, indent + 1)
        if field.member.required:
            w.line(indent, f"else: {missing(field)}")
    if strict:
        known = w.constant("known", frozenset(plan.by_wire_name))
        # A difference is an unknown member, or a member sent as null (which is allowed).
        w.line(indent, f"if len({data}) != {seen}:")
        w.line(indent + 1, f"for key in {data}:")
        w.line(indent + 2, f"if key not in {known}: {unknown}")
    return values


def emit_build(
    w: Writer, model: type, values: list[tuple[str, str]], result: str, indent: int
) -> None:
    """Lines that bind `result` to a `model` instance of checked (attribute, variable)
    values, without running the validators again."""
    cls = w.constant("cls", model)
    if model_plan(model).build_with_init:
        arguments = ", ".join(f"{attr}={v}" for attr, v in values)
        w.line(indent, f"{result} = {cls}({arguments})")
        return
    if cast(object, model.__new__) is object.__new__:  # bound once: a lookup per instance costs
        w.line(indent, f"{result} = OBJECT_NEW({cls})")
    else:  # pragma: no cover  (no model defines __new__ today)
        w.line(indent, f"{result} = {cls}.__new__({cls})")
    for attr, v in values:
        # The slot's own descriptor: cheaper than object.__setattr__, and no validators run.
        setter = w.constant("set", slot_setter(model, attr))
        w.line(indent, f"{setter}({result}, {v})")


def slot_setter(model: type, attr: str) -> Callable[[Any, Any], None]:
    descriptor = model.__dict__.get(attr)
    if descriptor is not None and hasattr(descriptor, "__set__"):
        return descriptor.__set__  # type: ignore[no-any-return]
    return lambda instance, value: object.__setattr__(instance, attr, value)


def fast_structure(model: type, mode: Mode) -> Structure:
    """The generated parser of `model`'s wire dicts in `mode` (STRICT or LENIENT)."""
    key = (model, mode)
    found = _STRUCTURES.get(key)
    if found is not None:
        return found
    w = Writer(parser_names())
    w.line(0, "def structure(data):")
    _emit_model(w, model, "data", "result", 1, mode)
    w.line(1, "return result")
    name = f"structure_{model.__name__}_{mode.value}"
    function: Structure = compile_function(w, name, "structure")
    _STRUCTURES[key] = function
    return function


