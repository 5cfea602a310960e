"""Draw the benchmark results as charts: one SVG per group of rows, for the docs site.

    .venv/bin/pip install -e '.[docs]'
    .venv/bin/python benchmarks/charts.py [--results benchmarks/results] [--out DIR]

Reads every `benchmarks/results/*.json` that the benchmark scripts write (format 1: each
row is glue-security's time over a peer's, measured in the same run) and draws one chart
per `group` of rows, across all the files: a bar per row at its ratio, the spread the
script recorded as a whisker, and the row's limit as a tick on the bar. The site build
(`mkdocs build`) runs this into `docs/assets/benchmarks/`, so a re-run of a benchmark
redraws its charts; no figure is copied by hand.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "benchmarks"
FORMAT = 1

# Bar colours: target met, target missed, no target.
_MET, _MISSED, _NONE = "#2e7d32", "#c62828", "#607d8b"


@dataclass(frozen=True)
class Row:
    """One measured pair: glue-security's time over the peer's (lower is better for us)."""

    id: str
    group: str
    title: str
    ours: str
    peer: str
    ratio: float
    spread: tuple[float, float] | None
    limit: float | None
    met: bool | None
    source: str  # the results file's name


@dataclass(frozen=True)
class Results:
    """One results file: where and when it was measured, and its rows."""

    name: str
    script: str
    date: str
    commit: str
    machine: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Chart:
    """One drawn group: its file name (in the output folder), title and SVG text."""

    file_name: str
    group: str
    svg: str
    sources: tuple[Results, ...]


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"{where}: expected a positive number, got {value!r}")
    return float(value)


def _row(raw: Any, source: str, index: int) -> Row:
    where = f"{source}: rows[{index}]"
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected an object")
    try:
        spread_raw = raw.get("spread")
        spread = (
            None
            if spread_raw is None
            else (_number(spread_raw[0], where), _number(spread_raw[1], where))
        )
        limit = None if raw.get("limit") is None else _number(raw["limit"], where)
        met = raw.get("met")
        return Row(
            id=str(raw["id"]),
            group=str(raw["group"]),
            title=str(raw.get("title") or raw["id"]),
            ours=str(raw.get("ours") or "glue-security"),
            peer=str(raw["peer"]),
            ratio=_number(raw["ratio"], where),
            spread=spread,
            limit=limit,
            met=met if isinstance(met, bool) else None,
            source=source,
        )
    except (KeyError, IndexError, TypeError) as error:
        raise ValueError(f"{where}: missing or malformed {error}") from None


def load(path: Path) -> Results:
    """One results file, checked against the shared format."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path.name}: not a format {FORMAT} results file")
    machine = data.get("machine") or {}
    described = ", ".join(
        str(part)
        for part in (
            f"Python {machine['python']}" if machine.get("python") else None,
            machine.get("processor"),
            f"{machine['cores']} cores" if machine.get("cores") else None,
        )
        if part
    )
    rows = data.get("rows")
    if not isinstance(rows, list):
        raise ValueError(f"{path.name}: `rows` is not a list")
    return Results(
        name=path.name,
        script=str(data.get("script") or path.stem),
        date=str(data.get("date") or "unknown date"),
        commit=str(data.get("commit") or "unknown commit"),
        machine=described or "unknown machine",
        rows=tuple(_row(raw, path.name, i) for i, raw in enumerate(rows)),
    )


def load_all(folder: Path) -> list[Results]:
    """Every `*.json` in `folder`, by name; none (or no folder) is an empty list."""
    return [load(path) for path in sorted(folder.glob("*.json"))] if folder.is_dir() else []


def slug(group: str) -> str:
    """A file name for a group: lower case, dashes."""
    return re.sub(r"[^a-z0-9]+", "-", group.lower()).strip("-") or "group"


def _label(row: Row) -> str:
    return textwrap.fill(row.title, 40) + f"\nvs {row.peer}"


