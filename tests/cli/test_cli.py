"""The command as a user runs it: a subprocess, real files, exit codes and output."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import glue_security as gs

from ..helpers import ROOT, sarif_schema

EXAMPLES = ROOT / "examples"


# FILE:LINE:COLUMN: PATH: MESSAGE [CODE], the text report's line.
TEXT_LINE = re.compile(
    r"(?P<file>.*?):(?P<line>\d+):(?P<column>\d+): (?P<path>\$\S*): .* \[(?P<code>[a-z-]+)\]"
)


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
        match = TEXT_LINE.fullmatch(line)
        assert match is not None, line
        assert match["file"] == path
        reported.append((match["path"], match["code"]))
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
    assert report[0]["shapes"] == ["PutResourcePolicyRequest"]
    assert [(e["path"], e["code"]) for e in report[0]["errors"]] == INVALID_EXAMPLES[
        "PutResourcePolicy"
    ]
    assert all(e["line"] > 1 and e["column"] > 1 for e in report[0]["errors"])
    assert report[1] == {
        "file": "examples/valid/PutResourcePolicy.json",
        "shapes": ["PutResourcePolicyRequest"],
        "valid": True,
        "errors": [],
        "error": None,
    }


def test_flags_and_stdin() -> None:
    result = run("validate", "--operation", "GetSecurityConfiguration", "-", stdin='{"Name": ""}')
    assert result.returncode == 1
    assert result.stdout.startswith("-:1:10: $.Name: length must be 1..255")
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
    assert lines[0].startswith(f"{bad}:1:1: $: ") and lines[0].endswith("[json]")
    assert lines[1].startswith(f"{deep}: $: ") and lines[1].endswith("[json]")
    assert "Traceback" not in result.stderr
    # The same reading as from_json (one reader, glue_security.codec.json_text): from_json, which
    # has no columns to show a position in, adds it to the message.
    bad_line = f"{bad}:1:1: $: not valid JSON: Expecting value [json]"
    assert lines == [bad_line, f"{deep}: $: JSON nested too deeply to read [json]"]
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_json(gs.S3Encryption, bad.read_bytes())
    assert str(caught.value.errors[0]) == (
        "$: not valid JSON: Expecting value: line 1 column 1 (char 0) [json]"
    )
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_json(gs.S3Encryption, deep.read_bytes())
    assert str(caught.value.errors[0]) == "$: JSON nested too deeply to read [json]"


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
        (["validate", "x.json", "--max-file-size", "lots"], "not a size: 'lots'"),
        (["validate", "x.json", "--format", "xml"], "invalid choice: 'xml'"),
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
    assert result.returncode == 1
    assert f"{bare}:1:1: cannot tell which shape this is; pass --shape" in result.stdout


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
    printed = json.loads(result.stdout)
    # As the library exports it, but with the "$schema" key the command's files may hold.
    assert printed["properties"].pop("$schema") == {
        "type": "string",
        "description": "The JSON Schema of this file.",
    }
    assert printed == gs.json_schema(gs.CreateSecurityConfigurationRequest)
    by_operation = run("schema", "CreateSecurityConfiguration")
    assert json.loads(by_operation.stdout) == json.loads(result.stdout)
    everything = json.loads(run("schema", "--all").stdout)
    assert set(gs.MODELS) <= set(everything["$defs"])
    assert run("schema").returncode == 2
    assert run("schema", "S3Encryption", "--envelope").returncode == 2
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
        assert re.search(rf"^-:\d+:\d+: {re.escape(path)}: ", checked.stdout, re.M)
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


# -- inputs, positions, formats and exit codes -----------------------------------------------

POSITIONS = ROOT / "tests" / "data" / "positions"
# Every problem in tests/data/positions, with its line and column counted by hand.
EXPECTED_POSITIONS = {
    ("list.yaml", "$.MaxResults", "range", 6, 17),
    ("list.yaml", "$.Name", "required", 8, 12),
    ("request.json", "$.Name", "length", 5, 13),
    ("request.json", "$.EncryptionConfiguration.S3Encryption[0].S3EncryptionMode", "enum", 8, 30),
    ("request.json", "$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn", "pattern", 8, 53),
    ("request.json", "$.Tags", "unknown", 12, 13),
    ("request.yaml", "$.Name", "length", 5, 9),
    ("request.yaml", "$.EncryptionConfiguration.S3Encryption[0].S3EncryptionMode", "enum", 8, 27),
    ("request.yaml", "$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn", "pattern", 9, 20),
    ("request.yaml", "$.Tags", "unknown", 12, 5),
}


def positions_in(format: str, output: str) -> set[tuple[str, str, str, int, int]]:
    found = set()
    if format == "text":
        for line in output.splitlines():
            match = TEXT_LINE.fullmatch(line)
            assert match is not None, line
            found.add(
                (
                    match["file"],
                    match["path"],
                    match["code"],
                    int(match["line"]),
                    int(match["column"]),
                )
            )
    elif format == "json":
        for entry in json.loads(output):
            for e in entry["errors"]:
                found.add((entry["file"], e["path"], e["code"], e["line"], e["column"]))
    elif format == "sarif":
        for result in json.loads(output)["runs"][0]["results"]:
            location = result["locations"][0]
            region = location["physicalLocation"]["region"]
            found.add(
                (
                    location["physicalLocation"]["artifactLocation"]["uri"],
                    location["logicalLocations"][0]["fullyQualifiedName"],
                    result["ruleId"],
                    region["startLine"],
                    region["startColumn"],
                )
            )
    else:
        command = re.compile(
            r"::error file=(.*?),line=(\d+),col=(\d+),title=glue-security \[(.*?)\]::(\$\S*): .*"
        )
        for line in output.splitlines():
            match = command.fullmatch(line)
            assert match is not None, line
            file, line_number, column, code, path = match.groups()
            found.add((file, path, code, int(line_number), int(column)))
    return found


@pytest.mark.parametrize("format", ["text", "json", "sarif", "github"])
def test_positions_in_every_format(format: str) -> None:
    result = run("validate", ".", "--format", format, cwd=POSITIONS)
    assert result.returncode == 1, result.stderr
    assert positions_in(format, result.stdout) == EXPECTED_POSITIONS


def test_sarif_output_is_valid_sarif() -> None:
    import jsonschema

    schema = sarif_schema()
    result = run("validate", "tests/data/positions", "missing.json", "--format", "sarif")
    document = json.loads(result.stdout)
    jsonschema.validators.validator_for(schema)(schema).validate(document)
    driver = document["runs"][0]["tool"]["driver"]
    assert driver["version"] == gs.__version__
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert {"pattern", "enum", "required", "read"} <= set(rule_ids)


def write(directory: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")


VALID = '{"Operation": "GetSecurityConfiguration", "Request": {"Name": "ok"}}'
INVALID = '{"Operation": "GetSecurityConfiguration", "Request": {"Name": ""}}'


def test_directories_globs_and_exclusions(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "conf/a.json": VALID,
            "conf/b.yaml": "Operation: GetSecurityConfiguration\nRequest:\n  Name: ok\n",
            "conf/deep/c.yml": "Shape: S3Encryption\nPayload:\n  S3EncryptionMode: SSE-S3\n",
            "conf/drafts/d.json": INVALID,
            "conf/notes.txt": "not checked",
            "conf/.hidden/e.json": INVALID,
            "other/f.json": VALID,
        },
    )
    result = run("validate", "conf", "other/*.json", "--exclude", "drafts", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "conf/a.json: ok (GetSecurityConfigurationRequest)",
        "conf/b.yaml: ok (GetSecurityConfigurationRequest)",
        "conf/deep/c.yml: ok (S3Encryption)",
        "other/f.json: ok (GetSecurityConfigurationRequest)",
    ]
    by_path = run(
        "validate", "conf", "--exclude", "conf/drafts/*", "--exclude", "*.yml", cwd=tmp_path
    )
    assert by_path.returncode == 0, by_path.stdout
    assert len(by_path.stdout.splitlines()) == 2  # a.json and b.yaml
    result = run("validate", "conf/**/*.json", "-q", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("conf/drafts/d.json:1:")


def test_stdin_filename_and_input_format() -> None:
    yaml_text = "Operation: GetSecurityConfiguration\nRequest:\n  Name: ''\n"
    result = run("validate", "-", "--stdin-filename", "conf/x.yaml", stdin=yaml_text)
    assert result.returncode == 1
    assert result.stdout.startswith("conf/x.yaml:3:9: $.Name: length")
    result = run("validate", "-", "--input-format", "yaml", stdin=yaml_text)
    assert result.stdout.startswith("-:3:9: $.Name: length")
    as_json = run(
        "validate",
        "-",
        "--stdin-filename",
        "conf/x.yaml",
        "--input-format",
        "json",
        stdin=yaml_text,
    )
    assert "not valid JSON" in as_json.stdout


def test_a_list_of_envelopes_in_json(tmp_path: Path) -> None:
    write(tmp_path, {"many.json": f"[{VALID},\n {INVALID},\n 42]"})
    result = run("validate", "many.json", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    entry = json.loads(result.stdout)[0]
    assert entry["shapes"] == ["GetSecurityConfigurationRequest"] * 2
    assert [(e["document"], e["code"], e["line"], e["column"]) for e in entry["errors"]] == [
        (1, "length", 2, 64),
        (2, "envelope", 3, 2),
    ]


def test_one_bad_file_does_not_hide_the_others(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "bare.json": '{"Name": "x"}',
            "bad.json": INVALID,
            "good.json": VALID,
            "broken.yaml": "a: [",
        },
    )
    result = run(
        "validate",
        "missing.json",
        "bare.json",
        "bad.json",
        "good.json",
        "broken.yaml",
        cwd=tmp_path,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "missing.json: no such file or directory [read]"
    assert lines[1].startswith("bare.json:1:1: cannot tell which shape this is;")
    assert lines[2].startswith("bad.json:1:63: $.Name: length")
    assert lines[3] == "good.json: ok (GetSecurityConfigurationRequest)"
    assert lines[4].startswith("broken.yaml:1:5: $: not valid YAML") and lines[4].endswith("[yaml]")
    assert result.stderr == ""
    as_json = json.loads(run("validate", "missing.json", "--format", "json", cwd=tmp_path).stdout)
    assert as_json[0]["error"]["code"] == "read"
    assert run("validate", "nothing-*.json", cwd=tmp_path).returncode == 1


def test_schema_key_is_allowed_in_files_but_not_by_from_wire(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "envelope.json": '{"$schema": "./s.json", "Operation": "GetSecurityConfiguration", '
            '"Request": {"Name": "ok"}}',
            "payload.json": '{"$schema": "./s.json", "Name": "ok"}',
        },
    )
    assert run("validate", "envelope.json", cwd=tmp_path).returncode == 0
    # Only at the top: inside an envelope, the payload is what AWS would get.
    nested = '{"Operation": "GetSecurityConfiguration", "Request": {"$schema": "x", "Name": "ok"}}'
    inside = run("validate", "-", stdin=nested)
    assert (
        inside.returncode == 1 and '$["$schema"]' in inside.stdout and "[unknown]" in inside.stdout
    )
    plain = run("validate", "payload.json", "--operation", "GetSecurityConfiguration", cwd=tmp_path)
    assert plain.returncode == 0, plain.stdout
    with pytest.raises(gs.ValidationError, match="unknown"):
        gs.from_wire(gs.GetSecurityConfigurationRequest, {"$schema": "./s.json", "Name": "ok"})


def test_yaml_without_pyyaml_says_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "yaml.py").write_text("raise ImportError('not installed')\n")
    write(tmp_path, {"a.yaml": "Operation: X\n", "b.json": VALID})
    result = subprocess.run(
        [sys.executable, "-m", "glue_security", "validate", "a.yaml", "b.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "a.yaml: reading YAML needs PyYAML: pip install 'glue-security[yaml]' [yaml-support]",
        "b.json: ok (GetSecurityConfigurationRequest)",
    ]
    assert "Traceback" not in result.stderr


def test_colour_flags_and_no_color() -> None:
    args = ("validate", "tests/data/positions/request.json")
    assert "\x1b[" in run(*args, "--color", "always").stdout
    assert "\x1b[" not in run(*args, "--color", "never").stdout
    assert "\x1b[" not in run(*args).stdout  # not a terminal


def run_on_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the command with stdout and stderr on a pseudo-terminal; return what it showed."""
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "glue_security", *args],
        stdout=follower,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(), shown.decode("utf-8", "replace")


