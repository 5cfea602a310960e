"""The README's Python examples run as written, and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest
from moto import mock_aws

from ..helpers import ROOT, python_blocks


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
