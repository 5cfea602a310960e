"""Static types: the generated files are current, and type checkers see what users should.

The typing suite (`tests/typing/`, see its README) and every Python example in README.md
and docs/ are checked by mypy --strict and by pyright (basedpyright, strict), one run each.
A canary file whose expectations are wrong checks that the harness can fail.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
from typing_extensions import get_overloads

import glue_security as gs
from glue_security.generate.stubs import REGENERATE, render

from ..helpers import python_blocks, python_examples

ROOT = Path(__file__).resolve().parents[2]
TYPING = ROOT / "tests" / "typing"

CANARY = """\
import glue_security as gs
from typing_extensions import assert_type

gs.S3Encryption(s3_encryption_mode="SSE-KMS")  # type: ignore[arg-type]  {PYRIGHT_IGNORE}
assert_type(gs.S3Encryption().kms_key_arn, str)
""".format(PYRIGHT_IGNORE="# pyright: ignore[reportArgumentType]")
# The canary's lines that each checker must report, and nothing else anywhere.
CANARY_LINES = [4, 5]

# Hypothesis 6.170 types its stateful API (`RuleBasedStateMachine.TestCase`); 6.168, the
# last release for Python 3.10, leaves it untyped, so the examples that use it are checked
# only where a typed Hypothesis is installed (CI's main Python).
TYPED_STATEFUL = hypothesis.__version_info__ >= (6, 170)


def test_generated_types_are_up_to_date() -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, text in render().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"stale {stale}: run `{REGENERATE}`"


def test_wire_typeddicts_have_the_members_keys() -> None:
    from glue_security import wire

    for name, model in gs.MODELS.items():
        typed = getattr(wire, name)
        members = gs.members(model).values()
        assert typed.__required_keys__ == {m.wire_name for m in members if m.required}, name
        assert typed.__optional_keys__ == {m.wire_name for m in members if not m.required}, name
    for name, enum_cls in gs.ENUMS.items():
        assert typing.get_args(getattr(wire, name)) == enum_cls.wire_values()


def test_typing_examples_cover_each_kind_of_mistake() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in TYPING.glob("*.py"))
    for expected in ("call-arg", "arg-type", "list-item", "assert_type", "misc", "typeddict"):
        assert expected in text


@pytest.mark.skipif(sys.version_info < (3, 11), reason="typing.get_overloads is 3.11+")
def test_operation_overloads_match_operations() -> None:
    for function, side in ((gs.validate_request, "input"), (gs.parse_response, "output")):
        typed: dict[str, str] = {}
        for overload in get_overloads(function):
            names = overload.__annotations__["name"]
            returned = overload.__annotations__["return"]
            for name in re.findall(r"['\"](\w+)['\"]", names):
                typed[name] = returned.removeprefix("msg.")
        expected = {}
        for op in gs.OPERATIONS.values():
            model = getattr(op, side).__name__
            expected[op.name] = expected[op.python_name] = model
        assert typed == expected


def _checked_files(directory: Path) -> list[Path]:
    """The typing suite, the documentation's examples as modules, and the canary."""
    files = sorted(TYPING.glob("*.py"))
    # README's blocks share one namespace, as a reader runs them; docs' blocks stand alone,
    # but for a continued example's (a tutorial's steps), which share one too.
    readme = "\n".join(code for code, _ in python_blocks(ROOT / "README.md"))
    examples = {"readme_examples.py": readme}
    for path in sorted((ROOT / "docs").glob("*.md")):
        for index, blocks in enumerate(python_examples(path)):
            code = "\n".join(code for code, _ in blocks)
            if TYPED_STATEFUL or "hypothesis.stateful" not in code:
                examples[f"{path.stem}_example_{index}.py"] = code
    for name, code in {**examples, "canary.py": CANARY}.items():
        (directory / name).write_text(code, encoding="utf-8")
        files.append(directory / name)
    return files


def _reported(output: Iterator[tuple[str, int]], directory: Path) -> list[tuple[str, int]]:
    return sorted({(Path(path).name, line) for path, line in output})


def test_mypy_strict(tmp_path: Path) -> None:
    files = _checked_files(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--show-error-codes",
            *map(str, files),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = re.findall(r"^(.+?\.py):(\d+): error:", result.stdout, re.M)
    reported = _reported(((path, int(line)) for path, line in errors), tmp_path)
    assert reported == [("canary.py", line) for line in CANARY_LINES], result.stdout + result.stderr


def test_pyright_strict(tmp_path: Path) -> None:
    files = _checked_files(tmp_path)
    config = tmp_path / "pyrightconfig.json"
    config.write_text(
        json.dumps(
            {
                "typeCheckingMode": "strict",
                "pythonVersion": "3.10",
                "extraPaths": [str(ROOT)],
                # Only pyright's own comments count, and one that is not needed is an error.
                "enableTypeIgnoreComments": False,
                "reportUnnecessaryTypeIgnoreComment": "error",
                # boto3-stubs types `boto3.client` for every service, and only Glue's stubs
                # are installed; README's blocks import again, as a reader copies one alone.
                "reportUnknownMemberType": False,
                "reportDuplicateImport": False,
            }
        )
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "basedpyright",
            "--outputjson",
            "-p",
            str(config),
            "--pythonpath",
            sys.executable,
            *map(str, files),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    diagnostics = json.loads(result.stdout)["generalDiagnostics"]
    errors = [d for d in diagnostics if d["severity"] == "error"]
    reported = _reported(((d["file"], d["range"]["start"]["line"] + 1) for d in errors), tmp_path)
    assert reported == [("canary.py", line) for line in CANARY_LINES], json.dumps(errors, indent=1)
