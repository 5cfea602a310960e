"""Terraform's native syntax (HCL2, `.tf` and `.tfvars`) read into data with positions.

The parse is python-hcl2's (the `hcl` extra); this module walks its Lark tree into the
layout of Terraform's JSON syntax, so that `.tf` and `.tf.json` files read alike:
`{"resource": {TYPE: {NAME: BODY}}, "variable": {NAME: BODY}, "locals": {...}, ...}`,
where a body's attributes are values and its nested blocks are lists of bodies.

A literal (string, number, bool, null, list, object, heredoc) becomes its value; anything
else stays an expression node (`Reference`, `Call`, `Template`, `Expression`) for the
linter to decide or leave unknown. Positions are those of each attribute's name and each
block's type, by path (`("resource", "aws_glue_security_configuration", "x",
"encryption_configuration", 0)`). Nesting deeper than `MAX_DEPTH` is refused, as JSON and
YAML nesting is bounded by their readers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from .lines import Position

__all__ = [
    "HCL_INSTALL_HINT",
    "MAX_DEPTH",
    "Attribute",
    "Block",
    "Call",
    "Expression",
    "HclError",
    "HclFile",
    "Reference",
    "Template",
    "read_hcl",
    "unescape",
]

HCL_INSTALL_HINT = "reading Terraform .tf files needs python-hcl2: pip install 'glue-security[hcl]'"

#: Nested blocks and values deeper than any provider schema: a file nesting deeper is refused.
MAX_DEPTH = 64
_SHOWN = 80  # characters of an expression's text kept for messages

Parts = tuple[str | int, ...]


class HclError(Exception):
    """Text that is not HCL (code "hcl"), or cannot be read as HCL here ("hcl-support")."""

    def __init__(
        self, code: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


@attrs.frozen
class Reference:
    """A traversal: `var.kms`, `aws_kms_key.k.arn`, `data.aws_iam_policy_document.p.json`."""

    names: tuple[str | int, ...]

    @property
    def text(self) -> str:
        out = ""
        for name in self.names:
            out += f"[{name}]" if isinstance(name, int) else (f".{name}" if out else name)
        return out


@attrs.frozen
class Call:
    """A function call with its arguments (`jsonencode({...})`)."""

    name: str
    arguments: tuple[Any, ...]

    @property
    def text(self) -> str:
        return f"{self.name}(...)"


@attrs.frozen
class Template:
    """A string with interpolations: literal parts and the expressions between them."""

    parts: tuple[Any, ...]

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else "${" + _text_of(p) + "}" for p in self.parts)


@attrs.frozen
class Expression:
    """Any other expression (a conditional, an operator, a for or splat expression)."""

    text: str


def _text_of(value: Any) -> str:
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else json.dumps(value)


@attrs.frozen
class HclFile:
    """A file's data in Terraform's JSON layout, each attribute's and block's position,
    and the comments inside each top-level block (by its path)."""

    data: dict[str, Any]
    positions: Mapping[Parts, Position]
    comments: Mapping[Parts, tuple[str, ...]]

    def position(self, parts: Parts) -> Position | None:
        for end in range(len(parts), 0, -1):
            found = self.positions.get(parts[:end])
            if found is not None:
                return found
        return None


def _parser() -> Any:
    try:
        import hcl2
    except ImportError:
        raise HclError("hcl-support", HCL_INSTALL_HINT) from None
    return hcl2


def read_hcl(text: str) -> HclFile:
    """Parse `text` as HCL2. Raises `HclError` with the parser's reason and position.

    The common forms (blocks, attributes, literals, references, calls, simple templates)
    are read by a small parser of their own (`hcl_fast`), several times faster than the
    general one; any other form, and any fault, is left to python-hcl2, so that both
    give the same data and the parser's own error messages."""
    from .hcl_fast import Unsupported, parse_items

    try:
        items = parse_items(text)
    except Unsupported:
        items = _lark_items(text)
    return _assemble(text, items)


@attrs.frozen
class Attribute:
    """`name = value`, at its name's position."""

    name: str
    value: Any
    at: Position


@attrs.frozen
class Block:
    """`kind "label" ... { items }`, at its type's position, ending on `end_line`."""

    kind: str
    labels: tuple[str, ...]
    items: tuple[Attribute | Block, ...]
    at: Position
    end_line: int


