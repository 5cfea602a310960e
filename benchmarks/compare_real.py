"""What glue-security lint, checkov and cfn-lint each report on real public files: templates,
Terraform modules and plans, recorded API responses and CloudTrail events from public
repositories, listed in benchmarks/real_corpus.json with where each comes from and the
sha256 of its bytes.

The files are third-party and are not in this repository. Lay them out under one folder,
each at the manifest's `local` path, fetched from its `repository` at its `commit` (`path`
there; some entries are excerpts or were generated, as their `note` says), then:

    .venv-bench/bin/python benchmarks/compare_real.py --corpus DIR \
        --ours .venv-lint/bin/glue-security

It refuses to run if a file is missing or its sha256 differs, runs the three tools (checkov
and cfn-lint from the running interpreter's venv, the `bench` extra; `--ours`, a
glue-security with the `hcl` extra, since checkov's fork of the HCL parser takes
python-hcl2's import name), writes benchmarks/results/lint/real_corpus.json, and rewrites
the "Real public files" section of docs/lint-comparison.md (between
`<!-- real-corpus -->` and `<!-- /real-corpus -->`; appended when the page has none).

    python benchmarks/compare_real.py --page    # rewrite the section from the results
    python benchmarks/compare_real.py --check   # exit 1 if the section differs from them
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "benchmarks" / "real_corpus.json"
RESULTS = ROOT / "benchmarks" / "results" / "lint" / "real_corpus.json"
PAGE = ROOT / "docs" / "lint-comparison.md"
BIN = Path(sys.executable).parent
TOOLS = ("glue-security", "checkov", "cfn-lint")
KINDS = (
    "cloudformation",
    "terraform module",
    "terraform plan",
    "recorded API response",
    "cloudtrail event",
)
#: The checkov framework that reads each kind; the others it has none for.
CHECKOV_FRAMEWORKS = {
    "cloudformation": "cloudformation",
    "terraform module": "terraform",
    "terraform plan": "terraform_plan",
}
GLUE_RESOURCE = re.compile(r"(^|\.)(aws_glue_|AWS::Glue::)")
BLOCK = re.compile(r"<!-- real-corpus -->\n.*?<!-- /real-corpus -->\n", re.S)

Finding = dict[str, str]
Outcome = dict[str, Any]  # {"read": bool | None, "findings": [...], ...}


def load_manifest(path: Path = MANIFEST) -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["files"]
    return files


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(corpus: Path, files: list[dict[str, Any]]) -> list[str]:
    """What is missing or differs from the manifest (empty when every file is the one named)."""
    problems = []
    for entry in files:
        path = corpus / entry["local"]
        if not path.is_file():
            problems.append(f"{entry['local']}: missing")
        elif sha256(path) != entry["sha256"]:
            problems.append(f"{entry['local']}: sha256 differs from the manifest's")
    return problems


def run(command: list[str], corpus: Path) -> str:
    """The command's standard output, run where the files are (so no tool reads this
    project's own configuration), checkov offline and quiet."""
    env = {
        **os.environ,
        "BC_SKIP_MAPPING": "TRUE",
        "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
        "ANONYMOUS_TELEMETRY": "false",
    }
    result = subprocess.run(
        command, cwd=corpus, capture_output=True, text=True, env=env, check=False
    )
    return result.stdout


def units(files: list[dict[str, Any]]) -> list[str]:
    """What the tools are given: each Terraform source's folder (the first two levels of
    its files' paths: the tools read each module folder under it as one module), and every
    other file by itself."""
    modules = [entry["local"] for entry in files if entry["kind"] == "terraform module"]
    others = [entry["local"] for entry in files if entry["kind"] != "terraform module"]
    return sorted({*units_of(modules), *others})


def units_of(names: list[str]) -> list[str]:
    """The Terraform sources' folders these files are in."""
    return sorted({"/".join(name.split("/")[:2]) for name in names})


def glue_security(ours: list[str], files: list[dict[str, Any]], corpus: Path) -> dict[str, Outcome]:
    command = [*ours, "lint", "--format", "json", "--jobs", "1", *units(files)]
    results = {result["file"]: result for result in json.loads(run(command, corpus))}
    outcomes = {}
    for entry in files:
        result = results.get(entry["local"])
        read = result is not None and result["error"] is None
        findings = [
            {"rule": error["code"], "resource": error.get("resource") or "-"}
            for error in (result or {}).get("errors", [])
        ]
        shapes = len((result or {}).get("shapes", []))  # resources and documents it recognised
        outcomes[entry["local"]] = {"read": read, "recognised": shapes, "findings": findings}
    return outcomes


