"""The README's Python examples run as written, and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import Any

import boto3
import pytest

from ..helpers import NO_AWS_ACCOUNT, ROOT, python_blocks


def test_readme_examples(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """As on a machine with no AWS set-up: no credentials, config files or instance role."""
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    for name, value in NO_AWS_ACCOUNT.items():
        if name.startswith("AWS_"):
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)  # none made with another test's set-up
    blocks = python_blocks(ROOT / "README.md")
    assert len(blocks) >= 3
    namespace: dict[str, Any] = {}
    for code, expected in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), namespace)
        assert out.getvalue().rstrip("\n") == expected, code
    assert boto3.DEFAULT_SESSION is not None
    assert boto3.DEFAULT_SESSION.get_credentials() is None  # none were there to find
