"""`lint` on CloudFormation templates the AWS CDK synthesizes, at test time, from the small
apps of tests/data/cdk-apps: real output of a tool nobody here wrote (`Fn::GetAtt` and
`Fn::Join` with `AWS::Partition`, `aws:cdk:path` metadata, the `CDKMetadata` resource and its
condition, the `BootstrapVersion` parameter and rule, logical ids ending in a hash, JSON).

The CDK is installed by CI (`.ci/run`: npm into `.node/`); elsewhere the test says why it
skips. Under CI (`CI` set) a missing Node.js or CDK fails instead.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from ..helpers import DATA, NODE_MODULES, lint_report, node_with, run_node_apps

APPS = DATA / "cdk-apps"
#: The context the CDK CLI gives an app (`cdk synth`, in CDK_CONTEXT_JSON): path metadata
#: and the CDKMetadata resource on, as in the templates users deploy.
CLI_CONTEXT = APPS / "cli-context.json"
#: The packages the apps require.
CDK_PACKAGES = ("aws-cdk-lib", "constructs", "@aws-cdk/aws-glue-alpha")
#: The 8 hexadecimal digits the CDK appends to a logical id below a stack's top level.
HASH = re.compile(r"[0-9A-F]{8}$")

Finding = tuple[str, str, str, str]  # (stack, logical id without hash, rule, severity)

#: What lint reports on each app's templates, and nothing else (each stack, in order).
EXPECTED: dict[str, list[Finding]] = {
    "secure-security-configurations": [],
    "insecure-security-configuration": [
        ("InsecureSecurityConfiguration", "CrawlerWithDisabled", "GS213", "warning"),
        ("InsecureSecurityConfiguration", "CrawlerWithout", "GS212", "warning"),
        ("InsecureSecurityConfiguration", "Disabled", "GS203", "warning"),
        ("InsecureSecurityConfiguration", "Disabled", "GS204", "warning"),
        ("InsecureSecurityConfiguration", "Disabled", "GS205", "warning"),
        ("InsecureSecurityConfiguration", "JobWithDisabled", "GS213", "warning"),
        ("InsecureSecurityConfiguration", "JobWithout", "GS212", "warning"),
    ],
    "catalog-encryption": [
        ("CatalogAwsManagedKey", "Settings", "GS107", "warning"),
        ("CatalogAwsManagedKey", "Settings", "GS112", "note"),
    ],
    # The key's ID (a Ref) and the alias's name where the key's ARN belongs.
    "key-id-where-an-arn-belongs": [
        ("KeyIdWhereAnArnBelongs", "KeyIds", "GS005", "error"),
        ("KeyIdWhereAnArnBelongs", "KeyIds", "GS005", "error"),
    ],
    # The policy is open in both calls of the custom resource, Create and Update.
    "resource-policy": [
        ("OpenResourcePolicy", "CatalogResourcePolicy", "GS207", "error"),
        ("OpenResourcePolicy", "CatalogResourcePolicy", "GS207", "error"),
    ],
}


def node_environment(outdir: Path) -> dict[str, str]:
    return {
        **{name: value for name, value in os.environ.items() if not name.startswith("AWS_")},
        "NODE_PATH": str(NODE_MODULES),
        "CDK_OUTDIR": str(outdir),
        "CDK_CONTEXT_JSON": CLI_CONTEXT.read_text(),
        "JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION": "1",
    }


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Each app's templates, synthesized by the CDK: one Node process per app, all at once."""
    node = node_with(CDK_PACKAGES, "the AWS CDK")
    root = tmp_path_factory.mktemp("cdk.out")
    outdirs = run_node_apps(node, sorted(APPS.glob("*.cjs")), root, node_environment)
    return {name: sorted(outdir.glob("*.template.json")) for name, outdir in outdirs.items()}


def findings(templates: list[Path]) -> list[Finding]:
    _, report = lint_report(*map(str, templates))
    assert all(result["error"] is None for result in report), report
    found = [
        (
            Path(result["file"]).name.removesuffix(".template.json"),
            HASH.sub("", entry["resource"]),
            entry["code"],
            entry["severity"],
        )
        for result in report
        for entry in result["errors"]
    ]
    return sorted(found)


def test_every_app_is_checked() -> None:
    assert {app.stem for app in APPS.glob("*.cjs")} == set(EXPECTED)


@pytest.mark.parametrize("app", sorted(EXPECTED))
def test_lint_reports_exactly_the_expected_findings(
    synthesized: dict[str, list[Path]], app: str
) -> None:
    assert synthesized[app], f"{app} synthesized no template"
    assert findings(synthesized[app]) == EXPECTED[app]


def test_the_templates_hold_what_the_cdk_adds(synthesized: dict[str, list[Path]]) -> None:
    """The CDK's own parts are there, so the clean results above say they cause nothing."""
    for templates in synthesized.values():
        for path in templates:
            template = json.loads(path.read_text())
            assert template["Resources"]["CDKMetadata"]["Type"] == "AWS::CDK::Metadata"
            assert "CDKMetadataAvailable" in template["Conditions"]
            assert template["Parameters"]["BootstrapVersion"]["Default"].startswith("/cdk-")
            assert "CheckBootstrapVersion" in template["Rules"]
            assert all(
                "aws:cdk:path" in resource["Metadata"]
                for resource in template["Resources"].values()
            )


def test_every_glue_resource_is_read(synthesized: dict[str, list[Path]]) -> None:
    """Each Glue resource of the secure app is linted (listed as checked), and so is each
    call of the resource policy's custom resource, Create and Update."""
    _, report = lint_report(*map(str, synthesized["secure-security-configurations"]))
    shapes = {HASH.sub("", shape) for result in report for shape in result["shapes"]}
    assert shapes == {"EncryptedEverywhere", "L2Encrypted"}
    _, report = lint_report(*map(str, synthesized["resource-policy"]))
    shapes_by_stack = {Path(result["file"]).name: result["shapes"] for result in report}
    assert [
        HASH.sub("", shape) for shape in shapes_by_stack["OpenResourcePolicy.template.json"]
    ] == [
        "CatalogResourcePolicy",
        "CatalogResourcePolicy",
    ]
