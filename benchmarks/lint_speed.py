"""`glue-security lint` beside cfn-lint and checkov, whole process, on small templates
and on Terraform modules.

Run in a virtual environment of its own with the `bench` extra (checkov pins packages the
tests need newer). checkov brings its own fork of the HCL parser, installed under the same
import name as python-hcl2, so glue-security runs from a venv of its own with the `hcl`
and `yaml` extras (`--ours`), installed as users install it (not editable: an editable
install adds an import hook of its own to every start):

    python3 -m venv .venv-bench && .venv-bench/bin/pip install -e '.[bench]'
    python3 -m venv .venv-lint && .venv-lint/bin/pip install '.[hcl,yaml]'
    .venv-bench/bin/python benchmarks/lint_speed.py --ours .venv-lint/bin/glue-security \
        [--templates 1000] [--modules 50] [--rounds 3]

Writes that many small CloudFormation templates (YAML with short-form tags: a KMS key, a
security configuration and the catalog's encryption settings, in a handful of variants,
secure and not), and that many Terraform modules of 20 `.tf` files each (a variables file
and 19 files of Glue resources, some decided by a variable's default), then times, on the
same files, `glue-security lint -q DIR`, `cfn-lint FILE...` and `checkov -d DIR
--framework cloudformation` (or `terraform`): each one process, from start to exit, run
from the files' directory, in interleaved rounds after one warm-up round. Each row's ratio
is glue-security's time over the peer's, the median of the rounds' paired ratios; its
spread, the lowest and highest.
Results go to benchmarks/results/lint_speed.json. Only ratios from the same run compare:
these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from cli import BIN, timed  # benchmarks/cli.py: one process, timed from start to exit
from results import write_results

#: The targets: glue-security at least 20x faster than each peer (ours ÷ peer <= 1/20).
LIMIT = 1 / 20

KEY = "!GetAtt Key.Arn"
VARIANTS = {
    "secure": ("SSE-KMS", KEY, "SSE-KMS", "CSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"),
    "disabled": ("DISABLED", "''", "DISABLED", "DISABLED", "DISABLED"),
    "misspelt": ("SSEKMS", KEY, "SSE-KMS", "CSE-KMS", "SSE-KMS"),
    "empty key": ("SSE-KMS", "''", "SSE-KMS", "CSE-KMS", "SSE-KMS"),
}


def template(number: int) -> str:
    s3, s3_key, logs, bookmarks, catalog = list(VARIANTS.values())[number % len(VARIANTS)]
    role = (
        "\n          CatalogEncryptionServiceRole: !GetAtt Role.Arn"
        if catalog == "SSE-KMS-WITH-SERVICE-ROLE"
        else ""
    )
    return f"""\
AWSTemplateFormatVersion: "2010-09-09"
Description: Glue security settings {number}
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {{Service: glue.amazonaws.com}}
            Action: sts:AssumeRole
  SecurityConfiguration:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: !Sub "${{AWS::StackName}}-{number}"
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: {s3}
            KmsKeyArn: {s3_key}
        CloudWatchEncryption:
          CloudWatchEncryptionMode: {logs}
          KmsKeyArn: {KEY}
        JobBookmarksEncryption:
          JobBookmarksEncryptionMode: {bookmarks}
          KmsKeyArn: {KEY}
  CatalogSettings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: {catalog}
          SseAwsKmsKeyId: {KEY}{role}
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: !Ref Key
"""


TF_VARIABLES = """\
variable "kms_key_arn" {
  type    = string
  default = ""
}

variable "mode" {
  type    = string
  default = "SSE-KMS"
}
"""


def terraform_file(module: int, number: int) -> str:
    """One `.tf` file of a module: a security configuration (some weak, some decided by
    a variable's default), and in every fifth file the catalog's settings and a policy."""
    weak = number % 3 == 0
    s3 = '"DISABLED"' if weak else "var.mode"
    key = "var.kms_key_arn" if number % 4 == 0 else "aws_kms_key.key.arn"
    text = f"""\
resource "aws_glue_security_configuration" "conf_{number}" {{
  name = "conf-{module}-{number}"

  encryption_configuration {{
    cloudwatch_encryption {{
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = aws_kms_key.key.arn
    }}

    job_bookmarks_encryption {{
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = {key}
    }}

    s3_encryption {{
      s3_encryption_mode = {s3}
      kms_key_arn        = aws_kms_key.key.arn
    }}
  }}
}}
"""
    if number % 5 == 0:
        text += f"""
resource "aws_glue_data_catalog_encryption_settings" "catalog_{number}" {{
  data_catalog_encryption_settings {{
    connection_password_encryption {{
      aws_kms_key_id                       = aws_kms_key.key.arn
      return_connection_password_encrypted = true
    }}

    encryption_at_rest {{
      catalog_encryption_mode = "{"DISABLED" if weak else "SSE-KMS"}"
      sse_aws_kms_key_id      = aws_kms_key.key.arn
    }}
  }}
}}

resource "aws_glue_resource_policy" "policy_{number}" {{
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Principal = {{ AWS = "arn:aws:iam::111122223333:root" }}
      Action    = ["glue:GetTable"]
      Resource  = ["arn:aws:glue:us-east-1:111122223333:*"]
    }}]
  }})
}}
"""
    return text


def assert_reads_every_file(ours: str, directory: Path) -> None:
    """Each file is read, not refused (a missing extra would make a fast, empty run)."""
    run = subprocess.run(
        [ours, "lint", "--format", "json", str(directory)], capture_output=True, check=False
    )
    refused = [entry for entry in json.loads(run.stdout) if entry["error"] is not None]
    if refused:
        raise SystemExit(f"{ours} did not read {refused[0]['file']}: {refused[0]['error']}")


def exit_code(command: list[str]) -> int:
    """The command's exit status on these files (a warm-up run, also for the file cache)."""
    return subprocess.run(command, capture_output=True, check=False).returncode


