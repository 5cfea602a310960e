"""What glue-security lint, checkov and cfn-lint each report on the lint test corpus of
tests/data/lint.

    .venv-bench/bin/python benchmarks/compare_lint.py --ours .venv/bin/glue-security \
        > docs/lint-comparison.md
    .venv-bench/bin/python benchmarks/compare_real.py --page   # puts back "Real public files"

Runs the three tools (extra `bench`: checkov and cfn-lint; `--ours`, a glue-security with
the `hcl` extra, since checkov's fork of the HCL parser takes python-hcl2's import name) on
the CloudFormation templates, Terraform plans, Terraform modules (checkov's `terraform`
framework for .tf files, `terraform_json` for .tf.json ones) and CloudTrail files under
tests/data/lint, and on the templates the AWS CDK synthesizes from the apps of
tests/data/cdk-apps and the Terraform JSON that CDK for Terraform synthesizes from the apps
of tests/data/cdktf-apps (Node.js and the packages in .node/, as .ci/run installs them;
without them those rows are left out, and the page says so), and writes a Markdown page: one
row per Glue resource,
with each tool's findings about it. Not part of the tests: the peers are large, and their
verdicts change with their versions, which the page records.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data"
BIN = Path(sys.executable).parent
OURS = [str(BIN / "glue-security")]
GLUE_TYPES = ("AWS::Glue::SecurityConfiguration", "AWS::Glue::DataCatalogEncryptionSettings")

Findings = dict[tuple[str, str], list[str]]  # (file, resource) -> findings

CDK_APPS = CORPUS / "cdk-apps"
NODE_MODULES = ROOT / ".node" / "node_modules"
#: The CDK packages the apps use, whose versions the page names.
CDK_PACKAGES = ("aws-cdk-lib", "@aws-cdk/aws-glue-alpha")
#: What the CDK rows show, as read from the last run (checked by hand against the table).
CDK_SUMMARY = (
    "On them only glue-security reads the catalog's resource policy, which the CDK sets "
    "through a custom resource (`Custom::AWS`): the open one of `OpenResourcePolicy`, "
    "once for each of its Create and Update calls; only glue-security reports the jobs "
    "and crawlers with no security configuration or a disabled one; cfn-lint (E1041) and "
    "glue-security (GS005) report a key's `Ref`, its ID, where its ARN belongs, which "
    "checkov passes (CKV_AWS_99). Of the CDK's own resources, only the custom resource's "
    "Lambda function draws a finding (cfn-lint's W3005); the secure stacks are clean in "
    "all three."
)


#: The page's section on plans and state that Terraform wrote, kept beside this script:
#: written by hand from a run of Terraform, which this script does not run.
TERRAFORM_SECTION = Path(__file__).with_name("lint_comparison_terraform.md")

CDKTF_APPS = CORPUS / "cdktf-apps"
#: The CDK for Terraform packages the apps use, whose versions the page names.
CDKTF_PACKAGES = ("cdktf", "@cdktf/provider-aws")
#: What the cdktf rows show, as read from the last run (checked by hand against the table).
CDKTF_SUMMARY = (
    "cdktf writes one block of a nested block type as an object (`\"s3_encryption\": "
    "{...}`), as Terraform's JSON syntax allows. checkov reads these files with its "
    "`terraform_json` framework (its `terraform` one reads no `.tf.json`). Both report the "
    "security configurations that disable a part (CKV_AWS_99; glue-security names each "
    "part, and the variable whose default decides one) and the jobs, crawlers and "
    "endpoints with no security configuration (CKV_AWS_195, GS212), except the crawler "
    "the app accepts with a `\"//\"` comment property, which checkov does not read. Only "
    "glue-security reports the job and crawler that use a configuration with everything "
    "disabled (GS213; checkov passes them), a key's ID or an alias's name where a key ARN "
    "belongs (GS005; checkov passes CKV_AWS_99), and the resource policies open to every "
    "principal that `Fn.jsonencode` writes, one with the account `aws_caller_identity` "
    "reads in its resource (GS207; checkov has no check of resource policies). checkov "
    "fails CKV_AWS_94 on the catalog's SSE-KMS with no key, which the service encrypts "
    "with the AWS-managed key (glue-security's GS112, a note)."
)


def tool(name: str) -> str:
    return str(BIN / name)


def run(command: list[str]) -> str:
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}
    result = subprocess.run(
        command, cwd=CORPUS, capture_output=True, text=True, env=env, check=False
    )
    return result.stdout


def version(name: str) -> str:
    command = OURS if name == "glue-security" else [tool(name)]
    return run([*command, "--version"]).strip().splitlines()[-1].split()[-1]


def glue_security(files: Iterable[str]) -> Findings:
    found: Findings = defaultdict(list)
    for result in json.loads(run([*OURS, "lint", "--format", "json", *files])):
        for entry in result["errors"]:
            key = (result["file"], entry.get("resource") or "-")
            found[key].append(f"{entry['code']} {entry['message']}")
        for resource in result["shapes"]:
            found.setdefault((result["file"], resource), [])
    return found


def checkov(files: list[str], framework: str, directory: str | None = None) -> Findings:
    command = [tool("checkov"), "--framework", framework, "-o", "json", "--compact"]
    command += ["--skip-download"]
    if directory is not None:  # a Terraform module: its files together
        command += ["-d", directory]
    for name in files if directory is None else ():
        command += ["-f", name]
    reports = json.loads(run(command) or "[]")
    by_name = {Path(name).name: name for name in files}
    found: Findings = defaultdict(list)
    for report in reports if isinstance(reports, list) else [reports]:
        results = report.get("results", {})
        for verdict, key in (("fails", "failed_checks"), ("passes", "passed_checks")):
            for check in results.get(key, []):
                resource = check["resource"]
                if framework == "terraform_json" and resource.startswith("resource."):
                    resource = json_resource_type(check) + resource.removeprefix("resource")
                if framework == "cloudformation":
                    if not resource.startswith(GLUE_TYPES):
                        continue
                    resource = resource.rsplit(".", 1)[1]
                elif not resource.startswith("aws_glue") and ".aws_glue" not in resource:
                    continue
                name = Path(check["file_path"]).name
                if name not in by_name:
                    continue
                where = (by_name[name], resource)
                found[where].append(f"{verdict} {check['check_id']} ({check['check_name']})")
    return found


def json_resource_type(check: dict[str, Any]) -> str:
    """The type of the resource a terraform_json check names (checkov writes
    `resource.NAME`): the type key above the resource's first line in its file."""
    lines = Path(CORPUS, check["file_abs_path"]).read_text().splitlines()
    first = check["file_line_range"][0] - 1
    indent = len(lines[first]) - len(lines[first].lstrip())
    for line in reversed(lines[:first]):
        found = re.match(r'(\s*)"([a-z0-9_]+)": \{\s*$', line)
        if found and len(found[1]) < indent:
            return found[2]
    return "resource"


