"""A command imports what it runs, not what other commands need (benchmarks/startup.py
times the start-up; this checks what is imported, which does not depend on the machine)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ..helpers import ROOT

SMALL_FILE = ROOT / "examples" / "valid" / "CreateSecurityConfiguration.json"

PROBE = """
import contextlib, io, json, sys
from glue_security.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)))
"""


def modules_after(*argv: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


# Imported by nothing validate runs: the linter, lint's baseline (hashlib), and what
# importlib.abc would bring.
NOT_FOR_VALIDATE = {
    "glue_security.linter.engine",
    "glue_security.linter.inputs",
    "glue_security.linter.rules",
    "glue_security.schema.export",
    "glue_security.strategies",
    "importlib.resources",
    "tempfile",
    "hashlib",
    "yaml",
    "cattrs",
}


def test_validate_imports_neither_the_linter_nor_what_it_does_not_run() -> None:
    loaded = modules_after("validate", str(SMALL_FILE))
    assert "glue_security.codec.from_wire" in loaded  # it did run
    assert loaded.isdisjoint(NOT_FOR_VALIDATE), sorted(loaded & NOT_FOR_VALIDATE)


@pytest.mark.parametrize("command", ["lint", "rules"])
def test_lint_and_rules_import_the_linter_when_they_run(command: str) -> None:
    argv = ["lint", str(SMALL_FILE)] if command == "lint" else ["rules"]
    loaded = modules_after(*argv)
    assert "glue_security.linter.rules" in loaded
    assert loaded.isdisjoint({"importlib.resources", "tempfile", "cattrs"})
