"""Each lint rule's own examples: `glue_security/linter/rules/examples/<id>/` holds files the rule
reports (`fail*`) and files it does not (`pass*`), and the rule's page shows them. Every
rule has both, including each schema rule: all of them can fire from a file."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from glue_security.cli.main import main
from glue_security.generate.rule_pages import EXAMPLES, example_files, render
from glue_security.linter.rules import RULES

from ..helpers import ROOT

CASES = [
    (rule_id, outcome, path)
    for rule_id in RULES
    for outcome, paths in example_files(rule_id).items()
    for path in paths
]


def reported(path: Path) -> set[str]:
    """The rule ids `glue-security lint --verbose` reports for the file (notes included)."""
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        main(["lint", "--verbose", "--format", "json", str(path)])
    return {error["code"] for result in json.loads(out.getvalue()) for error in result["errors"]}


def test_the_examples_ship_with_the_package() -> None:
    assert EXAMPLES == ROOT / "glue_security" / "linter" / "rules" / "examples"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"linter/rules/examples/*/*"' in pyproject


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_has_a_pass_and_a_fail_example(rule_id: str) -> None:
    files = example_files(rule_id)
    assert files["fail"], f"no glue_security/linter/rules/examples/{rule_id}/fail* file"
    assert files["pass"], f"no glue_security/linter/rules/examples/{rule_id}/pass* file"


def test_every_example_folder_is_a_rule_and_holds_only_examples() -> None:
    for folder in EXAMPLES.iterdir():
        assert folder.name in RULES, f"{folder.name} is no rule"
        for path in folder.iterdir():
            assert path.name.startswith(("fail", "pass")), path
            assert path.suffix in (".yaml", ".json"), path


@pytest.mark.parametrize(
    ("rule_id", "outcome", "path"),
    CASES,
    ids=[f"{rule_id}/{path.name}" for rule_id, _, path in CASES],
)
def test_the_rule_reports_its_fail_examples_only(rule_id: str, outcome: str, path: Path) -> None:
    found = reported(path)
    if outcome == "fail":
        assert rule_id in found, f"{path.name} should fire {rule_id}; it fires {sorted(found)}"
    else:
        assert rule_id not in found, f"{path.name} should not fire {rule_id}"


def test_each_page_shows_its_rules_examples() -> None:
    pages = render()
    for _, _, path in CASES:
        rule_id = path.parent.name
        page = pages[f"{rule_id}.md"]
        assert path.read_text(encoding="utf-8").rstrip("\n") in page, path
        assert f"(`{path.name}`)" in page, path
