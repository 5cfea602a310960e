"""The report formats, fed findings directly: text, json, sarif (against the official
SARIF 2.1.0 schema) and github workflow commands."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import jsonschema
import pytest

from glue_security.cli.report import FORMATS, FileResult, Finding, Tool, write_report

from ..helpers import sarif_schema

TOOL = Tool("checker", "1.2.3", {"length": "Too long or short.", "read": "Unreadable."})

RESULTS = [
    FileResult(
        "conf/a.json",
        (
            Finding("length must be 1..255, got 0", "length", "$.Name", 5, 13),
            Finding("no member 'X'", "unknown", "$.X", 7, 3, document=1, severity="warning"),
        ),
        ("CreateSecurityConfigurationRequest",),
    ),
    FileResult("conf/b.yaml", shapes=("S3Encryption",)),
    FileResult("gone.json", error=Finding("cannot read: No such file", "read")),
]


def report(format: str, results: list[FileResult] = RESULTS, **options: Any) -> str:
    out = io.StringIO()
    write_report(format, results, out, TOOL, **options)
    return out.getvalue()


def test_text() -> None:
    assert report("text").splitlines() == [
        "conf/a.json:5:13: $.Name: length must be 1..255, got 0 [length]",
        "conf/a.json:7:3: $.X: no member 'X' [unknown]",
        "conf/b.yaml: ok (S3Encryption)",
        "gone.json: cannot read: No such file [read]",
    ]
    assert "conf/b.yaml" not in report("text", quiet=True)


def test_text_colour_only_when_asked() -> None:
    assert "\x1b[" not in report("text")
    coloured = report("text", color=True)
    assert "\x1b[31m[length]\x1b[0m" in coloured
    assert re.sub(r"\x1b\[\d+m", "", coloured) == report("text")


def test_text_quotes_file_names_that_could_forge_lines() -> None:
    forged = "x.json: ok (S3Encryption)\ny.json"
    text = report("text", [FileResult(forged, (Finding("bad", "type", "$"),))])
    assert text == '"x.json: ok (S3Encryption)\\ny.json": $: bad [type]\n'
    assert len(text.splitlines()) == 1


def test_json_has_the_same_keys_for_every_file() -> None:
    entries = json.loads(report("json"))
    assert {frozenset(entry) for entry in entries} == {
        frozenset({"file", "valid", "shapes", "errors", "error"})
    }
    assert [entry["valid"] for entry in entries] == [False, True, False]
    warning_only = FileResult("w.json", (RESULTS[0].findings[1],))
    assert json.loads(report("json", [warning_only]))[0]["valid"] is True
    assert entries[0]["errors"][0] == {
        "path": "$.Name",
        "code": "length",
        "message": "length must be 1..255, got 0",
        "line": 5,
        "column": 13,
        "document": None,
        "severity": "error",
    }
    assert entries[2]["error"]["code"] == "read"
    assert [entry["file"] for entry in json.loads(report("json", quiet=True))] == [
        "conf/a.json",
        "gone.json",
    ]


def sarif_validator() -> Any:
    schema = sarif_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def test_sarif_is_valid_sarif_2_1_0() -> None:
    document = json.loads(report("sarif"))
    sarif_validator().validate(document)
    # And a broken one is not: the schema check can fail.
    broken = json.loads(report("sarif"))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not sarif_validator().is_valid(broken)


def test_sarif_content() -> None:
    run = json.loads(report("sarif"))["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("checker", "1.2.3")
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == ["length", "read", "unknown"]  # one per code, unknown codes added
    results = run["results"]
    assert [(r["ruleId"], rule_ids[r["ruleIndex"]], r["level"]) for r in results] == [
        ("length", "length", "error"),
        ("unknown", "unknown", "warning"),
        ("read", "read", "error"),
    ]
    first = results[0]["locations"][0]
    assert first["physicalLocation"] == {
        "artifactLocation": {"uri": "conf/a.json"},
        "region": {"startLine": 5, "startColumn": 13},
    }
    assert first["logicalLocations"][0]["fullyQualifiedName"] == "$.Name"
    assert results[0]["message"]["text"] == "$.Name: length must be 1..255, got 0"
    assert "region" not in results[2]["locations"][0]["physicalLocation"]
    # Columns count code points (as in text output); SARIF's default is UTF-16 code units.
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_uris_are_uris() -> None:
    results = [FileResult("dir with space/é#1.json", (Finding("bad", "type", "$", 1, 1),))]
    document = json.loads(report("sarif", results))
    sarif_validator().validate(document)
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "dir%20with%20space/%C3%A9%231.json"


def test_sarif_uri_of_a_file_name_that_is_not_utf_8() -> None:
    name = b"caf\xe9.json".decode(errors="surrogateescape")  # as os.listdir gives it
    document = json.loads(report("sarif", [FileResult(name, error=Finding("bad", "json"))]))
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "caf%E9.json"


def test_github_workflow_commands() -> None:
    assert report("github").splitlines() == [
        "::error file=conf/a.json,line=5,col=13,title=checker [length]::"
        "$.Name: length must be 1..255, got 0",
        "::warning file=conf/a.json,line=7,col=3,title=checker [unknown]::$.X: no member 'X'",
        "::error file=gone.json,title=checker [read]::cannot read: No such file",
    ]


def test_github_escapes_what_github_requires() -> None:
    results = [FileResult("a,b:c%\n.json", (Finding("50% off\r\nnext: line", "type", "$", 2, 4),))]
    assert report("github", results) == (
        "::error file=a%2Cb%3Ac%25%0A.json,line=2,col=4,title=checker [type]::"
        "$: 50%25 off%0D%0Anext: line\n"
    )


@pytest.mark.parametrize(
    ("format", "fragment"),
    [
        ("text", "a.json:5:13: "),
        ("json", '"line": 5,\n        "column": 13,'),
        ("sarif", '"startLine": 5,\n                  "startColumn": 13'),
        ("github", "line=5,col=13,"),
    ],
)
def test_every_format_carries_positions(format: str, fragment: str) -> None:
    assert fragment in report(format)
    without = [FileResult("a.json", (Finding("bad", "type", "$"),))]
    assert fragment not in report(format, without)


def test_formats_are_the_four() -> None:
    assert sorted(FORMATS) == ["github", "json", "sarif", "text"]
