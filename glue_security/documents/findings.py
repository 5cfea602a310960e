"""How bad a finding is, and how a name or value is shown in a report: the severities that
the linter gives its rules, and the one escaping that every report format uses for text
that reaches a log or a terminal (one home, below both)."""

from __future__ import annotations

import json
import re
from typing import Literal

__all__ = ["SEVERITIES", "Severity", "display_name", "printable"]

Severity = Literal["error", "warning", "note"]
#: Most severe first; a `--severity` threshold keeps its own level and those before it.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "note")


def _escape(char: str) -> str:
    # JSON's escapes (\n, \u001b, \u202e, a surrogate pair for an astral character).
    return json.dumps(char)[1:-1]


def printable(text: str) -> str:
    """`text` with each character that is not printable (a line break of any kind, ESC,
    BEL, DEL, a bidirectional control, a lone surrogate) written as its JSON escape, so
    that no name or value can start a line, move the cursor or reorder what is shown."""
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


# A line that starts (after white space) with "::" is a GitHub Actions workflow command.
_UNSAFE_START = re.compile(r'\s|:|"')


def display_name(name: str) -> str:
    """A name (a file, a template's logical id, a plan's address) as reports show it in
    text: as it is where it is printable and cannot start a workflow command, otherwise
    quoted as a JSON string with every unprintable character escaped."""
    if name and name.isprintable() and not _UNSAFE_START.match(name):
        return name
    return '"' + "".join(_escape(c) if c in '"\\' or not c.isprintable() else c for c in name) + '"'
