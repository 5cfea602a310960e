"""Random sequences of the ten operations, through boto3, against a small model of the state.

The model below shares no code with the service: it knows only what the API documents
(names are unique, a put replaces, conditions hold or fail) and what each answer said.
"""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import glue_security as gs
from glue_security.strategies import models, wire_payloads
from glue_security.testing import mock_glue_security

NAMES = st.sampled_from(["a", "b", "c", "prod-etl", "Z"])
POLICIES = st.sampled_from(
    ["{}", '{"Version": "2012-10-17"}', json.dumps({"Statement": [{"Effect": "Deny"}]})]
)
ENCRYPTIONS = wire_payloads(
    gs.EncryptionConfiguration,
    s3_encryption=st.none() | st.lists(models(gs.S3Encryption), max_size=1).map(tuple),
)
SETTINGS = wire_payloads(gs.DataCatalogEncryptionSettings)
DEFAULT_SETTINGS = {
    "EncryptionAtRest": {"CatalogEncryptionMode": "DISABLED"},
    "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": False},
}
_client: list[Any] = []


def glue() -> Any:
    """One client for every run, created outside any mock: the mock must serve it."""
    if not _client:
        _client.append(
            boto3.client(
                "glue",
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
                config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
            )
        )
    return _client[0]


class GlueSecurityMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.mock = mock_glue_security()
        self.mock.__enter__()
        self.glue = glue()
        self.configurations: dict[str, dict[str, Any]] = {}  # name -> what get returns
        self.settings: dict[str, Any] = DEFAULT_SETTINGS
        self.policy: str | None = None
        self.policy_hash: str | None = None
        self.seen_hashes: dict[str, str] = {}  # policy text -> its hash, as answered

    def teardown(self) -> None:
        self.mock.__exit__(None, None, None)

    def call(self, operation: str, expected_error: str | None = None, **params: Any) -> Any:
        """Call through boto3; the error, if any, must be the expected one and in the
        operation's error list."""
        method = getattr(self.glue, gs.OPERATIONS[operation].python_name)
        try:
            answer = method(**params)
        except ClientError as error:
            code = error.response["Error"]["Code"]
            assert code in {e.__name__ for e in gs.OPERATIONS[operation].errors}
            assert code == expected_error, (operation, params, error)
            return None
        assert expected_error is None, (operation, params, answer)
        assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
        return answer

    # -- security configurations -----------------------------------------------------------

    @rule(name=NAMES, encryption=ENCRYPTIONS)
    def create(self, name: str, encryption: dict[str, Any]) -> None:
        exists = name in self.configurations
        answer = self.call(
            "CreateSecurityConfiguration",
            "AlreadyExistsException" if exists else None,
            Name=name,
            EncryptionConfiguration=encryption,
        )
        if not exists:
            assert answer["Name"] == name
            self.configurations[name] = {
                "Name": name,
                "CreatedTimeStamp": answer["CreatedTimestamp"],
                "EncryptionConfiguration": encryption,
            }

    @rule(name=NAMES)
    def get(self, name: str) -> None:
        expected = self.configurations.get(name)
        answer = self.call(
            "GetSecurityConfiguration",
            None if expected else "EntityNotFoundException",
            Name=name,
        )
        if expected:
            assert answer["SecurityConfiguration"] == expected

    @rule(name=NAMES)
    def delete(self, name: str) -> None:
        exists = self.configurations.pop(name, None) is not None
        self.call(
            "DeleteSecurityConfiguration", None if exists else "EntityNotFoundException", Name=name
        )

    @rule(page_size=st.integers(1, 3))
    def list_all(self, page_size: int) -> None:
        listed: list[dict[str, Any]] = []
        params: dict[str, Any] = {"MaxResults": page_size}
        while True:
            answer = self.call("GetSecurityConfigurations", **params)
            page = answer["SecurityConfigurations"]
            assert len(page) <= page_size
            listed += page
            if "NextToken" not in answer:
                break
            params["NextToken"] = answer["NextToken"]
        assert listed == [self.configurations[n] for n in sorted(self.configurations)]

    # -- catalog settings --------------------------------------------------------------------

    @rule(settings=SETTINGS)
    def put_settings(self, settings: dict[str, Any]) -> None:
        self.call("PutDataCatalogEncryptionSettings", DataCatalogEncryptionSettings=settings)
        self.settings = settings

    @rule()
    def get_settings(self) -> None:
        answer = self.call("GetDataCatalogEncryptionSettings")
        assert answer["DataCatalogEncryptionSettings"] == self.settings

    # -- resource policy ---------------------------------------------------------------------

    @rule(
        text=POLICIES,
        exists=st.sampled_from([None, "MUST_EXIST", "NOT_EXIST", "NONE"]),
        hash_condition=st.sampled_from([None, "current", "stale"]),
    )
    def put_policy(self, text: str, exists: str | None, hash_condition: str | None) -> None:
        params: dict[str, Any] = {"PolicyInJson": text}
        if exists:
            params["PolicyExistsCondition"] = exists
        if hash_condition == "current" and self.policy_hash:
            params["PolicyHashCondition"] = self.policy_hash
        elif hash_condition == "stale":
            params["PolicyHashCondition"] = "stale-hash"
        fails = (
            (exists == "MUST_EXIST" and self.policy is None)
            or (exists == "NOT_EXIST" and self.policy is not None)
            or ("PolicyHashCondition" in params and params["PolicyHashCondition"] == "stale-hash")
        )
        answer = self.call(
            "PutResourcePolicy", "ConditionCheckFailureException" if fails else None, **params
        )
        if not fails:
            new_hash = answer["PolicyHash"]
            # The hash depends on the text alone: equal texts, equal hashes; else different.
            for seen_text, seen_hash in self.seen_hashes.items():
                assert (seen_hash == new_hash) == (seen_text == text)
            self.seen_hashes[text] = new_hash
            self.policy, self.policy_hash = text, new_hash

    @rule()
    def get_policy(self) -> None:
        answer = self.call("GetResourcePolicy", None if self.policy else "EntityNotFoundException")
        if self.policy is not None:
            assert (answer["PolicyInJson"], answer["PolicyHash"]) == (
                self.policy,
                self.policy_hash,
            )
            assert answer["CreateTime"] <= answer["UpdateTime"]

    @precondition(lambda self: self.policy is not None)
    @rule(stale=st.booleans())
    def delete_policy_with_condition(self, stale: bool) -> None:
        assert self.policy_hash is not None
        condition = "stale-hash" if stale else self.policy_hash
        self.call(
            "DeleteResourcePolicy",
            "ConditionCheckFailureException" if stale else None,
            PolicyHashCondition=condition,
        )
        if not stale:
            self.policy = self.policy_hash = None

    @rule()
    def delete_policy(self) -> None:
        exists = self.policy is not None
        self.call("DeleteResourcePolicy", None if exists else "EntityNotFoundException")
        self.policy = self.policy_hash = None

    @rule()
    def get_policies(self) -> None:
        answer = self.call("GetResourcePolicies", MaxResults=1)
        texts = [p["PolicyInJson"] for p in answer["GetResourcePoliciesResponseList"]]
        assert texts == ([self.policy] if self.policy is not None else [])
        assert "NextToken" not in answer

    @invariant()
    def count_matches(self) -> None:
        answer = self.call("GetSecurityConfigurations")
        assert len(answer["SecurityConfigurations"]) == len(self.configurations)


# The loaded profile (tests/conftest.py) gives the number of examples.
GlueSecurityMachine.TestCase.settings = settings(stateful_step_count=15)
TestGlueSecurityMachine = GlueSecurityMachine.TestCase
