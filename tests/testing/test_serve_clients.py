"""`glue-security serve` through clients nobody here wrote: boto3, the AWS CLI and the AWS SDK
for JavaScript v3, each running the same scenario (create, get, paginate, put and get a
policy with hash conditions, delete, and the error codes) against a server on loopback.

The JavaScript SDK is installed by CI (`.ci/run`: npm into `.node/`); elsewhere the test says
why it skips. Under CI (`CI` set) a missing client fails instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from ..helpers import (
    NODE_MODULES,
    ROOT,
    SERVE_ENCRYPTION,
    SERVE_POLICY,
    SERVE_REGION,
    missing,
)

#: What each client observes, step by step.
EXPECTED: dict[str, Any] = {
    "created": ["cfg-a", "cfg-b", "cfg-c"],
    "duplicate": "AlreadyExistsException",
    "got": {"encryption": SERVE_ENCRYPTION, "created_is_date": True},
    "pages": [["cfg-a", "cfg-b"], ["cfg-c"]],
    "policy_read_back": True,
    "stale_hash": "ConditionCheckFailureException",
    "policy_after_delete": "EntityNotFoundException",
    "deleted": "EntityNotFoundException",
    "invalid": "InvalidInputException",
    "unknown_operation": "UnknownOperationException",
}
STALE_POLICY = SERVE_POLICY.replace("GetTable", "GetTables")


def client_environment(url: str) -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("AWS_") and name != "NODE_PATH"
    }
    environment.update(
        AWS_ENDPOINT_URL_GLUE=url,
        AWS_REGION=SERVE_REGION,
        AWS_DEFAULT_REGION=SERVE_REGION,
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_MAX_ATTEMPTS="1",
    )
    return environment


def test_boto3(glue_security_server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in client_environment(glue_security_server_url).items():
        if name.startswith("AWS_"):
            monkeypatch.setenv(name, value)
    # The endpoint from AWS_ENDPOINT_URL_GLUE, as every client here reads it.
    glue: Any = boto3.Session().client("glue", config=Config(retries={"total_max_attempts": 1}))
    assert glue.meta.endpoint_url == glue_security_server_url

    def code(call: Any, **kwargs: Any) -> str:
        try:
            call(**kwargs)
        except ClientError as error:
            return str(error.response["Error"]["Code"])
        return "no error"

    create = glue.create_security_configuration
    seen: dict[str, Any] = {
        "created": [
            create(Name=name, EncryptionConfiguration=SERVE_ENCRYPTION)["Name"]
            for name in ("cfg-a", "cfg-b", "cfg-c")
        ],
        "duplicate": code(create, Name="cfg-a", EncryptionConfiguration=SERVE_ENCRYPTION),
    }
    got = glue.get_security_configuration(Name="cfg-a")["SecurityConfiguration"]
    seen["got"] = {
        "encryption": got["EncryptionConfiguration"],
        "created_is_date": isinstance(got["CreatedTimeStamp"], datetime),
    }
    pages = glue.get_paginator("get_security_configurations").paginate(
        PaginationConfig={"PageSize": 2}
    )
    seen["pages"] = [[c["Name"] for c in page["SecurityConfigurations"]] for page in pages]
    first = glue.put_resource_policy(PolicyInJson=SERVE_POLICY, PolicyExistsCondition="NOT_EXIST")
    read = glue.get_resource_policy()
    seen["policy_read_back"] = (read["PolicyInJson"], read["PolicyHash"]) == (
        SERVE_POLICY,
        first["PolicyHash"],
    )
    second = glue.put_resource_policy(
        PolicyInJson=STALE_POLICY,
        PolicyExistsCondition="MUST_EXIST",
        PolicyHashCondition=first["PolicyHash"],
    )
    seen["stale_hash"] = code(
        glue.put_resource_policy,
        PolicyInJson=SERVE_POLICY,
        PolicyHashCondition=first["PolicyHash"],
    )
    glue.delete_resource_policy(PolicyHashCondition=second["PolicyHash"])
    seen["policy_after_delete"] = code(glue.get_resource_policy)
    glue.delete_security_configuration(Name="cfg-b")
    seen["deleted"] = code(glue.get_security_configuration, Name="cfg-b")
    seen["invalid"] = code(create, Name="x" * 256, EncryptionConfiguration={})
    seen["unknown_operation"] = code(glue.get_databases)
    assert seen == EXPECTED


def aws_cli() -> str:
    beside = Path(sys.executable).parent / "aws"
    found = str(beside) if beside.exists() else shutil.which("aws")
    if found is None:
        missing("the AWS CLI is not installed (pip install awscli)")
    assert found is not None
    return found


def test_the_aws_cli(glue_security_server_url: str, tmp_path: Path) -> None:
    command = aws_cli()
    environment = client_environment(glue_security_server_url)
    # AWS CLI v1 prints timestamps as the wire sends them unless told to write ISO 8601.
    config = tmp_path / "config"
    config.write_text("[default]\ncli_timestamp_format = iso8601\n")
    environment["AWS_CONFIG_FILE"] = str(config)

    def aws(*arguments: str) -> tuple[Any, str]:
        """The command's JSON output (None on an error) and its error code ('' if none)."""
        run = subprocess.run(
            [command, "glue", *arguments, "--output", "json"],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
        )
        if run.returncode == 0:
            return (json.loads(run.stdout) if run.stdout.strip() else {}), ""
        found = re.search(r"An error occurred \((\w+)\)", run.stderr)
        assert found, run.stderr
        return None, found[1]

    encryption = json.dumps(SERVE_ENCRYPTION)
    seen: dict[str, Any] = {"created": []}
    for name in ("cfg-a", "cfg-b", "cfg-c"):
        out, _ = aws("create-security-configuration", "--name", name,
                     "--encryption-configuration", encryption)  # fmt: skip
        seen["created"].append(out["Name"])
    seen["duplicate"] = aws("create-security-configuration", "--name", "cfg-a",
                            "--encryption-configuration", encryption)[1]  # fmt: skip
    got = aws("get-security-configuration", "--name", "cfg-a")[0]["SecurityConfiguration"]
    seen["got"] = {
        "encryption": got["EncryptionConfiguration"],
        "created_is_date": isinstance(datetime.fromisoformat(got["CreatedTimeStamp"]), datetime),
    }
    first_page = aws("get-security-configurations", "--page-size", "2", "--max-items", "2")[0]
    rest = aws("get-security-configurations", "--page-size", "2",
               "--starting-token", first_page["NextToken"])[0]  # fmt: skip
    seen["pages"] = [
        [c["Name"] for c in page["SecurityConfigurations"]] for page in (first_page, rest)
    ]
    first = aws("put-resource-policy", "--policy-in-json", SERVE_POLICY,
                "--policy-exists-condition", "NOT_EXIST")[0]  # fmt: skip
    read = aws("get-resource-policy")[0]
    seen["policy_read_back"] = (read["PolicyInJson"], read["PolicyHash"]) == (
        SERVE_POLICY,
        first["PolicyHash"],
    )
    second = aws("put-resource-policy", "--policy-in-json", STALE_POLICY,
                 "--policy-exists-condition", "MUST_EXIST",
                 "--policy-hash-condition", first["PolicyHash"])[0]  # fmt: skip
    seen["stale_hash"] = aws("put-resource-policy", "--policy-in-json", SERVE_POLICY,
                             "--policy-hash-condition", first["PolicyHash"])[1]  # fmt: skip
    aws("delete-resource-policy", "--policy-hash-condition", second["PolicyHash"])
    seen["policy_after_delete"] = aws("get-resource-policy")[1]
    aws("delete-security-configuration", "--name", "cfg-b")
    seen["deleted"] = aws("get-security-configuration", "--name", "cfg-b")[1]
    seen["invalid"] = aws("create-security-configuration", "--name", "x" * 256,
                          "--encryption-configuration", "{}")[1]  # fmt: skip
    seen["unknown_operation"] = aws("get-databases")[1]
    assert seen == EXPECTED


