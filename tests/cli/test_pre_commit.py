"""The pre-commit hook, installed and run by pre-commit itself on a sample repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def git(repository: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repository, check=True, capture_output=True)


def try_repo(sample: Path, tmp_path: Path, hook: str) -> subprocess.CompletedProcess[str]:
    """Run `hook` from this repository on every file of a new git repository `sample`."""
    git(sample, "init", "-q")
    git(sample, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"]
    return subprocess.run(command, cwd=sample, env=env, capture_output=True, text=True, check=False)


def test_manifest_is_valid() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_on_a_sample_repository(tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "bad.json").write_text(
        '{"Operation": "GetSecurityConfiguration", "Request": {"Name": ""}}\n'
    )
    (sample / "config").mkdir()
    (sample / "config" / "good.yaml").write_text(
        "Operation: GetSecurityConfiguration\nRequest:\n  Name: ok\n"
    )
    (sample / "notes.txt").write_text("not a payload\n")
    result = try_repo(sample, tmp_path, "glue-security-validate")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "bad.json:1:63: $.Name: length must be 1..255 UTF-8 bytes" in output
    assert "config/good.yaml: ok (GetSecurityConfigurationRequest)" in output  # YAML, installed
    assert "notes.txt" not in output


def test_lint_hook_on_a_sample_repository(tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    (sample / "infra").mkdir(parents=True)
    (sample / "infra" / "glue.yaml").write_text(
        "Resources:\n"
        "  Conf:\n"
        "    Type: AWS::Glue::SecurityConfiguration\n"
        "    Properties:\n"
        "      Name: !Sub '${AWS::StackName}-etl'\n"
        "      EncryptionConfiguration:\n"
        "        S3Encryptions:\n"
        "          - S3EncryptionMode: SSE-S3\n"
        "        CloudWatchEncryption: {CloudWatchEncryptionMode: DISABLED}\n"
        "        JobBookmarksEncryption:\n"
        "          JobBookmarksEncryptionMode: CSE-KMS\n"
        "          KmsKeyArn: !GetAtt Key.Arn\n"
    )
    (sample / "package.json").write_text('{"name": "web"}\n')  # not a Glue file: passed over
    result = try_repo(sample, tmp_path, "glue-security-lint")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert (
        "infra/glue.yaml:9:9: Conf $.EncryptionConfiguration.CloudWatchEncryption: "
        "CloudWatch logs encryption is disabled [GS204]"
    ) in output
    assert "package.json: ok (nothing to check)" in output
