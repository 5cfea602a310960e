"""`glue-security lint` and `validate` on recorded responses: placebo's files (one call a
file, `{"status_code": ..., "data": ...}`, named `glue.<Operation>_<n>.json`, as Cloud
Custodian's tests keep them) and boto3 responses dumped as JSON (`ResponseMetadata` and all).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import glue_security as gs
from glue_security.documents.recordings import decoded, recording, recording_call

from ..helpers import lint_report, run_main

OPEN_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "glue:GetTable", "Resource": "*"}
        ],
    }
)
UPDATED = {
    "__class__": "datetime",
    "year": 2020,
    "month": 6,
    "day": 5,
    "hour": 12,
    "minute": 26,
    "second": 46,
    "microsecond": 47000,
}
METADATA = {"RequestId": "r-1", "HTTPStatusCode": 200, "HTTPHeaders": {}, "RetryAttempts": 0}


def write(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data, indent=1))
    return str(path)


def recorded(data: dict[str, Any], status_code: int = 200) -> dict[str, Any]:
    return {"status_code": status_code, "data": data}


def codes(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["code"], f["path"]) for f in result["errors"]]


def test_a_recording_is_read_as_the_response_its_file_name_says(tmp_path: Path) -> None:
    settings = {
        "DataCatalogEncryptionSettings": {
            "EncryptionAtRest": {"CatalogEncryptionMode": "DISABLED"},
            "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": False},
        },
        "ResponseMetadata": METADATA,
    }
    path = write(tmp_path / "glue.GetDataCatalogEncryptionSettings_1.json", recorded(settings))
    code, (result,) = lint_report(path)
    assert code == 1
    assert result["shapes"] == ["GetDataCatalogEncryptionSettingsResponse"]
    assert codes(result) == [
        ("GS201", "$.DataCatalogEncryptionSettings.EncryptionAtRest"),
        ("GS202", "$.DataCatalogEncryptionSettings.ConnectionPasswordEncryption"),
    ]
    # Placed inside `data`, where the response is.
    text = Path(path).read_text().splitlines()
    first = result["errors"][0]
    assert "EncryptionAtRest" in text[first["line"] - 1]


def test_placebo_timestamps_are_read_as_the_datetimes_they_stand_for(tmp_path: Path) -> None:
    response = {"PolicyInJson": OPEN_POLICY, "PolicyHash": "h", "UpdateTime": UPDATED}
    path = write(tmp_path / "glue.GetResourcePolicy_1.json", recorded(response))
    code, (result,) = lint_report(path)
    assert code == 1
    assert codes(result) == [("GS207", "$.PolicyInJson")]  # no type error on UpdateTime
    seconds = decoded(UPDATED)
    expected = datetime.datetime(2020, 6, 5, 12, 26, 46, 47000, tzinfo=datetime.timezone.utc)
    assert seconds == expected.timestamp()
    parsed = gs.from_wire(gs.GetResourcePolicyResponse, decoded(response))
    assert parsed.update_time == expected


def test_a_timestamp_that_is_no_date_is_still_reported(tmp_path: Path) -> None:
    response = {"PolicyHash": "h", "UpdateTime": {**UPDATED, "month": 13}}
    path = write(tmp_path / "glue.GetResourcePolicy_1.json", recorded(response))
    code, (result,) = lint_report(path)
    assert code == 1
    assert codes(result) == [("GS001", "$.UpdateTime")]


@pytest.mark.parametrize(
    ("name", "data", "status_code"),
    [
        # A failed call: `data` is the error, and the call changed nothing.
        (
            "glue.GetResourcePolicy_2.json",
            {"Error": {"Code": "EntityNotFoundException", "Message": "none"}},
            400,
        ),
        ("iam.GetRole_1.json", {"Role": {"RoleName": "r"}}, 200),  # another service
        ("glue.GetJob_1.json", {"Job": {"Name": "j"}}, 200),  # not one of the ten
        ("glue.PutResourcePolicy_1.json", {"PolicyHash": "h"}, 200),
        ("glue.DeleteResourcePolicy_1.json", {"ResponseMetadata": METADATA}, 200),
    ],
)
def test_recordings_with_nothing_to_check_pass(
    tmp_path: Path, name: str, data: dict[str, Any], status_code: int
) -> None:
    code, out, err = run_main("lint", write(tmp_path / name, recorded(data, status_code)))
    assert (code, err) == (0, "")
    assert "ok" in out


def test_a_renamed_recording_is_named_by_its_members(tmp_path: Path) -> None:
    known = recorded({"PolicyInJson": OPEN_POLICY, "ResponseMetadata": METADATA})
    code, (result,) = lint_report(write(tmp_path / "policy.json", known))
    assert code == 1
    assert result["shapes"] == ["GetResourcePolicyResponse"]
    assert codes(result) == [("GS207", "$.PolicyInJson")]

    unknown = recorded({"Something": 1})
    code, (result,) = lint_report(write(tmp_path / "other.json", unknown))
    assert code == 1
    assert result["error"]["code"] == "input"
    assert "not which operation's" in result["error"]["message"]
    assert "glue.GetResourcePolicy_1.json" in result["error"]["message"]


def test_recording_helpers() -> None:
    assert recording_call("tests/data/glue.GetResourcePolicy_12.json") == (
        "glue",
        "GetResourcePolicy",
    )
    assert recording_call("copied__glue.PutResourcePolicy_2.json") == (
        "glue",
        "PutResourcePolicy",
    )
    assert recording_call("glue.GetResourcePolicy.json") is None
    assert recording_call("glue.GetResourcePolicy_1.json.bak") is None
    assert recording_call(None) is None
    assert recording({"status_code": 200, "data": {}}) is not None
    others: tuple[Any, ...] = (
        {"status_code": 200, "data": {}, "more": 1},
        {"status_code": "200", "data": {}},
        {"status_code": 200, "data": []},
        [],
    )
    for other in others:
        assert recording(other) is None
    deep: Any = UPDATED
    for _ in range(5000):  # as deep as a hostile file may go: no recursion that deep
        deep = [deep]
    inner = decoded(deep)
    for _ in range(5000):
        (inner,) = inner
    assert inner is UPDATED  # past any response's depth, left as it is


def test_a_json_file_is_no_terraform_configuration(tmp_path: Path) -> None:
    """Terraform reads JSON configuration only from `*.tf.json`: a `.json` file with a
    top-level `data` (or `resource`, ...) is not one, and is not passed as clean."""
    data = {"data": {"items": {"one": {"value": 1}}}}
    code, (result,) = lint_report(write(tmp_path / "settings.json", data))
    assert code == 1
    assert result["error"]["code"] == "input"
    assert "*.tf.json" in result["error"]["message"]
    assert "--skip-unknown-files" in result["error"]["message"]
    code, _ = lint_report("--skip-unknown-files", str(tmp_path / "settings.json"))
    assert code == 0

    module = tmp_path / "module"
    module.mkdir()
    policy = {"aws_glue_resource_policy": {"open": {"policy": OPEN_POLICY}}}
    write(module / "main.tf.json", {"resource": policy})
    code, (result,) = lint_report(str(module / "main.tf.json"))
    assert code == 1
    assert [f["code"] for f in result["errors"]] == ["GS207"]


def test_boto3_responses_are_named_by_all_their_members(tmp_path: Path) -> None:
    put = {"PolicyHash": "h", "ResponseMetadata": METADATA}
    code, (result,) = lint_report(write(tmp_path / "put.json", put))
    assert (code, result["shapes"]) == (0, ["PutResourcePolicyResponse"])

    code, (result,) = lint_report(write(tmp_path / "delete.json", {"ResponseMetadata": METADATA}))
    assert (code, result["shapes"], result["error"]) == (0, [], None)

    # Without ResponseMetadata a lone `Name` may be a request as well: not guessed.
    code, (result,) = lint_report(write(tmp_path / "name.json", {"Name": "x"}))
    assert (code, result["error"]["code"]) == (1, "input")


def test_the_aws_managed_key_in_a_response_is_a_note(tmp_path: Path) -> None:
    response = {
        "DataCatalogEncryptionSettings": {
            "EncryptionAtRest": {
                "CatalogEncryptionMode": "SSE-KMS",
                "SseAwsKmsKeyId": "alias/aws/glue",
            },
            "ConnectionPasswordEncryption": {
                "ReturnConnectionPasswordEncrypted": True,
                "AwsKmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k",
            },
        },
        "ResponseMetadata": METADATA,
    }
    code, (result,) = lint_report(write(tmp_path / "settings.json", response))
    assert code == 1  # notes fail the run by default (--fail-on)
    (note,) = result["errors"]
    assert (note["code"], note["severity"]) == ("GS112", "note")
    assert note["path"] == "$.DataCatalogEncryptionSettings.EncryptionAtRest.SseAwsKmsKeyId"
    assert "AWS-managed key alias/aws/glue" in note["message"]


def test_validate_reads_a_recording_only_as_a_named_response(tmp_path: Path) -> None:
    response = {"PolicyInJson": OPEN_POLICY, "UpdateTime": UPDATED, "ResponseMetadata": METADATA}
    path = write(tmp_path / "glue.GetResourcePolicy_1.json", recorded(response))
    code, out, _ = run_main("validate", path)
    assert code == 1
    assert "a recorded API call (placebo's), not an envelope" in out
    for strict in ((), ("--strict",)):
        code, out, _ = run_main(
            "validate", *strict, "--operation", "GetResourcePolicy", "--response", path
        )
        assert (code, out.strip()) == (0, f"{path}: ok (GetResourcePolicyResponse)")
    broken = recorded({"PolicyInJson": 5})
    path = write(tmp_path / "glue.GetResourcePolicy_2.json", broken)
    code, out, _ = run_main("validate", "--operation", "GetResourcePolicy", "--response", path)
    assert code == 1
    assert "$.PolicyInJson" in out


def test_a_named_response_that_holds_none_of_its_members_is_not_passed(tmp_path: Path) -> None:
    """Responses ignore unknown members: a file holding none of the named response's own
    is some other document, and would pass with nothing checked."""
    other = write(tmp_path / "other.json", {"Items": [1], "ResponseMetadata": METADATA})
    code, (result,) = lint_report("--operation", "GetResourcePolicy", "--response", other)
    assert (code, result["error"]["code"]) == (1, "input")
    assert "none of GetResourcePolicyResponse's members is here" in result["error"]["message"]
    # A response with no members, and a response holding one of its own, pass.
    empty = write(tmp_path / "empty.json", {"ResponseMetadata": METADATA})
    code, (result,) = lint_report("--operation", "DeleteResourcePolicy", "--response", empty)
    assert (code, result["error"]) == (0, None)
    mixed = write(tmp_path / "mixed.json", {"PolicyHash": "h", "Later": 1})
    code, (result,) = lint_report("--operation", "GetResourcePolicy", "--response", mixed)
    assert (code, result["error"]) == (0, None)
