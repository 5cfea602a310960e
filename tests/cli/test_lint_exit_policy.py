"""`glue-security lint`'s exit policy and CI outputs: `--fail-on` alone decides the exit
status, `-o FILE`, `--baseline FILE` (new findings only, matched without line numbers), and
the SARIF rule metadata GitHub code scanning reads."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from glue_security.linter.rules import RULES

from ..helpers import run_main, sarif_schema

CORPUS = Path(__file__).resolve().parents[1] / "data" / "lint"
INSECURE = CORPUS / "cloudformation" / "insecure.json"  # warnings only
SECURE = CORPUS / "cloudformation" / "secure.yaml"  # nothing but values known at deploy


def run(*args: str) -> tuple[int, str, str]:
    return run_main("lint", *args)


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("note", 1), ("warning", 1), ("error", 0), ("never", 0)]
)
def test_fail_on_decides_the_exit_status(fail_on: str, expected: int) -> None:
    assert run("--fail-on", fail_on, str(INSECURE))[0] == expected


def test_verbose_and_severity_never_change_the_exit_status() -> None:
    assert run(str(SECURE))[0] == 0
    code, out, _ = run("--verbose", str(SECURE))
    assert (code, "[GS900]" in out) == (0, True)
    # Hidden by --severity, the warnings still fail the run (the default fails on any).
    code, out, _ = run("--severity", "error", str(INSECURE))
    assert (code, out.count("[GS2")) == (1, 0)


def test_a_configuration_defined_elsewhere_is_shown_but_fails_no_run(tmp_path: Path) -> None:
    """GS901 says where lint stops (the configuration's settings are not in this input), not
    that anything is wrong: shown, as GS900 is with --verbose, and never counted."""
    template = {
        "Resources": {
            "Job": {
                "Type": "AWS::Glue::Job",
                "Properties": {
                    "Role": "arn:aws:iam::111122223333:role/r",
                    "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/s.py"},
                    "SecurityConfiguration": "shared-etl",
                },
            }
        }
    }
    path = tmp_path / "job.json"
    path.write_text(json.dumps(template))
    for fail_on in ("note", "warning", "error"):
        code, out, _ = run("--fail-on", fail_on, str(path))
        assert (code, out.count("[GS901]")) == (0, 1)
    # A real note still fails the run at the default threshold.
    assert run(str(CORPUS / "cloudformation" / "insecure.json"))[0] == 1


def test_never_still_reports_everything() -> None:
    code, out, _ = run("--fail-on", "never", str(INSECURE))
    assert code == 0 and "[GS201]" in out


def test_fail_on_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.glue-security]\nfail-on = "error"\n')
    monkeypatch.chdir(tmp_path)
    assert run(str(INSECURE))[0] == 0
    assert run("--fail-on", "warning", str(INSECURE))[0] == 1
    (tmp_path / "pyproject.toml").write_text('[tool.glue-security]\nfail-on = "sometimes"\n')
    code, _, err = run(str(INSECURE))
    assert code == 2 and "fail-on must be one of" in err


def test_output_file(tmp_path: Path) -> None:
    report = tmp_path / "report.sarif"
    code, out, _ = run("--format", "sarif", "-o", str(report), str(INSECURE))
    assert (code, out) == (1, "")
    assert json.loads(report.read_text())["runs"][0]["results"]
    code, _, err = run("-o", str(tmp_path / "missing" / "r.txt"), str(INSECURE))
    assert code == 2 and "cannot write" in err


def test_baseline_records_then_fails_only_on_new_findings(tmp_path: Path) -> None:
    template = json.loads(INSECURE.read_text())
    path = tmp_path / "template.json"
    path.write_text(json.dumps(template, indent=2))
    baseline = tmp_path / "baseline.json"
    code, out, err = run("--baseline", str(baseline), str(path))
    assert code == 0 and "recorded 5 findings" in err and "[GS2" not in out
    recorded = json.loads(baseline.read_text())
    assert recorded["format"] == 1 and len(recorded["findings"]) == 5
    # Moved lines (another layout, a resource added above) keep the fingerprints.
    template["Resources"] = {"Bucket0": {"Type": "AWS::S3::Bucket"}, **template["Resources"]}
    path.write_text(json.dumps(template, indent=4))
    code, out, err = run("--baseline", str(baseline), str(path))
    assert (code, out.count("[GS")) == (0, 0)
    assert "5 findings recorded" in err
    # A new finding fails the run, and only it is shown.
    template["Resources"]["Plain"]["Properties"]["EncryptionConfiguration"][
        "CloudWatchEncryption"
    ] = {"CloudWatchEncryptionMode": "SSE-KMS"}
    path.write_text(json.dumps(template, indent=4))
    code, out, _ = run("--baseline", str(baseline), str(path))
    assert code == 1
    assert [line.rsplit(" ", 1)[-1] for line in out.splitlines()] == ["[GS102]"]
    # --update-baseline takes it in.
    assert run("--baseline", str(baseline), "--update-baseline", str(path))[0] == 0
    assert run("--baseline", str(baseline), str(path))[0] == 0


def test_a_baseline_that_is_not_one(tmp_path: Path) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text('{"something": "else"}')
    code, _, err = run("--baseline", str(bad), str(INSECURE))
    assert code == 2 and "not a glue-security baseline" in err


def test_sarif_rules_carry_help_and_ranking() -> None:
    pages = "https://example.com/glue-security/blob/v1.0.0/docs/rules/"
    _, out, _ = run("--format", "sarif", "--rules-url", pages, str(INSECURE))
    document = json.loads(out)
    jsonschema.validate(document, sarif_schema())
    rules = {rule["id"]: rule for rule in document["runs"][0]["tool"]["driver"]["rules"]}
    for rule_id, rule in RULES.items():
        entry = rules[rule_id]
        assert entry["helpUri"] == f"{pages}{rule_id}.md"
        assert f"[{rule_id}]({pages}{rule_id}.md)" in entry["help"]["markdown"]
        assert rule.rationale in entry["help"]["text"]
        assert rule.fix in entry["help"]["markdown"]
        assert float(entry["properties"]["security-severity"]) > 0
        assert rule.kind in entry["properties"]["tags"]
    assert "security" in rules["GS207"]["properties"]["tags"]
    assert float(rules["GS207"]["properties"]["security-severity"]) >= 7.0


def test_without_the_rule_pages_address_sarif_rules_carry_their_text_only() -> None:
    _, out, _ = run("--format", "sarif", str(INSECURE))
    document = json.loads(out)
    jsonschema.validate(document, sarif_schema())
    for entry in document["runs"][0]["tool"]["driver"]["rules"]:
        assert "helpUri" not in entry and "](" not in entry.get("help", {}).get("markdown", "")


def test_unknown_values_notes_are_kept_where_wanted(tmp_path: Path) -> None:
    """The unknown values' notes (GS900) are written only where they can be reported (a run
    that skips them is quicker): with --verbose, and in a baseline, whose record is the
    same with or without --verbose."""
    code, out, _ = run("--format", "json", "--verbose", str(SECURE))
    verbose = json.loads(out)[0]["errors"]
    assert code == 0 and any(f["code"] == "GS900" for f in verbose)
    code, out, _ = run("--format", "json", str(SECURE))
    assert (code, json.loads(out)[0]["errors"]) == (0, [])
    for flags in ((), ("--verbose",)):
        baseline = tmp_path / f"baseline{len(flags)}.json"
        _, _, err = run("--baseline", str(baseline), *flags, str(SECURE))
        assert f"recorded {len(verbose)} findings" in err
