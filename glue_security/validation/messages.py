"""The messages of every problem the checks find: one writer per constraint, called when the
errors are read (a payload's faults are recorded with their writer and arguments). Each
pattern, enum and model prepares once what its messages share (the rule in words, the
regex, the values or members, each "did you mean"), so a message is one concatenation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..spec.kinds import IntRange, Utf8Length, WireEnum
from ..spec.patterns import Pattern
from ..spec.plan import ModelPlan
from .error import (
    MAX_SUGGESTED,
    SHOWN_CHARS,
    SUGGESTING,
    describe_value,
    json_type_name,
    with_article,
)
from .suggestions import MAX_CANDIDATES, MAX_WORD, MEMO_SIZE, closest, did_you_mean

__all__ = [
    "MAX_SUGGESTED",
    "EnumFacts",
    "MemberFacts",
    "enum_facts",
    "enum_message",
    "forget_suggestions",
    "headed_message",
    "length_message",
    "member_facts",
    "missing_message",
    "normalised",
    "normalised_index",
    "pattern_head",
    "pattern_message",
    "range_message",
    "type_message",
    "unknown_message",
]


def type_message(expected: str, value: object) -> str:
    scalar = _SCALAR_NAMES.get(type(value))
    if scalar is not None:  # _what's common case, inline: every type fault is read so
        return f"expected {expected}, got {scalar} {describe_value(value)}"
    return f"expected {expected}, got {_what(value)}"


# The JSON name of each plain scalar type: "got integer 7", "got string 'x'".
_SCALAR_NAMES: dict[type, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _what(value: object) -> str:
    """A value as the end of "got ...": its JSON type and a short rendering, said once."""
    scalar = _SCALAR_NAMES.get(type(value))
    if scalar is not None:  # the common case: a plain JSON scalar
        return f"{scalar} {describe_value(value)}"
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


_JSON_NAMES = frozenset(_SCALAR_NAMES.values())


def length_message(length: Utf8Length, size: int, value: str) -> str:
    return f"length must be {length.describe()}, got {size}: {describe_value(value)}"


# Each pattern's message up to the offending value, written once: by source, with the
# pattern it was written for (two patterns may share a source and differ in their words).
_PATTERN_HEADS: dict[str, tuple[Pattern, str]] = {}


def pattern_head(pattern: Pattern) -> str:
    """What every message of `pattern` says before the offending value: the rule in words,
    what a value looks like where the pattern has a `form` (an ARN's parts, by name), and
    the regex."""
    found = _PATTERN_HEADS.get(pattern.source)
    if found is not None and found[0] is pattern:
        return found[1]
    looks = f"{with_article(pattern.name)} looks like {pattern.form}; " if pattern.form else ""
    head = (
        f"must be {pattern.description} ({looks}{pattern.name} pattern {pattern.source}, "
        "matched against the whole string), got "
    )
    _PATTERN_HEADS[pattern.source] = (pattern, head)
    return head


def pattern_message(pattern: Pattern, value: str) -> str:
    found = _PATTERN_HEADS.get(pattern.source)
    head = found[1] if found is not None and found[0] is pattern else pattern_head(pattern)
    return head + describe_value(value)


def headed_message(head: str, value: object) -> str:
    """`head`, a message's start prepared once (`pattern_head`), and the offending value:
    the generated parsers' `pattern_message`."""
    if type(value) is str and len(value) <= SHOWN_CHARS:  # describe_value's common case
        return head + repr(value)
    return head + describe_value(value)


def normalised(name: str) -> str:
    """A name as people misspell it alike: case folded, without `-`, `_` or spaces, so
    that `sse_kms`, `SSEKMS` and `SSE-KMS` meet (and `kms_key_arn` meets `KmsKeyArn`)."""
    return name.casefold().replace("-", "").replace("_", "").replace(" ", "")


def normalised_index(names: Sequence[str]) -> dict[str, str]:
    """Each name by its normalised form; a form two names share names neither."""
    index: dict[str, str] = {}
    shared: set[str] = set()
    for name in names:
        key = normalised(name)
        if key in index and index[key] != name:
            shared.add(key)
        index[key] = name
    for key in shared:
        del index[key]
    return index


class EnumFacts:
    """What the walk and the messages need of an enum, read once: Enum class attributes
    are slow to reach, and every message of the enum starts alike. (A plain class: an
    attrs one costs every `import glue_security` more than it gives here.)"""

    __slots__ = (
        "by_name",
        "by_normalised",
        "by_value",
        "head",
        "hints",
        "listing",
        "name",
        "suggested",
        "value_by_name",
        "values",
    )

    def __init__(self, enum_cls: type[WireEnum]) -> None:
        values = enum_cls.wire_values()
        self.name = enum_cls.__name__
        self.by_value: Mapping[str, WireEnum] = dict(enum_cls._value2member_map_)
        self.by_name: Mapping[str, WireEnum] = dict(enum_cls.__members__)
        self.values = values
        self.listing = ", ".join(repr(v) for v in values)
        # The message up to the offending value; each value by its Python name and by its
        # normalised form; each value's "did you mean" hint.
        self.head = f"must be one of {self.listing} ({self.name}), got "
        self.value_by_name = {name: str(m.value) for name, m in self.by_name.items()}
        self.by_normalised = normalised_index(values)
        self.hints = {value: did_you_mean((value,)) for value in values}
        # The hint found for each misspelling seen ("" for none), at most MEMO_SIZE of them.
        self.suggested: dict[str, str] = {}


_ENUM_FACTS: dict[type[WireEnum], EnumFacts] = {}


def enum_facts(enum_cls: type[WireEnum]) -> EnumFacts:
    facts = _ENUM_FACTS.get(enum_cls)
    if facts is None:
        facts = _ENUM_FACTS[enum_cls] = EnumFacts(enum_cls)
    return facts


def _hint(facts: EnumFacts, value: str) -> str:
    """The "did you mean" of a value the enum does not hold, or "". The value meant: by
    its Python name, then by case and separators (a look-up each), and only then by
    difflib, for a transposed or missing letter. Each value's hint is remembered."""
    hint = facts.suggested.get(value)
    if hint is not None:
        return hint
    if len(value) > MAX_WORD:  # not a misspelling: no suggestion, and no copy of it
        return ""
    meant = facts.value_by_name.get(value)
    if meant is None:
        meant = facts.by_normalised.get(normalised(value))
    if meant is None:
        close = closest(value.upper(), facts.values[:MAX_CANDIDATES], 1)
        meant = close[0] if close else None
    hint = "" if meant is None else facts.hints[meant]
    remember(facts.suggested, value, hint)
    return hint


def forget_suggestions() -> None:
    """Forget every hint the messages remember (the next misspelling runs difflib)."""
    for memo in [f.suggested for f in _ENUM_FACTS.values()]:
        memo.clear()
    for memo in [f.suggested for f in _MEMBER_FACTS.values()]:
        memo.clear()


def remember(memo: dict[str, str], word: str, hint: str) -> None:
    """Keep `word`'s hint in `memo`, which holds at most MEMO_SIZE (it starts again when
    full: a flood of distinct misspellings costs difflib, never memory)."""
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[word] = hint


def enum_message(facts: EnumFacts, value: str, *, suggest: bool = True) -> str:
    """The message of an unknown enum value; a suggestion only if `suggest` (a payload's
    first errors) and the value is short."""
    # describe_value's and _hint's common cases inline: a short name, its hint remembered.
    plain = type(value) is str and len(value) <= SHOWN_CHARS
    shown = repr(value) if plain else describe_value(value)
    if suggest:
        hint = facts.suggested.get(value)
        return facts.head + shown + (_hint(facts, value) if hint is None else hint)
    return facts.head + shown


def range_message(bounds: IntRange, value: int) -> str:
    return f"must be in {bounds.describe()}, got {describe_value(value)}"


def missing_message(model: type, wire_name: str) -> str:
    return f"{model.__name__} requires {wire_name}"



class MemberFacts:
    """What every "has no member" message of a model says, written once (a plain class, as
    EnumFacts)."""

    __slots__ = ("by_normalised", "head", "hints", "known", "suggested", "tail")

    def __init__(self, plan: ModelPlan) -> None:
        known = tuple(plan.by_wire_name)
        self.head = f"{plan.model.__name__} has no member "  # up to the key
        self.tail = f" (members: {', '.join(known) or 'none'})"  # after the suggestion
        self.known = known[:MAX_CANDIDATES]  # those difflib compares
        self.by_normalised = normalised_index(known)
        self.hints = {name: did_you_mean((name,)) for name in known}
        self.suggested: dict[str, str] = {}  # as EnumFacts.suggested


_MEMBER_FACTS: dict[type, MemberFacts] = {}


def member_facts(plan: ModelPlan) -> MemberFacts:
    facts = _MEMBER_FACTS.get(plan.model)
    if facts is None:
        facts = _MEMBER_FACTS[plan.model] = MemberFacts(plan)
    return facts


def unknown_message(facts: MemberFacts, key: object, *, suggest: bool = True) -> str:
    """The message of an unknown member `key` of the model `facts` describes (`member_facts`);
    a suggestion only if `suggest` (a payload's first errors) and the key is a short name."""
    if type(key) is not str or len(key) > MAX_WORD:
        # Not a name anyone typed (or a subclass, whose methods may lie): no suggestion.
        return facts.head + describe_value(key) + facts.tail
    if not suggest:
        return facts.head + describe_value(key) + facts.tail
    hint = facts.suggested.get(key)
    if hint is None:
        meant = facts.by_normalised.get(normalised(key))
        if meant is None:
            close = closest(key, facts.known, 1)
            meant = close[0] if close else None
        hint = "" if meant is None else facts.hints[meant]
        remember(facts.suggested, key, hint)
    shown = repr(key) if len(key) <= SHOWN_CHARS else describe_value(key)  # a plain str
    return facts.head + shown + hint + facts.tail


# Their suggestions go to a payload's first MAX_SUGGESTED problems (see `error.problems`).
SUGGESTING.update((enum_message, unknown_message))
