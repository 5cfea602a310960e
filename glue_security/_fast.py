"""The fast path: one straight-line function per model, generated from the member metadata.

`fast_structure(model, mode)` returns a function that parses a valid wire dict into an
instance, or raises `Decline` at the first thing it does not like. It never reports
errors: `from_wire` then hands the payload to the thorough walk in `_validate`, which
collects every problem with its path. Valid input never pays for that bookkeeping.

`fast_unstructure(model)` is the matching generated `to_wire`.

The generated code reads the same metadata as everything else; the property tests check
that both paths accept exactly the same payloads and build equal objects.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from ._errors import ErrorDetail
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
from ._validate import (
    EPOCH,
    Mode,
    _check_timestamp,
    epoch_seconds,
    json_document_problem,
    model_plan,
)

__all__ = ["DECLINED", "Decline", "fast_structure", "fast_unstructure"]


class Decline(Exception):
    """The fast path will not take this payload; the thorough path decides."""


_DECLINE = Decline()
# What a generated function may raise on bad input; each means "ask the thorough path".
DECLINED = (Decline, TypeError, ValueError, OverflowError, AttributeError)

Structure = Callable[[Any], Any]
Unstructure = Callable[[Any], dict[str, Any]]

_STRUCTURES: dict[tuple[type, Mode], Structure] = {}
_UNSTRUCTURES: dict[type, Unstructure] = {}


def _timestamp_from_number(value: int | float) -> datetime:
    if value != value or value in (math.inf, -math.inf):
        raise _DECLINE
    return EPOCH + timedelta(seconds=value)


def _timestamp_other(value: object) -> object:
    errors: list[ErrorDetail] = []
    result = _check_timestamp(value, "$", errors, Mode.STRICT)
    if errors:
        raise _DECLINE
    return result


class _Writer:
    """Collects generated source lines and the constants they refer to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {
            "DECLINE": _DECLINE,
            "str": str,
            "int": int,
            "float": float,
            "bool": bool,
            "dict": dict,
            "list": list,
            "tuple": tuple,
            "type": type,
            "len": len,
            "TS_NUMBER": _timestamp_from_number,
            "TS_OTHER": _timestamp_other,
            "EPOCH_SECONDS": epoch_seconds,
        }

    def constant(self, prefix: str, value: Any) -> str:
        name = f"{prefix}_{len(self.names)}"
        self.names[name] = value
        return name

    def line(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)


def _check_string(w: _Writer, shape: StringShape, v: str, indent: int) -> None:
    w.line(indent, f"if type({v}) is not str: raise DECLINE")
    length = shape.length
    if length is not None:
        w.line(indent, f"size = len({v}) if {v}.isascii() else len({v}.encode('utf-8'))")
        if length.min_length:
            w.line(indent, f"if size < {length.min_length}: raise DECLINE")
        if length.max_length is not None:
            w.line(indent, f"if size > {length.max_length}: raise DECLINE")
    else:
        # No bound, but a lone surrogate still cannot be sent: encoding raises on it.
        w.line(indent, f"if not {v}.isascii(): {v}.encode('utf-8')")
    if shape.pattern is not None:
        match = w.constant("FULLMATCH", shape.pattern.regex.fullmatch)
        w.line(indent, f"if {match}({v}) is None: raise DECLINE")
    if shape.json is not None:
        spec = w.constant("JSON_SPEC", shape.json)
        problem = w.constant("JSON_PROBLEM", json_document_problem)
        w.line(indent, f"if {problem}({spec}, {v}) is not None: raise DECLINE")