def checkov(files: list[dict[str, Any]], corpus: Path) -> dict[str, Outcome]:
    """checkov's failed checks per file, and its passes on Glue resources. Its JSON counts
    parsing errors without naming the file, so templates and plans run one at a time, and a
    Terraform source with parsing errors has each of its files parsed alone to find which."""
    outcomes: dict[str, Outcome] = {}
    known = {entry["local"] for entry in files}
    for kind, framework in CHECKOV_FRAMEWORKS.items():
        mine = [entry["local"] for entry in files if entry["kind"] == kind]
        targets = (
            [("-d", unit) for unit in units_of(mine)]
            if kind == "terraform module"
            else [("-f", name) for name in mine]
        )
        failed: dict[str, list[Finding]] = defaultdict(list)
        passed: dict[str, list[Finding]] = defaultdict(list)
        unparsed: set[str] = set()
        for option, target in targets:
            errors = checkov_run(framework, option, target, corpus, known, failed, passed)
            if errors and option == "-f":
                unparsed.add(target)
            elif errors:
                for name in (name for name in mine if name.startswith(target + "/")):
                    if checkov_run(framework, "-f", name, corpus, known, {}, {}):
                        unparsed.add(name)
        for name in mine:
            outcomes[name] = {
                "read": name not in unparsed,
                "findings": failed.get(name, []),
                "passed_on_glue": [
                    item for item in passed.get(name, []) if GLUE_RESOURCE.search(item["resource"])
                ],
            }
    for entry in files:
        outcomes.setdefault(entry["local"], {"read": None, "findings": []})
    return outcomes


def checkov_run(
    framework: str,
    option: str,
    target: str,
    corpus: Path,
    known: set[str],
    failed: dict[str, list[Finding]],
    passed: dict[str, list[Finding]],
) -> int:
    """Run checkov (offline, quiet) on one file or folder, add its checks on the manifest's
    files to `failed` and `passed`; return its count of parsing errors."""
    command = [str(BIN / "checkov"), "--framework", framework, option, target]
    command += ["-o", "json", "--compact", "--quiet", "--skip-download"]
    reports = json.loads(run(command, corpus) or "[]")
    errors = 0
    for report in reports if isinstance(reports, list) else [reports]:
        errors += int(report.get("summary", {}).get("parsing_errors", 0))
        results = report.get("results", {})
        for key, into in (("failed_checks", failed), ("passed_checks", passed)):
            for check in results.get(key, []):
                where = local(check.get("file_abs_path") or check["file_path"], corpus)
                if where in known:
                    into.setdefault(where, []).append(
                        {"rule": check["check_id"], "resource": check["resource"]}
                    )
    return errors


def local(name: str, corpus: Path) -> str:
    """A path checkov reports, as the manifest's `local` path under the corpus folder."""
    path = Path(name)
    if path.is_absolute() and path.is_relative_to(corpus.resolve()):
        return path.relative_to(corpus.resolve()).as_posix()
    return name.lstrip("/")


def cfn_lint(files: list[dict[str, Any]], corpus: Path) -> dict[str, Outcome]:
    templates = [entry["local"] for entry in files if entry["kind"] == "cloudformation"]
    found: dict[str, list[Finding]] = defaultdict(list)
    for item in json.loads(run([str(BIN / "cfn-lint"), "-f", "json", *templates], corpus) or "[]"):
        path = item["Location"].get("Path") or []
        resource = path[1] if len(path) > 1 and path[0] == "Resources" else "-"
        found[item["Filename"]].append({"rule": item["Rule"]["Id"], "resource": str(resource)})
    outcomes: dict[str, Outcome] = {}
    for entry in files:
        name = entry["local"]
        if name not in templates:
            outcomes[name] = {"read": None, "findings": []}
            continue
        findings = found.get(name, [])
        outcomes[name] = {
            "read": not any(item["rule"] == "E0000" for item in findings),
            "findings": findings,
        }
    return outcomes


def version(command: list[str], corpus: Path) -> str:
    return run([*command, "--version"], corpus).strip().splitlines()[-1].split()[-1]


def commit() -> str:
    found = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return found.stdout.strip() or "unknown"


def measure(corpus: Path, ours: list[str], files: list[dict[str, Any]]) -> dict[str, Any]:
    by_tool = {
        "glue-security": glue_security(ours, files, corpus),
        "checkov": checkov(files, corpus),
        "cfn-lint": cfn_lint(files, corpus),
    }
    return {
        "script": "compare_real.py",
        "date": datetime.now(timezone.utc)
        .replace(microsecond=0)
        .isoformat()
        .replace("+00:00", "Z"),
        "commit": commit(),
        "versions": {
            "glue-security": version(ours, corpus),
            "checkov": version([str(BIN / "checkov")], corpus),
            "cfn-lint": version([str(BIN / "cfn-lint")], corpus),
        },
        "files": [
            {"local": entry["local"], "sha256": entry["sha256"]}
            | {name: by_tool[name][entry["local"]] for name in TOOLS}
            for entry in files
        ],
    }


# --- the page ------------------------------------------------------------------------------


def source(entry: dict[str, Any]) -> str:
    """Where a file comes from, as `owner/repo@shortcommit:path`."""
    if entry["repository"] is None:
        return f"(repository not named): {entry['path']}"
    return f"{entry['repository']}@{entry['commit'][:7]}:{entry['path']}"


def cell(outcome: Outcome) -> str:
    if outcome["read"] is None:
        return "not run"
    if not outcome["read"]:
        return "**not read**"
    counts = Counter(item["rule"] for item in outcome["findings"])
    if not counts:
        return "nothing"
    return ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in sorted(counts.items()))


