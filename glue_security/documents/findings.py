"""How bad a finding is: the severities that the linter gives its rules and that the
command's reports show (one home, below both)."""

from __future__ import annotations

from typing import Literal

__all__ = ["SEVERITIES", "Severity"]

Severity = Literal["error", "warning", "note"]
#: Most severe first; a `--severity` threshold keeps its own level and those before it.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "note")
