"""The Python examples in docs/ run as written."""

from __future__ import annotations

import contextlib
import inspect
import io
import unittest
from typing import Any

import pytest

from ..helpers import CONTINUED, ROOT, python_examples

DOCS = ROOT / "docs"
GROUPS = {
    f"{path.name}-{index}": blocks
    for path in sorted(DOCS.glob("*.md"))
    for index, blocks in enumerate(python_examples(path))
}
EXAMPLES = [pytest.param(blocks, id=name) for name, blocks in GROUPS.items()]


def test_docs_have_examples() -> None:
    assert len([name for name in GROUPS if name.startswith("testing.md")]) >= 5


def test_continued_blocks_join_the_example_before() -> None:
    tutorial = [
        name
        for name, blocks in GROUPS.items()
        if len(blocks) > 1 and all(code.startswith(CONTINUED) for code, _ in blocks[1:])
    ]
    assert tutorial, "docs/testing.md's tutorial runs as one example"


@pytest.mark.parametrize("blocks", EXAMPLES)
def test_doc_example_runs(blocks: list[tuple[str, str]], request: pytest.FixtureRequest) -> None:
    """Each example runs and prints what its closing `# ` lines say; a pytest-style test it
    defines that takes fixtures is run with them, and a `Test...` test case it defines is
    run, as pytest would run them. The blocks of a
    continued example run in turn in one namespace."""
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    for code, expected in blocks:
        out = io.StringIO()
        ran = set(namespace)  # what earlier blocks defined ran with them
        with contextlib.redirect_stdout(out):
            exec(compile(code, "docs", "exec"), namespace)
            for name, value in list(namespace.items()):
                if name.startswith("test_") and inspect.isfunction(value) and name not in ran:
                    fixtures = inspect.signature(value).parameters
                    if fixtures:
                        arguments = {f: request.getfixturevalue(f) for f in fixtures}
                        value(**arguments)
                elif (
                    name.startswith("Test")
                    and isinstance(value, type)
                    and issubclass(value, unittest.TestCase)
                    and name not in ran
                ):
                    ran.add(name)
                    result = unittest.TestResult()
                    unittest.defaultTestLoader.loadTestsFromTestCase(value).run(result)
                    assert result.wasSuccessful(), result.failures + result.errors
        assert out.getvalue().rstrip("\n") == expected, code
