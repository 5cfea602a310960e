"""`glue-security lint` and `gs.lint` on a corpus of templates, plans and payloads, each
file with its expected findings and positions (tests/data/lint/expected.json, hand-checked
against the files), plus the rule registry, the options and the report formats."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any, Literal

import attrs
import jsonschema
import pytest

import glue_security as gs
from glue_security.cli.main import main
from glue_security.documents.sources import SourceError, load
from glue_security.linter.inputs import cloudformation_yaml_loader
from glue_security.linter.rules import INPUTS, RULES, SCHEMA_RULES, UNKNOWN_VALUE

from ..helpers import lint_report, run_main, sarif_schema

CORPUS = Path(__file__).resolve().parents[1] / "data" / "lint"
EXPECTED: dict[str, list[str]] = json.loads((CORPUS / "expected.json").read_text())


run, report = run_main, lint_report


def summary(entry: dict[str, Any]) -> str:
    where = f"{entry['line']}:{entry['column']}"
    return f"{where} {entry['code']} {entry.get('resource') or '-'} {entry['path']}"


def parsed(name: str) -> Any:
    path = CORPUS / name
    format: Literal["json", "yaml"] = "yaml" if path.suffix == ".yaml" else "json"
    return load(str(path), path.read_bytes(), format, yaml_loader=cloudformation_yaml_loader()).data


# -- the corpus --------------------------------------------------------------------------------


def test_corpus_lists_every_file() -> None:
    files = sorted(
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*")
        if p.suffix in (".json", ".yaml")
        and p.name != "expected.json"
        # rules/ holds each rule's own examples (tests/linter/test_lint_rule_examples.py)
        and p.relative_to(CORPUS).parts[0] != "rules"
    )
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_findings_and_positions(name: str) -> None:
    code, (result,) = report("--verbose", str(CORPUS / name))
    assert [summary(entry) for entry in result["errors"]] == EXPECTED[name]
    # --verbose shows the unknown values' notes (GS900); they never fail the run.
    failing = [entry for entry in EXPECTED[name] if entry.split()[1] != UNKNOWN_VALUE]
    assert code == (1 if failing else 0)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unknown_values_are_reported_only_when_verbose(name: str) -> None:
    code, (result,) = report(str(CORPUS / name))
    wanted = [line for line in EXPECTED[name] if f" {UNKNOWN_VALUE} " not in line]
    assert [summary(entry) for entry in result["errors"]] == wanted
    assert code == (1 if wanted else 0)


def test_secure_files_have_no_findings() -> None:
    for name in ("cloudformation/secure.yaml", "terraform/secure-plan.json"):
        assert all(f" {UNKNOWN_VALUE} " in line for line in EXPECTED[name]), name
        assert EXPECTED[name], "the secure files use values known only at deploy"


def test_every_rule_fires_somewhere_in_the_corpus() -> None:
    seen = {line.split()[1] for lines in EXPECTED.values() for line in lines}
    assert set(RULES) <= seen | {"input"}, sorted(set(RULES) - seen)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_api_gives_what_the_command_reports(name: str) -> None:
    if name == "api/invalid.json":  # holds an envelope that names no operation
        with pytest.raises(ValueError, match="unknown operation 'NoSuchOperation'"):
            gs.lint(parsed(name))
        return
    findings = gs.lint(parsed(name), verbose=True)
    got = sorted(f"{f.rule} {f.resource or '-'} {f.path}" for f in findings)
    assert got == sorted(line.split(" ", 1)[1] for line in EXPECTED[name])


def test_cloudformation_short_form_tags() -> None:
    text = (
        b"A: !Ref Key\n"
        b"B: !GetAtt Key.Arn\n"
        b"C: !GetAtt [Key, Arn]\n"
        b"D: !Sub 'arn:${AWS::Partition}:kms'\n"
        b"E: !If [HasKey, !Ref Key, !Ref AWS::NoValue]\n"
        b"F: !Join ['', [a, !ImportValue shared]]\n"
        b"G: !Condition HasKey\n"
    )
    with pytest.raises(SourceError, match="constructor for the tag '!Ref'"):
        load("t.yaml", text, "yaml")
    data = load("t.yaml", text, "yaml", yaml_loader=cloudformation_yaml_loader()).data
    assert data == {
        "A": {"Ref": "Key"},
        "B": {"Fn::GetAtt": ["Key", "Arn"]},
        "C": {"Fn::GetAtt": ["Key", "Arn"]},
        "D": {"Fn::Sub": "arn:${AWS::Partition}:kms"},
        "E": {"Fn::If": ["HasKey", {"Ref": "Key"}, {"Ref": "AWS::NoValue"}]},
        "F": {"Fn::Join": ["", ["a", {"Fn::ImportValue": "shared"}]]},
        "G": {"Condition": "HasKey"},
    }
    with pytest.raises(SourceError):
        load(
            "x",
            b"!!python/object/apply:os.system ['true']",
            "yaml",
            yaml_loader=cloudformation_yaml_loader(),
        )


# -- what the findings say ---------------------------------------------------------------------


def test_cloudformation_findings_point_at_the_property() -> None:
    lines = (CORPUS / "cloudformation" / "tricky.yaml").read_text().splitlines()
    _code, (result,) = report(str(CORPUS / "cloudformation" / "tricky.yaml"))
    by_rule = {entry["code"]: entry for entry in result["errors"]}
    # Two S3Encryptions: at the property's name, in the template's own spelling.
    two = by_rule["GS101"]
    assert lines[two["line"] - 1][two["column"] - 1 :].startswith("S3Encryptions:")
    assert two["resource"] == "TwoS3"
    assert two["path"] == "$.EncryptionConfiguration.S3Encryption"
    # A misspelt mode is a schema finding with a suggestion, at the mode.
    assert "did you mean 'SSE-KMS'" in by_rule["GS006"]["message"]
    misspelt = by_rule["GS006"]
    assert lines[misspelt["line"] - 1][misspelt["column"] - 1 :].startswith("S3EncryptionMode")
    # DataQualityEncryption cannot be written in a template: CloudFormation rejects it.
    assert by_rule["GS003"]["message"].startswith(
        "EncryptionConfiguration has no property 'DataQualityEncryption'"
    )


def test_a_format_that_cannot_express_a_member_never_gets_its_rule() -> None:
    assert RULES["GS206"].inputs == {"api"}
    for name in EXPECTED:
        if not name.startswith("api/"):
            assert not any(" GS206 " in line for line in EXPECTED[name]), name


def test_unknown_values_are_never_findings_by_themselves() -> None:
    template = {
        "Resources": {
            "Conf": {
                "Type": "AWS::Glue::SecurityConfiguration",
                "Properties": {
                    "Name": {"Fn::Sub": "${AWS::StackName}"},
                    "EncryptionConfiguration": {
                        "S3Encryptions": [
                            {"S3EncryptionMode": {"Ref": "Mode"}, "KmsKeyArn": {"Ref": "Key"}}
                        ],
                        "CloudWatchEncryption": {"Fn::If": ["C", {}, {"Ref": "AWS::NoValue"}]},
                        "JobBookmarksEncryption": {
                            "JobBookmarksEncryptionMode": "CSE-KMS",
                            "KmsKeyArn": {"Fn::ImportValue": "key"},
                        },
                    },
                },
            }
        }
    }
    assert gs.lint(template) == ()
    notes = gs.lint(template, verbose=True)
    assert {f.rule for f in notes} == {UNKNOWN_VALUE}
    assert {f.path for f in notes} == {
        "$.Name",
        "$.EncryptionConfiguration.S3Encryption[0].S3EncryptionMode",
        "$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn",
        "$.EncryptionConfiguration.CloudWatchEncryption",
        "$.EncryptionConfiguration.JobBookmarksEncryption.KmsKeyArn",
    }


def test_ref_no_value_removes_the_property() -> None:
    template = {
        "Resources": {
            "Conf": {
                "Type": "AWS::Glue::SecurityConfiguration",
                "Properties": {
                    "Name": "x",
                    "EncryptionConfiguration": {
                        "S3Encryptions": [{"S3EncryptionMode": "SSE-S3"}],
                        "CloudWatchEncryption": {"Ref": "AWS::NoValue"},
                        "JobBookmarksEncryption": {
                            "JobBookmarksEncryptionMode": "CSE-KMS",
                            "KmsKeyArn": {"Ref": "AWS::NoValue"},
                        },
                    },
                },
            }
        }
    }
    assert [(f.rule, f.path) for f in gs.lint(template)] == [
        ("GS204", "$.EncryptionConfiguration"),
        ("GS102", "$.EncryptionConfiguration.JobBookmarksEncryption"),
    ]


def test_terraform_unknowns_are_not_missing_values() -> None:
    plan = json.loads((CORPUS / "terraform" / "secure-plan.json").read_text())
    assert gs.lint(plan) == ()
    # The same plan read from planned_values alone (which leaves unknowns out) is
    # missing its keys: the rules cannot tell, which is why resource_changes comes first.
    del plan["resource_changes"]
    assert {f.rule for f in gs.lint(plan)} == {"GS102"}


def test_both_sse_kms_catalog_modes_count_as_encrypted() -> None:
    for mode in ("SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"):
        settings = {
            "EncryptionAtRest": {
                "CatalogEncryptionMode": mode,
                "SseAwsKmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k",
                "CatalogEncryptionServiceRole": "arn:aws:iam::111122223333:role/r",
            },
            "ConnectionPasswordEncryption": {
                "ReturnConnectionPasswordEncrypted": True,
                "AwsKmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k",
            },
        }
        rules = {f.rule for f in gs.lint(settings, shape="DataCatalogEncryptionSettings")}
        assert "GS201" not in rules
        assert rules == ({"GS105"} if mode == "SSE-KMS" else set())


def test_policies_restricted_to_an_organisation_are_not_public() -> None:
    def rules(condition: Any) -> set[str]:
        statement = {
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": "glue:GetTable",
            "Resource": "arn:aws:glue:us-east-1:111122223333:table/db/*",
        }
        if condition is not None:
            statement["Condition"] = condition
        policy = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
        request = {"PolicyInJson": policy, "PolicyExistsCondition": "MUST_EXIST"}
        return {f.rule for f in gs.lint(request, operation="PutResourcePolicy")}

    assert rules(None) == {"GS207"}
    assert rules({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}) == set()
    assert rules({"StringEquals": {"AWS:SourceAccount": ["111122223333"]}}) == set()
    assert rules({"ArnLike": {"aws:SourceArn": "arn:aws:glue:*"}}) == set()
    assert rules({"StringLike": {"aws:PrincipalOrgID": "*"}}) == {"GS207"}
    assert rules({"Bool": {"aws:SecureTransport": "true"}}) == {"GS207"}


# -- the Python API ------------------------------------------------------------------------------


def test_lint_takes_a_model() -> None:
    wire = {
        "Name": "x",
        "EncryptionConfiguration": {"S3Encryption": [{"S3EncryptionMode": "SSE-S3"}]},
    }
    configuration = gs.from_wire(gs.SecurityConfiguration, wire)
    findings = gs.lint(configuration)
    assert [(f.rule, f.path) for f in findings] == [
        ("GS204", "$.EncryptionConfiguration"),
        ("GS205", "$.EncryptionConfiguration"),
        ("GS206", "$.EncryptionConfiguration"),
    ]
    finding = findings[0]
    assert isinstance(finding, gs.LintFinding)
    assert finding.severity == "warning" and finding.line is None and finding.resource is None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.rule = "GS000"  # type: ignore[misc]


def test_lint_takes_cli_output_and_named_payloads() -> None:
    output = {"DataCatalogEncryptionSettings": {}, "ResponseMetadata": {"HTTPStatusCode": 200}}
    assert {f.rule for f in gs.lint(output)} == {"GS201", "GS202"}
    payload = {"Name": "x", "EncryptionConfiguration": {}}
    by_operation = gs.lint(payload, operation="CreateSecurityConfiguration")
    assert {f.rule for f in by_operation} == {"GS203", "GS204", "GS205", "GS206"}
    assert gs.lint(payload, operation="create_security_configuration") == by_operation


def test_lint_filters() -> None:
    payload = {"Name": "x", "EncryptionConfiguration": {}}
    lint = gs.lint
    assert lint(payload, operation="CreateSecurityConfiguration", severity="error") == ()
    assert lint(payload, operation="CreateSecurityConfiguration", ignore=["GS20"]) == ()
    ignored = lint(payload, operation="CreateSecurityConfiguration", ignore=["GS203", "GS206"])
    assert {f.rule for f in ignored} == {"GS204", "GS205"}


@pytest.mark.parametrize(
    ("obj", "match"),
    [
        ({"Anything": 1}, "cannot tell what this file holds"),
        ([1], "an envelope is an object"),
        ("text", "cannot tell what this file holds"),
    ],
)
def test_lint_rejects_what_it_cannot_read(obj: Any, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        gs.lint(obj)
    with pytest.raises(ValueError, match="unknown operation"):
        gs.lint({}, operation="NoSuch")


# -- the registry --------------------------------------------------------------------------------


def test_every_rule_is_complete() -> None:
    assert list(RULES) == sorted(RULES)
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"GS\d{3}", rule_id) and rule.id == rule_id
        assert rule.title and rule.rationale and rule.fix
        assert rule.inputs and rule.inputs <= set(INPUTS)
        assert "reported" not in rule.rationale or rule.reports, rule_id
        for url in rule.reports:
            assert url.startswith("https://"), rule_id


def test_each_validation_code_is_a_schema_rule() -> None:
    import typing

    # `duplicate` is found in a file's text, not in a payload: a file-level code in lint.
    assert set(SCHEMA_RULES) == set(typing.get_args(gs.ErrorCode)) - {"duplicate"}
    assert all(RULES[rule_id].kind == "schema" for rule_id in SCHEMA_RULES.values())


def test_rules_command_lists_the_registry() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == list(RULES)


# -- the command ---------------------------------------------------------------------------------

INSECURE = str(CORPUS / "cloudformation" / "insecure.json")


def test_severity_threshold_and_ignore() -> None:
    # --severity only hides: the warnings it hides still fail the run, as --fail-on says.
    code, (result,) = report("--severity", "error", INSECURE)
    assert (code, result["errors"]) == (1, [])
    code, (result,) = report("--severity", "error", "--fail-on", "error", INSECURE)
    assert (code, result["errors"]) == (0, [])
    code, (result,) = report("--ignore", "GS201,GS202", "--ignore", "GS204", INSECURE)
    assert [e["code"] for e in result["errors"]] == ["GS203", "GS205"]
    assert code == 1
    code, _out, err = run("lint", "--ignore", "GS999", INSECURE)
    assert code == 2 and "no rule 'GS999'" in err


def test_pyproject_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.glue-security]\nignore = ["GS20"]\nseverity = "warning"\n'
        'exclude = ["skip*"]\n'
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "t.json").write_text(
        (CORPUS / "cloudformation" / "insecure.json").read_text()
    )
    (tmp_path / "sub" / "skipped.json").write_text("{}")
    monkeypatch.chdir(tmp_path / "sub")
    code, out, err = run("lint", ".")
    assert (code, out, err) == (0, "t.json: ok (Plain, Catalog)\n", "")
    code, out, _ = run("lint", "--ignore", "GS205", "--config", str(tmp_path / "none.toml"), ".")
    assert code == 2


@pytest.mark.parametrize(
    "text",
    [
        '[tool.glue-security]\nignore = ["GS2"]\n',
        '[ tool . "glue-security" ]\nignore = ["GS2"]\n',
        '[tool]\nglue-security = { ignore = ["GS2"] }\n',
        'tool.glue-security.ignore = ["GS2"]\n',
        'tool = { glue-security = { ignore = ["GS2"] } }\n',
    ],
)
def test_every_spelling_of_the_table_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    monkeypatch.chdir(tmp_path)
    code, _, err = run("lint", INSECURE)
    assert (code, err) == (0, "")


def test_a_pyproject_that_does_not_configure_lint_is_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another tool's file, not even valid TOML, that names glue-security as a dependency
    # and in a comment: nothing of it is lint's, so it is not read as TOML at all.
    (tmp_path / "pyproject.toml").write_text(
        '[project]\ndependencies = ["glue-security>=0.2"]\n'
        "# lint reads [tool.glue-security]\n[tool.other\n"
    )
    monkeypatch.chdir(tmp_path)
    code, _, err = run("lint", INSECURE)
    assert code == 1 and err == ""


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('ignore = "GS201"', "ignore must be a list of strings"),
        ('severity = "fatal"', "severity must be one of error, warning, note"),
        ("ignores = []", "has no setting 'ignores'"),
        ('ignore = ["XX1"]', "no rule 'XX1'"),
        ("ignore = [", "not valid TOML"),
    ],
)
def test_bad_pyproject_settings_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.glue-security]\n{table}\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("lint", INSECURE)
    assert code == 2 and message in err


def test_unrecognised_files(tmp_path: Path) -> None:
    other = tmp_path / "package.json"
    other.write_text('{"name": "web"}')
    code, out, _ = run("lint", str(other))
    assert code == 1 and "cannot tell what this file holds" in out and "[input]" in out
    code, out, _ = run("lint", "--skip-unknown-files", str(other))
    assert (code, out) == (0, f"{other}: ok (nothing to check)\n")


def test_sarif_is_valid_and_carries_the_rules() -> None:
    _code, out, _ = run("lint", "--format", "sarif", str(CORPUS))
    document = json.loads(out)
    jsonschema.validate(document, sarif_schema())
    run_ = document["runs"][0]
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert set(RULES) <= set(rules)
    assert rules["GS203"]["defaultConfiguration"]["level"] == "warning"
    assert rules["GS208"]["defaultConfiguration"]["level"] == "note"
    result = next(r for r in run_["results"] if r["ruleId"] == "GS101")
    assert result["properties"]["resource"] == "TwoS3"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 12,
        "startColumn": 9,
    }


def test_github_annotations() -> None:
    code, out, _ = run("lint", "--format", "github", INSECURE)
    assert code == 1
    assert out.splitlines()[0] == (
        f"::warning file={INSECURE},line=8,col=9,title=glue-security [GS204]::"
        "Plain $.EncryptionConfiguration: CloudWatch logs encryption is absent"
    )


def test_text_report_names_the_resource() -> None:
    _code, out, _ = run("lint", INSECURE)
    assert out.splitlines()[0] == (
        f"{INSECURE}:8:9: Plain $.EncryptionConfiguration: CloudWatch logs encryption is "
        "absent [GS204]"
    )


def test_operation_option_and_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    payload = json.dumps({"Name": "x", "EncryptionConfiguration": {}})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(payload.encode())))
    code, out, _ = run("lint", "--operation", "CreateSecurityConfiguration", "-")
    assert code == 1
    assert [line.rsplit(" ", 1)[1] for line in out.splitlines()] == [
        "[GS203]",
        "[GS204]",
        "[GS205]",
        "[GS206]",
    ]
    code, _, err = run("lint", "--operation", "Nope", "-")
    assert code == 2 and "unknown operation 'Nope'" in err


def test_a_repeated_key_is_reported(tmp_path: Path) -> None:
    template = tmp_path / "t.yaml"
    template.write_text(
        "Resources:\n"
        "  Conf:\n"
        "    Type: AWS::Glue::SecurityConfiguration\n"
        "    Properties:\n"
        "      Name: a\n"
        "      Name: b\n"
        "      EncryptionConfiguration: {}\n"
    )
    code, (result,) = report("--ignore", "GS2", str(template))
    assert code == 1
    assert [(e["code"], e["line"], e["column"]) for e in result["errors"]] == [("duplicate", 6, 13)]


def test_metadata_suppresses_rules_for_its_resource_only() -> None:
    template = parsed("cloudformation/tricky.yaml")
    suppressed = {f.rule for f in gs.lint(template) if f.resource == "Suppressed"}
    assert suppressed == {"GS102", "GS103"}  # GS203 and GS204 are ignored for it
    del template["Resources"]["Suppressed"]["Metadata"]
    unsuppressed = {f.rule for f in gs.lint(template) if f.resource == "Suppressed"}
    assert unsuppressed == {"GS102", "GS103", "GS203", "GS204"}
    assert "GS204" in {f.rule for f in gs.lint(template) if f.resource == "TwoS3"}


def test_a_response_named_on_the_command_line(tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    output.write_text(json.dumps({"DataCatalogEncryptionSettings": {}}))
    code, (result,) = report(
        "--operation", "GetDataCatalogEncryptionSettings", "--response", str(output)
    )
    assert code == 1
    assert result["shapes"] == ["GetDataCatalogEncryptionSettingsResponse"]
    assert [e["code"] for e in result["errors"]] == ["GS201", "GS202"]
    err = io.StringIO()
    with redirect_stderr(err), pytest.raises(SystemExit) as exit:
        main(["lint", "--response", str(output)])
    assert exit.value.code == 2 and "--response goes with --operation" in err.getvalue()