def checkov(directory: Path, framework: str) -> list[str]:
    return [
        str(BIN / "checkov"),
        "-d",
        str(directory),
        "--framework",
        framework,
        "--quiet",
        "--compact",
        "--skip-download",
    ]


def rounds(commands: dict[str, list[str]], count: int) -> dict[str, list[float]]:
    """Each command's time in each round, the commands interleaved, after a warm-up."""
    expected = {name: exit_code(command) for name, command in commands.items()}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(count):
        for name, command in commands.items():
            times[name].append(timed(command, expected[name]))
    return times


def paired_row(
    id: str, group: str, title: str, times: dict[str, list[float]], peer: str, unit: str
) -> dict[str, Any]:
    ours_times, peer_times = times["glue-security"], times[peer]
    ratios = sorted(o / p for o, p in zip(ours_times, peer_times, strict=True))
    ratio = statistics.median(ratios)
    return {
        "id": id,
        "group": group,
        "title": title,
        "ours": "glue-security",
        "peer": peer,
        "ours_seconds": round(statistics.median(ours_times), 4),
        "peer_seconds": round(statistics.median(peer_times), 4),
        "ratio": round(ratio, 4),
        "spread": [round(ratios[0], 4), round(ratios[-1], 4)],
        "limit": LIMIT,
        "met": ratio <= LIMIT,
        "unit": unit,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--templates", type=int, default=1000)
    parser.add_argument("--modules", type=int, default=50, help="of 20 .tf files each")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--ours",
        default=str(BIN / "glue-security"),
        help="the glue-security command to time (one installed with the hcl extra)",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="glue-security-lint-bench-"))
    ours = str(Path(args.ours).resolve())
    # Every command runs where the files are, as in a user's repository: no tool reads this
    # project's own configuration (pyproject.toml, .checkov.yaml) on the way.
    here = os.getcwd()
    os.chdir(work)
    try:
        templates = work / "templates"
        templates.mkdir()
        files = []
        for number in range(args.templates):
            path = templates / f"stack-{number:05}.yaml"
            path.write_text(template(number))
            files.append(str(path))
        modules = work / "terraform"
        for module in range(args.modules):
            directory = modules / f"module-{module:03}"
            directory.mkdir(parents=True)
            (directory / "variables.tf").write_text(TF_VARIABLES)
            for number in range(19):
                (directory / f"glue-{number:02}.tf").write_text(terraform_file(module, number))
        tf_files = args.modules * 20
        for directory in (templates, modules):
            assert_reads_every_file(ours, directory)
        template_times = rounds(
            {
                "glue-security": [ours, "lint", "-q", str(templates)],
                "cfn-lint": [str(BIN / "cfn-lint"), *files],
                "checkov": checkov(templates, "cloudformation"),
            },
            args.rounds,
        )
        terraform_times = rounds(
            {
                "glue-security": [ours, "lint", "-q", str(modules)],
                "checkov": checkov(modules, "terraform"),
            },
            args.rounds,
        )
    finally:
        os.chdir(here)
        shutil.rmtree(work)

    per_templates = f"{args.templates} templates, whole run"
    per_modules = f"{tf_files} .tf files in {args.modules} modules, whole run"
    rows = [
        paired_row(
            "templates-cfn-lint",
            "lint",
            f"{args.templates} CloudFormation templates",
            template_times,
            "cfn-lint",
            per_templates,
        ),
        paired_row(
            "templates-checkov",
            "lint",
            f"{args.templates} CloudFormation templates",
            template_times,
            "checkov",
            per_templates,
        ),
        paired_row(
            "terraform-checkov",
            "lint",
            f"{tf_files} Terraform files in {args.modules} modules",
            terraform_times,
            "checkov",
            per_modules,
        ),
    ]
    names = ("glue-security", "cfn-lint", "checkov", "PyYAML")
    versions = {name: importlib.metadata.version(name) for name in names}
    versions["python-hcl2 (ours)"] = subprocess.run(
        [str(Path(ours).parent / "python"), "-c", "import hcl2; print(hcl2.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    path = write_results(__file__, rows, versions)
    print(
        f"fastest and median of {args.rounds} rounds; Python {platform.python_version()}, "
        f"{', '.join(f'{k} {v}' for k, v in versions.items())}, {platform.machine()}, "
        f"{os.cpu_count()} cores\n"
    )
    print("| files | peer | glue-security (s) | peer (s) | ours ÷ peer | target | met |")
    print("|---|---|---:|---:|---:|---:|---|")
    for row in rows:
        print(
            f"| {row['title']} | {row['peer']} | {row['ours_seconds']:.2f} | "
            f"{row['peer_seconds']:.2f} | {row['ratio']:.3f} (1/{1 / row['ratio']:.0f}) | "
            f"<= {LIMIT:.2f} | {'yes' if row['met'] else 'no'} |"
        )
    print(f"\nwritten to {path}")


if __name__ == "__main__":
    sys.exit(main())
