"""The constraint metadata: one plain, inspectable tree that every consumer reads.

Validators, the converter, the Hypothesis strategies, the JSON Schema exporter and the
generated reference all walk `attrs.fields(Model)` and read `field.metadata[MEMBER_KEY]`.
Nothing else states a bound, a pattern or an enum.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import attrs

from .patterns import Pattern

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "ADDED_AFTER_GUIDE_NOTE",
    "MEMBER_KEY",
    "NONCONFORMING",
    "SCALAR_KINDS",
    "BooleanShape",
    "EnumShape",
    "IntRange",
    "IntegerShape",
    "JsonDocument",
    "ListShape",
    "Member",
    "NonconformingInt",
    "NonconformingStr",
    "Shape",
    "StringShape",
    "StructureShape",
    "TimestampShape",
    "Utf8Length",
    "WireEnum",
    "assert_never",
    "member",
    "members",
]

MEMBER_KEY = "glue_security.member"
ADDED_AFTER_GUIDE_NOTE = "added after the developer guide's Security APIs page"


@attrs.frozen
class Utf8Length:
    """A length bound counted in UTF-8 bytes, as the API document states it."""

    min_length: int | None = None
    max_length: int | None = None
    unit: ClassVar[str] = "UTF-8 bytes"

    def describe(self) -> str:
        if self.min_length is not None and self.max_length is not None:
            return f"{self.min_length}..{self.max_length} {self.unit}"
        if self.min_length is not None:
            return f"at least {self.min_length} {self.unit}"
        return f"at most {self.max_length} {self.unit}"


@attrs.frozen
class IntRange:
    """An inclusive integer range."""

    minimum: int | None = None
    maximum: int | None = None

    def describe(self) -> str:
        return f"{self.minimum}..{self.maximum}"


@attrs.frozen
class JsonDocument:
    """The string must be JSON text whose top-level value is an object, nested at most
    `max_depth` levels (an IAM policy nests about six; the bound keeps parsing the same
    on every Python, whose own recursion limits differ)."""

    max_depth: int
    top_level: ClassVar[str] = "object"


class WireEnum(str, enum.Enum):
    """Base of the API's enums: a member's value is its wire string, and it equals it."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, format_spec: str) -> str:
        return format(str(self.value), format_spec)

    @classmethod
    def wire_values(cls) -> tuple[str, ...]:
        values = _WIRE_VALUES.get(cls)
        if values is None:  # iterating an Enum class is slow; error messages ask often
            values = _WIRE_VALUES[cls] = tuple(str(m.value) for m in cls)
        return values

    @property
    def unknown(self) -> bool:
        """True for a value the service sent that this version of the library does not know.

        Lenient parsing keeps such a value as a pseudo-member of the enum, so the attribute
        keeps its type; `S3EncryptionMode("SSE-KMS-FUTURE")` still raises `ValueError`.
        """
        return self._value_ not in type(self)._value2member_map_

    @classmethod
    def _from_service(cls, value: str) -> Self:
        """The member whose wire value is `value`, or a pseudo-member holding it."""
        found = cls._value2member_map_.get(value)
        if found is not None:
            return found  # type: ignore[return-value]
        cache = _UNKNOWN_VALUES.setdefault(cls, {})
        pseudo = cache.get(value)
        if pseudo is None:
            pseudo = str.__new__(cls, value)
            pseudo._name_ = pseudo._value_ = str.__str__(value)
            # Hostile input must not grow it for ever, nor keep a huge value alive.
            if len(cache) < _UNKNOWN_VALUES_KEPT and len(value) <= _UNKNOWN_VALUE_CHARS_KEPT:
                cache[value] = pseudo
        return pseudo  # type: ignore[return-value]

    def __repr__(self) -> str:
        if self.unknown:
            return f"<{type(self).__name__} unknown to this version: {self._value_!r}>"
        return enum.Enum.__repr__(self)

    def __reduce_ex__(self, protocol: object) -> tuple[Any, ...]:
        if self.unknown:
            return (_unknown_member, (type(self), self._value_))
        return (type(self), (self._value_,))


