"""`lint` on plans and state that Terraform itself writes, at test time, from the small
configurations of tests/data/terraform-apps: `terraform plan -refresh=false` and
`terraform show -json` with the AWS provider (no AWS account: made-up keys, every endpoint
on loopback), and `terraform apply` and `terraform destroy` against `glue-security serve`.

Neither Terraform nor the AWS provider can be installed from a package registry, so where
either is absent (`terraform` on PATH; the provider in GLUE_SECURITY_TERRAFORM_PLUGINS, a
`-plugin-dir` folder, /opt/tf-plugins unless set) every test here skips, in CI too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import pytest

from glue_security.testing import GlueSecurityServer
from glue_security.testing.state_document import dump_state

from ..helpers import DATA, ROOT, SERVE_ACCOUNT, SERVE_REGION, lint_report

# Terraform runs the same whatever Python runs the tests: CI runs these on its main Python.
pytestmark = pytest.mark.terraform

APPS = DATA / "terraform-apps"
#: The provider block every app runs with: docs/serve.md's, its endpoints a variable.
PROVIDER = APPS / "provider.tf"
DOCS_SERVE = ROOT / "docs" / "serve.md"
PLUGIN_DIR = Path(os.environ.get("GLUE_SECURITY_TERRAFORM_PLUGINS", "/opt/tf-plugins"))
#: The app whose resources are the Glue security operations' only, applied against serve.
APPLIED = "security-apis"

#: (resource address, rule, the finding's path)
Finding = tuple[str, str, str]

WEAK = "aws_glue_security_configuration.weak"
#: What lint reports on each app's plan, and nothing else (sorted).
EXPECTED: dict[str, list[Finding]] = {
    # `.id` and `.name` lead to the same configuration: a weak one gives GS213 both ways.
    "plan-only": sorted(
        [
            ("aws_glue_crawler.weak_by_id", "GS213", "$.security_configuration"),
            ("aws_glue_crawler.without", "GS212", "$"),
            ("aws_glue_dev_endpoint.weak_by_id", "GS213", "$.security_configuration"),
            ("aws_glue_job.weak_by_id", "GS213", "$.security_configuration"),
            ("aws_glue_job.weak_by_name", "GS213", "$.security_configuration"),
            ("aws_glue_job.without", "GS212", "$"),
            (WEAK, "GS203", "$.EncryptionConfiguration.S3Encryption"),
            (WEAK, "GS204", "$.EncryptionConfiguration.CloudWatchEncryption"),
            (WEAK, "GS205", "$.EncryptionConfiguration.JobBookmarksEncryption"),
            # jsonencode(...)
            ("aws_glue_resource_policy.open", "GS207", "$.PolicyInJson"),
            (
                "aws_glue_data_catalog_encryption_settings.aws_managed_key",
                "GS107",
                "$.DataCatalogEncryptionSettings.ConnectionPasswordEncryption",
            ),
            (
                "aws_glue_data_catalog_encryption_settings.aws_managed_key",
                "GS112",
                "$.DataCatalogEncryptionSettings.EncryptionAtRest",
            ),
        ]
    ),
    APPLIED: sorted(
        [
            # data "aws_iam_policy_document"
            ("aws_glue_resource_policy.open", "GS207", "$.PolicyInJson"),
            (
                "aws_glue_data_catalog_encryption_settings.unencrypted",
                "GS202",
                "$.DataCatalogEncryptionSettings.ConnectionPasswordEncryption",
            ),
            (
                "aws_glue_data_catalog_encryption_settings.unencrypted",
                "GS201",
                "$.DataCatalogEncryptionSettings.EncryptionAtRest",
            ),
            (WEAK, "GS204", "$.EncryptionConfiguration.CloudWatchEncryption"),
            (WEAK, "GS205", "$.EncryptionConfiguration.JobBookmarksEncryption"),
        ]
    ),
}
#: Findings of the `.tf` reading that a plan or state does not give, or the other way
#: round, by app. None: where a plan leaves `security_configuration` unknown (`.id`), the
#: plan's configuration part names the resource it refers to, as the `.tf` does.
DIFFERENCES: dict[str, list[Finding]] = {app: [] for app in EXPECTED}


@attrs.frozen
class Runs:
    """What the Terraform runs wrote: each app's plan as JSON; the applied app's state as
    JSON, and serve's state after apply and after destroy."""

    plans: dict[str, Path]
    state: Path
    served: dict[str, Any]
    destroyed: dict[str, Any]