SCENARIO_SCRIPT = ROOT / "tests" / "testing" / "clients" / "glue_scenario.cjs"


def test_the_javascript_sdk_v3(glue_security_server_url: str) -> None:
    node = shutil.which("node")
    if node is None:
        missing("Node.js is not installed (the JavaScript SDK test runs a Node script)")
    if not (NODE_MODULES / "@aws-sdk" / "client-glue").is_dir():
        missing(
            f"@aws-sdk/client-glue is not installed in {NODE_MODULES} "
            "(npm install --prefix .node @aws-sdk/client-glue@3)"
        )
    assert node is not None
    environment = client_environment(glue_security_server_url)
    environment.update(
        NODE_PATH=str(NODE_MODULES),
        SCENARIO_POLICY=SERVE_POLICY,
        SCENARIO_ENCRYPTION=json.dumps(SERVE_ENCRYPTION),
    )
    run = subprocess.run(
        [node, str(SCENARIO_SCRIPT)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    # The SDK names an error by its code.
    assert seen == EXPECTED


def test_a_missing_client_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI installs it"):
        missing("Node.js is not installed")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="Node"):
        missing("Node.js is not installed")


def test_the_terraform_providers_calls(glue_security_server_url: str) -> None:
    """The calls the Terraform AWS provider's `aws_glue_resource_policy` and
    `aws_glue_data_catalog_encryption_settings` make (create with NOT_EXIST, update with
    MUST_EXIST, read, delete tolerating not-found), with the policy of its acceptance
    tests: any principal, every resource of the caller's catalog."""
    glue: Any = boto3.client(
        "glue",
        endpoint_url=glue_security_server_url,
        region_name=SERVE_REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),
    )
    statement = {
        "Action": "glue:CreateTable",
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Resource": f"arn:aws:glue:{SERVE_REGION}:123456789012:*",
    }
    created = json.dumps({"Statement": [statement], "Version": "2012-10-17"}, separators=(",", ":"))
    glue.put_resource_policy(PolicyInJson=created, PolicyExistsCondition="NOT_EXIST")
    assert glue.get_resource_policy()["PolicyInJson"] == created
    updated = created.replace("glue:CreateTable", "glue:DeleteTable")
    glue.put_resource_policy(PolicyInJson=updated, PolicyExistsCondition="MUST_EXIST")
    assert glue.get_resource_policy()["PolicyInJson"] == updated
    glue.delete_resource_policy()
    for call in (glue.get_resource_policy, glue.delete_resource_policy):
        with pytest.raises(ClientError) as gone:
            call()
        assert gone.value.response["Error"]["Code"] == "EntityNotFoundException"

    settings = {
        "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": False},
        "EncryptionAtRest": {"CatalogEncryptionMode": "DISABLED"},
    }
    glue.put_data_catalog_encryption_settings(
        CatalogId="123456789012", DataCatalogEncryptionSettings=settings
    )
    read = glue.get_data_catalog_encryption_settings(CatalogId="123456789012")
    assert read["DataCatalogEncryptionSettings"] == settings
