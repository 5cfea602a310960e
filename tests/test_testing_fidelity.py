"""The fake service where other people's tests found it lenient: catalog policies checked as
the developer guide's resource-policy page says, `ResourceArn` on PutResourcePolicy refused,
and the catalog settings the service refuses or fills in."""

from __future__ import annotations

import json
from typing import Any

import pytest

from glue_security.testing.models import glue_arn
from glue_security.testing.policy_rules import catalog_policy_problems

ACCOUNT, REGION = "123456789012", "us-east-1"
PREFIX = glue_arn(ACCOUNT, REGION, "")
CATALOG = f"arn:aws:glue:{REGION}:{ACCOUNT}:catalog"


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
