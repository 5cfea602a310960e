"""`lint` on Terraform JSON that CDK for Terraform synthesizes, at test time, from the small
apps of tests/data/cdktf-apps: real output of a tool nobody here wrote (`cdk.tf.json` per
stack: one block of a nested block type written as an object, `"//"` metadata in every
block, `${...}` references, `${jsonencode(...)}`, `terraform.backend`, `provider` arrays).

cdktf and the AWS provider's bindings are installed by CI (`.ci/run`: npm into `.node/`);
elsewhere the test says why it skips. Under CI (`CI` set) a missing Node.js or cdktf fails
instead. The terraform binary is not needed: synthesis is the app's own `app.synth()`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from ..helpers import DATA, NODE_MODULES, lint_report, node_with, run_node_apps

APPS = DATA / "cdktf-apps"
#: The packages the apps require.
CDKTF_PACKAGES = ("cdktf", "constructs", "@cdktf/provider-aws")
#: A resource's name in cdktf's output: `"resource"`, its type, then its name, two spaces
#: deeper each.
RESOURCE_NAME = re.compile(r'^      "([A-Za-z0-9_-]+)": \{$')

#: (stack, resource address, rule, severity, the key at the finding's line and column)
Finding = tuple[str, str, str, str, str]

#: What lint reports on each app's stacks, and nothing else (by stack, then position).
EXPECTED: dict[str, list[Finding]] = {
    "secure-security-configuration": [],
    "insecure-security-configuration": [
        ("insecure", "aws_glue_crawler.crawler_with_disabled", "GS213", "warning",
         "security_configuration"),
        ("insecure", "aws_glue_crawler.crawler_without", "GS212", "warning",
         "crawler_without"),
        ("insecure", "aws_glue_dev_endpoint.endpoint_without", "GS212", "warning",
         "endpoint_without"),
        ("insecure", "aws_glue_job.job_with_disabled", "GS213", "warning",
         "security_configuration"),
        ("insecure", "aws_glue_job.job_without", "GS212", "warning", "job_without"),
        # Empty blocks: each mode is the provider's default, DISABLED.
        ("insecure", "aws_glue_security_configuration.defaults", "GS204", "warning",
         "cloudwatch_encryption"),
        ("insecure", "aws_glue_security_configuration.defaults", "GS205", "warning",
         "job_bookmarks_encryption"),
        ("insecure", "aws_glue_security_configuration.defaults", "GS203", "warning",
         "s3_encryption"),
        ("insecure", "aws_glue_security_configuration.disabled", "GS204", "warning",
         "cloudwatch_encryption"),
        ("insecure", "aws_glue_security_configuration.disabled", "GS205", "warning",
         "job_bookmarks_encryption"),
        ("insecure", "aws_glue_security_configuration.disabled", "GS203", "warning",
         "s3_encryption"),
    ],
    "catalog-encryption": [
        ("catalog-aws-managed-key", "aws_glue_data_catalog_encryption_settings.settings",
         "GS107", "warning", "connection_password_encryption"),
        ("catalog-aws-managed-key", "aws_glue_data_catalog_encryption_settings.settings",
         "GS112", "note", "encryption_at_rest"),
        ("catalog-unencrypted", "aws_glue_data_catalog_encryption_settings.settings",
         "GS202", "warning", "connection_password_encryption"),
        ("catalog-unencrypted", "aws_glue_data_catalog_encryption_settings.settings",
         "GS201", "warning", "encryption_at_rest"),
    ],
    # A key's ID and an alias's name where a key ARN belongs (the bookmarks' key.arn is
    # right).
    "key-id-where-an-arn-belongs": [
        ("key-ids", "aws_glue_security_configuration.key_ids", "GS005", "error", "kms_key_arn"),
        ("key-ids", "aws_glue_security_configuration.key_ids", "GS005", "error", "kms_key_arn"),
    ],
    # Only the policies open to every principal with no condition; the others are decided
    # too (test_every_policy_is_decided), the account aws_caller_identity reads included.
    "resource-policy": [
        ("caller-account-open", "aws_glue_resource_policy.policy", "GS207", "error", "policy"),
        ("jsonencode-open", "aws_glue_resource_policy.policy", "GS207", "error", "policy"),
    ],
    # The variable's default decides DISABLED (the message names it); the key's variable
    # has no default: unknown, so GS103 says the key given is ignored.
    "variables": [
        ("variables", "aws_glue_security_configuration.configured", "GS203", "warning",
         "s3_encryption"),
        ("variables", "aws_glue_security_configuration.configured", "GS103", "warning",
         "kms_key_arn"),
    ],
}


def node_environment(outdir: Path) -> dict[str, str]:
    """The environment `cdktf synth` gives an app, without the caller's cdktf settings."""
    return {
        **{
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("AWS_", "CDKTF_", "SYNTH_"))
        },
        "NODE_PATH": str(NODE_MODULES),
        "CDKTF_OUTDIR": str(outdir / "cdktf.out"),
        "JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION": "1",
    }


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Each app's stacks (`cdk.tf.json`), synthesized: one Node process per app, at once."""
    node = node_with(CDKTF_PACKAGES, "CDK for Terraform")
    root = tmp_path_factory.mktemp("cdktf")
    outdirs = run_node_apps(node, sorted(APPS.glob("*.cjs")), root, node_environment)
    return {
        name: sorted(outdir.glob("cdktf.out/stacks/*/cdk.tf.json"))
        for name, outdir in outdirs.items()
    }


