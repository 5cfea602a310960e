"""Adding a shape kind cannot go unnoticed: every dispatch over the kinds ends in
`assert_never`, so mypy names a dispatch that misses one (`mypy --strict glue_security`
runs in CI), and the two dispatch tables are checked here to hold every kind."""

from __future__ import annotations

import re
import subprocess
import sys
import typing
from pathlib import Path

from glue_security.spec.kinds import Shape, StringShape, assert_never
from glue_security.strategies.faults import _WRONG_TYPES
from glue_security.validation.checks import _CHECKS

from ..helpers import ROOT

KINDS = ("String", "Enum", "Integer", "Boolean", "Timestamp", "Structure", "List")

DISPATCH = """\
from glue_security.spec.kinds import {imports}, Shape, assert_never


def describe(shape: Shape) -> str:
{branches}
    assert_never(shape)
"""


def _dispatch(kinds: tuple[str, ...]) -> str:
    imports = ", ".join(f"{kind}Shape" for kind in kinds)
    branches = "".join(
        f"    if isinstance(shape, {kind}Shape):\n        return {kind!r}\n" for kind in kinds
    )
    return DISPATCH.format(imports=imports, branches=branches)


def _mypy_errors(tmp_path: Path, code: str) -> list[tuple[str, str]]:
    module = tmp_path / "dispatch.py"
    module.write_text(code, encoding="utf-8")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--show-error-codes"]
    result = subprocess.run(
        [*mypy, str(module)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert not result.stderr, result.stderr
    return re.findall(r"^.+?dispatch\.py:(\d+): error: (.*)$", result.stdout, re.M)


def test_the_shape_union_lists_every_kind() -> None:
    assert [kind.__name__ for kind in typing.get_args(Shape)] == [f"{k}Shape" for k in KINDS]


def test_mypy_reports_a_dispatch_that_misses_a_kind(tmp_path: Path) -> None:
    assert _mypy_errors(tmp_path, _dispatch(KINDS)) == []
    missing_boolean = tuple(kind for kind in KINDS if kind != "Boolean")
    errors = _mypy_errors(tmp_path, _dispatch(missing_boolean))
    last_line = len(_dispatch(missing_boolean).splitlines())
    assert len(errors) == 1, errors
    line, message = errors[0]
    assert int(line) == last_line  # the assert_never call
    assert '"BooleanShape"' in message and "[arg-type]" in message, message


def test_assert_never_fails_loudly_at_run_time() -> None:
    shape = StringShape("Name")
    try:
        assert_never(shape)  # type: ignore[arg-type]
    except AssertionError as exc:
        assert "StringShape" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("assert_never returned")


def test_the_dispatch_tables_hold_every_kind() -> None:
    kinds = set(typing.get_args(Shape))
    assert set(_CHECKS) == kinds
    assert set(_WRONG_TYPES) == kinds
