"""The common forms of Terraform's native syntax, read without python-hcl2.

Most `.tf` files are blocks of attributes whose values are literals, references, function
calls and simple templates. This reader takes those, in one pass over the text, and gives
the same items as python-hcl2's parse (`hcl.read_hcl` holds the two to agreement, and the
tests compare them); on anything else (an operator, a conditional, a `for` or splat
expression, a template directive, a fault) it raises `Unsupported` and the file is read by
python-hcl2, which also reports any fault with its own message.
"""

from __future__ import annotations

import re
from typing import Any

from .hcl import MAX_DEPTH, Attribute, Block, Call, Reference, Template, _heredoc, unescape
from .lines import line_column, line_starts

__all__ = ["Unsupported", "parse_items"]


class Unsupported(Exception):
    """A form this reader leaves to python-hcl2."""


_INLINE = re.compile(r"(?:[ \t\r]+|/\*[^\n]*?\*/)*")
_NEWLINES = re.compile(r"(?:[ \t\r\n]+|(?:#|//)[^\n]*|/\*.*?\*/)*", re.DOTALL)
_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_-]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
# The terminals of python-hcl2's grammar, as it writes them.
_STRING_CHARS = re.compile(
    r"(?:(?!\$\$\{)(?!\$\{)(?!%%\{)(?!%\{)[^\"\\]|\\.|(?:\$(?!\$?\{))|(?:%(?!%?\{)))+"
)
_ESCAPED = re.compile(r"\$\$\{[^}]*\}|%%\{[^}]*\}")
_HEREDOC_START = re.compile(r"<<(-?)([a-zA-Z][a-zA-Z0-9._-]*)\r?\n")
# The commonest attribute, `name = "plain text"` or `name = a.b.c`, alone on its line: read
# by one match. Anything else (an escape, `$`, `%`, an index, a call) takes the general path.
_SIMPLE_ATTRIBUTE = re.compile(
    r'([a-zA-Z_][a-zA-Z0-9_-]*)[ \t]*=[ \t]*(?:"([^"\\$%\n]*)"'
    r"|(?!(?:true|false|null)\.)([a-zA-Z_][a-zA-Z0-9_-]*(?:\.[a-zA-Z_][a-zA-Z0-9_-]*)+))"
    r"[ \t\r]*(?=\n|#|//)"
)
# A block's header with plain quoted labels, `resource "aws_kms_key" "key" {`, by one match.
_SIMPLE_BLOCK = re.compile(r'([a-zA-Z_][a-zA-Z0-9_-]*)((?:[ \t]+"[^"\\$%\n]*")*)[ \t]*(?=\{)')
_LABEL = re.compile(r'"([^"]*)"')
_LITERALS = {"true": True, "false": False, "null": None}
_ENDS = frozenset("\n#/")  # what may follow an attribute or block on its line


