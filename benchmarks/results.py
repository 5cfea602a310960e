"""Benchmark results as data: every script in `benchmarks/` writes its rows with
`write_results`, to `benchmarks/results/<script-stem>.json`, which docs/performance.md and
the docs site's charts read (no figure is copied into the docs by hand).

A row compares glue-security (`ours`) with a peer measured in the same run: `ratio` is
ours ÷ peer (below 1.0 we are faster), the median of paired rounds, and `spread` the
lowest and highest paired ratio unless the script's docstring says otherwise. A row
stated as "peer ÷ ours" (at least 20x cfn-lint) still stores ours ÷ peer, with `limit` the
ours ÷ peer bound (1/20 = 0.05). `limit` is None for a row without a target; `met` then too.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypedDict

__all__ = ["FORMAT", "RESULTS", "Row", "row", "write_results"]

FORMAT = 1
RESULTS = Path(__file__).resolve().parent / "results"


class Row(TypedDict):
    id: str
    group: str
    title: str
    ours: str
    peer: str
    ours_seconds: float | None
    peer_seconds: float | None
    ratio: float
    spread: list[float]
    limit: float | None
    met: bool | None
    unit: str


def row(
    id: str,
    group: str,
    title: str,
    *,
    ours: str = "glue-security",
    peer: str,
    ratio: float,
    spread: tuple[float, float],
    limit: float | None = None,
    ours_seconds: float | None = None,
    peer_seconds: float | None = None,
    unit: str = "per call",
) -> Row:
    """One row; `met` follows from `ratio` and `limit`."""
    return Row(
        id=id,
        group=group,
        title=title,
        ours=ours,
        peer=peer,
        ours_seconds=ours_seconds,
        peer_seconds=peer_seconds,
        ratio=round(ratio, 4),
        spread=[round(spread[0], 4), round(spread[1], 4)],
        limit=limit,
        met=None if limit is None else ratio <= limit,
        unit=unit,
    )


def _commit() -> str:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return found.stdout.strip() or "unknown"


def write_results(
    script: str,
    rows: Iterable[Row] | Iterable[Mapping[str, Any]],
    versions: Mapping[str, str],
    *,
    directory: Path = RESULTS,
) -> Path:
    """Write the run's rows as `<directory>/<script stem>.json`; return the path."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "script": Path(script).name,
        "date": datetime.now(timezone.utc)
        .replace(microsecond=0)
        .isoformat()
        .replace("+00:00", "Z"),
        "commit": _commit(),
        "machine": {
            "platform": platform.platform(),
            "processor": platform.machine(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
        },
        "versions": dict(versions),
        "rows": list(rows),
    }
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{Path(script).stem}.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