class NonconformingStr(str):
    """A string the service sent that breaks a constraint of the API document: too long, not
    matching its pattern, or not a JSON object. Only lenient parsing makes one (responses
    are parsed whatever they hold), and a request cannot hold one. It equals its plain
    value, and `to_wire` of a response writes it as a plain string."""

    __slots__ = ()


class NonconformingInt(int):
    """An integer the service sent outside its documented range (see `NonconformingStr`)."""

    __slots__ = ()


#: The value types only lenient parsing makes (besides an enum's unknown values).
NONCONFORMING = (NonconformingStr, NonconformingInt)


_WIRE_VALUES: dict[type[WireEnum], tuple[str, ...]] = {}
_UNKNOWN_VALUES: dict[type[WireEnum], dict[str, WireEnum]] = {}
_UNKNOWN_VALUES_KEPT = 256
_UNKNOWN_VALUE_CHARS_KEPT = 256


def _unknown_member(cls: type[WireEnum], value: str) -> WireEnum:
    """Unpickle a pseudo-member (the enum's own call would raise ValueError)."""
    return cls._from_service(value)


@attrs.frozen
class StringShape:
    """A string member: `shape` names the service model's shape it mirrors."""

    shape: str
    length: Utf8Length | None = None
    pattern: Pattern | None = None
    json: JsonDocument | None = None


@attrs.frozen
class EnumShape:
    shape: str
    enum: type[WireEnum]


@attrs.frozen
class IntegerShape:
    shape: str
    range: IntRange | None = None


@attrs.frozen
class BooleanShape:
    shape: str


@attrs.frozen
class TimestampShape:
    """Epoch seconds on the wire (JSON 1.1 protocol); an aware UTC datetime in models."""

    shape: str


@attrs.frozen
class StructureShape:
    # A model class; typed loosely so that the metadata needs nothing above it.
    model: type[Any]

    @property
    def shape(self) -> str:
        return self.model.__name__


@attrs.frozen
class ListShape:
    shape: str
    item: Shape


#: Every shape kind. A dispatch over kinds narrows this union and ends in `assert_never`,
#: so that mypy names each dispatch a new kind has not reached.
Shape = (
    StringShape
    | EnumShape
    | IntegerShape
    | BooleanShape
    | TimestampShape
    | StructureShape
    | ListShape
)


#: The kinds that hold no other shape: a walk into structures and lists passes them over.
SCALAR_KINDS = (StringShape, EnumShape, IntegerShape, BooleanShape, TimestampShape)


def assert_never(value: NoReturn) -> NoReturn:
    """The end of a dispatch over shape kinds: mypy reports a call it can reach (a kind
    the dispatch misses). `typing.assert_never` is 3.11+, and importing the package needs
    attrs and cattrs only, not typing_extensions."""
    raise AssertionError(f"unhandled shape kind: {value!r}")


@attrs.frozen
class Member:
    """Everything the library knows about one member of a shape."""

    wire_name: str
    shape: Shape
    required: bool = False
    doc: str = ""
    # None when the developer guide's Security APIs page has the member; otherwise why it is here.
    added: str | None = None


def member(
    wire_name: str,
    shape: Shape,
    *,
    doc: str,
    required: bool = False,
    added: str | None = None,
) -> Any:
    """Declare a model attribute from its wire name and shape (the one place it is stated).

    Validation happens for the whole instance at once (see `Model`), so that every problem
    is reported together; a missing required member is one of them rather than a
    `TypeError`, which is why required members default to None here too.
    """
    spec = Member(wire_name=wire_name, shape=shape, required=required, doc=doc, added=added)
    return attrs.field(kw_only=True, default=None, metadata={MEMBER_KEY: spec})


def members(model: type) -> dict[str, Member]:
    """A model's members by Python attribute name, in declaration order."""
    return {a.name: a.metadata[MEMBER_KEY] for a in attrs.fields(model) if MEMBER_KEY in a.metadata}
