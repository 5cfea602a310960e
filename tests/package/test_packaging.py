"""The Python versions the package claims agree everywhere they are stated, and the tests
need nothing outside the repository (a lone clone runs them all)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _pyproject() -> dict[str, Any]:
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")
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


# The folder beside a checkout, written in pieces so that this file does not mention it.
_BESIDE = "shared"
_OUTSIDE = re.compile(
    rf"\.\./{_BESIDE}\b"  # ../<folder>
    rf"|/{_BESIDE}/"  # .../<folder>/...
    rf"|\.parent\s*/\s*[\"']{_BESIDE}[\"']"  # ROOT.parent / "<folder>"
    rf"|parents\[2\]\s*/\s*[\"']{_BESIDE}[\"']"  # Path(__file__).parents[2] / "<folder>"
)


def test_no_test_reads_the_folder_beside_the_checkout() -> None:
    # Everything a test reads is in tests/data (tests/data/README.md names the sources).
    mentions = []
    for path in sorted((ROOT / "tests").rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if _OUTSIDE.search(line):
                mentions.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert mentions == []
