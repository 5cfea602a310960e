"""The layout engine of the strategies: a whole model tree from one drawn byte string.

Hypothesis' cost is per draw, so a whole model tree takes **one** draw, a fixed-length byte
string: each member (nested models and lists included) reads its own slice, scalars as
mixed-radix digits; only free text draws again. Hypothesis draws those bytes uniformly and
shrinks them towards zero, front first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import attrs
from hypothesis import strategies as st

__all__ = ["EDGE_ONE_IN", "Digits", "Gen", "Scalar", "Strategy", "draw_edge", "strategy_of"]

Strategy = st.SearchStrategy

# How often a bounded value is drawn at exactly its minimum or its maximum (1 in N each).
EDGE_ONE_IN = 10


# -- digits: many choices from one draw ----------------------------------------------------------


class Digits:
    """Reads mixed-radix digits off one drawn integer, least significant first."""

    def __init__(self, number: int) -> None:
        self.number = number

    def take(self, radix: int) -> int:
        self.number, digit = divmod(self.number, radix)
        return digit


@attrs.frozen
class Scalar:
    """A value made from one digit of `radix`, read by `build` (with Hypothesis' `draw` for
    what digits cannot give: free text)."""

    radix: int
    build: Callable[[Digits, st.DrawFn], Any]

    def gen(self) -> Gen:
        size, radix, build = _byte_size(self.radix), self.radix, self.build

        def from_bytes(data: bytes, draw: st.DrawFn) -> Any:
            return build(Digits(int.from_bytes(data, "big") % radix if size else 0), draw)

        return Gen(size, from_bytes)


@attrs.frozen
class Gen:
    """A value made from a slice of `size` bytes of the one drawn byte string."""

    size: int
    build: Callable[[bytes, st.DrawFn], Any]


def _byte_size(radix: int) -> int:
    """Bytes that hold a digit of `radix`, plus one so that reducing modulo it is fair."""
    return 0 if radix <= 1 else (radix - 1).bit_length() // 8 + 2


def _bytes(size: int) -> Strategy[bytes]:
    # Fixed-length binary is one uniform draw however long (a huge bounded integer is not:
    # Hypothesis favours small ones, which would starve the high digits).
    return st.binary(min_size=size, max_size=size)


def strategy_of(gen: Gen | Scalar) -> Strategy[Any]:
    gen = gen.gen() if isinstance(gen, Scalar) else gen
    data = _bytes(gen.size)
    build = gen.build

    @st.composite
    def draw_value(draw: st.DrawFn) -> Any:
        return build(draw(data), draw)

    return draw_value()


def draw_edge(digits: Digits) -> Literal["min", "max", None]:
    """One in `EDGE_ONE_IN` draws is the minimum, one the maximum; 0 (the shrink target)
    is neither."""
    choice = digits.take(EDGE_ONE_IN)
    return "max" if choice == EDGE_ONE_IN - 1 else "min" if choice == EDGE_ONE_IN - 2 else None
