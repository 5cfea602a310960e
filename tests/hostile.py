"""Hostile values, as tables, for the hostile-input tests (like `golden.py` for valid ones).

Each table holds (id, value); the helpers that use them are in `helpers.py`.
"""

from __future__ import annotations

import enum
import random
from datetime import datetime, timedelta, tzinfo
from types import SimpleNamespace
from typing import Any

import glue_security as gs

# -- values whose rendering or conversion used to escape as another exception ----------


def deep_frozenset(depth: int) -> frozenset[Any]:
    value: frozenset[Any] = frozenset()
    for _ in range(depth):
        value = frozenset([value])
    return value


def deep_namespace(depth: int) -> SimpleNamespace:
    value = SimpleNamespace()
    for _ in range(depth):
        value = SimpleNamespace(inner=value)
    return value


class _Zone(tzinfo):
    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


class OffsetIsText(_Zone):
    def utcoffset(self, dt: datetime | None) -> Any:
        return "+01:00"


class OffsetRaises(_Zone):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        raise RuntimeError("no offset today")


class OffsetTooLarge(_Zone):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(days=2)


class IntIsNotInt(int):
    def __int__(self) -> Any:
        return "five"

    def __index__(self) -> Any:
        return "five"


class FloatIsNotFloat(float):
    def __float__(self) -> Any:
        return "five"


class Color(enum.IntEnum):
    RED = 5


class ReprRaises:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


class ReprIsHuge:
    def __repr__(self) -> str:
        return "x" * 1_000_000


class _NameRaises(type):
    @property
    def __name__(cls) -> str:  # type: ignore[override]
        raise RuntimeError("no name")


NameRaises = _NameRaises("NameRaises", (), {})

HUGE_CLASS_NAME = type("C" * 100_000, (), {})


def claims(cls: type) -> Any:
    """An object that claims to be an instance of `cls` (isinstance says so) and is not."""
    return type(f"Claims{cls.__name__}", (), {"__class__": property(lambda self: cls)})()


class KeyEqualRaises:
    """A dict key with the hash of a name the reader looks up, whose comparison raises."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __hash__(self) -> int:
        return hash(self.name)

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no comparing me")


DEPTH = 100_000

ESCAPING: list[tuple[str, Any]] = [
    ("deep frozenset", deep_frozenset(DEPTH)),
    ("deep namespace", deep_namespace(DEPTH)),
    ("tz offset is text", datetime(2024, 5, 6, tzinfo=OffsetIsText())),
    ("tz offset raises", datetime(2024, 5, 6, tzinfo=OffsetRaises())),
    ("tz offset too large", datetime(2024, 5, 6, tzinfo=OffsetTooLarge())),
    ("int whose __int__ lies", IntIsNotInt(5)),
    ("float whose __float__ lies", FloatIsNotFloat(1.5)),
    ("IntEnum", Color.RED),
    ("repr raises", ReprRaises()),
    ("repr is huge", ReprIsHuge()),
    ("metaclass name raises", NameRaises()),
    ("class name is huge", HUGE_CLASS_NAME()),
    ("bytes", b"x" * 1000),
    ("set", {1, 2}),
    ("huge int", 10**5000),
    ("nan", float("nan")),
    ("lone surrogate", "\udc80"),
    ("object", object()),
    ("type", int),
    ("claims str", claims(str)),
    ("claims dict", claims(dict)),
    ("claims list", claims(list)),
    ("claims int", claims(int)),
    ("claims datetime", claims(datetime)),
    ("claims a model", claims(gs.S3Encryption)),
]


# -- subclasses that lie about the value they hold ---------------------------------------


class LyingStr(str):
    """Claims to be short, ASCII, printable and encodable, whatever it holds."""

    def __len__(self) -> int:
        return 1

    def isascii(self) -> bool:
        return True

    def isprintable(self) -> bool:
        return True

    def isidentifier(self) -> bool:
        return True

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        return b"x"

    def count(self, *args: Any) -> int:
        return 0

    def __getitem__(self, index: Any) -> str:
        return "x"

    def __iter__(self) -> Any:
        return iter("x")

    def __str__(self) -> str:
        return "x"

    def upper(self) -> str:
        return "SSE-KMS"

    def casefold(self) -> str:
        return "name"


class EqualsAnything(LyingStr):
    """Also equal to every string, with the hash of a valid member name."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return hash("Name")


class HidingDict(dict):  # type: ignore[type-arg]
    """Hides every key from iteration, length, lookup and its views."""

    def __iter__(self) -> Any:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __contains__(self, key: object) -> bool:
        return False

    def get(self, key: Any, default: Any = None) -> Any:
        return default

    def keys(self) -> Any:
        return []

    def items(self) -> Any:
        return []

    def values(self) -> Any:
        return []


class _IteratesEmpty:
    """Iterates empty and has no length or items, whatever it holds."""

    def __iter__(self) -> Any:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __getitem__(self, index: Any) -> Any:
        raise IndexError(index)


class EmptyList(_IteratesEmpty, list):  # type: ignore[type-arg]
    pass


class EmptyTuple(_IteratesEmpty, tuple):  # type: ignore[type-arg]
    pass


class _InEveryRange:
    """Compares as if within every range."""

    def __lt__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return True

    def __ge__(self, other: object) -> bool:
        return True


class LyingInt(_InEveryRange, int):
    def __int__(self) -> int:
        return 5


class LyingFloat(_InEveryRange, float):
    def __float__(self) -> float:
        return 5.0


def lying(value: Any, seed: int) -> Any:
    """`value` with some of its strings, objects and arrays (chosen by `seed`) replaced by
    lying subclasses holding the same contents."""
    chance = random.Random(seed)

    def wrap(node: Any) -> Any:
        if type(node) is dict:
            if chance.random() < 0.5:
                return {key: wrap(item) for key, item in node.items()}
            # Keys may lie too, inside a dict that is itself read as the plain dict it holds.
            return HidingDict(
                {
                    (LyingStr(k) if type(k) is str and chance.random() < 0.5 else k): wrap(v)
                    for k, v in node.items()
                }
            )
        if type(node) is list:
            items = [wrap(item) for item in node]
            return EmptyList(items) if chance.random() < 0.5 else items
        if type(node) is str and chance.random() < 0.5:
            return LyingStr(node)
        return node

    return wrap(value)
