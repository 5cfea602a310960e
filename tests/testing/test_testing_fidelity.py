"""The fake service where other people's tests found it lenient: catalog policies checked as
the developer guide's resource-policy page says, `ResourceArn` on PutResourcePolicy refused,
and the catalog settings the service refuses or fills in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import glue_security as gs
from glue_security.models.catalog_policy import catalog_policy_problems
from glue_security.models.service_rules import AWS_MANAGED_KEY
from glue_security.testing import GlueSecurityServer, GlueSecurityService, mock_glue_security
from glue_security.testing.models import glue_arn
from glue_security.testing.stored_settings import RESOURCE_LEVEL_POLICY_MESSAGE

ACCOUNT, REGION = "123456789012", "us-east-1"
PREFIX = glue_arn(ACCOUNT, REGION, "")
CATALOG = f"arn:aws:glue:{REGION}:{ACCOUNT}:catalog"
KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def policy(**statement: Any) -> str:
    statement = {"Effect": "Allow", "Action": "glue:*", **statement}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.mark.parametrize(
    "text",
    [
        policy(Principal="*", Resource=f"arn:aws:glue:{REGION}:{ACCOUNT}:*"),
        policy(Principal={"AWS": "arn:aws:iam::111122223333:root"}, Resource=CATALOG),
        policy(
            NotPrincipal={"AWS": ["arn:aws:iam::111122223333:role/etl"]},
            Resource=[CATALOG, f"arn:aws:glue:{REGION}:{ACCOUNT}:database/db1"],
        ),
        policy(Principal={"Service": "glue.amazonaws.com"}, NotResource=f"{CATALOG[:-7]}table/a/b"),
        json.dumps(
            {"Statement": {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": CATALOG}}
        ),
    ],
)
def test_a_policy_the_page_allows_passes(text: str) -> None:
    assert catalog_policy_problems(text, PREFIX) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (policy(Resource=CATALOG), "has no Principal or NotPrincipal block"),
        (policy(Principal="*", Resource="*"), "resource '*' is not a Glue ARN of this catalog"),
        (
            policy(Principal="*", Resource=f"arn:aws:glue:eu-west-1:{ACCOUNT}:catalog"),
            "is not a Glue ARN of this catalog",
        ),
        (
            policy(Principal="*", Resource=f"arn:aws:glue:{REGION}:111122223333:catalog"),
            "is not a Glue ARN of this catalog",
        ),
        (
            policy(Principal="*", Resource="arn:aws:s3:::bucket/*"),
            "is not a Glue ARN of this catalog",
        ),
        (
            policy(Principal={"AWS": "arn:aws:iam::111122223333:user/*"}, Resource=CATALOG),
            "is a wildcard pattern, not allowed",
        ),
        (policy(Principal="*"), "has no Resource block"),
        (json.dumps({"Version": "2012-10-17"}), "the policy has no Statement"),
    ],
)
def test_a_policy_the_page_refuses_is_named(text: str, problem: str) -> None:
    problems = catalog_policy_problems(text, PREFIX)
    assert any(problem in found for found in problems), problems


def test_china_regions_use_their_partition() -> None:
    text = policy(Principal="*", Resource=f"arn:aws-cn:glue:cn-north-1:{ACCOUNT}:catalog")
    china = glue_arn(ACCOUNT, "cn-north-1", "")
    assert catalog_policy_problems(text, china) == []
    assert catalog_policy_problems(text.replace("aws-cn", "aws"), china)


def test_problems_are_bounded() -> None:
    text = json.dumps({"Statement": [{"Resource": "*"}] * 1000})
    assert len(catalog_policy_problems(text, PREFIX)) == 10


# -- the service: in process (mock_glue_security) and over HTTP (serve), one core ----------------


def glue_in_process() -> Any:
    return boto3.client(
        "glue",
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=NO_RETRIES,
    )


def error_code(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    error = caught.value.response["Error"]
    return str(error["Code"]), str(error["Message"])


@pytest.fixture(params=["mock_glue_security", "serve"])
def glue(request: pytest.FixtureRequest) -> Iterator[tuple[Any, GlueSecurityService]]:
    """A Glue client and the service behind it: in process, or over HTTP."""
    service = GlueSecurityService()
    if request.param == "serve":
        with GlueSecurityServer(service) as server:
            yield (
                boto3.client(
                    "glue",
                    endpoint_url=server.url,
                    region_name=REGION,
                    aws_access_key_id="testing",
                    aws_secret_access_key="testing",
                    config=NO_RETRIES,
                ),
                service,
            )
    else:
        with mock_glue_security(service):
            yield glue_in_process(), service


GOOD_POLICY = policy(Principal="*", Resource=CATALOG)


def test_resource_arn_on_put_is_refused_unless_accepted(
    glue: tuple[Any, GlueSecurityService],
) -> None:
    client, service = glue
    database = f"arn:aws:glue:{REGION}:{ACCOUNT}:database/db1"
    code, message = error_code(
        client.put_resource_policy, PolicyInJson=GOOD_POLICY, ResourceArn=database
    )
    assert (code, message) == ("InvalidInputException", RESOURCE_LEVEL_POLICY_MESSAGE)
    assert service.call(gs.GetResourcePoliciesRequest()).get_resource_policies_response_list == ()
    service.accept_resource_arns = True
    client.put_resource_policy(PolicyInJson=GOOD_POLICY, ResourceArn=database)
    assert client.get_resource_policy(ResourceArn=database)["PolicyInJson"] == GOOD_POLICY


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (policy(Resource=CATALOG), "Statement[0] has no Principal or NotPrincipal block"),
        (policy(Principal="*", Resource="*"), "resource '*' is not a Glue ARN of this catalog"),
        (
            policy(Principal="*", Resource=f"arn:aws:glue:{REGION}:111122223333:catalog"),
            "is not a Glue ARN of this catalog",
        ),
    ],
)
def test_a_policy_the_page_refuses_changes_nothing(
    glue: tuple[Any, GlueSecurityService], text: str, problem: str
) -> None:
    client, _ = glue
    first = client.put_resource_policy(PolicyInJson=GOOD_POLICY)["PolicyHash"]
    code, message = error_code(client.put_resource_policy, PolicyInJson=text)
    assert code == "InvalidInputException"
    assert problem in message
    assert client.get_resource_policy()["PolicyHash"] == first


def test_a_policy_names_the_callers_own_catalog() -> None:
    # The account is the caller's: a 12-digit access key is that account over HTTP.
    other = policy(Principal="*", Resource="arn:aws:glue:eu-west-1:111122223333:catalog")
    with GlueSecurityServer() as server:
        client = boto3.client(
            "glue",
            endpoint_url=server.url,
            region_name="eu-west-1",
            aws_access_key_id="111122223333",
            aws_secret_access_key="testing",
            config=NO_RETRIES,
        )
        assert client.put_resource_policy(PolicyInJson=other)["PolicyHash"]
        assert error_code(client.put_resource_policy, PolicyInJson=GOOD_POLICY)[0] == (
            "InvalidInputException"
        )


def settings_read_back(client: Any, settings: dict[str, Any]) -> Any:
    client.put_data_catalog_encryption_settings(DataCatalogEncryptionSettings=settings)
    return client.get_data_catalog_encryption_settings()["DataCatalogEncryptionSettings"]


def test_service_role_mode_needs_its_role(glue: tuple[Any, GlueSecurityService]) -> None:
    client, _ = glue
    without = {"EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS-WITH-SERVICE-ROLE",
                                    "SseAwsKmsKeyId": KMS}}  # fmt: skip
    code, message = error_code(
        client.put_data_catalog_encryption_settings, DataCatalogEncryptionSettings=without
    )
    assert code == "InvalidInputException"
    assert "CatalogEncryptionServiceRole: required" in message
    unchanged = client.get_data_catalog_encryption_settings()["DataCatalogEncryptionSettings"]
    assert unchanged["EncryptionAtRest"] == {"CatalogEncryptionMode": "DISABLED"}
    role = "arn:aws:iam::123456789012:role/glue-catalog-kms"
    with_role = {"EncryptionAtRest": {**without["EncryptionAtRest"],
                                      "CatalogEncryptionServiceRole": role}}  # fmt: skip
    assert settings_read_back(client, with_role) == with_role


def test_kms_modes_without_a_key_read_back_the_aws_managed_key(
    glue: tuple[Any, GlueSecurityService],
) -> None:
    client, _ = glue
    settings = {
        "EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS"},
        "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": True},
    }
    assert settings_read_back(client, settings) == {
        "EncryptionAtRest": {
            "CatalogEncryptionMode": "SSE-KMS",
            "SseAwsKmsKeyId": AWS_MANAGED_KEY,
        },
        "ConnectionPasswordEncryption": {
            "ReturnConnectionPasswordEncrypted": True,
            "AwsKmsKeyId": AWS_MANAGED_KEY,
        },
    }
    with_keys = {
        "EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS", "SseAwsKmsKeyId": KMS},
        "ConnectionPasswordEncryption": {
            "ReturnConnectionPasswordEncrypted": True,
            "AwsKmsKeyId": KMS,
        },
    }
    assert settings_read_back(client, with_keys) == with_keys
    plain = {"ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": False}}
    assert settings_read_back(client, plain) == plain
