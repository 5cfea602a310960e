"""The command as a user runs it: a subprocess, real files, exit codes and output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import glue_security as gs

from .helpers import ROOT

EXAMPLES = ROOT / "examples"


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glue_security", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        encoding="utf-8",
        check=False,
    )


# The faults each invalid example holds: (path, code) in report order.
INVALID_EXAMPLES = {
    "CreateSecurityConfiguration": [
        ("$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn", "pattern"),
        ("$.Tags", "unknown"),
    ],
    "DeleteResourcePolicy": [("$.PolicyHashCondition", "pattern")],
    "DeleteSecurityConfiguration": [("$.Name", "required")],
    "GetDataCatalogEncryptionSettings": [("$.CatalogId", "length")],
    "GetResourcePolicies": [("$.MaxResults", "type")],
    "GetResourcePolicy": [("$.ResourceArn", "pattern")],
    "GetSecurityConfiguration": [("$.Name", "length")],
    "GetSecurityConfigurations": [("$.MaxResults", "range")],
    "PutDataCatalogEncryptionSettings": [
        ("$.DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode", "enum"),
        (
            "$.DataCatalogEncryptionSettings.ConnectionPasswordEncryption"
            ".ReturnConnectionPasswordEncrypted",
            "type",
        ),
    ],
    "PutResourcePolicy": [("$.PolicyInJson", "json"), ("$.PolicyExistsCondition", "enum")],
}


def test_examples_cover_every_operation() -> None:
    for kind in ("valid", "invalid"):
        assert sorted(p.stem for p in (EXAMPLES / kind).glob("*.json")) == sorted(gs.OPERATIONS)
    assert sorted(INVALID_EXAMPLES) == sorted(gs.OPERATIONS)


def test_valid_examples_pass() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in (EXAMPLES / "valid").glob("*.json"))
    result = run("validate", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(result.stdout.splitlines()) == 10
    assert result.stderr == ""


@pytest.mark.parametrize("name", sorted(INVALID_EXAMPLES))
def test_each_invalid_example_reports_its_paths(name: str) -> None:
    path = f"examples/invalid/{name}.json"
    result = run("validate", path)
    assert result.returncode == 1
    reported = []
    for line in result.stdout.splitlines():
        file, where, rest = line.split(": ", 2)
        assert file == path
        reported.append((where, rest.rsplit("[", 1)[1].rstrip("]")))
    assert reported == INVALID_EXAMPLES[name]


def test_json_format_report() -> None:
    result = run(
        "validate",
        "--format",
        "json",
        "examples/invalid/PutResourcePolicy.json",
        "examples/valid/PutResourcePolicy.json",
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report[0]["valid"] is False
    assert report[0]["shape"] == "PutResourcePolicyRequest"
    assert [(e["path"], e["code"]) for e in report[0]["errors"]] == INVALID_EXAMPLES[
        "PutResourcePolicy"
    ]
    assert report[1] == {
        "file": "examples/valid/PutResourcePolicy.json",
        "shape": "PutResourcePolicyRequest",
        "valid": True,
        "errors": [],
    }


def test_flags_and_stdin() -> None:
    result = run("validate", "--operation", "GetSecurityConfiguration", "-", stdin='{"Name": ""}')
    assert result.returncode == 1
    assert result.stdout.startswith("-: $.Name: length must be 1..255")
    result = run(
        "validate",
        "--operation",
        "get_security_configurations",
        "--response",
        "-",
        stdin='{"SecurityConfigurations": [], "ResponseMetadata": {}}',
    )
    assert result.returncode == 0, result.stderr
    result = run("validate", "--shape", "S3Encryption", "-", stdin='{"S3EncryptionMode": "SSE-S3"}')
    assert result.returncode == 0


def test_not_json_is_an_error_at_the_root(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\x00not json")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000)
    result = run("validate", "--shape", "S3Encryption", str(bad), str(deep))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{bad}: $: ") and lines[0].endswith("[json]")
    assert lines[1].startswith(f"{deep}: $: ") and lines[1].endswith("[json]")
    assert "Traceback" not in result.stderr
    # The same reading, and the same message, as from_json.
    for line, path in zip(lines, (bad, deep), strict=True):
        with pytest.raises(gs.ValidationError) as caught:
            gs.from_json(gs.S3Encryption, path.read_bytes())
        assert line == f"{path}: {caught.value.errors[0]}"


def test_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    configs = [{"Name": f"config-{i}", "CreatedTimeStamp": 1700000000 + i} for i in range(50_000)]
    big.write_text(json.dumps({"SecurityConfigurations": configs}))
    result = run("validate", "--operation", "GetSecurityConfigurations", "--response", str(big))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--shape", "S3Encryptoin", "x.json"], "did you mean 'S3Encryption'"),
        (["validate", "--operation", "Nope", "x.json"], "unknown operation 'Nope'"),
        (["validate", "missing.json", "--shape", "S3Encryption"], "cannot read missing.json"),
        (["validate", "--response", "x.json"], "--response goes with --operation"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_without_envelope_needs_a_flag(tmp_path: Path) -> None:
    bare = tmp_path / "bare.json"
    bare.write_text('{"Name": "x"}')
    result = run("validate", str(bare))
    assert result.returncode == 2
    assert "pass --shape or --operation" in result.stderr


def test_shapes_lists_everything() -> None:
    result = run("shapes")
    assert result.returncode == 0
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert sorted(names) == sorted([*gs.OPERATIONS, *gs.MODELS])


def test_help_and_version() -> None:
    assert run("--version").stdout.strip() == f"glue-security {gs.__version__}"
    for command in ("validate", "shapes"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "examples:" in result.stdout


def test_narrow_terminal_encoding_does_not_crash(tmp_path: Path) -> None:
    file = tmp_path / "é.json"
    file.write_text('{"Name": "\\u00e9\\n"}', encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "glue_security",
            "validate",
            "--shape",
            "GetSecurityConfigurationRequest",
            str(file),
        ],
        capture_output=True,
        env={"PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1
    assert b"[pattern]" in result.stdout
    assert b"Traceback" not in result.stderr


def test_schema_command() -> None:
    result = run("schema", "CreateSecurityConfigurationRequest")
    assert result.returncode == 0
    assert json.loads(result.stdout) == gs.json_schema(gs.CreateSecurityConfigurationRequest)
    by_operation = run("schema", "CreateSecurityConfiguration")
    assert json.loads(by_operation.stdout) == json.loads(result.stdout)
    everything = json.loads(run("schema", "--all").stdout)
    assert sorted(everything) == sorted(gs.MODELS)
    assert run("schema").returncode == 2
    assert run("schema", "Nope").returncode == 2


def test_example_command_is_valid_and_reproducible() -> None:
    first = run("example", "CreateSecurityConfigurationRequest", "--seed", "11")
    again = run("example", "CreateSecurityConfigurationRequest", "--seed", "11")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    gs.from_json(gs.CreateSecurityConfigurationRequest, first.stdout)
    other = {
        run("example", "GetSecurityConfigurationsResponse", "--seed", str(s)).stdout
        for s in range(3)
    }
    assert len(other) > 1


def test_example_invalid_names_its_fault_and_validate_finds_it() -> None:
    for seed in range(4):
        example = run("example", "S3Encryption", "--invalid", "--seed", str(seed))
        assert example.returncode == 0
        path, code = example.stderr.strip().removeprefix("fault: ").rsplit(" ", 1)
        checked = run("validate", "--shape", "S3Encryption", "-", stdin=example.stdout)
        assert checked.returncode == 1
        assert f"-: {path}: " in checked.stdout
        assert checked.stdout.rstrip().endswith(code)


def test_example_without_hypothesis_says_what_to_install(tmp_path: Path) -> None:
    # A stand-in `hypothesis` that cannot be imported, first on the path.
    (tmp_path / "hypothesis.py").write_text("raise ImportError('not installed')\n")
    result = subprocess.run(
        [sys.executable, "-m", "glue_security", "example", "S3Encryption"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 2
    assert "pip install 'glue-security[hypothesis]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_of_every_command() -> None:
    for command in ("validate", "shapes", "schema", "example"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "examples:" in result.stdout


def test_responses_are_lenient_unless_strict(tmp_path: Path) -> None:
    response = tmp_path / "response.json"
    response.write_text(json.dumps({"Name": "é" * 200}), encoding="utf-8")
    args = ["validate", "--operation", "CreateSecurityConfiguration", "--response"]
    assert run(*args, str(response)).returncode == 0
    strict = run(*args, "--strict", str(response))
    assert strict.returncode == 1
    assert "$.Name" in strict.stdout and "[length]" in strict.stdout
