"""Benchmark results as data: each script writes `benchmarks/results/<script-stem>.json`
(committed; docs/performance.md reads them) with `write_results`.

The format: `format` (1), `script`, `date` (UTC), `commit`, `machine`, `versions`, and
`rows`, each row `id`, `group`, `title`, `ours`, `peer`, `ours_seconds`, `peer_seconds`,
`ratio` (ours ÷ peer, lower is better for us), `spread`, `limit` (the ours ÷ peer bound,
or null), `met` (null without a limit) and `unit`.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = ["RESULTS", "write_results"]

RESULTS = Path(__file__).resolve().parent / "results"


def _commit() -> str:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=RESULTS.parent,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return found.stdout.strip()


def write_results(script: str, rows: list[dict[str, Any]], versions: dict[str, str]) -> Path:
    """Write the rows of one run of `script` (its file name) and return the file's path."""
    document = {
        "format": 1,
        "script": Path(script).name,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": _commit(),
        "machine": {
            "platform": platform.platform(),
            "processor": platform.machine(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
        },
        "versions": versions,
        "rows": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{Path(script).stem}.json"
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return path