def enclosing_resource(lines: list[str], line: int) -> str:
    for text in reversed(lines[:line]):
        if found := RESOURCE_NAME.match(text):
            return found[1]
    raise AssertionError(f"line {line} is in no resource")


def findings(files: list[Path]) -> list[Finding]:
    _, report = lint_report(*map(str, files))
    assert all(result["error"] is None for result in report), report
    found = []
    for result in report:
        path = Path(result["file"])
        lines = path.read_text().splitlines()
        for entry in result["errors"]:
            line, column = entry["line"], entry["column"]
            # The position is the key of the attribute or block (or the resource's name,
            # for a missing one), inside the resource the finding names.
            key = re.match(r'"([^"]+)":', lines[line - 1][column - 1 :])
            assert key is not None, (entry, lines[line - 1])
            assert entry["resource"].split(".")[1] == enclosing_resource(lines, line), entry
            found.append(
                (path.parent.name, entry["resource"], entry["code"], entry["severity"], key[1])
            )
    return found


def test_every_app_is_checked() -> None:
    assert {app.stem for app in APPS.glob("*.cjs")} == set(EXPECTED)


@pytest.mark.parametrize("app", sorted(EXPECTED))
def test_lint_reports_exactly_the_expected_findings(
    synthesized: dict[str, list[Path]], app: str
) -> None:
    assert synthesized[app], f"{app} synthesized no stack"
    assert findings(synthesized[app]) == EXPECTED[app]


def test_the_files_hold_what_cdktf_writes(synthesized: dict[str, list[Path]]) -> None:
    """cdktf's own parts are there, so the results above say they cause nothing; and so is
    the form lint once misread, one block as an object."""
    for files in synthesized.values():
        for path in files:
            document = json.loads(path.read_text())
            assert document["//"]["metadata"]["stackName"] == path.parent.name
            assert "local" in document["terraform"]["backend"]
            assert isinstance(document["provider"]["aws"], list)
            for named in document["resource"].values():
                assert all("//" in body for body in named.values())
    (secure,) = synthesized["secure-security-configuration"]
    resources = json.loads(secure.read_text())["resource"]
    blocks = resources["aws_glue_security_configuration"]["encrypted"]
    assert isinstance(blocks["encryption_configuration"]["s3_encryption"], dict)
    assert blocks["encryption_configuration"]["s3_encryption"]["kms_key_arn"] == (
        "${aws_kms_key.key.arn}"
    )


def test_every_policy_is_decided(synthesized: dict[str, list[Path]]) -> None:
    """The policy from the data source, the literal one and the jsonencode ones are each
    read to the end: none is left unknown (GS900), the account aws_caller_identity reads
    standing for a part known at plan time; the scoped ones are clean, and so is the open
    one whose condition restricts it to that account."""
    _, report = lint_report("--verbose", *map(str, synthesized["resource-policy"]))
    assert {
        Path(result["file"]).parent.name: [entry["code"] for entry in result["errors"]]
        for result in report
    } == {
        "caller-account": [],
        "caller-account-open": ["GS207"],
        "caller-account-open-with-condition": [],
        "jsonencode-open": ["GS207"],
        "literal": [],
        "policy-document": [],
    }
    assert [result["shapes"] for result in report] == [["aws_glue_resource_policy.policy"]] * 6


def test_a_variables_default_is_named(synthesized: dict[str, list[Path]]) -> None:
    _, report = lint_report(*map(str, synthesized["variables"]))
    (disabled, _) = report[0]["errors"]
    assert "default of variable s3_encryption_mode" in disabled["message"]
