"""The README's Python examples run as written, and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import pytest
from moto import mock_aws

ROOT = Path(__file__).resolve().parent.parent


def python_blocks(path: Path) -> list[tuple[str, str]]:
    """(code, expected output) per ```python block; the block's closing `# ` lines are output."""
    blocks = []
    for block in re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
        lines = block.rstrip("\n").split("\n")
        expected: list[str] = []
        while lines and lines[-1].startswith("# "):
            expected.insert(0, lines.pop()[2:])
        blocks.append(("\n".join(lines), "\n".join(expected)))
    return blocks


def test_readme_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(name, "testing")
    blocks = python_blocks(ROOT / "README.md")
    assert len(blocks) >= 3
    namespace: dict[str, Any] = {}
    with mock_aws():
        for code, expected in blocks:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code, "README.md", "exec"), namespace)
            assert out.getvalue().rstrip("\n") == expected, code
