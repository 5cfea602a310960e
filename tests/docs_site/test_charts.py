"""benchmarks/charts.py draws one chart per group of rows, from any number of results files
(the samples in tests/data/benchmarks are in the shared results format, with figures taken
from docs/performance.md's recorded runs)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..helpers import ROOT

SAMPLES = ROOT / "tests" / "data" / "benchmarks"

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def charts() -> ModuleType:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("matplotlib is not installed (the docs extra; CI installs it)")
        pytest.skip("matplotlib is not installed: pip install -e '.[docs]'")
    name = "benchmark_charts"
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "charts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _sample_rows() -> list[dict[str, Any]]:
    return [
        row
        for path in sorted(SAMPLES.glob("*.json"))
        for row in json.loads(path.read_text(encoding="utf-8"))["rows"]
    ]


def test_no_results_draws_nothing_and_says_so(charts: ModuleType, tmp_path: Path) -> None:
    assert charts.charts(charts.load_all(tmp_path / "absent")) == []
    assert charts.charts(charts.load_all(tmp_path)) == []
    assert "No benchmark results are recorded yet" in charts.markdown([], "assets")
    assert charts.main(["--results", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    assert list((tmp_path / "out").glob("*.svg")) == []


def test_one_chart_per_group_with_every_row(charts: ModuleType, tmp_path: Path) -> None:
    drawn = charts.charts(charts.load_all(SAMPLES))
    rows = _sample_rows()
    assert [c.group for c in drawn] == list(dict.fromkeys(row["group"] for row in rows))
    for chart in drawn:
        assert chart.svg.startswith("<?xml") and "<svg" in chart.svg
        assert chart.group in chart.svg
        for row in rows:
            if row["group"] == chart.group:
                # Each bar is labelled with its ratio, and its peer is named.
                assert f"{row['ratio']:.3g}×" in chart.svg
                assert f"vs {row['peer']}" in chart.svg
    page = charts.markdown(drawn, "assets/benchmarks")
    assert page.count("![") == len(drawn)
    assert "commit `1c60538`" in page


def test_any_number_of_files_and_groups_across_files(
    charts: ModuleType, tmp_path: Path
) -> None:
    results = tmp_path / "results"
    results.mkdir()
    for copy in range(5):
        for sample in SAMPLES.glob("*.json"):
            shutil.copy(sample, results / f"{sample.stem}-{copy}.json")
    drawn = charts.charts(charts.load_all(results))
    groups = {row["group"] for row in _sample_rows()}
    assert {c.group for c in drawn} == groups  # a group's rows from every file, one chart
    out = tmp_path / "out"
    assert charts.main(["--results", str(results), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.svg")) == sorted(c.file_name for c in drawn)
    # A re-run rewrites nothing that did not change, and removes charts of groups gone.
    (out / "old-group.svg").write_text("<svg/>", encoding="utf-8")
    assert charts.write(drawn, out) == []
    assert not (out / "old-group.svg").exists()


def test_the_same_data_draws_the_same_file(charts: ModuleType) -> None:
    rows = charts.groups(charts.load_all(SAMPLES))
    group, members = next(iter(rows.items()))
    assert charts.draw(group, members) == charts.draw(group, members)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format=2), "not a format 1 results file"),
        (lambda d: d["rows"][0].pop("peer"), "rows[0]: missing or malformed"),
        (lambda d: d["rows"][0].update(ratio=-1), "rows[0]: expected a positive number"),
        (lambda d: d.update(rows=None), "`rows` is not a list"),
    ],
)
def test_a_malformed_file_is_named(
    charts: ModuleType, tmp_path: Path, change: Any, message: str
) -> None:
    data = json.loads((SAMPLES / "bench.json").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "broken.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json") as raised:
        charts.load_all(tmp_path)
    assert message in str(raised.value)
