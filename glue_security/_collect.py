"""The error path: one generated function per model that collects every problem.

`from_wire` runs it only after the fast path declined. It is straight-line code generated
from the member metadata, like the fast path, and uses the same tests (`scalar_test`), so
the valid parts of a faulty payload cost about what they cost there. Where a test fails,
it calls the reference check in `_checks` for that value alone, which writes the
messages. Nested models are inlined, and a value's path is built only at a fault.

`collector(model, mode)` returns `collect(data, path, errors)`: the instance, or
`INVALID` after appending every problem to `errors`, in the reference walk's order (the
tests compare the two on every kind of fault). Pass an empty list: once `errors` holds
anything, no instance will come back, so none is built and the result is `INVALID`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._checks import (
    INVALID,
    LENIENT,
    Mode,
    checker,
    missing_member,
    null_item,
    structure,
    unknown_member,
)
from ._codegen import Writer, compile_function
from ._from_wire_codegen import emit_build, emit_members, parser_names, scalar_test
from ._plan import model_plan
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

__all__ = ["collector"]

Collect = Callable[[Any, str, list[ErrorDetail]], Any]

_COLLECTORS: dict[tuple[type, Mode], Collect] = {}


def _names(w: Writer, mode: Mode) -> None:
    w.names.update(
        INVALID=INVALID,
        MODE=mode,
        NULL_ITEM=null_item,
        REQUIRED=missing_member,
        UNKNOWN=unknown_member,
        STRUCTURE=structure,
    )


class PathCode:
    """A value's path as Python code: literal text and expressions (the path argument, list
    indexes), joined only where an error is reported, so valid values build no strings."""

    def __init__(self, parts: tuple[tuple[bool, str], ...]) -> None:
        self.parts = parts  # (is_literal, text or code)

    def plus(self, text: str) -> PathCode:
        if self.parts and self.parts[-1][0]:
            return PathCode((*self.parts[:-1], (True, self.parts[-1][1] + text)))
        return PathCode((*self.parts, (True, text)))

    def index(self, variable: str) -> PathCode:
        return PathCode((*self.plus("[").parts, (False, f"str({variable})"))).plus("]")

    def code(self) -> str:
        return " + ".join(repr(text) if literal else text for literal, text in self.parts)


def _check(w: Writer, shape: Shape, v: str, path: PathCode, indent: int, mode: Mode) -> None:
    """Lines that check `v` (present, not None) and rebind it to its model form or INVALID."""
    check = w.constant("check", checker(shape))
    fallback = f"{v} = {check}({w.constant('shape', shape)}, {v}, {path.code()}, errors, MODE)"
    if isinstance(shape, (StringShape, IntegerShape, BooleanShape)):
        w.line(indent, f"if not ({scalar_test(w, shape, v)}): {fallback}")
    elif isinstance(shape, EnumShape):
        members = w.constant("members", dict(shape.enum._value2member_map_))
        if mode is LENIENT:  # unknown values are kept, as the reference check keeps them
            w.line(indent, f"if type({v}) is str: {v} = {members}.get({v}, {v})")
        else:
            found = w.fresh("found")
            w.line(indent, f"{found} = {members}.get({v}) if type({v}) is str else None")
            w.line(indent, f"if {found} is not None: {v} = {found}")
        w.line(indent, f"else: {fallback}")
    elif isinstance(shape, TimestampShape):
        w.line(indent, fallback)  # responses only, and cheap: the reference check itself
    elif isinstance(shape, StructureShape):
        # Not an object (an error), or a dict subclass: the reference check decides.
        w.line(indent, f"if type({v}) is not dict: {fallback}")
        w.line(indent, "else:")
        _emit_model(w, shape.model, v, path, v, indent + 1, mode)
    elif isinstance(shape, ListShape):
        items, item, index = (w.fresh(prefix) for prefix in ("items", "item", "index"))
        item_path = path.index(index)
        w.line(indent, f"if type({v}) is list:")
        w.line(indent + 1, f"{items} = []")
        w.line(indent + 1, f"for {index}, {item} in enumerate({v}):")
        w.line(indent + 2, f"if {item} is None: {item} = NULL_ITEM(errors, {item_path.code()})")
        w.line(indent + 2, "else:")
        _check(w, shape.item, item, item_path, indent + 3, mode)
        w.line(indent + 2, f"{items}.append({item})")
        w.line(indent + 1, f"{v} = INVALID if errors else tuple({items})")
        w.line(indent, f"else: {fallback}")  # not an array, or a tuple: the reference decides
    else:  # pragma: no cover
        raise AssertionError(f"unhandled shape {shape!r}")


def _emit_model(
    w: Writer, model: type, data: str, path: PathCode, result: str, indent: int, mode: Mode
) -> None:
    """Lines that collect the plain dict `data` into `result`: an instance, or INVALID.

    Nested models are inlined, as in the fast path: a call per nested model, and a path
    string built for it, would cost more than its checks.
    """
    cls = w.constant("model", model)
    plan_name = w.constant("plan", model_plan(model))
    values = emit_members(
        w,
        model,
        data,
        indent,
        mode,
        check=lambda field, v, inner: _check(
            w, field.member.shape, v, path.plus("." + field.wire_name), inner, mode
        ),
        missing=lambda field: f"REQUIRED(errors, {path.code()}, {cls}, {field.wire_name!r})",
        unknown=f"UNKNOWN(errors, {path.code()}, {plan_name}, key)",
    )
    # Any error anywhere means no instance comes back, so none is built.
    w.line(indent, f"if errors: {result} = INVALID")
    w.line(indent, "else:")
    emit_build(w, model, values, result, indent + 1)


def _emit(w: Writer, model: type, mode: Mode) -> None:
    w.line(0, "def collect(data, path, errors):")
    cls = w.constant("model", model)
    w.line(1, f"if type(data) is not dict: return STRUCTURE({cls}, data, path, errors, MODE)")
    _emit_model(w, model, "data", PathCode(((False, "path"),)), "result", 1, mode)
    w.line(1, "return result")


def collector(model: type, mode: Mode) -> Collect:
    """The generated error-collecting parser of `model`'s wire dicts in `mode`."""
    key = (model, mode)
    found = _COLLECTORS.get(key)
    if found is None:
        w = Writer(parser_names())
        _names(w, mode)
        _emit(w, model, mode)
        found = compile_function(w, f"collect_{model.__name__}_{mode.value}", "collect")
        _COLLECTORS[key] = found
    return found