def test_colour_and_progress_on_a_terminal(tmp_path: Path) -> None:
    for i in range(250):
        write(tmp_path, {f"f{i:03}.json": VALID})
    code, shown = run_on_terminal("validate", str(tmp_path), "-q")
    assert code == 0
    # Counted across the processes that share the files (so not a round number), at each
    # hundred this process sees passed: by its own share's end, at least 100.
    assert re.search(r"checked 1\d\d of 250 files", shown), shown
    assert "checked 250 of 250 files" in shown
    code, shown = run_on_terminal("validate", "tests/data/positions/request.json")
    assert code == 1 and "\x1b[31m[length]" in shown
    code, shown = run_on_terminal(
        "validate", "tests/data/positions/request.json", env={"NO_COLOR": "1"}
    )
    assert "\x1b[" not in shown
    code, shown = run_on_terminal("validate", "examples/valid", "-q")
    assert "checked" not in shown  # a small batch shows no progress


# -- hardening: one line and exit 2, never a traceback -----------------------------------------


def run_shell(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", command, "sh", sys.executable],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_closed_stdin() -> None:
    result = run_shell('exec "$1" -m glue_security validate --shape S3Encryption - <&-')
    assert (result.returncode, result.stderr) == (
        2,
        "glue-security: standard input is closed; cannot read -\n",
    )


def test_closed_stdout() -> None:
    result = run_shell('exec "$1" -m glue_security validate examples/valid >&-')
    assert (result.returncode, result.stderr) == (2, "glue-security: standard output is closed\n")


def test_full_stdout() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "glue_security", "validate", "examples/valid"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr == "glue-security: cannot write the report: No space left on device\n"


def test_out_of_memory(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from glue_security import _cli
    from glue_security.cli import common

    def exhausted(*args: object, **options: object) -> None:
        raise MemoryError

    monkeypatch.setattr(common, "load", exhausted)
    assert _cli.main(["validate", "examples/valid/PutResourcePolicy.json"]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        "glue-security: out of memory; check fewer or smaller files (see --max-file-size)\n"
    )


def test_out_of_memory_lets_go_before_it_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    """The message is written once the traceback, which holds every frame's data, is gone:
    written while it lived, it could run out of memory again (a chained traceback)."""
    import io
    import weakref

    from glue_security.cli import common, main

    class Held:
        pass

    held: list[weakref.ref[Held]] = []

    def exhausted(*args: object, **options: object) -> None:
        data = Held()
        held.append(weakref.ref(data))
        raise MemoryError

    class Stderr(io.StringIO):
        def write(self, text: str) -> int:
            if held and held[0]() is not None:
                raise MemoryError("the data is still held")
            return super().write(text)

    err = Stderr()
    monkeypatch.setattr(common, "load", exhausted)
    monkeypatch.setattr(sys, "stderr", err)
    assert main.main(["validate", "examples/valid/PutResourcePolicy.json"]) == 2
    assert err.getvalue().startswith("glue-security: out of memory;")


def test_a_file_that_reports_size_zero_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As procfs and some FUSE file systems report their files; the size is a hint."""
    import os

    from glue_security.cli import main

    path = tmp_path / "a.json"
    path.write_text('{"Shape": "SecurityConfiguration", "Payload": {"Name": ""}}')
    fstat = os.fstat

    def size_zero(fd: int) -> os.stat_result:
        status = list(fstat(fd))
        status[6] = 0  # st_size
        return os.stat_result(status)

    monkeypatch.setattr(os, "fstat", size_zero)
    assert main.main(["validate", str(path)]) == 1
    assert "[length]" in capsys.readouterr().out
    assert main.main(["validate", str(path), "--max-file-size", "10"]) == 1
    assert "larger than 10 bytes" in capsys.readouterr().out


def test_an_integer_too_long_to_read_is_at_its_path_in_the_payload(tmp_path: Path) -> None:
    digits = "9" * 5000
    path = tmp_path / "long.json"
    path.write_text(
        '[{"Operation": "GetSecurityConfigurations", "Request": {}},\n'
        f' {{"Operation": "GetSecurityConfigurations", "Request": {{"MaxResults": {digits}}}}}]'
    )
    result = run("validate", str(path), "--format", "json")
    (entry,) = json.loads(result.stdout)
    assert [(e["path"], e["code"], e["document"], e["line"]) for e in entry["errors"]] == [
        ("$.MaxResults", "range", 1, 2)
    ]
    assert entry["shapes"] == ["GetSecurityConfigurationsRequest"] * 2
    linted = json.loads(run("lint", str(path), "--format", "json").stdout)[0]
    assert [(e["path"], e["code"]) for e in linted["errors"]] == [
        ("$[1].Request.MaxResults", "range")
    ]


def test_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(
        json.dumps({"Operation": "GetSecurityConfiguration", "Request": {"Name": "x" * 2000}})
    )
    result = run("validate", str(big), "--max-file-size", "1K")
    assert result.returncode == 1
    assert (
        result.stdout == f"{big}: larger than 1 KiB; raise the limit with --max-file-size [size]\n"
    )
    assert run("validate", str(big), "--max-file-size", "1M").stdout.count("[length]") == 1
    piped = run("validate", "-", "--max-file-size", "100", stdin=big.read_text())
    assert piped.stdout.startswith("-: larger than 100 bytes")


def test_file_names_with_line_breaks_are_quoted(tmp_path: Path) -> None:
    name = "x.json: ok (S3Encryption)\nforged.json"
    write(tmp_path, {name: INVALID})
    result = run("validate", name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{json.dumps(name)}:1:63: $.Name: length must be 1..255 UTF-8 bytes, got 0: '' [length]"
    ]


# -- the envelope schema: editors check the files validate reads ---------------------------------


@pytest.fixture(scope="module")
def envelope_validator() -> object:
    from jsonschema import Draft202012Validator

    result = run("schema", "--envelope")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].startswith("urn:glue-security:")
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_envelope_schema_agrees_with_validate_on_the_examples(envelope_validator: Any) -> None:
    for path in sorted(EXAMPLES.glob("*/*.json")):
        document = json.loads(path.read_text())
        assert envelope_validator.is_valid(document) == (path.parent.name == "valid"), path
    import yaml

    for path in sorted(POSITIONS.iterdir()):
        loaded = yaml.safe_load(path.read_text()) if path.suffix == ".yaml" else None
        document = json.loads(path.read_text()) if path.suffix == ".json" else loaded
        assert not envelope_validator.is_valid(document), path


@pytest.mark.parametrize(
    ("document", "valid"),
    [
        (
            {
                "$schema": "x.json",
                "Operation": "GetSecurityConfiguration",
                "Request": {"Name": "a"},
            },
            True,
        ),
        (
            {
                "Operation": "GetSecurityConfiguration",
                "Response": {"SecurityConfiguration": {}, "New": 1},
            },
            True,
        ),
        ({"Shape": "S3Encryption", "Payload": {"S3EncryptionMode": "SSE-S3"}}, True),
        (
            [
                {"Shape": "S3Encryption", "Payload": {}},
                {"Operation": "GetResourcePolicies", "Request": {}},
            ],
            True,
        ),
        ({"Operation": "GetSecurityConfiguration", "Request": {"Name": ""}}, False),
        (
            {"Operation": "GetSecurityConfiguration", "Request": {"Name": "a"}, "Response": {}},
            False,
        ),
        ({"Operation": "GetSecurityConfiguration"}, False),
        ({"Operation": "Nope", "Request": {}}, False),
        ({"Shape": "S3Encryption", "Payload": {"S3EncryptionMode": "SSE-S4"}}, False),
        ({"Shape": "S3Encryption", "Payload": {}, "Extra": 1}, False),
        ({"Name": "a"}, False),
        ([{"Name": "a"}], False),
    ],
)
def test_envelope_schema_cases(envelope_validator: Any, document: object, valid: bool) -> None:
    assert envelope_validator.is_valid(document) == valid
    with_cli = run("validate", "-", stdin=json.dumps(document))
    assert (with_cli.returncode == 0) == valid, with_cli.stdout


def test_all_shapes_schema() -> None:
    from jsonschema import Draft202012Validator

    document = json.loads(run("schema", "--all").stdout)
    Draft202012Validator.check_schema(document)
    assert document["$id"].startswith("urn:glue-security:")
    for name, model in gs.MODELS.items():
        assert document["$defs"][name]["title"] == name
        own = gs.json_schema(model)
        body = {k: v for k, v in own.items() if k not in ("$schema", "$defs")}
        # Inside a response, a data type is read leniently, and named so in $defs.
        merged = json.dumps(document["$defs"][name]).replace(".lenient", "")
        assert merged == json.dumps(body)


def test_the_command_imports_pyyaml_only_for_yaml() -> None:
    code = (
        "import sys, glue_security.cli.main as cli; cli.main(['validate', '-q', 'examples/valid']);"
        "print('yaml' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.stdout == "False\n", result.stderr


def test_repeated_keys_are_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "twice.json": '{"Operation": "GetSecurityConfiguration",\n'
            ' "Request": {"Name": "", "Name": "ok"}}',
            "twice.yaml": "Operation: GetSecurityConfiguration\nRequest:\n  Name: ''\n  Name: ok\n",
        },
    )
    result = run("validate", "twice.json", "twice.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    reported = [
        (e["path"], e["code"], e["line"], e["column"])
        for f in json.loads(result.stdout)
        for e in f["errors"]
    ]
    assert reported == [("$.Name", "duplicate", 2, 34), ("$.Name", "duplicate", 4, 9)]


def test_a_long_repeated_key_is_cut_in_the_path(tmp_path: Path) -> None:
    """The path quotes a key as from_json's does: cut to a readable length, saying so."""
    key = "k" * 100_000
    repeated = f'{{"{key}": 1, "{key}": 2}}'
    write(tmp_path, {"long.json": f'{{"Shape": "S3Encryption", "Payload": {repeated}}}'})
    result = run("validate", "long.json", "--format", "json", cwd=tmp_path)
    [error, *_] = json.loads(result.stdout)[0]["errors"]
    assert error["code"] == "duplicate"
    assert error["path"] == '$["' + "k" * 60 + '"...(100000 characters)]'
    with pytest.raises(gs.ValidationError) as info:
        gs.from_json(gs.S3Encryption, repeated)
    assert info.value.errors[0].path == error["path"]


@pytest.mark.parametrize(
    ("envelope", "key"),
    [
        ({"Operation": "GetSecurityConfiguration", "Requets": {"Name": "x"}}, "Requets"),
        ({"Operation": "GetSecurityConfiguration", "Request": {}, "base": {}}, "base"),
        ({"Shape": "S3Encryption", "Payload": {}, "Notes": "x"}, "Notes"),
    ],
)
def test_an_envelope_key_it_does_not_define_is_named_where_it_is(
    envelope: dict[str, Any], key: str
) -> None:
    from glue_security.documents.envelope import EnvelopeError, documents

    [found] = list(documents([envelope]))
    assert isinstance(found, EnvelopeError)
    assert found.message.startswith(f"an envelope has no key {key!r} (its keys: ")
    assert found.parts == (0, key)


def test_responses_are_lenient_unless_strict(tmp_path: Path) -> None:
    response = tmp_path / "response.json"
    response.write_text(json.dumps({"Name": "é" * 200}), encoding="utf-8")
    args = ["validate", "--operation", "CreateSecurityConfiguration", "--response"]
    assert run(*args, str(response)).returncode == 0
    strict = run(*args, "--strict", str(response))
    assert strict.returncode == 1
    assert "$.Name" in strict.stdout and "[length]" in strict.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--format", "json", "café-\U0001f600.json"),
        ("validate", "--format", "sarif", "café-\U0001f600.json"),
        ("example", "SecurityConfiguration", "--seed", "4"),  # characters cp1252 lacks
        ("schema", "--all"),
    ],
    ids=["json", "sarif", "example", "schema"],
)
def test_json_output_is_json_on_a_narrow_stdout(tmp_path: Path, args: tuple[str, ...]) -> None:
    import os

    (tmp_path / "café-\U0001f600.json").write_text(
        '{"Shape": "S3Encryption", "Payload": {"X": "😀"}}'
    )
    result = subprocess.run(
        [sys.executable, "-m", "glue_security", *args],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        check=False,
    )
    assert result.stderr == b""
    document = json.loads(result.stdout.decode("cp1252"))
    if args[0] == "validate" and args[2] == "json":
        assert document[0]["file"] == "café-\U0001f600.json"