def terraform_environment() -> dict[str, str]:
    """The caller's environment without Terraform's and AWS's settings: no CLI config file,
    no plugin cache, no update check, no AWS profile or credentials."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TF_", "AWS_", "CHECKPOINT_"))
    }
    environment.update(TF_CLI_CONFIG_FILE=os.devnull, TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1")
    return environment


def terraform(folder: Path, *args: str) -> str:
    """`terraform ARGS -no-color` in `folder`: its output; a failure fails the test."""
    run = subprocess.run(
        ["terraform", *args, "-no-color"],
        cwd=folder,
        env=terraform_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, f"terraform {' '.join(args)} in {folder.name}: {run.stderr}"
    return run.stdout


def planned(folder: Path, *variables: str) -> Path:
    """`terraform init` from the plugin folder, then the plan (saved as `plan`), as JSON in
    plan.json."""
    terraform(folder, "init", f"-plugin-dir={PLUGIN_DIR}", "-input=false")
    terraform(folder, "plan", "-refresh=false", "-input=false", "-out", "plan", *variables)
    (folder / "plan.json").write_text(terraform(folder, "show", "-json", "plan"))
    return folder / "plan.json"


@pytest.fixture(scope="module")
def runs(
    tmp_path_factory: pytest.TempPathFactory, glue_security_server: GlueSecurityServer
) -> Runs:
    """Each app planned, at once (one thread each); the applied app's plan, made with serve
    as its endpoint, applied, its state shown and serve's recorded, then destroyed."""
    if shutil.which("terraform") is None:
        pytest.skip("Terraform is not installed (no `terraform` on PATH)")
    if not (PLUGIN_DIR / "registry.terraform.io" / "hashicorp" / "aws").is_dir():
        pytest.skip(
            f"the AWS provider is not in {PLUGIN_DIR} (a `terraform init -plugin-dir` folder; "
            "GLUE_SECURITY_TERRAFORM_PLUGINS names another)"
        )
    root = tmp_path_factory.mktemp("terraform")
    folders = {app: root / app for app in EXPECTED}
    for app, folder in folders.items():
        shutil.copytree(APPS / app, folder)
        shutil.copy(PROVIDER, folder / "provider.tf")
    glue_security_server.reset()
    endpoint = f"-var=endpoint={glue_security_server.url}"
    outcome: dict[str, Any] = {}

    def run(app: str) -> Path:
        if app != APPLIED:
            return planned(folders[app])
        folder = folders[app]
        plan = planned(folder, endpoint)
        terraform(folder, "apply", "-auto-approve", "-input=false", "plan")
        (folder / "state.json").write_text(terraform(folder, "show", "-json"))
        outcome["served"] = dump_state(glue_security_server.service)
        # The provider read each resource back when it created it; no need to again.
        terraform(folder, "destroy", "-auto-approve", "-refresh=false", "-input=false", endpoint)
        outcome["destroyed"] = dump_state(glue_security_server.service)
        return plan

    with ThreadPoolExecutor(len(folders)) as pool:
        plans = dict(zip(folders, pool.map(run, folders), strict=True))
    glue_security_server.reset()
    return Runs(plans=plans, state=folders[APPLIED] / "state.json", **outcome)


def without_unset(value: Any) -> Any:
    """`value` without null and "" members: the two forms of an unset string (a plan writes
    null, a state read back from the service "")."""
    if isinstance(value, dict):
        return {k: without_unset(v) for k, v in value.items() if v is not None and v != ""}
    if isinstance(value, list):
        return [without_unset(item) for item in value]
    return value


def findings(path: Path) -> list[Finding]:
    _, report = lint_report(str(path))
    assert all(result["error"] is None for result in report), report
    return sorted(
        (entry["resource"], entry["code"], entry["path"])
        for result in report
        for entry in result["errors"]
    )


def rules_by_resource(found: list[Finding]) -> Counter[tuple[str, str]]:
    return Counter((resource, rule) for resource, rule, _ in found)


def _provider_block(text: str) -> str:
    start = text.index('provider "aws" {')
    end = text.index("\n}\n", start) + 2
    return "\n".join(line.strip() for line in text[start:end].splitlines())


def test_the_apps_run_the_provider_block_the_docs_give() -> None:
    """docs/serve.md's provider block for `serve` is the one these tests run (its URL a
    variable here, so that a test can point it at its own server)."""
    docs = DOCS_SERVE.read_text()
    block = _provider_block(docs[docs.index("```hcl", docs.index("**Terraform")) :])
    assert block.replace('"http://127.0.0.1:4566"', "var.endpoint") == _provider_block(
        PROVIDER.read_text()
    )