def cfn_lint(files: list[str]) -> Findings:
    found: Findings = defaultdict(list)
    for entry in json.loads(run([tool("cfn-lint"), "-f", "json", *files]) or "[]"):
        path = entry["Location"].get("Path") or []
        resource = path[1] if len(path) > 1 and path[0] == "Resources" else "-"
        message = entry["Message"].replace("\n", " ")
        found[(entry["Filename"], resource)].append(f"{entry['Rule']['Id']} {message}")
    return found


def synthesize(outdir: Path) -> dict[str, str]:
    """The templates the AWS CDK synthesizes from each app of tests/data/cdk-apps (with the
    context the CDK CLI passes, as tests/linter/test_lint_cdk_synth.py does), each path with
    the name the page gives it; none where Node.js or the CDK is missing."""
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "aws-cdk-lib").is_dir():
        print("Node.js or the AWS CDK (.node/) is missing: no CDK rows", file=sys.stderr)
        return {}
    env = {
        **os.environ,
        "NODE_PATH": str(NODE_MODULES),
        "CDK_CONTEXT_JSON": (CDK_APPS / "cli-context.json").read_text(),
    }
    names = {}
    for app in sorted(CDK_APPS.glob("*.cjs")):
        out = outdir / app.stem
        subprocess.run([node, str(app)], env={**env, "CDK_OUTDIR": str(out)}, check=True)
        for template in sorted(out.glob("*.template.json")):
            names[str(template)] = f"cdk-apps/{app.name}: {template.name}"
    return names


