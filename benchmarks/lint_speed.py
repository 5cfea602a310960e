"""`glue-security lint` beside cfn-lint and checkov, whole process, on small templates.

Run from the README's environment plus the `bench` extra:

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/lint_speed.py [--templates 1000] [--rounds 3]

Writes that many small CloudFormation templates (YAML with short-form tags: a KMS key, a
security configuration and the catalog's encryption settings, in a handful of variants,
secure and not), then times, on the same files, `glue-security lint -q DIR`,
`cfn-lint FILE...` and `checkov -d DIR --framework cloudformation`: each one process,
from start to exit, in interleaved rounds after one warm-up round. The table gives the
fastest round of each, the time per template, and each peer's time over glue-security's.
Only ratios from the same run compare: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cli import BIN, timed  # benchmarks/cli.py: one process, timed from start to exit

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


def exit_code(command: list[str]) -> int:
    """The command's exit status on these files (a warm-up run, also for the file cache)."""
    return subprocess.run(command, capture_output=True, check=False).returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--templates", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="glue-security-lint-bench-"))
    try:
        files = []
        for number in range(args.templates):
            path = work / f"stack-{number:05}.yaml"
            path.write_text(template(number))
            files.append(str(path))
        commands = {
            "glue-security": [str(BIN / "glue-security"), "lint", "-q", str(work)],
            "cfn-lint": [str(BIN / "cfn-lint"), *files],
            "checkov": [
                str(BIN / "checkov"),
                "-d",
                str(work),
                "--framework",
                "cloudformation",
                "--quiet",
                "--compact",
                "--skip-download",
            ],
        }
        expected = {name: exit_code(command) for name, command in commands.items()}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():
                times[name].append(timed(command, expected[name]))
    finally:
        shutil.rmtree(work)

    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("glue-security", "cfn-lint", "checkov", "PyYAML")
    )
    print(
        f"{args.templates} templates, fastest of {args.rounds} rounds; Python "
        f"{platform.python_version()}, {versions}, {platform.machine()}, "
        f"{os.cpu_count()} cores\n"
    )
    print("| tool | whole run (s) | per template (ms) | ÷ glue-security |")
    print("|---|---:|---:|---:|")
    ours = min(times["glue-security"])
    for name in commands:
        best = min(times[name])
        print(f"| {name} | {best:.2f} | {best / args.templates * 1000:.2f} | {best / ours:.1f}x |")


if __name__ == "__main__":
    sys.exit(main())