def parse_items(text: str) -> tuple[Attribute | Block, ...]:
    """The file's attributes and blocks. Raises `Unsupported` for anything else."""
    parser = _Parser(text + "\n")  # as python-hcl2 reads it: a last line ended
    items = parser.body(0, closing=False)
    return items


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line_starts = line_starts(text)

    def where(self, offset: int) -> tuple[int, int]:
        return line_column(self.line_starts, offset)

    def inline(self) -> str:
        """Skip spaces (not newlines); the next character ("" at the end)."""
        self.pos = _INLINE.match(self.text, self.pos).end()  # type: ignore[union-attr]
        return self.text[self.pos : self.pos + 1]

    def newlines(self) -> str:
        """Skip spaces, newlines and comments; the next character."""
        self.pos = _NEWLINES.match(self.text, self.pos).end()  # type: ignore[union-attr]
        return self.text[self.pos : self.pos + 1]

    def name(self) -> str:
        found = _NAME.match(self.text, self.pos)
        if found is None:
            raise Unsupported
        self.pos = found.end()
        return found.group()

    # -- structure ---------------------------------------------------------------------------

    def body(self, depth: int, closing: bool) -> tuple[Attribute | Block, ...]:
        if depth > MAX_DEPTH:
            raise Unsupported
        items: list[Attribute | Block] = []
        while True:
            char = self.newlines()
            if char == "":
                if closing:
                    raise Unsupported
                return tuple(items)
            if char == "}" and closing:
                return tuple(items)
            start = self.pos
            simple = _SIMPLE_ATTRIBUTE.match(self.text, start)
            if simple is not None:
                name, string, reference = simple.groups()
                value = string if reference is None else Reference(tuple(reference.split(".")))
                items.append(Attribute(name, value, self.where(start)))
                self.pos = simple.end()
                continue
            header = _SIMPLE_BLOCK.match(self.text, start)
            if header is not None:  # `kind "label" ... {`
                name, labels = header[1], _LABEL.findall(header[2])
                self.pos = header.end()
                char = "{"
            else:
                name, labels = self.name(), []
                char = self.inline()
            if char == "=" and self.text[self.pos + 1 : self.pos + 2] not in ("=", ">"):
                self.pos += 1
                items.append(Attribute(name, self.value(1), self.where(start)))
            else:
                while char != "{":
                    if char == '"':
                        label = self.string(1)
                        if not isinstance(label, str):
                            raise Unsupported
                        labels.append(label)
                    else:
                        labels.append(self.name())
                    char = self.inline()
                self.pos += 1  # the opening brace
                inner = self.body(depth + 1, closing=True)
                end_line = self.where(self.pos)[0]
                self.pos += 1  # the closing brace
                items.append(Block(name, tuple(labels), inner, self.where(start), end_line))
            ended = self.text[self.pos - 1] == "\n"  # a heredoc takes its line's end
            char = self.inline()
            if not (ended or char in _ENDS or (char == "}" and closing)):
                raise Unsupported
            if char == "/" and self.text[self.pos : self.pos + 2] != "//":
                raise Unsupported

    # -- values ------------------------------------------------------------------------------

    def value(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise Unsupported
        char = self.inline()
        text = self.text
        if char == '"':
            return self.string(depth)
        if char == "[":
            return self.sequence(depth)
        if char == "{":
            return self.mapping(depth)
        if char == "<":
            return self.heredoc()
        if char == "-" or char.isdigit():
            sign = 1
            if char == "-":
                sign, self.pos = -1, self.pos + 1
            found = _NUMBER.match(text, self.pos)
            if found is None:
                raise Unsupported
            self.pos = found.end()
            number = found.group()
            return sign * (float(number) if "." in number or "e" in number.lower() else int(number))
        name = self.name()
        if name in _LITERALS:
            if text[self.pos : self.pos + 1] in (".", "["):
                raise Unsupported  # `true.x`: python-hcl2 reads it as an expression
            return _LITERALS[name]
        if self.inline() == "(":
            return self.call(name, depth)
        return self.traversal(name, depth)

    def heredoc(self) -> Any:
        """`<<TAG` to the first line that holds only TAG (after blanks), as python-hcl2's
        terminal reads it; found by one search, not a pattern tried at every character."""
        start = _HEREDOC_START.match(self.text, self.pos)
        if start is None:
            raise Unsupported
        tag = re.escape(start.group(2))
        end = re.compile(r"\n\s*" + tag + r"\r?\n").search(self.text, start.end() - 1)
        if end is None:
            raise Unsupported
        token = self.text[self.pos : end.end()]
        self.pos = end.end()
        return _heredoc(token, start.group(1) == "-")

    def traversal(self, first: str, depth: int) -> Reference:
        names: list[str | int] = [first]
        text = self.text
        while True:
            char = text[self.pos : self.pos + 1]
            if char == ".":
                self.pos += 1
                follows = text[self.pos : self.pos + 1]
                if follows.isdigit():
                    found = re.compile(r"[0-9]+").match(text, self.pos)
                    assert found is not None
                    self.pos = found.end()
                    names.append(int(found.group()))
                else:
                    names.append(self.name())
            elif char == "[":
                self.pos += 1
                key = self.value(depth + 1)
                if self.inline() != "]" or not isinstance(key, (str, int)) or key is True:
                    raise Unsupported
                self.pos += 1
                names.append(key)
            else:
                return Reference(tuple(names))

    def call(self, name: str, depth: int) -> Call:
        self.pos += 1  # (
        arguments: list[Any] = []
        while True:
            char = self.newlines()
            if char == ")":
                self.pos += 1
                return Call(name, tuple(arguments))
            arguments.append(self.value(depth + 1))
            char = self.newlines()
            if char == ",":
                self.pos += 1
            elif char != ")":
                raise Unsupported

    def sequence(self, depth: int) -> list[Any]:
        self.pos += 1  # [
        items: list[Any] = []
        while True:
            char = self.newlines()
            if char == "]":
                self.pos += 1
                return items
            items.append(self.value(depth + 1))
            char = self.newlines()
            if char == ",":
                self.pos += 1
            elif char != "]":
                raise Unsupported

    def mapping(self, depth: int) -> dict[str, Any]:
        self.pos += 1  # {
        out: dict[str, Any] = {}
        while True:
            char = self.newlines()
            if char == "}":
                self.pos += 1
                return out
            if char == '"':
                key = self.string(depth + 1)
                if not isinstance(key, str):
                    raise Unsupported
            else:
                key = self.name()
                if key in _LITERALS or key in ("for", "if", "in"):
                    raise Unsupported
            char = self.inline()
            if char not in ("=", ":") or self.text[self.pos + 1 : self.pos + 2] in ("=", ">", ":"):
                raise Unsupported
            self.pos += 1
            out[key] = self.value(depth + 1)
            ended = self.text[self.pos - 1] == "\n"  # a heredoc takes its line's end
            char = self.inline()
            if char == ",":
                self.pos += 1
            elif not ended and char not in ("\n", "}", "#", "/"):
                raise Unsupported

    def string(self, depth: int) -> Any:
        self.pos += 1  # the opening quote
        text = self.text
        parts: list[Any] = []
        while True:
            char = text[self.pos : self.pos + 1]
            if char == '"':
                self.pos += 1
                break
            found = _ESCAPED.match(text, self.pos)
            if found is not None:
                parts.append(found.group()[1:])  # `$${` is a literal `${`
                self.pos = found.end()
                continue
            if text.startswith("${", self.pos):
                self.pos += 2
                parts.append(self.value(depth + 1))
                if self.inline() != "}":
                    raise Unsupported
                self.pos += 1
                continue
            found = _STRING_CHARS.match(text, self.pos)
            if found is None:  # a template directive, or the end of the text
                raise Unsupported
            parts.append(unescape(found.group()))
            self.pos = found.end()
        if all(isinstance(part, str) for part in parts):
            return "".join(parts)
        return Template(tuple(parts))
