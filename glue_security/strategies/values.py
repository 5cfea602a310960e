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
from ..spec.plan import FieldPlan, model_plan
from ..spec.shapes import KMS_KEY_ARN_STRING
from ..validation.suggestions import close_matches
from .accepted import DEFAULT_CATALOG, accepted_rules
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


def _list_gen(item: Gen, min_items: int = 0, max_items: int = _MAX_LIST_ITEMS) -> Gen:
    """Up to `max_items` items: a length byte, then a slot per possible item."""

    def build(data: bytes, draw: st.DrawFn) -> tuple[Any, ...]:
        count = min_items + data[0] % (max_items + 1 - min_items)
        return tuple(
            item.build(data[1 + i * item.size : 1 + (i + 1) * item.size], draw)
            for i in range(count)
        )

    return Gen(1 + max_items * item.size, build)


def _gen(shape: Shape, every_member: bool = False, accepted: bool = False) -> Gen:
    if isinstance(shape, StructureShape):
        return _model_gen(shape.model, every_member=every_member, accepted=accepted)
    if isinstance(shape, ListShape):
        item = _gen(shape.item, every_member, accepted)
        return _list_gen(item, min_items=int(every_member))
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


_GenKey = tuple[type[Model], bool, bool]  # the model, every_member, accepted
_MODEL_GENS: dict[_GenKey, Gen] = {}


def _unknown_overrides(cls: type[Model], unknown: set[str], known: list[str]) -> TypeError:
    hints = []
    for name in sorted(unknown):
        close = close_matches(name, known)
        hints.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return TypeError(
        f"{cls.__name__} has no attribute(s) {', '.join(hints)}; its attributes: "
        + ", ".join(known)
    )


def _member_gen(cls: type[Model], field: FieldPlan, every_member: bool, accepted: bool) -> Gen:
    """A member's generator; `accepted` keeps it to the service rules: no more items than
    the service takes, a key that is not empty (a KMS mode needs one), and a catalog policy
    that names the in-memory service's default catalog."""
    shape = field.member.shape
    if not accepted:
        return _gen(shape, every_member)
    limit = accepted_rules(cls).item_limits.get(field.attr_name)
    if limit is not None and isinstance(shape, ListShape):
        item = _gen(shape.item, every_member, accepted)
        return _list_gen(item, min(int(every_member), limit), max_items=limit)
    if field.attr_name in accepted_rules(cls).keys and shape == KMS_KEY_ARN_STRING:
        return _drawn(kms_key_arns(empty=False))
    if field.attr_name in accepted_rules(cls).catalog_policies and isinstance(shape, StringShape):
        return _drawn(policy_documents(shape.length, catalog=DEFAULT_CATALOG))
    return _gen(shape, every_member, accepted)


def _model_gen(
    cls: type[Model],
    overrides: Mapping[str, Strategy[Any]] | None = None,
    every_member: bool = False,
    accepted: bool = False,
) -> Gen:
    """Instances of `cls` from a slice of bytes, built through its constructor (so every
    instance is checked): a presence byte per optional member, then each member's slice.
    With `every_member`, every member is present and lists hold an item or more, nested
    models included. With `accepted`, the service rules hold (`AcceptedRules`)."""
    key = (cls, every_member, accepted)
    if not overrides and key in _MODEL_GENS:
        return _MODEL_GENS[key]
    plan = model_plan(cls)
    overrides = overrides or {}
    unknown = set(overrides) - {f.attr_name for f in plan.fields}
    if unknown:
        raise _unknown_overrides(cls, unknown, [f.attr_name for f in plan.fields])
    rules = accepted_rules(cls) if accepted else None
    left_out = rules.left_out - set(overrides) if rules else frozenset()
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
            gen = _member_gen(cls, field, every_member, accepted)
            presence_byte = None if field.member.required or every_member else presence
            presence += presence_byte is not None
        if field.attr_name not in left_out:
            layout.append((field.attr_name, gen, presence_byte, offset))
        offset += gen.size
    # Members a drawn mode needs (a key, a role): made from their slice even where their
    # presence byte left them out; never one the caller overrode.
    needs = [
        (mode, modes, needed, next(row for row in layout if row[0] == needed))
        for mode, modes, needed in (rules.needs if rules else ())
        if needed not in overrides and needed not in left_out
    ]

    def build(data: bytes, draw: st.DrawFn) -> Model:
        values = {}
        for name, gen, presence_byte, start in layout:
            if presence_byte is None or data[presence_byte] >= _ABSENT_BELOW:
                values[name] = gen.build(data[start : start + gen.size], draw)
        for mode, modes, needed, (_, gen, _, start) in needs:
            if values.get(mode) in modes and not values.get(needed):
                values[needed] = gen.build(data[start : start + gen.size], draw)
        return cls(**values)

    gen = Gen(offset, build)
    if not overrides:
        _MODEL_GENS[key] = gen
    return gen


_DEFAULT_MODELS: dict[_GenKey, Strategy[Any]] = {}


def models(
    cls: type[M],
    /,
    *,
    every_member: bool = False,
    accepted: bool = False,
    **overrides: Strategy[Any],
) -> Strategy[M]:
    """Valid instances of `cls`; keyword arguments replace a member's strategy, as with
    `st.builds` (e.g. `kms_key_arn=st.just(MY_KEY)`).

    `every_member=True` draws every optional member present, in nested models too, and
    every list with at least one item: fully populated instances, with no filtering.

    `accepted=True` draws what the service takes and can use, by the service rules that
    lint and the in-memory service read (`glue_security.models.service_rules`): at most
    one `S3Encryption` item, a KMS key (not empty) with every KMS mode, a role with
    SSE-KMS-WITH-SERVICE-ROLE, a resource policy with statements whose resources are
    ARNs of the Data Catalog of the in-memory service's default account and region, and
    no member whose value only the service makes (a `NextToken`, a
    `PolicyHashCondition`) or that the API reserves (`ResourceArn` on
    `PutResourcePolicy`). Built that way, never filtered."""
    require_model_class(cls)
    if overrides:
        return strategy_of(_model_gen(cls, overrides, every_member, accepted))
    key = (cls, every_member, accepted)
    strategy = _DEFAULT_MODELS.get(key)
    if strategy is None:
        strategy = _DEFAULT_MODELS[key] = strategy_of(
            _model_gen(cls, every_member=every_member, accepted=accepted)
        )
    return strategy


def wire_payloads(
    cls: type[Model],
    /,
    *,
    every_member: bool = False,
    accepted: bool = False,
    **overrides: Strategy[Any],
) -> Strategy[dict[str, Any]]:
    """Valid wire dicts of `cls`, exactly as `to_wire` writes them (JSON types only);
    `every_member` and `accepted` as for `models`."""
    return models(cls, every_member=every_member, accepted=accepted, **overrides).map(to_wire)
