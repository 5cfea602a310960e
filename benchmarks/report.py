"""docs/performance.md's figures, written from `benchmarks/results/*.json`.

The page holds one block per results file between `<!-- results: NAME -->` and
`<!-- /results -->`; this script rewrites each block from `benchmarks/results/NAME.json`,
so that the page states the last run's figures and no number is copied by hand.

    python benchmarks/report.py           # rewrite the blocks
    python benchmarks/report.py --check   # exit 1 if a block differs from its file

The tests run the check. History of full runs stays in `benchmarks/RESULTS.md`.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PAGE = ROOT / "docs" / "performance.md"

BLOCK = re.compile(r"(<!-- results: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /results -->)", re.S)


def _seconds(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 0.1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    return f"{value * 1e6:.1f} µs"


def _ratio(value: float) -> str:
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def render(results: dict[str, Any]) -> str:
    """The Markdown of one results file: where and when it ran, and a table of its rows."""
    machine = results["machine"]
    versions = ", ".join(f"{name} {version}" for name, version in results["versions"].items())
    lines = [
        f"Recorded {results['date']} at commit {results['commit']} by "
        f"`benchmarks/{results['script']}` (Python {machine['python']}, {versions}; "
        f"{machine['processor']}, {machine['cores']} cores). Ratio: glue-security ÷ the peer, "
        "the median of paired rounds (below 1.0 glue-security is faster); range: the lowest "
        "and highest round. Times are medians per call, per process or per the unit after the "
        "measure, and follow the machine's load; only the ratios compare.",
        "",
        "| measure | peer | glue-security | peer's | ratio | range | target | met |",
        "|---|---|---:|---:|---:|---:|---:|:-:|",
    ]
    for row in results["rows"]:
        timed = row["ours_seconds"] is not None and row["unit"] not in ("per call", "per process")
        unit = f" ({row['unit']})" if timed else ""
        low, high = row["spread"]
        limit = "" if row["limit"] is None else f"≤ {row['limit']:g}"
        met = {None: "", True: "yes", False: "**no**"}[row["met"]]
        lines.append(
            f"| {row['title']}{unit} | {row['peer']} | {_seconds(row['ours_seconds'])} "
            f"| {_seconds(row['peer_seconds'])} | {_ratio(row['ratio'])} "
            f"| {_ratio(low)}–{_ratio(high)} "
            f"| {limit} | {met} |"
        )
    return "\n".join(lines) + "\n"


def rewrite(page: str, results: Path = RESULTS) -> str:
    """`page` with each results block written from its file."""

    def block(match: re.Match[str]) -> str:
        data = json.loads((results / f"{match['name']}.json").read_text(encoding="utf-8"))
        return match[1] + render(data) + match[4]

    return BLOCK.sub(block, page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is stale")
    args = parser.parse_args(argv)
    page = PAGE.read_text(encoding="utf-8")
    fresh = rewrite(page)
    if args.check:
        if fresh != page:
            print(f"{PAGE} is stale: run python benchmarks/report.py")
            return 1
        return 0
    PAGE.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
