"""What lint missed or invented: codes it could not name or ignore, ignores that silenced
everything, and the template and policy shapes that slipped past its rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import glue_security as gs

from ..helpers import lint_report, run_main

INSECURE = str(
    Path(__file__).resolve().parents[1] / "data" / "lint" / "cloudformation" / "insecure.json"
)


run, report = run_main, lint_report


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
    from glue_security.cli.lint import report_tool

    text_codes = {"duplicate", "range", "json", "yaml", "read", "size", "yaml-support"}
    assert text_codes <= set(ERROR_CODE_RULES)
    for code in text_codes | {"input"}:
        assert report_tool().rules[code] not in ("", code), code


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


# -- templates: CloudFormation's own rules for values --------------------------------------


def _template(properties: Any, resource_type: str = "AWS::Glue::SecurityConfiguration") -> Any:
    return {"Resources": {"R": {"Type": resource_type, "Properties": properties}}}


def _findings(obj: Any, **options: Any) -> list[tuple[str, str]]:
    return [(f.rule, f.path) for f in gs.lint(obj, **options)]


ENCRYPTED = {
    "S3Encryptions": [{"S3EncryptionMode": "SSE-S3"}],
    "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": {"Ref": "K"}},
    "JobBookmarksEncryption": {
        "JobBookmarksEncryptionMode": "CSE-KMS",
        "KmsKeyArn": {"Ref": "K"},
    },
}


@pytest.mark.parametrize("function", ["Fn::Anything", "Fn::Subb", "Fn::ForEach"])
def test_an_unknown_intrinsic_function_is_an_error_not_a_deploy_time_value(function: str) -> None:
    # Beneath it, a DISABLED mode would otherwise go unchecked.
    template = _template(
        {"Name": "x", "EncryptionConfiguration": {function: {"S3Encryptions": "DISABLED"}}}
    )
    (finding,) = [f for f in gs.lint(template) if f.severity == "error"]
    assert (finding.rule, finding.path) == ("GS003", "$.EncryptionConfiguration")
    assert f"{function!r} is not an intrinsic function of CloudFormation" in finding.message
    if function == "Fn::Subb":
        assert "did you mean 'Fn::Sub'?" in finding.message


def test_an_unknown_short_form_tag_is_an_error(tmp_path: Path) -> None:
    template = tmp_path / "t.yaml"
    template.write_text(
        "Resources:\n  R:\n    Type: AWS::Glue::SecurityConfiguration\n    Properties:\n"
        "      Name: !Anything x\n      EncryptionConfiguration: {}\n"
    )
    code, found = report("--severity", "error", str(template))
    assert code == 1
    assert [(e["code"], e["path"], e["line"]) for e in found[0]["errors"]] == [
        ("GS003", "$.Name", 5)
    ]


def test_every_known_intrinsic_function_is_a_deploy_time_value() -> None:
    from glue_security.linter.inputs.mapping import INTRINSIC_FUNCTIONS

    for function in sorted(INTRINSIC_FUNCTIONS - {"Ref"}):
        template = _template({"Name": {function: ["x"]}, "EncryptionConfiguration": ENCRYPTED})
        assert _findings(template) == [], function


def test_properties_given_by_fn_if_are_not_missing() -> None:
    template = _template({"Fn::If": ["C", {"Name": "a"}, {"Name": "b"}]})
    assert [rule for rule, _ in _findings(template)] == []


def test_a_scalar_given_to_a_string_property_is_its_text() -> None:
    settings = {
        "CatalogId": 123456789012,
        "DataCatalogEncryptionSettings": {
            "EncryptionAtRest": {
                "CatalogEncryptionMode": "SSE-KMS",
                "SseAwsKmsKeyId": {"Ref": "K"},
            },
            "ConnectionPasswordEncryption": {
                "ReturnConnectionPasswordEncrypted": "true",
                "KmsKeyId": {"Ref": "K"},
            },
        },
    }
    template = _template(settings, "AWS::Glue::DataCatalogEncryptionSettings")
    assert _findings(template) == []
    settings["CatalogId"] = [1]  # a list is still not a string
    assert ("GS001", "$.CatalogId") in _findings(template)


# -- GS207: grants to everyone --------------------------------------------------------------


def _policy_findings(statement: dict[str, Any]) -> list[str]:
    policy = {"Version": "2012-10-17", "Statement": [statement]}
    payload = {"PolicyInJson": json.dumps(policy)}
    return [f.rule for f in gs.lint(payload, operation="PutResourcePolicy")]


ALLOW = {"Effect": "Allow", "Action": "glue:GetTable", "Resource": "*"}


@pytest.mark.parametrize(
    "statement",
    [
        {**ALLOW, "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}},
        {
            **ALLOW,
            "Principal": "*",
            "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}},
        },
        {**ALLOW, "Principal": "*", "Condition": {"Null": {"aws:PrincipalOrgID": "false"}}},
        {
            **ALLOW,
            "Principal": "*",
            "Condition": {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
        },
    ],
    ids=["NotPrincipal", "StringNotEquals", "Null", "IfExists"],
)
def test_grants_to_everyone_that_gs207_missed(statement: dict[str, Any]) -> None:
    assert "GS207" in _policy_findings(statement)


@pytest.mark.parametrize(
    "condition",
    [
        {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
        {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/*"}},
        {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}},
    ],
)
def test_a_positive_test_of_the_account_still_restricts(condition: dict[str, Any]) -> None:
    assert "GS207" not in _policy_findings({**ALLOW, "Principal": "*", "Condition": condition})


def test_an_empty_prefix_ignores_nothing() -> None:
    template = _template({"Name": "x", "EncryptionConfiguration": {}})
    assert gs.lint(template, ignore=[""]) == gs.lint(template)


def test_keys_that_are_not_strings_keep_their_paths_in_lint(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text("Shape: SecurityConfiguration\nPayload:\n  Name: x\n  2024-05-06: a\n  ~: b\n")
    _, found = report(str(path))
    errors = [e for e in found[0]["errors"] if e["code"] == "GS003"]
    assert [(e["code"], e["path"], e["line"]) for e in errors] == [
        ("GS003", "$[2024-05-06]", 4),
        ("GS003", "$[null]", 5),
    ]
