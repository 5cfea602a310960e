"""`glue-security lint` on CloudTrail: log files (gzipped or not), single events,
EventBridge events and JSON Lines, in files or on stdin; lowerCamelCase names mapped by
the models, redacted and absent values unknown, failed calls skipped, and a gzip bomb
stopped at --max-file-size."""

from __future__ import annotations

import gzip
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

import glue_security as gs
from glue_security.cli.main import main
from glue_security.linter.inputs.cloudtrail import REDACTED
from glue_security.linter.inputs.cloudtrail import subjects as cloudtrail_subjects
from glue_security.linter.subject import Unknown

DATA = Path(__file__).resolve().parents[1] / "data" / "lint" / "cloudtrail"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, list[dict[str, Any]], str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), pytest.MonkeyPatch.context() as patch:
        if stdin is not None:
            patch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(["lint", "--format", "json", *args])
    return code, json.loads(out.getvalue()), err.getvalue()


def codes(result: dict[str, Any]) -> list[tuple[int, str]]:
    return [(f["line"], f["code"]) for f in result["errors"]]


def test_a_log_file_names_each_event() -> None:
    code, (result,), _ = run(str(DATA / "log.json"))
    assert code == 1
    assert codes(result) == [(4, "GS203"), (10, "GS201"), (10, "GS202")]
    resource = result["errors"][0]["resource"]
    for part in (
        "CreateSecurityConfiguration",
        "2026-11-02T10:15:00Z",
        "arn:aws:sts::111122223333:assumed-role/Admin/alice",
        "0b7a2f8e-1111-2222-3333-444455556666",
        "111122223333",
        "us-east-1",
    ):
        assert part in resource
    # The failed call (errorCode AccessDenied, event failed-1) changed nothing.
    assert all("failed-1" not in f["resource"] for f in result["errors"])


def test_redacted_and_absent_values_are_unknown() -> None:
    log = json.loads((DATA / "log.json").read_text())
    (create, _) = list(cloudtrail_subjects(log))
    configuration = create.payload["EncryptionConfiguration"]
    # The redacted key is unknown; so is the bookmark key the event does not record, so
    # CSE-KMS is not reported as having no key (GS102).
    assert isinstance(configuration["CloudWatchEncryption"]["KmsKeyArn"], Unknown)
    found = [f.rule for f in gs.lint(log)]
    assert "GS102" not in found and "GS204" not in found and "GS205" not in found


def test_names_map_by_the_models_not_a_table() -> None:
    event = json.loads((DATA / "single-event.json").read_text())
    event["requestParameters"] = {
        "policyInJson": '{"Version": "2012-10-17", "Statement": []}',
        "policyExistsCondition": "NOT_EXIST",
    }
    (subject,) = cloudtrail_subjects(event)
    assert subject.payload["PolicyExistsCondition"] == "NOT_EXIST"
    assert subject.payload["PolicyInJson"].startswith("{")


@pytest.mark.parametrize("name", ["events.jsonl", "single-event.json"])
def test_single_events_eventbridge_and_json_lines(name: str) -> None:
    code, (result,), _ = run(str(DATA / name))
    assert code == 1
    expected = {
        "events.jsonl": [(1, "GS203"), (3, "GS207")],
        "single-event.json": [(12, "GS207")],
    }
    assert codes(result) == expected[name]


def test_an_eventbridge_event_names_its_account_where_the_detail_does_not(
    tmp_path: Path,
) -> None:
    detail = json.loads((DATA / "single-event.json").read_text())
    detail.pop("recipientAccountId", None)
    detail["userIdentity"].pop("accountId", None)
    carried = {"detail-type": "AWS API Call via CloudTrail", "account": "444455556666"}
    path = tmp_path / "event.json"
    path.write_text(json.dumps({**carried, "detail": detail}))
    _, (result,), _ = run(str(path))
    assert "account 444455556666," in result["errors"][0]["resource"]
    path.write_text(json.dumps({"detail-type": "AWS API Call via CloudTrail", "detail": detail}))
    _, (result,), _ = run(str(path))
    assert "account ?," in result["errors"][0]["resource"]


def test_json_lines_columns_are_the_lines_own() -> None:
    _, (result,), _ = run(str(DATA / "events.jsonl"))
    first_line = (DATA / "events.jsonl").read_text().splitlines()[0]
    column = result["errors"][0]["column"]
    # The value of s3Encryption, where a one-line JSON reader would put it (no shift).
    assert first_line[: column - 1].endswith('"s3Encryption": ')
    assert first_line[column - 1] == "["


def test_gzipped_log_files_and_stdin(tmp_path: Path) -> None:
    packed = gzip.compress((DATA / "log.json").read_bytes())
    (tmp_path / "111122223333_CloudTrail_us-east-1_20261102T1015Z_abc.json.gz").write_bytes(packed)
    code, (result,), _ = run(str(tmp_path))
    assert code == 1 and codes(result) == [(4, "GS203"), (10, "GS201"), (10, "GS202")]
    code, (result,), _ = run("-", stdin=packed)
    assert code == 1 and len(result["errors"]) == 3
    lines = (DATA / "events.jsonl").read_bytes()
    code, (result,), _ = run("--stdin-filename", "events.jsonl", "-", stdin=lines)
    assert codes(result) == [(1, "GS203"), (3, "GS207")]
    code, (result,), _ = run("--input-format", "jsonl", "-", stdin=gzip.compress(lines))
    assert codes(result) == [(1, "GS203"), (3, "GS207")]


def test_a_gzip_bomb_is_stopped_at_the_size_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.json.gz"
    bomb.write_bytes(gzip.compress(b" " * (64 * 1024 * 1024)))
    assert bomb.stat().st_size < 100_000
    code, (result,), _ = run("--max-file-size", "1M", str(bomb))
    assert code == 1
    assert result["error"]["code"] == "size" and "decompressed" in result["error"]["message"]


def test_not_gzip_after_all(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"\x1f\x8b" + b"not really")
    code, (result,), _ = run(str(broken))
    assert code == 1 and result["error"]["code"] == "read"


def test_other_services_events_are_nothing_to_check() -> None:
    log = {"Records": [{"eventSource": "s3.amazonaws.com", "eventName": "PutObject"}]}
    assert gs.lint(log) == ()
    assert list(cloudtrail_subjects({"Records": []})) == []
    assert REDACTED == "HIDDEN_DUE_TO_SECURITY_REASONS"


def test_lookup_events_output_on_stdin() -> None:
    # `aws cloudtrail lookup-events | glue-security lint -`: each event is JSON text.
    text = (DATA / "lookup-events.json").read_bytes()
    code, (result,), _ = run("-", stdin=text)
    assert code == 1
    assert [f["code"] for f in result["errors"]] == ["GS203", "GS201", "GS202"]
    # Placed at the event's text, the finding names the event.
    assert "event 0b7a2f8e-1111-2222-3333-444455556666" in result["errors"][0]["resource"]
