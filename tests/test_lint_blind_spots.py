"""What lint missed or invented: codes it could not name or ignore, ignores that silenced
everything, and the template and policy shapes that slipped past its rules."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from glue_security.cli.main import main

INSECURE = str(
    Path(__file__).resolve().parent / "data" / "lint" / "cloudformation" / "insecure.json"
)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def report(*args: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = run("lint", "--format", "json", *args)
    return code, json.loads(out)


@pytest.mark.parametrize("ignore", ['[""]', '[" "]', '["GS201", ""]'])
def test_an_empty_rule_id_is_refused_not_a_silencer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ignore: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.glue-security]\nignore = {ignore}\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("lint", INSECURE)
    assert (code, out) == (2, "")
    assert "an empty rule id" in err


def _repeated_key_and_long_integer(tmp_path: Path) -> str:
    path = tmp_path / "text.json"
    path.write_text(
        '{"Operation": "GetSecurityConfigurations", '
        f'"Request": {{"NextToken": "a", "NextToken": "b", "MaxResults": {"9" * 5000}}}}}'
    )
    return str(path)


def test_text_codes_are_described_in_sarif_and_can_be_ignored(tmp_path: Path) -> None:
    path = _repeated_key_and_long_integer(tmp_path)
    code, found = report(path)
    assert (code, sorted(e["code"] for e in found[0]["errors"])) == (1, ["duplicate", "range"])
    _, out, _ = run("lint", "--format", "sarif", path)
    rules = {rule["id"]: rule for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    for code_name in ("duplicate", "range"):
        assert rules[code_name]["shortDescription"]["text"] != code_name
    code, found = report("--ignore", "duplicate,range", path)
    assert (code, found[0]["errors"]) == (0, [])
    code, _, err = run("lint", "--ignore", "json", path)
    assert code == 2 and "no rule 'json'" in err


def test_every_code_lint_reports_has_a_description() -> None:
    from glue_security.cli.common import ERROR_CODE_RULES
    from glue_security.cli.lint import TOOL

    text_codes = {"duplicate", "range", "json", "yaml", "read", "size", "yaml-support"}
    assert text_codes <= set(ERROR_CODE_RULES)
    for code in text_codes | {"input"}:
        assert TOOL.rules[code] not in ("", code), code


def test_yaml_keys_that_construct_to_one_are_repeats_not_a_silent_pass(tmp_path: Path) -> None:
    """`1` and `0x1` are one key: the resource with encryption DISABLED would be hidden."""
    template = tmp_path / "t.yaml"
    template.write_text(
        "Resources:\n"
        "  1:\n"
        "    Type: AWS::Glue::SecurityConfiguration\n"
        "    Properties:\n"
        "      Name: off\n"
        "      EncryptionConfiguration:\n"
        "        S3Encryptions: [{S3EncryptionMode: DISABLED}]\n"
        "  0x1:\n"
        "    Type: AWS::Glue::SecurityConfiguration\n"
        "    Properties: {Name: x}\n"
    )
    code, found = report("--ignore", "GS2", str(template))
    errors = found[0]["errors"]
    assert code == 1
    assert [(e["code"], e["path"], e["line"]) for e in errors if e["code"] == "duplicate"] == [
        ("duplicate", "$.Resources[1]", 9)
    ]


def test_a_hostile_logical_id_cannot_forge_a_line_or_drive_a_terminal(tmp_path: Path) -> None:
    logical_id = "Key\n::error file=README.md,line=1::Approved\x1b[2J\u202e"
    template = tmp_path / "t.json"
    resource = {
        "Type": "AWS::Glue::SecurityConfiguration",
        "Properties": {"Name": "x", "EncryptionConfiguration": {}},
    }
    template.write_text(json.dumps({"Resources": {logical_id: resource}}))
    for format in ("text", "github"):
        code, out, _ = run("lint", "--format", format, str(template))
        lines = out.splitlines()
        assert code == 1 and len(lines) == 3  # GS203 to GS205
        assert all(line.isprintable() for line in lines)
        if format == "text":
            assert not any(line.startswith("::") for line in lines)
            assert all('"Key\\n::error file=README.md' in line for line in lines)
        else:
            assert all(line.startswith("::warning file=") for line in lines)
