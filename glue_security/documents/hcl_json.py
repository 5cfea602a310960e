"""Terraform's JSON syntax (`.tf.json`, as CDK for Terraform writes it): its strings read
as Terraform reads them (a string holding `${...}` is a template, parsed as native syntax),
and its two-label blocks walked. A property named `"//"` is a comment there."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .hcl import _SHOWN, MAX_DEPTH, Expression, HclError, Template, read_hcl

__all__ = ["template_of", "walk_blocks"]


def template_of(text: str) -> Any:
    """A `.tf.json` string read as Terraform reads it: a template where it holds `${`."""
    if "${" not in text and "%{" not in text:
        return text
    quoted = _quoted_template(text)
    if quoted is None:
        return Expression(text[:_SHOWN])
    try:
        parsed = read_hcl("x = " + quoted + "\n")
    except HclError:
        return Expression(text[:_SHOWN])
    value = parsed.data.get("x")
    if isinstance(value, Template) and len(value.parts) == 1:
        return value.parts[0]  # "${var.kms}": the expression itself, as Terraform reads it
    return value


_HCL_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _quoted_template(text: str) -> str | None:
    """`text` (a template) as a quoted string of native syntax: its literal parts escaped,
    each `${...}` and `%{...}` as it is, since inside them is an expression, whose own
    strings (`jsonencode({"Version" = "2012-10-17"})`, as CDK for Terraform writes) must
    not be escaped again. None where an interpolation does not end."""
    out = ['"']
    index = 0
    while index < len(text):
        if text.startswith(("$${", "%%{"), index):
            out.append(text[index : index + 3])
            index += 3
        elif text.startswith(("${", "%{"), index):
            end = _expression_end(text, index + 2)
            if end is None:
                return None
            out.append(text[index : end + 1])
            index = end + 1
        else:
            char = text[index]
            escaped = _HCL_ESCAPES.get(char)
            if escaped is None and ord(char) < 0x20:
                escaped = f"\\u{ord(char):04x}"
            out.append(escaped or char)
            index += 1
    out.append('"')
    return "".join(out)


def _expression_end(text: str, index: int, nesting: int = 0) -> int | None:
    """The index of the `}` that ends the expression starting at `index`, skipping its
    nested braces and quoted strings (which may hold templates of their own); None where
    it does not end, or templates nest deeper than `MAX_DEPTH`."""
    if nesting > MAX_DEPTH:
        return None
    depth = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            index += 1
            while index < len(text) and text[index] != '"':
                if text[index] == "\\":
                    index += 1  # the escaped character
                elif text.startswith(("$${", "%%{"), index):
                    index += 2
                elif text.startswith(("${", "%{"), index):
                    end = _expression_end(text, index + 2, nesting + 1)
                    if end is None:
                        return None
                    index = end
                index += 1
            if index >= len(text):
                return None
        elif char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return index
            depth -= 1
        index += 1
    return None


def walk_blocks(data: Mapping[str, Any], kind: str) -> Iterator[tuple[str, str, Any]]:
    """(type, name, body) of each two-label block of `kind` (`resource`, `data`)."""
    group = data.get(kind)
    if not isinstance(group, dict):
        return
    for type_name, named in group.items():
        if isinstance(named, dict) and type_name != "//":
            for name, body in named.items():
                # "//": a comment in Terraform's JSON syntax, not a block's name
                if name != "//":
                    yield str(type_name), str(name), body
