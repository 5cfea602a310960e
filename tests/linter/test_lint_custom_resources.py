"""Glue API calls a template makes through a custom resource (the AWS CDK's
`AwsCustomResource`, `Custom::AWS`): how CDK apps set the Data Catalog's resource policy,
which CloudFormation has no resource type for. The call is JSON text, or an `Fn::Join` of
text and deploy-time values; tests/linter/test_lint_cdk_synth.py lints what the CDK writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..helpers import lint_report

OPEN_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "glue:GetTable"}],
}


def call(service: str, action: str, parameters: dict[str, Any]) -> str:
    return json.dumps({"service": service, "action": action, "parameters": parameters})


def template(tmp_path: Path, properties: dict[str, Any], **resource: Any) -> str:
    path = tmp_path / "template.json"
    body = {
        "Type": "Custom::AWS",
        "Properties": {"ServiceToken": {"Fn::GetAtt": ["Provider", "Arn"]}, **properties},
    }
    path.write_text(json.dumps({"Resources": {"Call": {**body, **resource}}}))
    return str(path)


def lint(path: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(rule, path) of each finding, and the subjects checked."""
    _, report = lint_report(path)
    [result] = report
    assert result["error"] is None
    return [(entry["code"], entry["path"]) for entry in result["errors"]], result["shapes"]


@pytest.mark.parametrize(
    ("service", "action"),
    [
        ("Glue", "putResourcePolicy"),
        ("glue", "PutResourcePolicy"),
        ("@aws-sdk/client-glue", "PutResourcePolicyCommand"),
    ],
)
def test_a_put_resource_policy_call_is_checked(tmp_path: Path, service: str, action: str) -> None:
    parameters = {"PolicyInJson": json.dumps(OPEN_POLICY), "PolicyExistsCondition": "NOT_EXIST"}
    text = call(service, action, parameters)
    found, checked = lint(template(tmp_path, {"Create": text, "Update": text}))
    assert found == [("GS207", "$.PolicyInJson")]
    assert checked == ["Call"]  # an Update the same as the Create is checked once


def test_other_calls_and_resources_are_not_read(tmp_path: Path) -> None:
    s3 = call("S3", "putBucketPolicy", {"Bucket": "b", "Policy": json.dumps(OPEN_POLICY)})
    assert lint(template(tmp_path, {"Create": s3})) == ([], [])
    glue = call("Glue", "putResourcePolicy", {"PolicyInJson": json.dumps(OPEN_POLICY)})
    assert lint(template(tmp_path, {"Create": glue}, Type="AWS::Lambda::Function")) == ([], [])


def joined(*parts: Any) -> dict[str, Any]:
    return {"Fn::Join": ["", list(parts)]}


def test_deploy_time_parts_of_a_policy_decide_nothing(tmp_path: Path) -> None:
    """A `Ref` inside the policy's Version, Effect or Action is not a finding; the literal
    parts still are (the open principal)."""
    head = '{"service":"Glue","action":"putResourcePolicy","parameters":{"PolicyInJson":'
    policy = joined(
        head + '"{\\"Version\\":\\"',
        {"Ref": "Version"},
        '\\",\\"Statement\\":[{\\"Effect\\":\\"',
        {"Ref": "Effect"},
        '\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"',
        {"Ref": "Action"},
        '\\"}]}","PolicyExistsCondition":"NOT_EXIST"}}',
    )
    assert lint(template(tmp_path, {"Create": policy}))[0] == []
    allow = joined(
        head + '"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",'
        '\\"Principal\\":\\"*\\",\\"Action\\":\\"',
        {"Ref": "Action"},
        '\\"}]}","PolicyExistsCondition":"NOT_EXIST"}}',
    )
    assert lint(template(tmp_path, {"Create": allow}))[0] == [("GS207", "$.PolicyInJson")]


def test_a_deploy_time_parameter_is_unknown(tmp_path: Path) -> None:
    """A KMS key ARN built with `AWS::Partition` is not a pattern error; the literal
    DISABLED mode is still a finding, and the call is checked as the API request it is."""
    create = joined(
        '{"service":"Glue","action":"createSecurityConfiguration","parameters":{"Name":"etl",'
        '"EncryptionConfiguration":{"S3Encryption":[{"S3EncryptionMode":"DISABLED"}],'
        '"CloudWatchEncryption":{"CloudWatchEncryptionMode":"SSE-KMS","KmsKeyArn":"arn:',
        {"Ref": "AWS::Partition"},
        ':kms:us-east-1:111122223333:key/k"},'
        '"JobBookmarksEncryption":{"JobBookmarksEncryptionMode":"CSE-KMS","KmsKeyArn":"',
        {"Fn::GetAtt": ["Key", "Arn"]},
        '"}}}}',
    )
    found, checked = lint(template(tmp_path, {"Create": create}))
    # An API call can set data-quality encryption, unlike a template's resource (GS206).
    assert sorted(found) == [
        ("GS203", "$.EncryptionConfiguration.S3Encryption"),
        ("GS206", "$.EncryptionConfiguration"),
    ]
    assert checked == ["Call"]


def test_a_call_that_is_not_json_until_deploy_is_skipped(tmp_path: Path) -> None:
    create = joined(
        '{"service":"Glue","action":"putResourcePolicy","parameters":', {"Ref": "P"}, "}"
    )
    assert lint(template(tmp_path, {"Create": create})) == ([], [])


def test_metadata_suppresses_a_rule(tmp_path: Path) -> None:
    text = call("Glue", "putResourcePolicy", {"PolicyInJson": json.dumps(OPEN_POLICY)})
    path = template(tmp_path, {"Create": text}, Metadata={"glue-security": {"ignore": "GS207"}})
    assert [rule for rule, _ in lint(path)[0]] == ["GS109"]


@pytest.mark.parametrize(("depth", "read"), [(20, True), (900, True), (5000, None)])
def test_a_call_nested_deeply_is_reported_not_raised(
    tmp_path: Path, depth: int, read: bool | None
) -> None:
    """Bad input never escapes as another exception: as deep as JSON reads it, a call's
    parameters are a schema finding; deeper, the call is not read. (How deep the json
    module reads depends on the Python: None is "as it does here".)"""
    nested = "[" * depth + "]" * depth
    if read is None:
        try:
            json.loads(nested)
            read = True
        except RecursionError:
            read = False
    create = '{"service":"Glue","action":"putResourcePolicy","parameters":{"PolicyInJson":'
    found, checked = lint(template(tmp_path, {"Create": create + nested + "}}"}))
    assert (("GS001", "$.PolicyInJson") in found) is read
    assert checked == (["Call"] if read else [])
