"""`glue-security validate` beside check-jsonschema, whole process, on a tree of files.

Run from the README's environment plus the `bench` extra:

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/cli.py [--files 10000] [--rounds 3]

Writes a tree of envelope files (the valid examples with a different name in each file),
once as JSON and once as YAML, and a JSON tree in which one file in ten has a fault. Each
tree is checked by `glue-security validate DIR -q` and by `check-jsonschema --schemafile`
with the schema of `glue-security schema --envelope`, on the same files. Each command is
one process, timed from start to exit (start-up, reading, checking and reporting), in
interleaved rounds; the table gives the fastest round of each and the ratio. Only ratios
from the same run compare: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def envelopes() -> list[dict[str, object]]:
    return [
        json.loads(path.read_text())
        for path in sorted((ROOT / "examples" / "valid").glob("*.json"))
    ]


def with_name(envelope: dict[str, object], number: int) -> dict[str, object]:
    """The envelope with a name of its own where its request has one."""
    request = dict(envelope["Request"])  # type: ignore[call-overload]
    if "Name" in request:
        request["Name"] = f"config-{number:05}"
    return {**envelope, "Request": request}


def with_fault(envelope: dict[str, object]) -> dict[str, object]:
    request = dict(envelope["Request"])  # type: ignore[call-overload]
    request["Unexpected"] = "x"
    return {**envelope, "Request": request}


def write_tree(directory: Path, count: int, format: str, faulty_every: int = 0) -> list[str]:
    import yaml

    base = envelopes()
    files = []
    for number in range(count):
        envelope = with_name(base[number % len(base)], number)
        if faulty_every and number % faulty_every == 0:
            envelope = with_fault(envelope)
        sub = directory / f"d{number // 500:02}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"f{number:05}.{format}"
        if format == "json":
            path.write_text(json.dumps(envelope, indent=2))
        else:
            path.write_text(yaml.safe_dump(envelope, sort_keys=False))
        files.append(str(path))
    return files


def timed(command: list[str], expected: int) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != expected:
        raise SystemExit(
            f"{command[0]} exited {result.returncode}: {result.stderr.decode()[-500:]}"
        )
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="glue-security-bench-"))
    try:
        schema = work / "envelope.schema.json"
        with schema.open("w") as out:
            subprocess.run([BIN / "glue-security", "schema", "--envelope"], stdout=out, check=True)
        trees = {
            "JSON, all valid": (write_tree(work / "json", args.files, "json"), work / "json", 0),
            "YAML, all valid": (write_tree(work / "yaml", args.files, "yaml"), work / "yaml", 0),
            "JSON, 1 in 10 invalid": (
                write_tree(work / "faulty", args.files, "json", faulty_every=10),
                work / "faulty",
                1,
            ),
        }
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for label, (files, directory, expected) in trees.items():
                glue = [str(BIN / "glue-security"), "validate", "-q", str(directory)]
                peer = [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *files]
                times.setdefault((label, "glue-security"), []).append(timed(glue, expected))
                times.setdefault((label, "check-jsonschema"), []).append(timed(peer, expected))
    finally:
        shutil.rmtree(work)

    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("glue-security", "check-jsonschema", "jsonschema", "PyYAML")
    )
    print(
        f"{args.files} files per tree, fastest of {args.rounds} rounds; Python "
        f"{platform.python_version()}, {versions}, {platform.machine()}, "
        f"{os.cpu_count()} cores\n"
    )
    print("| tree | glue-security (s) | check-jsonschema (s) | check-jsonschema ÷ glue-security |")
    print("|---|---:|---:|---:|")
    for label in trees:
        ours, theirs = min(times[(label, "glue-security")]), min(times[(label, "check-jsonschema")])
        print(f"| {label} | {ours:.2f} | {theirs:.2f} | {theirs / ours:.1f}x |")
    json_time = min(times[("JSON, all valid", "glue-security")])
    yaml_time = min(times[("YAML, all valid", "glue-security")])
    print(f"\nYAML ÷ JSON for glue-security: {yaml_time / json_time:.1f}x")


if __name__ == "__main__":
    main()
