"""The model plan: a model's members, read once from its attrs fields' metadata.

Everything that walks a model (the reference checks, the generated parsers and writers,
the strategies, the JSON Schema exporter) reads the members through `model_plan`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .kinds import MEMBER_KEY, Member, Shape

__all__ = ["FieldPlan", "ModelPlan", "build", "model_plan"]


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

    model: type[Any]
    fields: tuple[FieldPlan, ...]
    by_wire_name: Mapping[str, FieldPlan]
    # Each member by Python attribute name, as `members(model)` gives them.
    members: Mapping[str, Member]
    # Exceptions need their real __init__ (BaseException keeps `args`).
    build_with_init: bool
    # The tuple of an instance's member values, for equality and hashing.
    values: Callable[[Any], tuple[Any, ...]]
    # (attribute, wire name, shape, required) per member: what the walk reads, flat.
    rows: tuple[tuple[str, str, Shape, bool], ...]
    # A request is sent to the service: it must not hold what only the service may send.
    is_request: bool


_PLANS: dict[type, ModelPlan] = {}


def model_plan(model: type[Any]) -> ModelPlan:
    plan = _PLANS.get(model)
    if plan is None:
        fields = tuple(
            FieldPlan(attr_name=a.name, member=a.metadata[MEMBER_KEY])
            for a in attrs.fields(model)
            if MEMBER_KEY in a.metadata
        )
        names = [f.attr_name for f in fields]
        plan = ModelPlan(
            model=model,
            fields=fields,
            by_wire_name={f.wire_name: f for f in fields},
            members={f.attr_name: f.member for f in fields},
            build_with_init=issubclass(model, BaseException),
            values=_values_getter(names),
            rows=tuple(
                (f.attr_name, f.member.wire_name, f.member.shape, f.member.required) for f in fields
            ),
            is_request=bool(getattr(model, "_sent_to_service", False)),
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


def build(plan: ModelPlan, values: Mapping[str, object]) -> Any:
    """Make an instance from already-checked values without checking them again."""
    if plan.build_with_init:
        return plan.model(**values)
    model: Any = plan.model
    instance = model.__new__(model)
    for field in plan.fields:
        object.__setattr__(instance, field.attr_name, values.get(field.attr_name))
    return instance
