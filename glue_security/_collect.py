"""The error path: one generated function per model that collects every problem.

`from_wire` runs it only after the fast path declined. It is straight-line code generated
from the member metadata, like the fast path, and uses the same tests (`scalar_test`), so
the valid parts of a faulty payload cost about what they cost there. Where a test fails,
it calls the reference check in `_validate` for that value alone, which writes the
messages. A member's path is built only where it is needed: at a fault, or to pass into a
nested structure.

`collector(model, mode)` returns `collect(data, path, errors)`: the instance, or
`INVALID` after appending every problem to `errors`, in the reference walk's order (the
tests compare the two on every kind of fault). Pass an empty list: once `errors` holds
anything, no instance will come back, so none is built and the result is `INVALID`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._errors import ErrorDetail
from ._fast import Writer, compile_function, emit_build, scalar_test
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
    INVALID,
    LENIENT,
    STRICT,
    Mode,
    checker,
    missing_member,
    model_plan,
    null_item,
    structure,
    unknown_member,
)

__all__ = ["Collect", "collector"]

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
        enumerate=enumerate,
    )


def _check(w: Writer, shape: Shape, v: str, path: str, indent: int, mode: Mode) -> None:
    """Lines that check `v` (present, not None) and rebind it to its model form or INVALID.

    `path` is a Python expression for the value's path, evaluated only where used.
    """
    check = w.constant("check", checker(shape))
    fallback = f"{v} = {check}({w.constant('shape', shape)}, {v}, {path}, errors, MODE)"
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
            return
        w.line(indent, f"else: {fallback}")
    elif isinstance(shape, TimestampShape):
        w.line(indent, fallback)  # responses only, and cheap: the reference check itself
    elif isinstance(shape, StructureShape):
        nested = w.constant("collect", collector(shape.model, mode))
        w.line(indent, f"{v} = {nested}({v}, {path}, errors)")
    elif isinstance(shape, ListShape):
        items, item, index, before, where = (
            w.fresh(prefix) for prefix in ("items", "item", "index", "before", "where")
        )
        w.line(indent, f"if type({v}) is list:")
        w.line(indent + 1, f"{where} = {path}")
        w.line(indent + 1, f"{before} = len(errors)")
        w.line(indent + 1, f"{items} = []")
        w.line(indent + 1, f"for {index}, {item} in enumerate({v}):")
        item_path = f"{where} + '[' + str({index}) + ']'"
        w.line(indent + 2, f"if {item} is None: {item} = NULL_ITEM(errors, {item_path})")
        w.line(indent + 2, "else:")
        _check(w, shape.item, item, item_path, indent + 3, mode)
        w.line(indent + 2, f"{items}.append({item})")
        w.line(indent + 1, f"{v} = tuple({items}) if len(errors) == {before} else INVALID")
        w.line(indent, f"else: {fallback}")  # not an array, or a tuple: the reference decides
    else:  # pragma: no cover
        raise AssertionError(f"unhandled shape {shape!r}")


def _emit(w: Writer, model: type, mode: Mode) -> None:
    plan = model_plan(model)
    cls = w.constant("model", model)
    w.line(0, "def collect(data, path, errors):")
    # Not an object (an error), or a dict subclass: the reference walk decides.
    w.line(1, f"if type(data) is not dict: return STRUCTURE({cls}, data, path, errors, MODE)")
    strict = mode is STRICT
    if strict:
        w.line(1, "seen = 0")
    values = []
    for field in plan.fields:
        v = w.fresh("v")
        values.append((field.attr_name, v))
        w.line(1, f"{v} = data.get({field.wire_name!r})")
        w.line(1, f"if {v} is not None:")
        if strict:
            w.line(2, "seen += 1")
        _check(w, field.member.shape, v, f"path + {'.' + field.wire_name!r}", 2, mode)
        if field.member.required:
            w.line(1, f"else: REQUIRED(errors, path, {cls}, {field.wire_name!r})")
    if strict:
        known = w.constant("known", frozenset(plan.by_wire_name))
        plan_name = w.constant("plan", plan)
        # A difference is an unknown member, or a member sent as null (which is allowed).
        w.line(1, "if len(data) != seen:")
        w.line(2, "for key in data:")
        w.line(3, f"if key not in {known}: UNKNOWN(errors, path, {plan_name}, key)")
    # Any error anywhere means no instance comes back, so none is built.
    w.line(1, "if errors: return INVALID")
    emit_build(w, model, values, "result", 1)
    w.line(1, "return result")


def collector(model: type, mode: Mode) -> Collect:
    """The generated error-collecting parser of `model`'s wire dicts in `mode`."""
    key = (model, mode)
    found = _COLLECTORS.get(key)
    if found is None:
        w = Writer()
        _names(w, mode)
        _emit(w, model, mode)
        found = compile_function(w, f"collect_{model.__name__}_{mode.value}", "collect")
        _COLLECTORS[key] = found
    return found
