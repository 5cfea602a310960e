"""The package's layout. The import rules are import-linter's contracts in pyproject.toml
(run here, so the README's test command checks them too); this module holds what those
contracts cannot say: the public face only re-exports, each part says what it owns, and
modules stay small enough to read. The generated code's debuggability is
tests/codec/test_generated_code.py's."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..helpers import ROOT

PACKAGE = ROOT / "glue_security"
SUBPACKAGES = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
# Written by `python -m glue_security.generate`: one declaration a line, however long.
GENERATED = {PACKAGE / "wire.py"}
MAX_LINES = 500
# Hand-written modules over MAX_LINES, each at most the size it had: a module may leave this
# table (by being split), never join it or grow. Empty since every module was split by job.
OVERSIZED: dict[str, int] = {}


def test_import_linter_contracts_are_kept() -> None:
    # The script beside this interpreter: the test extra installs import-linter there.
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None, "import-linter is in the test extra"
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_public_face_only_reexports() -> None:
    """`glue_security/__init__.py` defines nothing but the lazy attributes."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    defined = [
        node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))
    ]
    assigned = [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]
    assert (defined, assigned) == (["__getattr__"], ["__all__"])


@pytest.mark.parametrize("subpackage", SUBPACKAGES)
def test_each_part_says_what_it_owns(subpackage: str) -> None:
    docstring = ast.get_docstring(
        ast.parse((PACKAGE / subpackage / "__init__.py").read_text(encoding="utf-8"))
    )
    assert docstring, f"glue_security/{subpackage}/__init__.py has no docstring"
    summary = docstring.split("\n\n")[0]  # a public part's page may go on below
    assert len(summary.splitlines()) <= 2, "what it owns, in two lines"


def test_no_hand_written_module_grows_past_the_limit() -> None:
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
        if path not in GENERATED
    }
    too_long = {
        name: size
        for name, size in sizes.items()
        if size > OVERSIZED.get(name, MAX_LINES)
    }
    assert not too_long, f"split these (at most {MAX_LINES} lines): {too_long}"
    # A module split below the limit leaves the table, so the table cannot go stale.
    assert all(sizes.get(name, 0) > MAX_LINES for name in OVERSIZED), {
        name: sizes.get(name) for name in OVERSIZED
    }