def render(results: dict[str, Any], files: list[dict[str, Any]]) -> str:
    """The page's "Real public files" section, markers included."""
    by_name = {item["local"]: item for item in results["files"]}
    versions = ", ".join(f"{name} {value}" for name, value in results["versions"].items())
    lines = [
        "<!-- real-corpus -->",
        "## Real public files",
        "",
        f"What each tool reports on {len(files)} real files from public repositories, "
        f"recorded {results['date']} at commit {results['commit']} by "
        f"`benchmarks/compare_real.py` ({versions}). The files are third-party and are "
        "**not in this repository**: `benchmarks/real_corpus.json` lists each one's "
        "repository, commit, path there, kind and sha256. To re-run, fetch each file at its "
        "commit into one folder at the manifest's `local` path, then run "
        "`python benchmarks/compare_real.py --corpus FOLDER --ours PATH/TO/glue-security`. "
        "The script refuses a file whose sha256 differs from the manifest's, so the sha256 "
        "column (its first 12 hex digits here) proves a re-run read the same bytes this "
        "page reports on. Some files are excerpts or re-serialised copies, and the "
        "Terraform plans were generated from the provider's acceptance-test configurations "
        "with Terraform itself: the kind column says which, and the manifest's `note` "
        "how. Where several files come from one file (excerpts of one test file, plans "
        "from its configurations), the row also names the file's `local` path.",
        "",
        "Terraform module folders are read as folders by both glue-security and checkov "
        "(`-d`, framework `terraform`), plans by checkov's `terraform_plan`, templates by "
        "`cloudformation` and by cfn-lint; checkov has no framework for recorded API "
        'responses or CloudTrail events, and cfn-lint reads templates only ("not run"). '
        '"not read" means the tool ran on the file and could not parse it. Findings are '
        "counted per rule, on every resource, not only AWS Glue ones; checkov's count is of "
        "failed checks (results/lint/real_corpus.json also lists its passes on Glue "
        "resources).",
        "",
        "| Source | files | read by glue-security | read by checkov | read by cfn-lint "
        "| glue-security findings | checkov findings | cfn-lint findings |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in files:
        groups[entry["repository"] or "(repository not named)"].append(entry)
    for repository, entries in sorted(groups.items(), key=lambda item: item[0].lower()):
        outcomes = [by_name[entry["local"]] for entry in entries]
        read = []
        found = []
        for tool in TOOLS:
            ran = [o[tool] for o in outcomes if o[tool]["read"] is not None]
            read.append(f"{sum(o['read'] for o in ran)}/{len(ran)}" if ran else "not run")
            found.append(str(sum(len(o["findings"]) for o in ran)) if ran else "")
        lines.append(f"| {repository} | {len(entries)} | " + " | ".join(read + found) + " |")
    lines += [
        "",
        "| File | kind | sha256 | glue-security | checkov | cfn-lint |",
        "|---|---|---|---|---|---|",
    ]
    shared = Counter(source(entry) for entry in files)
    for entry in sorted(files, key=lambda e: (source(e).lower(), e["local"])):
        outcome = by_name[entry["local"]]
        cells = [cell(outcome[tool]) for tool in TOOLS]
        name = f"`{source(entry)}`"
        if shared[source(entry)] > 1:  # excerpts of one file, plans from one test file
            name += f" as `{entry['local']}`"
        kind = entry["kind"]
        made = re.match(r"(excerpt|generated|re-serialised)", entry["note"])
        if made:
            kind += f" ({made[1]})"
        lines.append(f"| {name} | {kind} | `{entry['sha256'][:12]}` | " + " | ".join(cells) + " |")
    lines.append("<!-- /real-corpus -->")
    return "\n".join(lines) + "\n"


def rewrite(page: str, section: str) -> str:
    """`page` with its real-corpus section replaced by `section` (appended if it has none)."""
    if BLOCK.search(page):
        return BLOCK.sub(lambda _: section, page, count=1)
    return page.rstrip("\n") + "\n\n" + section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="the folder the real files are laid out in")
    parser.add_argument("--ours", help="the glue-security command (installed with `hcl`)")
    parser.add_argument("--page", action="store_true", help="rewrite the page from the results")
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is stale")
    args = parser.parse_args(argv)
    files = load_manifest()
    if not (args.page or args.check):
        if args.corpus is None or args.ours is None:
            parser.error("--corpus and --ours are needed to run the tools")
        problems = verify(args.corpus, files)
        if problems:
            print("not the manifest's files:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
        results = measure(args.corpus.resolve(), [str(Path(args.ours).resolve())], files)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(results, indent=1, ensure_ascii=False) + "\n"
        RESULTS.write_text(text, encoding="utf-8")
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    page = PAGE.read_text(encoding="utf-8")
    fresh = rewrite(page, render(results, files))
    if args.check:
        if fresh != page:
            print(f"{PAGE} is stale: run python benchmarks/compare_real.py --page")
            return 1
        return 0
    PAGE.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
