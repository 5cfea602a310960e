"""The benchmarks' results files (benchmarks/results/*.json) follow the shared format, and
docs/performance.md states what they hold: its figures are written from them
(benchmarks/report.py), never by hand. No timing is asserted here: only that the page and
the data agree, and that each row's verdict follows from its own numbers."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..helpers import ROOT

BENCHMARKS = ROOT / "benchmarks"
RESULT_FILES = sorted((BENCHMARKS / "results").glob("*.json"))
ROW_KEYS = {
    "id",
    "group",
    "title",
    "ours",
    "peer",
    "ours_seconds",
    "peer_seconds",
    "ratio",
    "spread",
    "limit",
    "met",
    "unit",
}


def benchmark_module(name: str) -> ModuleType:
    """A script of benchmarks/ (not a package), loaded from its file."""
    spec = importlib.util.spec_from_file_location(f"_benchmarks_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclass-like machinery looks itself up there
    spec.loader.exec_module(module)
    return module


def test_there_are_results() -> None:
    assert {path.stem for path in RESULT_FILES} >= {"bench", "startup"}


@pytest.mark.parametrize("path", RESULT_FILES, ids=[p.stem for p in RESULT_FILES])
def test_a_results_file_follows_the_shared_format(path: Path) -> None:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert data["script"] == f"{path.stem}.py" and (BENCHMARKS / data["script"]).is_file()
    assert set(data["machine"]) >= {"platform", "processor", "cores", "python"}
    assert data["versions"]["glue-security"]
    ids = [row["id"] for row in data["rows"]]
    assert ids and len(ids) == len(set(ids))
    for row in data["rows"]:
        assert set(row) == ROW_KEYS, row["id"]
        low, high = row["spread"]
        assert 0 < low <= row["ratio"] <= high, row["id"]
        if row["limit"] is None:
            assert row["met"] is None, row["id"]
        else:
            assert row["met"] is (row["ratio"] <= row["limit"]), row["id"]


def test_write_results_writes_the_shared_format(tmp_path: Path) -> None:
    results = benchmark_module("results")
    rows = [
        results.row("a", "g", "A", peer="p", ratio=0.5, spread=(0.4, 0.7), limit=0.6),
        results.row("b", "g", "B", peer="p", ratio=2.0, spread=(1.5, 2.5)),
    ]
    path = results.write_results("example.py", rows, {"glue-security": "0"}, directory=tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == "example.json" and data["script"] == "example.py"
    assert [(r["met"], r["limit"]) for r in data["rows"]] == [(True, 0.6), (None, None)]


def test_performance_page_states_the_results_files() -> None:
    report = benchmark_module("report")
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert report.rewrite(page) == page, "run: python benchmarks/report.py"
    named = {match["name"] for match in report.BLOCK.finditer(page)}
    assert named == {path.stem for path in RESULT_FILES}