def _check(w: _Writer, shape: Shape, v: str, indent: int, mode: Mode) -> None:
    """Lines that check `v` (present, not None) and rebind it to its model form."""
    if isinstance(shape, StringShape):
        _check_string(w, shape, v, indent)
    elif isinstance(shape, EnumShape):
        members = w.constant("MEMBERS", dict(shape.enum._value2member_map_))
        w.line(indent, f"if type({v}) is not str: raise DECLINE")
        if mode is Mode.LENIENT:
            w.line(indent, f"{v} = {members}.get({v}, {v})")
        else:
            w.line(indent, f"{v} = {members}.get({v})")
            w.line(indent, f"if {v} is None: raise DECLINE")
    elif isinstance(shape, IntegerShape):
        w.line(indent, f"if type({v}) is not int: raise DECLINE")
        if shape.range is not None and shape.range.minimum is not None:
            w.line(indent, f"if {v} < {shape.range.minimum}: raise DECLINE")
        if shape.range is not None and shape.range.maximum is not None:
            w.line(indent, f"if {v} > {shape.range.maximum}: raise DECLINE")
    elif isinstance(shape, BooleanShape):
        w.line(indent, f"if type({v}) is not bool: raise DECLINE")
    elif isinstance(shape, TimestampShape):
        w.line(indent, f"kind = type({v})")
        w.line(indent, f"{v} = TS_NUMBER({v}) if kind is int or kind is float else TS_OTHER({v})")
    elif isinstance(shape, StructureShape):
        nested = w.constant("STRUCTURE", fast_structure(shape.model, mode))
        w.line(indent, f"{v} = {nested}({v})")
    elif isinstance(shape, ListShape):
        w.line(indent, f"if type({v}) is not list: raise DECLINE")
        if isinstance(shape.item, StructureShape):
            nested = w.constant("STRUCTURE", fast_structure(shape.item.model, mode))
            w.line(indent, f"{v} = tuple([{nested}(item) for item in {v}])")
        else:
            w.line(indent, "items = []")
            w.line(indent, f"for item in {v}:")
            w.line(indent + 1, "if item is None: raise DECLINE")
            _check(w, shape.item, "item", indent + 1, mode)
            w.line(indent + 1, "items.append(item)")
            w.line(indent, f"{v} = tuple(items)")
    else:  # pragma: no cover
        raise AssertionError(f"unhandled shape {shape!r}")


def fast_structure(model: type, mode: Mode) -> Structure:
    """The generated parser of `model`'s wire dicts in `mode` (STRICT or LENIENT)."""
    key = (model, mode)
    found = _STRUCTURES.get(key)
    if found is not None:
        return found
    plan = model_plan(model)
    w = _Writer()
    cls = w.constant("CLS", model)
    known = w.constant("KNOWN", frozenset(plan.by_wire_name))
    w.line(0, "def structure(data):")
    w.line(1, "if type(data) is not dict: raise DECLINE")
    w.line(1, "seen = 0")
    names = []
    for index, field in enumerate(plan.fields):
        v = f"v{index}"
        names.append((field.attr_name, v))
        w.line(1, f"{v} = data.get({field.wire_name!r})")
        w.line(1, f"if {v} is not None:")
        w.line(2, "seen += 1")
        _check(w, field.member.shape, v, 2, mode)
        if field.member.required:
            w.line(1, "else: raise DECLINE")
    if mode is Mode.STRICT:
        # A difference is an unknown member, or a member sent as null (which is allowed).
        w.line(1, "if len(data) != seen:")
        w.line(2, "for key in data:")
        w.line(3, f"if key not in {known}: raise DECLINE")
    if plan.build_with_init:
        arguments = ", ".join(f"{attr}={v}" for attr, v in names)
        w.line(1, f"return {cls}({arguments})")
    else:
        w.names["SET"] = object.__setattr__
        w.line(1, f"instance = {cls}.__new__({cls})")
        for attr, v in names:
            w.line(1, f"SET(instance, {attr!r}, {v})")
        w.line(1, "return instance")
    function: Structure = _compile(w, f"structure_{model.__name__}_{mode.value}", "structure")
    _STRUCTURES[key] = function
    return function


def _dump(w: _Writer, shape: Shape, v: str) -> str:
    """An expression for the wire form of model value `v`."""
    if isinstance(shape, (StringShape, EnumShape)):
        # Enum members and any other str subclass leave as plain strings.
        return f"({v} if type({v}) is str else str.__str__({v}))"
    if isinstance(shape, TimestampShape):
        return f"EPOCH_SECONDS({v})"
    if isinstance(shape, StructureShape):
        nested = w.constant("UNSTRUCTURE", fast_unstructure(shape.model))
        return f"{nested}({v})"
    if isinstance(shape, ListShape):
        return f"[{_dump(w, shape.item, 'item')} for item in {v}]"
    return v


def fast_unstructure(model: type) -> Unstructure:
    """The generated `to_wire` of `model`."""
    found = _UNSTRUCTURES.get(model)
    if found is not None:
        return found
    w = _Writer()
    w.line(0, "def unstructure(instance):")
    w.line(1, "out = {}")
    for field in model_plan(model).fields:
        w.line(1, f"v = instance.{field.attr_name}")
        w.line(
            1, f"if v is not None: out[{field.wire_name!r}] = {_dump(w, field.member.shape, 'v')}"
        )
    w.line(1, "return out")
    function: Unstructure = _compile(w, f"unstructure_{model.__name__}", "unstructure")
    _UNSTRUCTURES[model] = function
    return function


def _compile(w: _Writer, filename: str, name: str) -> Any:
    source = "\n".join(w.lines) + "\n"
    namespace = dict(w.names)
    exec(compile(source, f"<glue_security generated {filename}>", "exec"), namespace)
    function = namespace[name]
    function.__source__ = source  # for debugging: print(fast_structure(M, mode).__source__)
    return function