def _lark_items(text: str) -> tuple[Attribute | Block, ...]:
    hcl2 = _parser()
    from lark.exceptions import LarkError, UnexpectedInput

    try:
        tree = hcl2.parses_to_tree(text)
    except UnexpectedInput as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "unexpected input"
        line, column = getattr(exc, "line", None), getattr(exc, "column", None)
        raise HclError(
            "hcl", f"not valid HCL: {reason}", line if line and line > 0 else None, column
        ) from None
    except (LarkError, RecursionError) as exc:
        raise HclError("hcl", f"not valid HCL: {type(exc).__name__}") from None
    try:
        (body,) = _trees(tree)
        return _LarkReader(text).items(body, 0)
    except RecursionError:
        raise HclError("hcl", "not valid HCL: nested too deeply to read") from None


_COMMENT = re.compile(r"(?:#|//)\s*(.*)")


def _assemble(text: str, items: tuple[Attribute | Block, ...]) -> HclFile:
    """A file's items in Terraform's JSON layout, with positions and block comments."""
    data: dict[str, Any] = {}
    positions: dict[Parts, Position] = {}
    comments: dict[Parts, tuple[str, ...]] = {}
    lines: list[str] = []
    commented = "#" in text or "//" in text  # no line of a file without either is a comment
    for item in items:
        if isinstance(item, Attribute):  # .tfvars: attributes only
            data[item.name] = item.value
            continue
        pending: dict[Parts, Position] = {}
        inner = _body(item.items, (), pending)
        # One level of object per label.
        parts: Parts = (item.kind, *item.labels)
        holder: Any = data.setdefault(item.kind, {})
        for label in item.labels[:-1]:
            holder = holder.setdefault(label, {}) if isinstance(holder, dict) else {}
        if not isinstance(holder, dict):
            continue
        if item.labels:
            holder[item.labels[-1]] = inner
        else:  # locals, terraform: the blocks of a module merge
            holder.update(inner)
        positions.setdefault(parts, item.at)
        for key, where in pending.items():
            placed: Parts = (*parts, *key)
            positions[placed] = where
        if item.labels and commented:
            lines = lines or text.splitlines()
            found = (_COMMENT.search(line) for line in lines[item.at[0] - 1 : item.end_line])
            comments[parts] = tuple(match.group(1).strip() for match in found if match)
        elif item.labels:
            comments[parts] = ()
    return HclFile(data, positions, comments)


def _body(
    items: tuple[Attribute | Block, ...], parts: Parts, pending: dict[Parts, Position]
) -> dict[str, Any]:
    """A block's body: attributes as values, nested blocks as lists of bodies; each
    position goes to `pending`, relative to the top-level block."""
    out: dict[str, Any] = {}
    for item in items:
        if isinstance(item, Attribute):
            out[item.name] = item.value
            named: Parts = (*parts, item.name)
            pending[named] = item.at
            continue
        blocks = out.setdefault(item.kind, [])
        if not isinstance(blocks, list):
            continue
        where: Parts = (*parts, item.kind, len(blocks))
        pending[where] = item.at
        pending.setdefault((*parts, item.kind), item.at)
        inner = _body(item.items, where, pending)
        if item.kind == "dynamic":  # generated blocks: not known here
            out.pop(item.kind)
            out[item.labels[0] if item.labels else item.kind] = Expression("dynamic block")
            continue
        blocks.append(inner)
    return out


_IGNORED = frozenset({"new_line_or_comment"})
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")


def unescape(text: str) -> str:
    """A quoted string's characters, its escapes (`\\n`, `\\"`, `\\u00e9`) decoded."""

    def one(match: re.Match[str]) -> str:
        found = match.group(1)
        if found[0] in "uU" and len(found) > 1:
            return chr(int(found[1:], 16))
        return _ESCAPES.get(found, "\\" + found)

    return _ESCAPE.sub(one, text)


def _trees(node: Any) -> list[Any]:
    """The child rules of a Lark tree node, without newlines and comments."""
    return [
        child
        for child in node.children
        if hasattr(child, "data") and child.data not in _IGNORED
    ]


