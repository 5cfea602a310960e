"""The Python examples in docs/ run as written."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import ROOT, python_blocks

DOCS = ROOT / "docs"
BLOCKS = [
    pytest.param(code, id=f"{path.name}-{index}")
    for path in sorted(DOCS.glob("*.md"))
    for index, (code, _expected) in enumerate(python_blocks(path))
]


def test_docs_have_examples() -> None:
    assert len([b for b in BLOCKS if "testing.md" in str(b.id)]) >= 5


@pytest.mark.parametrize("code", BLOCKS)
def test_doc_example_runs(code: str) -> None:
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    exec(compile(code, "docs", "exec"), namespace)