def synthesize_cdktf(outdir: Path) -> dict[str, str]:
    """The Terraform JSON (`cdk.tf.json`, one per stack) CDK for Terraform synthesizes from
    each app of tests/data/cdktf-apps, as tests/linter/test_lint_cdktf_synth.py does, each
    path with the name the page gives it; none where Node.js or cdktf is missing."""
    node = shutil.which("node")
    if node is None or not all((NODE_MODULES / name).is_dir() for name in CDKTF_PACKAGES):
        print("Node.js or cdktf (.node/) is missing: no cdktf rows", file=sys.stderr)
        return {}
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("CDKTF_", "SYNTH_"))
    }
    env["NODE_PATH"] = str(NODE_MODULES)
    names = {}
    for app in sorted(CDKTF_APPS.glob("*.cjs")):
        out = outdir / app.stem
        out.mkdir(parents=True)
        env["CDKTF_OUTDIR"] = str(out / "cdktf.out")
        subprocess.run([node, str(app)], cwd=out, env=env, check=True)
        for stack in sorted(out.glob("cdktf.out/stacks/*/cdk.tf.json")):
            names[str(stack)] = f"cdktf-apps/{app.name}: {stack.parent.name}/{stack.name}"
    return names


def versions_of(packages: Iterable[str]) -> str:
    versions = []
    for package in packages:
        manifest = NODE_MODULES / package / "package.json"
        if manifest.is_file():
            versions.append(f"{package} {json.loads(manifest.read_text())['version']}")
    return ", ".join(versions)


def renamed(found: Findings, names: dict[str, str]) -> Findings:
    return {(names.get(file, file), resource): items for (file, resource), items in found.items()}


def cell(items: list[str] | None) -> str:
    if items is None:
        return "(does not read this file)"
    if not items:
        return "nothing"
    return "<br>".join(item.replace("|", "\\|") for item in items)


def relative(paths: Iterable[Path]) -> list[str]:
    return sorted(path.relative_to(CORPUS).as_posix() for path in paths)


