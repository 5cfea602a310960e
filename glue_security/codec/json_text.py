"""JSON text to the value it holds: the one reader behind `from_json` and the command line.

Beyond `json.loads`: `NaN` and `Infinity` are not JSON; a key that one object gives twice
is a problem (only its last value would be read, so the earlier ones would go unchecked);
and an integer of more than `MAX_INTEGER_DIGITS` digits is a problem rather than a
conversion (which takes time growing with the square of its length; 3.11 and later refuse
it). Both problems are returned with their place in the document, so that each caller can
say where in its own terms (a wire path, or a line and column).
"""

from __future__ import annotations

import json
from typing import Any, Literal

import attrs

from ..validation.error import cut_text
from ..validation.paths import PathPart

__all__ = [
    "MAX_INTEGER_DIGITS",
    "JsonTextError",
    "read_json_text",
    "repeated_key_message",
]

# Longer integers are out of every range the API has.
MAX_INTEGER_DIGITS = 4300



class JsonTextError(ValueError):
    """Text that is not JSON. `message` says why; `detail` adds where, for a reader that has
    no other way to show it; `line` and `column` count from 1, where known."""

    def __init__(
        self, message: str, detail: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(detail)
        self.message = message
        self.detail = detail
        self.line = line
        self.column = column


@attrs.frozen
class TextProblem:
    """A problem of valid JSON text: a repeated key (`duplicate`), or an integer too long
    to read (`range`), at `parts` (keys and indexes from the top of the document)."""

    parts: tuple[PathPart, ...]
    code: Literal["duplicate", "range"]
    message: str


def repeated_key_message(key: str) -> str:
    """The message of a key given twice in one object or mapping."""
    return f"repeats the key {cut_text(key)}; only its last value is read"


def read_json_text(text: str | bytes | bytearray) -> tuple[Any, tuple[TextProblem, ...]]:
    """The value JSON text holds, and its problems in document order. Raises
    `JsonTextError`. A repeated key leaves its last value in place; an integer too long to
    read leaves a placeholder, so a value with a `range` problem is not to be checked."""
    reading = _Reading()
    kind = type(text)
    if kind is not str and kind is not bytes and kind is not bytearray:
        # A subclass's decode, startswith or __len__ may lie (or raise): read what it holds.
        if issubclass(kind, str):
            text = str.__str__(text)
        elif issubclass(kind, (bytes, bytearray)):
            text = bytes(memoryview(text))  # type: ignore[arg-type]
    try:
        document = json.loads(
            text,
            object_pairs_hook=reading.object,
            parse_int=reading.integer,
            parse_constant=_not_json,
        )
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg}"
        raise JsonTextError(message, f"not valid JSON: {exc}", exc.lineno, exc.colno) from None
    except RecursionError:
        message = "JSON nested too deeply to read"
        raise JsonTextError(message, message) from None
    except (ValueError, TypeError) as exc:
        # UnicodeDecodeError is a ValueError; TypeError: not text at all.
        message = f"not valid JSON: {exc}"
        raise JsonTextError(message, message) from None
    return document, reading.problems(document) if reading.faulty else ()


class _Oversized:
    """Stands for an integer too long to convert, where the document holds it."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


class _Reading:
    """What one reading notices while the parser builds the document."""

    def __init__(self) -> None:
        self.faulty = False
        # id of an object -> the object and its repeated keys. The object is held so that
        # its id is not reused: one dropped as an earlier value of a repeated key is freed
        # while the parser runs, and a later object could take its id.
        self.repeated: dict[int, tuple[dict[str, Any], list[str]]] = {}

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.faulty = True
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            repeated = [key for key, count in counts.items() if count > 1]
            self.repeated[id(result)] = (result, repeated)
        return result

    def integer(self, digits: str) -> Any:
        size = len(digits) - digits.startswith("-")
        if size <= MAX_INTEGER_DIGITS:
            return int(digits)
        self.faulty = True
        return _Oversized(size)

    def problems(self, document: Any) -> tuple[TextProblem, ...]:
        """Every problem noticed, with its place, in document order."""
        found: list[TextProblem] = []
        stack: list[tuple[Any, tuple[PathPart, ...]]] = [(document, ())]
        while stack:
            node, parts = stack.pop()
            if isinstance(node, _Oversized):
                message = f"is an integer of {node.digits} digits, out of every range"
                found.append(TextProblem(parts, "range", message))
            elif type(node) is dict:
                for key in self.repeated.get(id(node), (node, ()))[1]:
                    found.append(TextProblem((*parts, key), "duplicate", repeated_key_message(key)))
                stack.extend((v, (*parts, k)) for k, v in reversed(node.items()))
            elif type(node) is list:
                stack.extend((v, (*parts, i)) for i, v in reversed(list(enumerate(node))))
        return tuple(found)


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (JSON has no NaN or Infinity)")
