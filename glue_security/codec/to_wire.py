"""The generated `to_wire`: one straight-line function per model, from the member metadata.

The tests check it against a plain walk of the same metadata on every model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..spec.kinds import (
    BooleanShape,
    EnumShape,
    IntegerShape,
    ListShape,
    Shape,
    StringShape,
    StructureShape,
    TimestampShape,
    assert_never,
)
from ..spec.plan import model_plan
from ..spec.timestamps import epoch_seconds
from .codegen import Writer, compile_function, constant_name

__all__ = ["HoldsNonconforming", "fast_unstructure"]

Unstructure = Callable[[Any], dict[str, Any]]

_UNSTRUCTURES: dict[type, Unstructure] = {}


class HoldsNonconforming(Exception):
    """Raised by a request's generated `to_wire` at a value only a response may hold;
    `to_wire` then reports every such value."""


def _reject(value: object) -> object:
    raise HoldsNonconforming


def _emit_dump(w: Writer, model: type, instance: str, out: str, indent: int, request: bool) -> None:
    """Lines that build the wire dict of `instance` into `out`, nested models inlined."""
    w.line(indent, f"{out} = {{}}")
    for field in model_plan(model).fields:
        v = w.fresh(field.attr_name)
        w.line(indent, f"{v} = {instance}.{field.attr_name}")
        w.line(indent, f"if {v} is not None:")
        _emit_value(w, field.member.shape, v, indent + 1, request)
        w.line(indent + 1, f"{out}[{field.wire_name!r}] = {v}")


def _emit_value(w: Writer, shape: Shape, v: str, indent: int, request: bool) -> None:
    """Lines that rebind model value `v` to its wire form. A value only lenient parsing
    makes (a str or int subclass, an enum's pseudo-member) leaves as its plain value, or,
    in a request, stops the function."""
    if isinstance(shape, EnumShape):
        values = w.constant(
            constant_name(shape.enum.__name__, "wire values"), {m: str(m.value) for m in shape.enum}
        )
        other = "REJECT" if request else "str.__str__"
        w.line(indent, f"{v} = {values}.get({v}) or {other}({v})")
    elif isinstance(shape, StringShape):
        w.line(
            indent, f"if type({v}) is not str: {v} = {'REJECT' if request else 'str.__str__'}({v})"
        )
    elif isinstance(shape, IntegerShape):
        w.line(indent, f"if type({v}) is not int: {v} = {'REJECT' if request else 'int'}({v})")
    elif isinstance(shape, TimestampShape):
        w.line(indent, f"{v} = EPOCH_SECONDS({v})")
    elif isinstance(shape, StructureShape):
        out = w.fresh("out")
        _emit_dump(w, shape.model, v, out, indent, request)
        w.line(indent, f"{v} = {out}")
    elif isinstance(shape, ListShape):
        items, item = w.fresh("items"), w.fresh("item")
        w.line(indent, f"{items} = []")
        w.line(indent, f"for {item} in {v}:")
        _emit_value(w, shape.item, item, indent + 1, request)
        w.line(indent + 1, f"{items}.append({item})")
        w.line(indent, f"{v} = {items}")
    elif isinstance(shape, BooleanShape):
        pass  # booleans leave as they are
    else:
        assert_never(shape)


def fast_unstructure(model: type) -> Unstructure:
    """The generated `to_wire` of `model`."""
    found = _UNSTRUCTURES.get(model)
    if found is not None:
        return found
    w = Writer({"EPOCH_SECONDS": epoch_seconds, "REJECT": _reject})
    name = f"to_wire_{model.__name__}"
    w.line(0, f"def {name}(instance):")
    _emit_dump(w, model, "instance", "out", 1, model_plan(model).is_request)
    w.line(1, "return out")
    function: Unstructure = compile_function(w, name)
    _UNSTRUCTURES[model] = function
    return function