def test_every_app_is_checked() -> None:
    assert {app.name for app in APPS.iterdir() if app.is_dir()} == set(EXPECTED)


@pytest.mark.parametrize("app", sorted(EXPECTED))
def test_a_plan_gives_exactly_the_expected_findings(runs: Runs, app: str) -> None:
    assert findings(runs.plans[app]) == EXPECTED[app]


@pytest.mark.parametrize("app", sorted(EXPECTED))
def test_a_plan_agrees_with_its_configuration(runs: Runs, app: str) -> None:
    """The same rules on the same resources, at the same paths, as linting the app's `.tf`
    files (the plan's positions are in one long JSON line, the `.tf`'s in the files)."""
    from_files = findings(APPS / app)
    assert sorted(set(from_files) ^ set(findings(runs.plans[app]))) == DIFFERENCES[app]
    assert rules_by_resource(from_files) == rules_by_resource(EXPECTED[app])


def test_the_plan_leaves_an_id_reference_unknown(runs: Runs) -> None:
    """The case the plan's references decide: `.id` is unknown in the planned values, and
    the configuration names the security configuration."""
    plan = json.loads(runs.plans["plan-only"].read_text())
    (change,) = (c for c in plan["resource_changes"] if c["address"] == "aws_glue_job.weak_by_id")
    assert change["change"]["after_unknown"]["security_configuration"] is True
    assert "security_configuration" not in change["change"]["after"]
    (configured,) = (
        r
        for r in plan["configuration"]["root_module"]["resources"]
        if r["address"] == "aws_glue_job.weak_by_id"
    )
    assert configured["expressions"]["security_configuration"]["references"] == [
        f"{WEAK}.id",
        WEAK,
    ]


def test_the_state_gives_the_plans_findings(runs: Runs) -> None:
    """The state that `terraform apply` against serve leaves: the same findings as the plan
    and the `.tf`, the provider's empty strings for unset keys read as absent (GS004 and
    GS005 are not reported for `aws_kms_key_id = ""`)."""
    state = json.loads(runs.state.read_text())
    assert set(state) == {"format_version", "terraform_version", "values"}
    resources = state["values"]["root_module"]["resources"]
    settings = next(
        r for r in resources if r["type"] == "aws_glue_data_catalog_encryption_settings"
    )
    (password,) = settings["values"]["data_catalog_encryption_settings"][0][
        "connection_password_encryption"
    ]
    assert password["aws_kms_key_id"] == ""
    assert findings(runs.state) == EXPECTED[APPLIED]


def test_serve_holds_what_terraform_applied(runs: Runs) -> None:
    (region,) = runs.served["regions"]
    assert (region["AccountId"], region["Region"]) == (SERVE_ACCOUNT, SERVE_REGION)
    assert sorted(c["Name"] for c in region["SecurityConfigurations"]) == ["strong", "weak"]
    assert region["DataCatalogEncryptionSettings"] == [
        {
            "CatalogId": SERVE_ACCOUNT,
            "DataCatalogEncryptionSettings": {
                "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": False},
                "EncryptionAtRest": {"CatalogEncryptionMode": "DISABLED"},
            },
        }
    ]
    (policy,) = region["ResourcePolicies"]
    assert json.loads(policy["PolicyInJson"])["Statement"][0]["Principal"] == {"AWS": "*"}


def test_serve_reads_back_what_terraform_wrote(runs: Runs) -> None:
    """Each value the plan knew is the one the provider read back from serve into the
    state (what a later plan compares: equal, it plans no change)."""
    plan = json.loads(runs.plans[APPLIED].read_text())
    state = json.loads(runs.state.read_text())
    before, after = (
        {
            resource["address"]: resource["values"]
            for resource in document[key]["root_module"]["resources"]
            if resource["mode"] == "managed"
        }
        for document, key in ((plan, "planned_values"), (state, "values"))
    )
    assert len(before) == 4
    assert set(before) == set(after)
    for address, values in before.items():
        read_back = without_unset(after[address])
        assert {key: read_back.get(key) for key in without_unset(values)} == without_unset(
            values
        ), address


def test_terraform_destroy_empties_serve(runs: Runs) -> None:
    (region,) = runs.destroyed["regions"]
    assert region["SecurityConfigurations"] == []
    assert region["ResourcePolicies"] == []
    # The provider "deletes" catalog settings by putting empty ones.
    assert region["DataCatalogEncryptionSettings"] == [
        {"CatalogId": SERVE_ACCOUNT, "DataCatalogEncryptionSettings": {}}
    ]
