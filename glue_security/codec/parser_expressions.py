"""The Python expressions the `from_wire` emitter writes into generated parsers: a value's
path as code, a string's UTF-8 size, and the ASCII shortcuts of `[class]*` patterns."""

from __future__ import annotations

from ..spec.patterns import Pattern
from ..validation.error import KEPT_CHARS, SHOWN_CHARS

__all__ = [
    "PathCode",
    "admits_printable_ascii",
    "ascii_controls",
    "child_path_expression",
    "encodes_expression",
    "kept_scalar_expression",
    "utf8_size_expression",
]


class PathCode:
    """A value's path as Python code: literal text from `$` and list indexes, joined only
    where an error is reported, so valid values build no strings."""

    def __init__(self, parts: tuple[tuple[bool, str], ...]) -> None:
        self.parts = parts  # (is_literal, text or code)

    def plus(self, text: str) -> PathCode:
        if self.parts and self.parts[-1][0]:
            return PathCode((*self.parts[:-1], (True, self.parts[-1][1] + text)))
        return PathCode((*self.parts, (True, text)))

    def index(self, variable: str) -> PathCode:
        return PathCode((*self.plus("[").parts, (False, variable))).plus("]")

    def code(self) -> str:
        """A string constant, or one f-string (a single string build)."""
        if len(self.parts) == 1 and self.parts[0][0]:
            return repr(self.parts[0][1])
        inside = "".join(
            text.replace("{", "{{").replace("}", "}}") if literal else f"{{{text}}}"
            for literal, text in self.parts
        )
        return "f" + repr(inside)

    def lazy_code(self) -> str:
        """The path as a `validation.error.FaultPath`: a string constant, or below a list the
        tuple of its text and indexes in turn, joined only if the errors are read."""
        if len(self.parts) == 1 and self.parts[0][0]:
            return repr(self.parts[0][1])
        parts = [repr(text) if literal else text for literal, text in self.parts]
        return f"({', '.join(parts)})"


def admits_printable_ascii(pattern: Pattern) -> bool:
    """Whether `pattern` is `[class]*` with every printable ASCII character in its class."""
    ranges = pattern.repeated_class()
    return ranges is not None and any(low <= 0x20 and high >= 0x7E for low, high in ranges)


def encodes_expression(v: str) -> str:
    """An expression true when UTF-8 can encode the `str` in `v` (no lone surrogate)."""
    return f"{v}.isascii() or UTF8_LENGTH({v}) >= 0"


def utf8_size_expression(v: str) -> str:
    """An expression for the UTF-8 size of the `str` in `v`, -1 for a lone surrogate."""
    return f"(len({v}) if {v}.isascii() else UTF8_LENGTH({v}))"


def ascii_controls(pattern: Pattern) -> str:
    """The ASCII characters that are not printable (C0 controls, DEL) in a `[class]*`
    pattern's class: a tab and DEL, for a single-line string."""
    ranges = pattern.repeated_class() or ()
    return "".join(
        chr(code)
        for code in (*range(0x20), 0x7F)
        if any(low <= code <= high for low, high in ranges)
    )


def child_path_expression(path: PathCode, key: str) -> str:
    """The path of the plain `str` key in `key` below `path`: `validation.paths.child_path`,
    its common case (a short plain name) written inline, the rest asked of it."""
    return (
        f"({path.code()} + '.' + {key} if len({key}) <= {SHOWN_CHARS} and {key}.isidentifier() "
        f"and {key}.isascii() else CHILD_PATH({path.code()}, {key}))"
    )


def kept_scalar_expression(v: str) -> str:
    """An expression true when the value in `v`, not a `str`, may wait in a `Fault` (a
    number or a boolean of a readable size): `validation.error.record`'s rule, inline."""
    return (
        f"(type({v}) is int and {v}.bit_length() <= {KEPT_CHARS} "
        f"or type({v}) is float or type({v}) is bool)"
    )
