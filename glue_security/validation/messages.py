"""The messages of every problem the checks find: one writer per constraint, each called only
when the message is read (a payload's faults are recorded with their writer and arguments)."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..spec.kinds import IntRange, Utf8Length, WireEnum
from ..spec.patterns import Pattern
from ..spec.plan import ModelPlan
from .error import describe_value, json_type_name, with_article
from .suggestions import MAX_WORD, close_matches, did_you_mean

__all__ = [
    "MAX_SUGGESTED",
    "EnumFacts",
    "enum_facts",
    "enum_message",
    "length_message",
    "missing_message",
    "pattern_message",
    "range_message",
    "type_message",
    "unknown_message",
]


def type_message(expected: str, value: object) -> str:
    return f"expected {expected}, got {_what(value)}"


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


def length_message(length: Utf8Length, size: int, value: str) -> str:
    return f"length must be {length.describe()}, got {size}: {describe_value(value)}"


def pattern_message(pattern: Pattern, value: str) -> str:
    return (
        f"must be {pattern.description} ({pattern.name} pattern {pattern.source}, "
        f"matched against the whole string), got {describe_value(value)}"
    )


@attrs.frozen(repr=False, eq=False)  # internal: neither is needed
class EnumFacts:
    """What the walk needs of an enum, read once: Enum class attributes are slow to reach."""

    name: str
    by_value: Mapping[str, WireEnum]
    by_name: Mapping[str, WireEnum]
    values: tuple[str, ...]
    listing: str


_ENUM_FACTS: dict[type[WireEnum], EnumFacts] = {}


def enum_facts(enum_cls: type[WireEnum]) -> EnumFacts:
    facts = _ENUM_FACTS.get(enum_cls)
    if facts is None:
        values = enum_cls.wire_values()
        facts = _ENUM_FACTS[enum_cls] = EnumFacts(
            name=enum_cls.__name__,
            by_value=dict(enum_cls._value2member_map_),
            by_name=dict(enum_cls.__members__),
            values=values,
            listing=", ".join(repr(v) for v in values),
        )
    return facts


def _suggest(facts: EnumFacts, value: str) -> str | None:
    if len(value) > MAX_WORD:  # not a misspelling: no suggestion, and no copy of it
        return None
    by_name = facts.by_name.get(value)
    if by_name is not None:
        return str(by_name.value)
    folded = value.casefold()
    for wire in facts.values:
        if wire.casefold() == folded:
            return wire
    close = close_matches(value.upper(), facts.values)
    return close[0] if close else None


def enum_message(facts: EnumFacts, suggest: bool, value: str) -> str:
    """The message of an unknown enum value; a suggestion only if `suggest` (a payload's
    first errors) and the value is short."""
    suggestion = _suggest(facts, value) if suggest else None
    return (
        f"must be one of {facts.listing} ({facts.name}), got {describe_value(value)}"
        + did_you_mean([] if suggestion is None else [suggestion])
    )


def range_message(bounds: IntRange, value: int) -> str:
    return f"must be in {bounds.describe()}, got {describe_value(value)}"


def missing_message(model: type, wire_name: str) -> str:
    return f"{model.__name__} requires {wire_name}"


# Suggestions (difflib) cost far more than the rest of a message: a payload gets them for
# its first errors only, so that a million unknown keys cost a million short messages.
MAX_SUGGESTED = 100


def unknown_message(plan: ModelPlan, suggest: bool, key: object) -> str:
    if type(key) is not str or len(key) > MAX_WORD:
        suggest = False  # not a name anyone typed (or a subclass, whose methods may lie)
    known = list(plan.by_wire_name)
    message = f"{plan.model.__name__} has no member {describe_value(key)}"
    if suggest:
        assert isinstance(key, str)
        close = close_matches(key, known)
        if not close:
            close = [k for k in known if k.casefold() == key.casefold()]
        message += did_you_mean(close[:1])
    return message + f" (members: {', '.join(known) or 'none'})"
