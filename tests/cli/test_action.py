"""The GitHub Action (`action.yml`) and the pre-commit snippet in the README: what they
run is a command line `glue-security lint` accepts, inputs never become script text, and
the `rev:` the README shows can exist."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest

from glue_security.cli.main import _parser as build_parser

yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")

ROOT = Path(__file__).resolve().parents[2]


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text())
    return loaded


def test_inputs_reach_scripts_only_through_the_environment() -> None:
    for step in action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_the_lint_step_is_a_command_line_lint_accepts() -> None:
    (step,) = [s for s in action()["runs"]["steps"] if s.get("id") == "lint"]
    script = step["run"].replace("\\\n", "")  # a command continued on the next line
    (line,) = [line for line in script.splitlines() if line.startswith("glue-security")]
    defaults = {name: spec.get("default", "") for name, spec in action()["inputs"].items()}
    values = {
        "$FILES": defaults["files"],
        "$ARGS": "--ignore GS208",
        '"$FAIL_ON"': defaults["fail-on"],
        '"$SARIF_FILE"': defaults["sarif-file"],
        '${RULES_URL:+--rules-url "$RULES_URL"}': "--rules-url https://example.com/rules/",
    }
    for name, value in values.items():
        line = line.replace(name, value)
    args = build_parser().parse_args(shlex.split(line)[1:])
    assert (args.format, args.output, args.fail_on) == ("sarif", "glue-security.sarif", "error")
    assert args.files == ["."] and args.ignore == ["GS208"]
    assert args.rules_url == "https://example.com/rules/"


@pytest.mark.parametrize(
    ("action_path", "given", "expected"),
    [
        (
            "/home/runner/work/_actions/acme/glue-security/v1.2.0",
            "",
            "https://github.com/acme/glue-security/blob/v1.2.0/docs/rules/",
        ),
        (  # a ref with a slash, as a branch can have
            "/home/runner/work/_actions/acme/glue-security/release/1.x",
            "",
            "https://github.com/acme/glue-security/blob/release/1.x/docs/rules/",
        ),
        ("/home/runner/work/repo/repo", "", ""),  # `uses: ./`: no address to link to
        ("/anywhere", "https://docs.example.com/rules/", "https://docs.example.com/rules/"),
    ],
)
def test_the_rule_pages_are_the_actions_own(
    tmp_path: Path, action_path: str, given: str, expected: str
) -> None:
    (step,) = [s for s in action()["runs"]["steps"] if s.get("id") == "rules"]
    output = tmp_path / "output"
    environment = {
        "RULES_URL": given,
        "ACTION_PATH": action_path,
        "SERVER_URL": "https://github.com",
        "GITHUB_OUTPUT": str(output),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["bash", "-c", step["run"]], env=environment, check=True)
    assert output.read_text() == f"url={expected}\n"


def test_upload_uses_the_report_the_lint_step_writes() -> None:
    steps = action()["runs"]["steps"]
    (upload,) = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action")]
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    # The step that fails the job comes after the upload, so findings are uploaded first.
    assert steps.index(upload) < len(steps) - 1
    assert "exit" in steps[-1]["run"]


@pytest.mark.parametrize("page", ["README.md", "docs/lint.md"])
def test_the_readme_pins_a_commit_or_a_tag(page: str) -> None:
    readme = (ROOT / page).read_text()
    revs = re.findall(r"^\s*rev: (\S+)", readme, re.MULTILINE)
    pins = re.findall(r"uses: OWNER/glue-security@(\S+)", readme)
    assert revs and pins
    # The Action runs from its branch (a commit before action.yml has none to run).
    pins = [pin for pin in pins if pin != "main"]
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    for rev in (*revs, *pins):
        # A full commit hash (the repository has no release tags yet) or a vX.Y.Z tag.
        assert re.fullmatch(r"[0-9a-f]{40}|v\d+\.\d+\.\d+", rev), rev
        if not rev.startswith("v") and shallow == "false":  # a clone with its history
            found = subprocess.run(
                ["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True
            )
            assert found.returncode == 0, f"the README names {rev}, which is no commit here"
        if rev.startswith("v"):
            tags = subprocess.run(
                ["git", "tag", "--list", rev], cwd=ROOT, capture_output=True, text=True
            ).stdout.split()
            assert tags == [rev], f"the README names {rev}, which is not a tag"
