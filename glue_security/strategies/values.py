"""The model value generators of the strategies: instances and wire dicts of every model,
each member drawn by its shape (the scalars' generators are in `strategies.scalars`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from hypothesis import strategies as st

from ..codec.convert import to_wire
from ..models.base import Model, require_model_class
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
from ..validation.suggestions import close_matches
from .layout import Gen, Scalar, Strategy, strategy_of
from .scalars import (
    glue_resource_arns,
    iam_role_arns,
    integer_gen,
    kms_key_arns,
    policy_documents,
    string_gen,
    timestamp_gen,
    timestamps,
    utf8_text,
)

# The scalars' public generators stay importable from here, where 0.2.0 had them.
__all__ = [
    "glue_resource_arns",
    "iam_role_arns",
    "kms_key_arns",
    "member_values",
    "models",
    "policy_documents",
    "string_gen",
    "timestamps",
    "utf8_text",
    "wire_payloads",
]

M = TypeVar("M", bound=Model)

# Lists in generated payloads stay short: enough to show order and paths, fast to draw.
_MAX_LIST_ITEMS = 3
# An optional member is present when its presence byte is at least this (about 60%).
_ABSENT_BELOW = 100


def _drawn(strategy: Strategy[Any]) -> Gen:
    """A member drawn from its own strategy (a user's override): no bytes of ours."""
    return Gen(0, lambda data, draw: draw(strategy))


def _list_gen(item: Gen, min_items: int = 0) -> Gen:
    """Up to `_MAX_LIST_ITEMS` items: a length byte, then a slot per possible item."""

    def build(data: bytes, draw: st.DrawFn) -> tuple[Any, ...]:
        count = min_items + data[0] % (_MAX_LIST_ITEMS + 1 - min_items)
        return tuple(
            item.build(data[1 + i * item.size : 1 + (i + 1) * item.size], draw)
            for i in range(count)
        )

    return Gen(1 + _MAX_LIST_ITEMS * item.size, build)


def _gen(shape: Shape, every_member: bool = False) -> Gen:
    if isinstance(shape, StructureShape):
        return _model_gen(shape.model, every_member=every_member)
    if isinstance(shape, ListShape):
        return _list_gen(_gen(shape.item, every_member), min_items=int(every_member))
    if isinstance(shape, StringShape):
        return string_gen(shape, shape.length).gen()
    if isinstance(shape, EnumShape):
        values = list(shape.enum)
        return Scalar(len(values), lambda digits, draw: values[digits.take(len(values))]).gen()
    if isinstance(shape, IntegerShape):
        return integer_gen(shape).gen()
    if isinstance(shape, BooleanShape):
        return Scalar(2, lambda digits, draw: bool(digits.take(2))).gen()
    if isinstance(shape, TimestampShape):
        return timestamp_gen().gen()
    assert_never(shape)


def member_values(shape: Shape) -> Strategy[Any]:
    """Valid model-side values of one member shape (enum members, tuples, UTC datetimes)."""
    return strategy_of(_gen(shape))


_MODEL_GENS: dict[tuple[type[Model], bool], Gen] = {}


def _unknown_overrides(cls: type[Model], unknown: set[str], known: list[str]) -> TypeError:
    hints = []
    for name in sorted(unknown):
        close = close_matches(name, known)
        hints.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return TypeError(
        f"{cls.__name__} has no attribute(s) {', '.join(hints)}; its attributes: "
        + ", ".join(known)
    )


def _model_gen(
    cls: type[Model],
    overrides: Mapping[str, Strategy[Any]] | None = None,
    every_member: bool = False,
) -> Gen:
    """Instances of `cls` from a slice of bytes, built through its constructor (so every
    instance is checked): a presence byte per optional member, then each member's slice.
    With `every_member`, every member is present and lists hold an item or more, nested
    models included."""
    if not overrides and (cls, every_member) in _MODEL_GENS:
        return _MODEL_GENS[(cls, every_member)]
    plan = model_plan(cls)
    overrides = overrides or {}
    unknown = set(overrides) - {f.attr_name for f in plan.fields}
    if unknown:
        raise _unknown_overrides(cls, unknown, [f.attr_name for f in plan.fields])
    layout: list[tuple[str, Gen, int | None, int]] = []
    optional_count = sum(
        not (f.member.required or every_member) and f.attr_name not in overrides
        for f in plan.fields
    )
    presence, offset = 0, optional_count
    for field in plan.fields:
        if field.attr_name in overrides:
            gen, presence_byte = _drawn(overrides[field.attr_name]), None
        else:
            gen = _gen(field.member.shape, every_member)
            presence_byte = None if field.member.required or every_member else presence
            presence += presence_byte is not None
        layout.append((field.attr_name, gen, presence_byte, offset))
        offset += gen.size

    def build(data: bytes, draw: st.DrawFn) -> Model:
        values = {}
        for name, gen, presence_byte, start in layout:
            if presence_byte is None or data[presence_byte] >= _ABSENT_BELOW:
                values[name] = gen.build(data[start : start + gen.size], draw)
        return cls(**values)

    gen = Gen(offset, build)
    if not overrides:
        _MODEL_GENS[(cls, every_member)] = gen
    return gen


_DEFAULT_MODELS: dict[tuple[type[Model], bool], Strategy[Any]] = {}


def models(
    cls: type[M], /, *, every_member: bool = False, **overrides: Strategy[Any]
) -> Strategy[M]:
    """Valid instances of `cls`; keyword arguments replace a member's strategy, as with
    `st.builds` (e.g. `kms_key_arn=st.just(MY_KEY)`).

    `every_member=True` draws every optional member present, in nested models too, and
    every list with at least one item: fully populated instances, with no filtering."""
    require_model_class(cls)
    if overrides:
        return strategy_of(_model_gen(cls, overrides, every_member))
    strategy = _DEFAULT_MODELS.get((cls, every_member))
    if strategy is None:
        strategy = _DEFAULT_MODELS[(cls, every_member)] = strategy_of(
            _model_gen(cls, every_member=every_member)
        )
    return strategy


def wire_payloads(
    cls: type[Model], /, *, every_member: bool = False, **overrides: Strategy[Any]
) -> Strategy[dict[str, Any]]:
    """Valid wire dicts of `cls`, exactly as `to_wire` writes them (JSON types only);
    `every_member` as for `models`."""
    return models(cls, every_member=every_member, **overrides).map(to_wire)
