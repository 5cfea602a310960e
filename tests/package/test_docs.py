"""The Python examples in docs/ run as written."""

from __future__ import annotations

import contextlib
import inspect
import io
from typing import Any

import pytest

from ..helpers import ROOT, python_blocks

DOCS = ROOT / "docs"
BLOCKS = [
    pytest.param(code, expected, id=f"{path.name}-{index}")
    for path in sorted(DOCS.glob("*.md"))
    for index, (code, expected) in enumerate(python_blocks(path))
]


def test_docs_have_examples() -> None:
    assert len([b for b in BLOCKS if "testing.md" in str(b.id)]) >= 5


@pytest.mark.parametrize(("code", "expected"), BLOCKS)
def test_doc_example_runs(code: str, expected: str, request: pytest.FixtureRequest) -> None:
    """Each example runs and prints what its closing `# ` lines say; a pytest-style test it
    defines that takes fixtures is run with them, as pytest would run it."""
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs", "exec"), namespace)
        for name, value in list(namespace.items()):
            if name.startswith("test_") and inspect.isfunction(value):
                fixtures = inspect.signature(value).parameters
                if fixtures:
                    value(**{fixture: request.getfixturevalue(fixture) for fixture in fixtures})
    assert out.getvalue().rstrip("\n") == expected, code
