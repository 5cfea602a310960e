"""What the inputs hand the engine: a `Subject` (one payload to lint), the values known only
at deploy (`Unknown`), and the input kinds a rule can fire for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

from ..models.base import Model

__all__ = [
    "INPUTS",
    "InputError",
    "InputFinding",
    "InputKind",
    "Parts",
    "Subject",
    "Unknown",
]

Parts = tuple[str | int, ...]

InputKind = Literal["api", "cloudformation", "terraform"]
INPUTS: tuple[InputKind, ...] = ("api", "cloudformation", "terraform")


@attrs.frozen
class Unknown:
    """A value known only at deploy time; `why` says what it is (`Fn::GetAtt`)."""

    why: str


class InputError(Exception):
    """A document that lint cannot read as any kind it knows, with where (`parts`)."""

    def __init__(self, message: str, parts: Parts = ()) -> None:
        super().__init__(message)
        self.message = message
        self.parts = parts


@attrs.frozen
class InputFinding:
    """A problem found while mapping a document: (rule id, message, wire path parts)."""

    rule: str
    message: str
    wire: Parts
    at: Parts


@attrs.frozen
class Subject:
    """One payload to lint: `model`'s wire `payload`, from an input of kind `input`."""

    model: type[Model]
    payload: Any
    input: InputKind
    resource: str | None = None
    #: Where wire paths sit in the document: the longest known prefix wins.
    locations: Mapping[Parts, Parts] = attrs.field(factory=dict)
    base: Parts = ()
    ignore: frozenset[str] = frozenset()
    problems: tuple[InputFinding, ...] = ()

    def locate(self, wire: Parts) -> Parts:
        """The document path of the value at wire path `wire` (or of its nearest mapped
        ancestor)."""
        if not self.locations:
            return (*self.base, *wire)
        for end in range(len(wire), -1, -1):
            found = self.locations.get(wire[:end])
            if found is not None:
                return found if end == len(wire) else (*found, *wire[end:])
        return self.base