class _LarkReader:
    """python-hcl2's parse tree as items."""

    def __init__(self, text: str) -> None:
        self.text = text

    def items(self, body: Any, depth: int) -> tuple[Attribute | Block, ...]:
        if depth > MAX_DEPTH:
            raise HclError("hcl", f"not valid HCL here: blocks nested deeper than {MAX_DEPTH}")
        out: list[Attribute | Block] = []
        for item in _trees(body):
            if item.data == "attribute":
                name_node, *rest = _trees(item)
                out.append(Attribute(self.label(name_node), self.value(rest[-1], 1), _at(item)))
            elif item.data == "block":
                names: list[str] = []
                inner: Any = None
                for child in _trees(item):
                    if child.data == "body":
                        inner = child
                        break
                    names.append(self.label(child))
                out.append(
                    Block(
                        names[0],
                        tuple(names[1:]),
                        self.items(inner, depth + 1),
                        _at(item),
                        item.meta.end_line,
                    )
                )
        return tuple(out)

    def label(self, node: Any) -> str:
        if node.data == "string":
            return "".join(unescape(str(part.children[0])) for part in _trees(node))
        return str(node.children[0])

    # -- expressions -----------------------------------------------------------------------

    def value(self, node: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise HclError("hcl", f"not valid HCL here: values nested deeper than {MAX_DEPTH}")
        kind = node.data
        if kind == "expr_term":
            inner = _trees(node)
            if len(inner) == 1:
                return self.value(inner[0], depth + 1)
            return self.other(node)
        if kind == "literal_value":
            return {"true": True, "false": False, "null": None}[str(node.children[0])]
        if kind == "int_lit":
            return int(str(node.children[0]))
        if kind == "float_lit":
            return float(str(node.children[0]))
        if kind == "unary_op":
            operator, operand = node.children[0], _trees(node)[0]
            number = self.value(operand, depth + 1)
            if str(operator) == "-" and isinstance(number, (int, float)) and number is not True:
                return -number
            return self.other(node)
        if kind == "string":
            return self.string(node, depth)
        if kind in ("heredoc_template", "heredoc_template_trim"):
            return _heredoc(str(node.children[0]), kind == "heredoc_template_trim")
        if kind == "tuple":
            return [self.value(item, depth + 1) for item in _trees(node)]
        if kind == "object":
            out: dict[str, Any] = {}
            for element in _trees(node):
                key_node, value_node = _trees(element)
                key = self.value(_trees(key_node)[0], depth + 1)
                if not isinstance(key, str):
                    if isinstance(key, Reference) and len(key.names) == 1:
                        key = str(key.names[0])  # `{ Version = ... }`: a bare name
                    else:
                        return self.other(node)
                out[key] = self.value(value_node, depth + 1)
            return out
        if kind == "identifier":
            return Reference((str(node.children[0]),))
        if kind == "get_attr_expr_term":
            base, attribute = _trees(node)
            target = self.value(base, depth + 1)
            names = _trees(attribute)
            if isinstance(target, Reference) and names:
                return Reference((*target.names, str(names[0].children[0])))
            return self.other(node)
        if kind == "index_expr_term":
            base, index = _trees(node)
            target = self.value(base, depth + 1)
            key = self.value(_trees(index)[0], depth + 1) if _trees(index) else None
            if index.data == "short_index":
                key = int(str(index.children[-1]))
            if isinstance(target, Reference) and isinstance(key, (str, int)):
                return Reference((*target.names, key))
            return self.other(node)
        if kind == "function_call":
            trees = _trees(node)
            name = str(trees[0].children[0])
            arguments = [t for t in trees[1:] if t.data == "arguments"]
            values = (
                tuple(self.value(a, depth + 1) for a in _trees(arguments[0])) if arguments else ()
            )
            return Call(name, values)
        return self.other(node)

    def string(self, node: Any, depth: int) -> Any:
        parts: list[Any] = []
        for part in _trees(node):
            (child,) = part.children
            if hasattr(child, "data"):
                if child.data != "interpolation":
                    return self.other(node)  # a template directive (%{if ...})
                parts.append(self.value(_trees(child)[0], depth + 1))
            else:
                text = str(child)
                if child.type in ("ESCAPED_INTERPOLATION", "ESCAPED_DIRECTIVE"):
                    text = text[1:]  # `$${` is a literal `${`
                parts.append(unescape(text) if child.type == "STRING_CHARS" else text)
        if all(isinstance(part, str) for part in parts):
            return "".join(parts)
        return Template(tuple(parts))

    def other(self, node: Any) -> Expression:
        meta = node.meta
        start = getattr(meta, "start_pos", None)
        end = getattr(meta, "end_pos", None)
        text = self.text[start:end] if start is not None and end is not None else node.data
        return Expression(text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...")


def _at(node: Any) -> Position:
    return node.meta.line, node.meta.column


def _heredoc(token: str, trim: bool) -> Any:
    # The token is whole: `<<EOT` and its line, the body, then the closing marker's line.
    start = token.find("\n") + 1
    end = token.rstrip().rfind("\n") + 1
    body = token[start:end] if 0 < start <= end else ""
    body = body.replace("\r\n", "\n")
    if trim:
        lines = body.split("\n")
        indents = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
        cut = min(indents, default=0)
        body = "\n".join(line[cut:] for line in lines)
    if "${" in body.replace("$${", "") or "%{" in body.replace("%%{", ""):
        return Expression("heredoc with interpolation")
    return body.replace("$${", "${").replace("%%{", "%{")
