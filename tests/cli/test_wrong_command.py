"""The wrong command is answered, not misread: `validate` given what `lint` reads says so,
`lint` given a kind of file it does not read says what it reads, and the valid examples
pass `lint` as they pass `validate`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..helpers import run_main

ROOT = Path(__file__).resolve().parents[2]
LINT = ROOT / "tests" / "data" / "lint"


def run(*args: str) -> tuple[int, str]:
    code, out, err = run_main(*args)
    return code, out + err


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("cloudformation/insecure.json", "this is a CloudFormation template"),
        ("cloudformation/secure.yaml", "a CloudFormation template?"),
        ("terraform/secure-plan.json", "this is a Terraform plan"),
        ("terraform-hcl/policies.tf", "this is a Terraform configuration"),
        ("terraform-hcl/json/main.tf.json", "this is a Terraform configuration"),
    ],
)
def test_validate_names_what_lint_reads(path: str, kind: str) -> None:
    code, out = run("validate", str(LINT / path))
    assert code == 1
    assert kind in out and "check it with glue-security lint" in out


def test_lint_says_what_it_reads() -> None:
    code, out = run("lint", str(ROOT / "README.md"))
    assert code == 1 and "lint reads JSON and YAML files" in out and "[input]" in out
    code, out = run("lint", "--skip-unknown-files", str(ROOT / "README.md"))
    assert code == 0


def test_the_valid_examples_pass_lint() -> None:
    code, out = run("lint", str(ROOT / "examples" / "valid"))
    assert code == 0, out
