"""The Python versions the package claims agree everywhere they are stated."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        data: dict[str, Any] = tomllib.load(f)
    return data


def _classified_versions() -> list[tuple[int, int]]:
    found = []
    for classifier in _pyproject()["project"]["classifiers"]:
        match = re.fullmatch(r"Programming Language :: Python :: 3\.(\d+)", classifier)
        if match:
            found.append((3, int(match[1])))
    return sorted(found)


def test_classifiers_list_every_version_from_the_lowest_supported_one() -> None:
    versions = _classified_versions()
    assert versions, "no 'Programming Language :: Python :: 3.N' classifiers"
    lowest = versions[0]
    assert versions == [(3, minor) for minor in range(lowest[1], lowest[1] + len(versions))]
    requires = _pyproject()["project"]["requires-python"]
    assert requires == f">={lowest[0]}.{lowest[1]}"


def test_type_checker_and_linter_target_the_lowest_supported_version() -> None:
    lowest = _classified_versions()[0]
    config = _pyproject()["tool"]
    assert config["mypy"]["python_version"] == f"{lowest[0]}.{lowest[1]}"
    assert config["ruff"]["target-version"] == f"py{lowest[0]}{lowest[1]}"


def test_ci_reads_the_versions_from_the_classifiers() -> None:
    # .ci/run reads the versions from the classifiers rather than keeping its own list.
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "Programming Language :: Python :: (3\\.\\d+)" in script
    assert "HYPOTHESIS_PROFILE=quick" in script