def main() -> None:
    global OURS
    arguments = sys.argv[1:]
    if arguments[:1] == ["--ours"]:
        OURS = [str(Path(arguments[1]).resolve())]
    with tempfile.TemporaryDirectory() as synthesized:
        cdk = synthesize(Path(synthesized) / "cdk")
        cdktf = synthesize_cdktf(Path(synthesized) / "cdktf")
        templates = [*relative(CORPUS.glob("lint/cloudformation/*")), *cdk]
        plans = relative(CORPUS.glob("lint/terraform/*"))
        tf_files = [
            *relative(CORPUS.glob("lint/terraform-hcl/**/*.tf*")),
            *relative(CORPUS.glob("lint/terraform-json/*.tf.json")),
            *cdktf,
        ]
        # A module is a directory of .tf or .tf.json files: checkov reads each as one.
        modules = sorted({str(Path(name).parent) for name in tf_files})
        trails = relative(CORPUS.glob("lint/cloudtrail/*"))
        cdk = {**cdk, **cdktf}
        ours = renamed(glue_security([*templates, *plans, *tf_files, *trails]), cdk)
        theirs = {**checkov(templates, "cloudformation"), **checkov(plans, "terraform_plan")}
        for module in modules:
            in_module = [name for name in tf_files if str(Path(name).parent) == module]
            # checkov reads .tf files with one framework, .tf.json files with another.
            if any(name.endswith(".tf") for name in in_module):
                theirs.update(checkov(in_module, "terraform", module))
            if any(name.endswith(".tf.json") for name in in_module):
                theirs.update(checkov(in_module, "terraform_json", module))
        theirs = renamed(theirs, cdk)
        linted = renamed(cfn_lint(templates), cdk)
    templates = [cdk.get(name, name) for name in templates]
    tf_files = [cdk.get(name, name) for name in tf_files]
    print("# glue-security lint beside checkov and cfn-lint\n")
    print(
        "What each tool reports for each AWS Glue resource of the lint test corpus "
        "(`tests/data/lint`), found by running them: "
        "`python benchmarks/compare_lint.py`. "
        "checkov's passing Glue checks are listed too, since a pass can be the error. "
        "Unknown values are left out of glue-security's column (`--verbose` lists them). "
        '"nothing" means the tool ran on the file and said nothing about the resource.\n'
    )
    print(
        "With the versions below: checkov fails CKV_AWS_94 on a catalog encrypted with "
        "SSE-KMS-WITH-SERVICE-ROLE (`secure.yaml`) and passes CKV_AWS_99 with the misspelt "
        "mode `SSEKMS` (`misspelt.yaml`); cfn-lint flags neither the misspelt mode nor a "
        "KMS mode without a key; neither knows the service rules (GS101-GS109) or checks "
        "resource policies in a Terraform plan. On the inputs lint reads since: checkov "
        "reads the Terraform modules but no CloudTrail file, cfn-lint templates only; "
        "cfn-lint also reports two resources with one name or one catalog (E3019), checkov "
        "does not; neither reports the `!Sub` branch of `decided.yaml` that can never be a "
        "KMS key ARN, nor the jobs, crawlers and endpoints of `cross-resources.yaml`.\n"
    )
    if cdk:
        print(
            "The `cdk-apps/...` rows are templates the AWS CDK synthesized from the apps of "
            "`tests/data/cdk-apps` (our own code; " + versions_of(CDK_PACKAGES) + ") in the "
            "run that wrote this page, with the context `cdk synth` passes (path metadata, "
            "`CDKMetadata`). " + CDK_SUMMARY + "\n"
        )
    else:
        print("The templates of `tests/data/cdk-apps` were not synthesized in this run (no "
              "Node.js or AWS CDK in `.node/`), so they have no rows.\n")
    if cdktf:
        print(
            "The `cdktf-apps/...` rows are the Terraform JSON CDK for Terraform synthesized "
            "from the apps of `tests/data/cdktf-apps` (our own code; "
            + versions_of(CDKTF_PACKAGES) + ") in the run that wrote this page, one "
            "`cdk.tf.json` per stack, each read as a module by both tools (cfn-lint reads no "
            "Terraform). " + CDKTF_SUMMARY + "\n"
        )
    else:
        print("The Terraform JSON of `tests/data/cdktf-apps` was not synthesized in this run "
              "(no Node.js or cdktf in `.node/`), so it has no rows.\n")
    print(
        f"Versions: glue-security {version('glue-security')}, checkov {version('checkov')}, "
        f"cfn-lint {version('cfn-lint')}.\n"
    )
    print("| File | Resource | glue-security | checkov | cfn-lint |")
    print("|---|---|---|---|---|")
    keys = sorted({*ours, *theirs, *linted})
    for file, resource in keys:
        if resource == "-" and not linted.get((file, resource)):
            continue
        cfn = linted.get((file, resource), []) if file in templates else None
        checked = file in templates or file in plans or file in tf_files
        row = [
            f"`{file}`",
            f"`{resource}`",
            cell(ours.get((file, resource), [])),
            cell(theirs.get((file, resource), []) if checked else None),
            cell(cfn),
        ]
        print("| " + " | ".join(row) + " |")
    # Recorded by hand from a run (see the section): this script runs no Terraform.
    print("\n" + TERRAFORM_SECTION.read_text(), end="")


if __name__ == "__main__":
    main()