def draw(group: str, rows: Sequence[Row]) -> str:
    """The SVG text of one group's chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle
    from matplotlib.ticker import FuncFormatter

    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "glue-security",  # the same ids, and file, for the same data
            "svg.fonttype": "none",  # text stays text: crisp, and the browser's font
            "font.family": "sans-serif",
            "font.size": 10,
        }
    )
    values = [row.ratio for row in rows]
    values += [v for row in rows for v in (row.spread or ())]
    values += [row.limit for row in rows if row.limit is not None]
    low, high = min(*values, 1.0), max(*values, 1.0)
    log = high / low > 10  # ratios far below 1 (20x faster) stay readable
    height = 1.6 + 0.7 * len(rows)
    figure, axes = plt.subplots(figsize=(8, height))
    positions = list(range(len(rows)))[::-1]
    colours = [_MET if r.met else _MISSED if r.met is False else _NONE for r in rows]
    axes.barh(positions, values[: len(rows)], color=colours, height=0.55, zorder=2)
    for y, row in zip(positions, rows, strict=True):
        if row.spread is not None:
            axes.plot(row.spread, [y, y], color="#212121", linewidth=1.2, zorder=3)
        if row.limit is not None:
            axes.plot(
                [row.limit, row.limit],
                [y - 0.38, y + 0.38],
                color="#212121",
                linewidth=2.5,
                zorder=4,
            )
        shown = f"{row.ratio:.3g}×" + (f" (1/{1 / row.ratio:.0f})" if row.ratio < 0.1 else "")
        right = max(row.ratio, *(row.spread or (0,)), row.limit or 0)
        axes.annotate(
            shown,
            (right, y),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            zorder=5,
        )
    axes.axvline(1.0, color="#9e9e9e", linestyle="--", linewidth=1, zorder=1)
    axes.set_yticks(positions, [_label(row) for row in rows])
    if log:
        axes.set_xscale("log")
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        axes.set_xlim(low / 1.6, high * 2.2)
    else:
        axes.set_xlim(0, high * 1.18)
    axes.set_xlabel("glue-security's time ÷ the peer's (lower is better; dashed: equal)")
    axes.set_title(group, loc="left", fontweight="bold")
    axes.grid(axis="x", color="#e0e0e0", zorder=0)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    handles = [
        Rectangle((0, 0), 1, 1, color=_MET, label="target met"),
        Rectangle((0, 0), 1, 1, color=_MISSED, label="target missed"),
        Rectangle((0, 0), 1, 1, color=_NONE, label="no target"),
        Line2D([], [], color="#212121", linewidth=2.5, label="target (at most)"),
    ]
    figure.tight_layout()
    figure.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=4,
        frameon=False,
        fontsize=9,
    )
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def groups(results: Sequence[Results]) -> dict[str, list[Row]]:
    """Rows by group, across every file, in the order they first appear."""
    grouped: dict[str, list[Row]] = {}
    for result in results:
        for row in result.rows:
            grouped.setdefault(row.group, []).append(row)
    return grouped


def charts(results: Sequence[Results]) -> list[Chart]:
    """One chart per group of rows."""
    drawn = []
    for group, rows in groups(results).items():
        names = {row.source for row in rows}
        drawn.append(
            Chart(
                file_name=f"{slug(group)}.svg",
                group=group,
                svg=draw(group, rows),
                sources=tuple(r for r in results if r.name in names),
            )
        )
    return drawn


def markdown(drawn: Sequence[Chart], image_folder: str) -> str:
    """The charts as Markdown, each image under `image_folder` with where it came from."""
    if not drawn:
        return (
            "No benchmark results are recorded yet: run a benchmark script in "
            "`benchmarks/` (it writes `benchmarks/results/`), then build the site again."
        )
    parts = []
    for chart in drawn:
        measured = "; ".join(
            f"`{r.script}` on {r.date[:10]} at commit `{r.commit}` ({r.machine})"
            for r in chart.sources
        )
        parts += [
            f"## {chart.group}",
            "",
            f"[![{chart.group}: glue-security's time over each peer's]"
            f"({image_folder}/{chart.file_name})]({image_folder}/{chart.file_name})",
            "",
            f"Measured by {measured}.",
            "",
        ]
    return "\n".join(parts).rstrip() + "\n"


def write(drawn: Sequence[Chart], out: Path) -> list[Path]:
    """Write the charts into `out`, only those whose text changed; remove other SVGs."""
    out.mkdir(parents=True, exist_ok=True)
    wanted = {chart.file_name: chart.svg for chart in drawn}
    for stale in out.glob("*.svg"):
        if stale.name not in wanted:
            stale.unlink()
    written = []
    for name, svg in wanted.items():
        path = out / name
        if not path.is_file() or path.read_text(encoding="utf-8") != svg:
            path.write_text(svg, encoding="utf-8")
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--results", type=Path, default=RESULTS, help="results folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where the SVGs go")
    args = parser.parse_args(argv)
    drawn = charts(load_all(args.results))
    write(drawn, args.out)
    for chart in drawn:
        print(f"{args.out / chart.file_name}: {chart.group}")
    if not drawn:
        print(f"no results in {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
