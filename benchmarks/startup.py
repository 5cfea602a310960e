"""Start-up of the `glue-security` command, against `python -c "import json"`.

Run from the README's environment (no extra needed; the `bench` extra's venv works too):

    .venv/bin/python benchmarks/startup.py [--rounds 41]

`glue-security validate FILE` and `glue-security lint FILE`, each on one small valid file
(the examples' CreateSecurityConfiguration envelope), and `python -c "import
glue_security"`, each one process timed from start to exit. In every round each runs once
beside `python -c "import json"` (the interpreter's own start-up and a small import), the
order rotating, and the round's ratio is the command's time ÷ that baseline's. The row's
ratio is the median of the rounds' ratios; `spread` the lowest and highest. The package's
bytecode is compiled first, as `pip install` does.

The targets (`validate` and `lint` on one small file in at most 0.1 s) are written as
ratios: 0.1 s over the baseline on a quiet 2-core x86_64 machine of the kind the
benchmarks run on (about 20 ms: 5x). Results go to `benchmarks/results/startup.json`.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.metadata
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import row, write_results

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SMALL_FILE = ROOT / "examples" / "valid" / "CreateSecurityConfiguration.json"

# 0.1 s over the baseline's ~20 ms on a quiet machine of the benchmarks' kind.
COMMAND_LIMIT = 5.0

BASELINE = [sys.executable, "-c", "import json"]
COMMANDS = {
    "validate": (
        "`glue-security validate` on one small file",
        [str(BIN / "glue-security"), "validate", str(SMALL_FILE)],
        COMMAND_LIMIT,
    ),
    "lint": (
        "`glue-security lint` on one small file",
        [str(BIN / "glue-security"), "lint", str(SMALL_FILE)],
        COMMAND_LIMIT,
    ),
    "import": (
        "`import glue_security`",
        [sys.executable, "-c", "import glue_security"],
        None,
    ),
}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: lint found something to say about the file
        raise SystemExit(f"{command} exited {done.returncode}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=41)
    args = parser.parse_args(argv)
    compileall.compile_dir(str(ROOT / "glue_security"), quiet=1)
    for _, command, _ in COMMANDS.values():  # warm the file cache
        timed(command)

    ratios: dict[str, list[float]] = {name: [] for name in COMMANDS}
    seconds: dict[str, list[float]] = {name: [] for name in COMMANDS}
    baselines: list[float] = []
    names = list(COMMANDS)
    for round_number in range(args.rounds):
        for offset in range(len(names)):
            name = names[(round_number + offset) % len(names)]
            command = COMMANDS[name][1]
            if round_number % 2:  # alternate which side runs first
                ours, base = timed(command), timed(BASELINE)
            else:
                base, ours = timed(BASELINE), timed(command)
            ratios[name].append(ours / base)
            seconds[name].append(ours)
            baselines.append(base)

    rows = []
    print(
        f"{args.rounds} paired rounds; python -c 'import json': "
        f"{statistics.median(baselines) * 1e3:.0f} ms median\n"
    )
    print("| command | median | ratio ÷ import json | range | limit |")
    print("|---|---:|---:|---:|---:|")
    for name, (title, _, limit) in COMMANDS.items():
        median = statistics.median(ratios[name])
        low, high = min(ratios[name]), max(ratios[name])
        rows.append(
            row(
                f"startup-{name}",
                "Command start-up",
                title,
                peer='python -c "import json"',
                ratio=median,
                spread=(low, high),
                limit=limit,
                ours_seconds=statistics.median(seconds[name]),
                peer_seconds=statistics.median(baselines),
                unit="per process",
            )
        )
        shown = "" if limit is None else f"≤ {limit}"
        print(
            f"| {title} | {statistics.median(seconds[name]) * 1e3:.0f} ms | {median:.2f}x "
            f"| {low:.1f}–{high:.1f}x | {shown} |"
        )
    versions = {"glue-security": importlib.metadata.version("glue-security")}
    print(f"\nwritten to {write_results(__file__, rows, versions)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
