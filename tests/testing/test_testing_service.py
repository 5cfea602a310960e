"""glue_security.testing: the in-memory service's behaviour, seen through boto3."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import botocore.client
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ReadTimeoutError
from moto import mock_aws

import glue_security as gs
from glue_security.testing import (
    DEFAULT_PAGE_SIZE,
    GlueSecurityService,
    UnservedOperationError,
    mock_glue_security,
    policy_hash,
)

KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
S3_KMS = {"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": KMS}
ENCRYPTION = {
    "S3Encryption": [S3_KMS],
    "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": KMS},
    "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": KMS},
}
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "glue:*", "Resource": "*"}],
    }
)
START = datetime(2026, 5, 6, 7, 8, 9, 123000, tzinfo=timezone.utc)
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(glue_security_service: GlueSecurityService, clock: Clock) -> GlueSecurityService:
    glue_security_service.clock = clock
    return glue_security_service


@pytest.fixture
def glue(service: GlueSecurityService) -> Any:
    return boto3.client("glue", config=NO_RETRIES)


def error_of(call: Callable[[], object]) -> tuple[str, str, int]:
    """(Error.Code, Error.Message, HTTP status) of a call that must fail."""
    with pytest.raises(ClientError) as info:
        call()
    response = info.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def create(glue: Any, name: str, encryption: dict[str, Any] | None = None) -> Any:
    return glue.create_security_configuration(
        Name=name, EncryptionConfiguration=encryption or ENCRYPTION
    )


# -- what boto3 hands back ---------------------------------------------------------------------


def test_answers_parse_as_boto3_parses_the_service(glue: Any) -> None:
    created = create(glue, "prod-etl")
    assert created["Name"] == "prod-etl"
    assert created["CreatedTimestamp"] == START  # a datetime, aware, to the millisecond
    metadata = created["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["RequestId"]
    assert metadata["RetryAttempts"] == 0
    got = glue.get_security_configuration(Name="prod-etl")["SecurityConfiguration"]
    assert got == {
        "Name": "prod-etl",
        "CreatedTimeStamp": START,
        "EncryptionConfiguration": ENCRYPTION,
    }
    # The library's own models read the answers as they are.
    assert gs.parse_response("GetSecurityConfiguration", {"SecurityConfiguration": got})


def test_errors_are_client_errors_with_code_message_and_status(glue: Any) -> None:
    code, message, status = error_of(lambda: glue.get_security_configuration(Name="missing"))
    assert (code, status) == ("EntityNotFoundException", 400)
    assert "missing" in message
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.get_security_configuration(Name="missing")


# -- security configurations -------------------------------------------------------------------


def test_duplicate_name_already_exists(glue: Any) -> None:
    create(glue, "a")
    code, message, _ = error_of(lambda: create(glue, "a"))
    assert code == "AlreadyExistsException"
    assert message.count("already exists") == 1


def test_quota(service: GlueSecurityService, glue: Any) -> None:
    service.security_configuration_quota = 2
    create(glue, "a")
    create(glue, "b")
    assert error_of(lambda: create(glue, "c"))[0] == "ResourceNumberLimitExceededException"
    glue.delete_security_configuration(Name="a")
    create(glue, "c")


def test_more_than_one_s3_encryption_item_is_rejected(glue: Any) -> None:
    two = {"S3Encryption": [S3_KMS, {"S3EncryptionMode": "SSE-S3"}]}
    code, message, status = error_of(lambda: create(glue, "a", two))
    assert (code, status) == ("InvalidInputException", 400)
    assert "S3Encryption" in message
    assert error_of(lambda: glue.get_security_configuration(Name="a"))[0] == (
        "EntityNotFoundException"
    )


@pytest.mark.parametrize("mode", ["SSEKMS", "BOGUS", "sse-kms"])
def test_modes_are_checked_with_the_library_messages(glue: Any, mode: str) -> None:
    payload = {"S3Encryption": [{"S3EncryptionMode": mode}]}
    code, message, _ = error_of(lambda: create(glue, "a", payload))
    assert code == "InvalidInputException"
    with pytest.raises(gs.ValidationError) as info:
        gs.validate_request(
            "CreateSecurityConfiguration", {"Name": "a", "EncryptionConfiguration": payload}
        )
    assert message == "; ".join(str(problem) for problem in info.value.errors)
    assert "$.EncryptionConfiguration.S3Encryption[0].S3EncryptionMode" in message


def test_delete(glue: Any) -> None:
    assert error_of(lambda: glue.delete_security_configuration(Name="a"))[0] == (
        "EntityNotFoundException"
    )
    create(glue, "a")
    assert set(glue.delete_security_configuration(Name="a")) == {"ResponseMetadata"}
    assert error_of(lambda: glue.get_security_configuration(Name="a"))[0] == (
        "EntityNotFoundException"
    )


def test_listing_pages_in_name_order(glue: Any, clock: Clock) -> None:
    names = ["b", "a", "é", "Z", "c-2", "c-10"]
    for name in names:
        clock.now += timedelta(seconds=1)
        create(glue, name)
    first = glue.get_security_configurations(MaxResults=4)
    assert [c["Name"] for c in first["SecurityConfigurations"]] == sorted(names)[:4]
    assert "CreatedTimeStamp" in first["SecurityConfigurations"][0]
    second = glue.get_security_configurations(MaxResults=4, NextToken=first["NextToken"])
    assert [c["Name"] for c in second["SecurityConfigurations"]] == sorted(names)[4:]
    assert "NextToken" not in second
    everything = glue.get_security_configurations()
    assert len(everything["SecurityConfigurations"]) == len(names)
    paginator = glue.get_paginator("get_security_configurations")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 1}))
    assert len(pages) == len(names)
    assert [c["Name"] for p in pages for c in p["SecurityConfigurations"]] == sorted(names)


def test_without_max_results_a_page_holds_the_most_max_results_may_ask() -> None:
    most = {
        gs.members(request)["max_results"].shape.range.maximum  # type: ignore[union-attr]
        for request in (gs.GetSecurityConfigurationsRequest, gs.GetResourcePoliciesRequest)
    }
    assert most == {DEFAULT_PAGE_SIZE}
    service = GlueSecurityService(security_configuration_quota=DEFAULT_PAGE_SIZE + 1)
    for number in range(DEFAULT_PAGE_SIZE + 1):
        service.handle(
            "CreateSecurityConfiguration", {"Name": f"{number:05}", "EncryptionConfiguration": {}}
        )
    page = service.handle("GetSecurityConfigurations", {})
    assert len(page["SecurityConfigurations"]) == DEFAULT_PAGE_SIZE
    assert "NextToken" in page


def test_paging_survives_changes_between_pages(glue: Any) -> None:
    for name in "abcd":
        create(glue, name)
    first = glue.get_security_configurations(MaxResults=2)
    glue.delete_security_configuration(Name="c")
    create(glue, "aa")  # before the token's position: not seen on later pages
    create(glue, "e")
    rest = glue.get_security_configurations(NextToken=first["NextToken"])
    assert [c["Name"] for c in rest["SecurityConfigurations"]] == ["d", "e"]


def test_stale_or_forged_tokens_are_invalid_input(glue: Any, clock: Clock) -> None:
    for name in "abc":
        create(glue, name)
    token = glue.get_security_configurations(MaxResults=1)["NextToken"]
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    for bad in [forged, "not a token", "x" * 300, token + "=="]:
        code = error_of(functools.partial(glue.get_security_configurations, NextToken=bad))[0]
        assert code == "InvalidInputException"
    # A token of the other listing, or of another region, is not valid here.
    assert error_of(lambda: glue.get_resource_policies(NextToken=token))[0] == (
        "InvalidInputException"
    )
    other_region = boto3.client("glue", region_name="eu-west-1", config=NO_RETRIES)
    assert error_of(lambda: other_region.get_security_configurations(NextToken=token))[0] == (
        "InvalidInputException"
    )
    assert glue.get_security_configurations(NextToken=token)["SecurityConfigurations"]
    clock.now += timedelta(hours=25)
    assert error_of(lambda: glue.get_security_configurations(NextToken=token))[0] == (
        "InvalidInputException"
    )


def test_token_of_another_service_is_invalid(glue: Any) -> None:
    other = GlueSecurityService()
    for name in "ab":
        other.handle("CreateSecurityConfiguration", {"Name": name, "EncryptionConfiguration": {}})
    token = other.handle("GetSecurityConfigurations", {"MaxResults": 1})["NextToken"]
    assert error_of(lambda: glue.get_security_configurations(NextToken=token))[0] == (
        "InvalidInputException"
    )


def test_state_is_kept_per_account_and_region(service: GlueSecurityService) -> None:
    with mock_glue_security(service, accounts={"AKIDOTHER": "210987654321"}):
        here = boto3.client("glue", region_name="us-east-1")
        there = boto3.client("glue", region_name="eu-west-1")
        other_account = boto3.client(
            "glue",
            region_name="us-east-1",
            aws_access_key_id="AKIDOTHER",
            aws_secret_access_key="secret",
        )
        create(here, "a")
        assert there.get_security_configurations()["SecurityConfigurations"] == []
        assert other_account.get_security_configurations()["SecurityConfigurations"] == []
        create(there, "a")
        create(other_account, "a")
    assert service.call(gs.GetSecurityConfigurationRequest(name="a")).security_configuration
    assert service.call(
        gs.GetSecurityConfigurationRequest(name="a"), account_id="210987654321"
    ).security_configuration


def test_injected_account_id(clock: Clock) -> None:
    service = GlueSecurityService(account_id="111122223333", region="eu-west-1", clock=clock)
    with mock_glue_security(service):
        glue = boto3.client("glue", region_name="eu-west-1")
        glue.put_resource_policy(PolicyInJson=POLICY)
        catalog = "arn:aws:glue:eu-west-1:111122223333:catalog"
        assert glue.get_resource_policy(ResourceArn=catalog)["PolicyInJson"] == POLICY
        glue.put_data_catalog_encryption_settings(
            DataCatalogEncryptionSettings={"EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS"}}
        )
        settings = glue.get_data_catalog_encryption_settings(CatalogId="111122223333")
        mode = settings["DataCatalogEncryptionSettings"]["EncryptionAtRest"]
        assert mode["CatalogEncryptionMode"] == "SSE-KMS"
    # The in-process API acts in the service's own account and region by default.
    assert service.call(gs.GetResourcePolicyRequest()).create_time == START


# -- catalog encryption settings ----------------------------------------------------------------


def test_catalog_settings_default_then_replaced_whole(glue: Any) -> None:
    defaults = glue.get_data_catalog_encryption_settings()["DataCatalogEncryptionSettings"]
    assert defaults == {
        "EncryptionAtRest": {"CatalogEncryptionMode": "DISABLED"},
        "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": False},
    }
    full = {
        "EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS", "SseAwsKmsKeyId": "alias/k"},
        "ConnectionPasswordEncryption": {
            "ReturnConnectionPasswordEncrypted": True,
            "AwsKmsKeyId": "alias/k",
        },
    }
    glue.put_data_catalog_encryption_settings(DataCatalogEncryptionSettings=full)
    assert glue.get_data_catalog_encryption_settings()["DataCatalogEncryptionSettings"] == full
    partial = {"EncryptionAtRest": {"CatalogEncryptionMode": "DISABLED"}}
    glue.put_data_catalog_encryption_settings(DataCatalogEncryptionSettings=partial)
    got = glue.get_data_catalog_encryption_settings()["DataCatalogEncryptionSettings"]
    assert got == partial
    # The account's catalog is the default CatalogId; another catalog has its own.
    account = glue.get_data_catalog_encryption_settings(CatalogId="123456789012")
    assert account["DataCatalogEncryptionSettings"] == partial
    other = glue.get_data_catalog_encryption_settings(CatalogId="999999999999")
    assert other["DataCatalogEncryptionSettings"] == defaults


# -- resource policies -------------------------------------------------------------------------


def test_policy_lifecycle_and_times(glue: Any, clock: Clock) -> None:
    assert error_of(glue.get_resource_policy)[0] == "EntityNotFoundException"
    first_hash = glue.put_resource_policy(PolicyInJson=POLICY)["PolicyHash"]
    assert first_hash == policy_hash(POLICY)
    got = glue.get_resource_policy()
    assert (got["PolicyInJson"], got["PolicyHash"]) == (POLICY, first_hash)
    assert got["CreateTime"] == got["UpdateTime"] == START
    clock.now += timedelta(minutes=5)
    changed = json.dumps({"Version": "2012-10-17", "Statement": []})
    second_hash = glue.put_resource_policy(
        PolicyInJson=changed, PolicyHashCondition=first_hash, PolicyExistsCondition="MUST_EXIST"
    )["PolicyHash"]
    assert second_hash != first_hash
    got = glue.get_resource_policy()
    assert (got["CreateTime"], got["UpdateTime"]) == (START, clock.now)
    listed = glue.get_resource_policies()["GetResourcePoliciesResponseList"]
    assert listed == [
        {
            "PolicyInJson": changed,
            "PolicyHash": second_hash,
            "CreateTime": START,
            "UpdateTime": clock.now,
        }
    ]
    glue.delete_resource_policy(PolicyHashCondition=second_hash)
    assert error_of(glue.get_resource_policy)[0] == "EntityNotFoundException"
    assert error_of(glue.delete_resource_policy)[0] == "EntityNotFoundException"


def test_policy_conditions(glue: Any) -> None:
    def put(**conditions: str) -> Any:
        return glue.put_resource_policy(PolicyInJson=POLICY, **conditions)

    failed = ("ConditionCheckFailureException", 400)
    for missing in [{"PolicyExistsCondition": "MUST_EXIST"}, {"PolicyHashCondition": "h"}]:
        code, _, status = error_of(functools.partial(put, **missing))
        assert (code, status) == failed
    hash_ = put(PolicyExistsCondition="NOT_EXIST", EnableHybrid="TRUE")["PolicyHash"]
    assert error_of(lambda: put(PolicyExistsCondition="NOT_EXIST"))[:3:2] == failed
    assert error_of(lambda: put(PolicyHashCondition="stale"))[:3:2] == failed
    assert error_of(lambda: glue.delete_resource_policy(PolicyHashCondition="stale"))[:3:2] == (
        failed
    )
    assert put(PolicyExistsCondition="NONE")["PolicyHash"] == hash_  # same text, same hash
    assert put(PolicyExistsCondition="MUST_EXIST", PolicyHashCondition=hash_)["PolicyHash"]
    code, message, _ = error_of(lambda: put(PolicyExistsCondition="MAYBE"))
    assert code == "InvalidInputException"
    assert "$.PolicyExistsCondition" in message


def test_get_resource_policies_pages_in_creation_order(glue: Any) -> None:
    arns = [f"arn:aws:glue:us-east-1:123456789012:database/db{i}" for i in range(5)]
    for index, arn in enumerate(arns):
        glue.put_resource_policy(PolicyInJson=json.dumps({"Sid": index}), ResourceArn=arn)
    glue.put_resource_policy(PolicyInJson=POLICY)
    assert glue.get_resource_policy(ResourceArn=arns[2])["PolicyInJson"] == '{"Sid": 2}'
    paginator = glue.get_paginator("get_resource_policies")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 2}))
    assert [len(p["GetResourcePoliciesResponseList"]) for p in pages] == [2, 2, 2]
    texts = [g["PolicyInJson"] for p in pages for g in p["GetResourcePoliciesResponseList"]]
    assert texts == [json.dumps({"Sid": i}) for i in range(5)] + [POLICY]


# -- other operations, moto, clients made earlier -------------------------------------------------


def test_other_glue_operations_raise_a_clear_error(glue: Any) -> None:
    with pytest.raises(UnservedOperationError, match=r"GetDatabases.*passthrough=True"):
        glue.get_databases()


def test_other_glue_operations_need_no_credentials_to_fail_clearly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with mock_glue_security():
        glue = boto3.Session().client("glue", region_name="us-east-1")
        with pytest.raises(UnservedOperationError, match="GetDatabases"):
            glue.get_databases()


def test_contexts_entered_in_threads_side_by_side_keep_their_own_services() -> None:
    both_inside, both_created = threading.Barrier(2), threading.Barrier(2)
    names: dict[int, list[str]] = {}
    failures: list[BaseException] = []

    def one_test(number: int) -> None:
        try:
            with mock_glue_security() as service:
                both_inside.wait()
                glue = boto3.client("glue", region_name="us-east-1")
                create(glue, f"from-thread-{number}")
                both_created.wait()
                answer = service.call(gs.GetSecurityConfigurationsRequest())
                names[number] = [str(c.name) for c in answer.security_configurations or ()]
        except BaseException as exc:
            failures.append(exc)
            both_inside.abort()
            both_created.abort()

    threads = [threading.Thread(target=one_test, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert names == {0: ["from-thread-0"], 1: ["from-thread-1"]}


def test_a_context_ended_by_another_thread_answers_no_more() -> None:
    first = mock_glue_security()
    first.__enter__()
    run_in_thread(first.__exit__, None, None, None)
    second = mock_glue_security()
    run_in_thread(second.__enter__)  # still active, entered by another thread
    try:
        create(boto3.client("glue", region_name="us-east-1"), "to-the-active-one")
        assert second.service is not None
        assert second.service.call(gs.GetSecurityConfigurationRequest(name="to-the-active-one"))
    finally:
        second.__exit__(None, None, None)


def run_in_thread(function: Callable[..., object], *args: object) -> None:
    thread = threading.Thread(target=function, args=args)
    thread.start()
    thread.join()


def test_passthrough_inside_moto(glue_security_service: GlueSecurityService) -> None:
    with mock_aws():
        early = boto3.client("glue", region_name="us-east-1")
        with mock_glue_security(passthrough=True) as service:
            early.create_database(DatabaseInput={"Name": "db"})  # moto answers
            assert [d["Name"] for d in early.get_databases()["DatabaseList"]] == ["db"]
            # GetResourcePolicies is ours (moto has none); the inner context's service.
            early.put_resource_policy(PolicyInJson=POLICY)
            assert len(early.get_resource_policies()["GetResourcePoliciesResponseList"]) == 1
            assert service.call(gs.GetResourcePolicyRequest()).policy_in_json == POLICY
        # The fixture's context is still active beneath, with its own state.
        assert error_of(early.get_resource_policy)[0] == "EntityNotFoundException"


def test_clients_created_before_entering_are_served_and_released() -> None:
    original = botocore.client.BaseClient._make_api_call  # type: ignore[attr-defined]
    with mock_aws():
        early = boto3.client("glue", region_name="us-east-1")
        early.get_databases()  # an earlier call, answered by moto
        with mock_glue_security() as service:
            create(early, "mine")
            assert service.call(gs.GetSecurityConfigurationRequest(name="mine"))
        assert botocore.client.BaseClient._make_api_call is original  # type: ignore[attr-defined]
        # moto answers again once the context is over.
        assert error_of(lambda: early.get_security_configuration(Name="mine"))[0] == (
            "EntityNotFoundException"
        )


def test_no_credentials_needed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, glue_security_service: GlueSecurityService
) -> None:
    for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    glue = boto3.Session().client("glue", region_name="us-east-1")
    assert glue._request_signer._credentials is None  # type: ignore[attr-defined]
    assert glue.get_security_configurations()["SecurityConfigurations"] == []


def test_decorator_gives_a_fresh_service_each_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    counts = []

    @mock_glue_security()
    def run() -> None:
        glue = boto3.client("glue", region_name="us-east-1")
        counts.append(len(glue.get_security_configurations()["SecurityConfigurations"]))
        create(glue, "once")

    run()
    run()
    assert counts == [0, 0]


# -- faults ------------------------------------------------------------------------------------


def test_fail_next_then_recover(service: GlueSecurityService, glue: Any) -> None:
    service.fail_next("PutResourcePolicy", gs.InternalServiceException)
    code, _, status = error_of(lambda: glue.put_resource_policy(PolicyInJson=POLICY))
    assert (code, status) == ("InternalServiceException", 500)
    glue.put_resource_policy(PolicyInJson=POLICY)
    service.fail_next("get_resource_policy", gs.OperationTimeoutException(message="slow"), times=2)
    assert error_of(glue.get_resource_policy)[:2] == ("OperationTimeoutException", "slow")
    assert error_of(glue.get_resource_policy)[0] == "OperationTimeoutException"
    assert glue.get_resource_policy()["PolicyInJson"] == POLICY


def test_botocore_retries_injected_faults(
    service: GlueSecurityService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("botocore.endpoint.time.sleep", lambda seconds: None)  # no backoff
    retrying = boto3.client(
        "glue", config=Config(retries={"total_max_attempts": 3, "mode": "standard"})
    )
    service.throttle_next("GetSecurityConfigurations", times=2)
    answer = retrying.get_security_configurations()
    assert answer["ResponseMetadata"]["RetryAttempts"] == 2
    service.fail_next("GetSecurityConfigurations", times=3)
    assert error_of(retrying.get_security_configurations)[0] == "InternalServiceException"


def test_throttling_and_timeouts(service: GlueSecurityService, glue: Any) -> None:
    service.throttle_next("CreateSecurityConfiguration")
    code, message, status = error_of(lambda: create(glue, "a"))
    assert (code, message, status) == ("ThrottlingException", "Rate exceeded", 400)
    service.timeout_next("CreateSecurityConfiguration")
    with pytest.raises(ReadTimeoutError):
        create(glue, "a")
    create(glue, "a")  # the timed-out call did nothing
    service.timeout_next("CreateSecurityConfiguration", applied=True)
    with pytest.raises(ReadTimeoutError):
        create(glue, "b")
    assert error_of(lambda: create(glue, "b"))[0] == "AlreadyExistsException"


def test_faults_are_checked(service: GlueSecurityService) -> None:
    with pytest.raises(ValueError, match="does not raise AlreadyExistsException"):
        service.fail_next("GetResourcePolicy", gs.AlreadyExistsException)
    with pytest.raises(ValueError, match="did you mean 'PutResourcePolicy'"):
        service.fail_next("PutResourcePolicyy")
    with pytest.raises(ValueError, match="at least 1"):
        service.throttle_next("PutResourcePolicy", times=0)
    service.fail_next("PutResourcePolicy")
    service.clear_faults()
    service.call(gs.PutResourcePolicyRequest(policy_in_json=POLICY))


# -- state, the in-process API, threads ----------------------------------------------------------


def test_snapshot_and_restore(service: GlueSecurityService, glue: Any) -> None:
    create(glue, "kept")
    glue.put_resource_policy(PolicyInJson=POLICY)
    snapshot = service.snapshot()
    create(glue, "dropped")
    glue.delete_resource_policy()
    glue.put_data_catalog_encryption_settings(
        DataCatalogEncryptionSettings={"EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS"}}
    )
    service.restore(snapshot)
    names = [c["Name"] for c in glue.get_security_configurations()["SecurityConfigurations"]]
    assert names == ["kept"]
    assert glue.get_resource_policy()["PolicyInJson"] == POLICY
    mode = glue.get_data_catalog_encryption_settings()["DataCatalogEncryptionSettings"]
    assert mode["EncryptionAtRest"]["CatalogEncryptionMode"] == "DISABLED"
    create(glue, "again")
    service.restore(snapshot)  # still usable, and not changed by what followed
    assert len(glue.get_security_configurations()["SecurityConfigurations"]) == 1
    service.reset()
    assert glue.get_security_configurations()["SecurityConfigurations"] == []


def test_in_process_api_matches_boto3(service: GlueSecurityService, glue: Any) -> None:
    request = gs.CreateSecurityConfigurationRequest(
        name="typed",
        encryption_configuration=gs.from_wire(gs.EncryptionConfiguration, ENCRYPTION),
    )
    created = service.call(request)
    assert isinstance(created, gs.CreateSecurityConfigurationResponse)
    assert created.created_timestamp == START
    wire = service.handle("GetSecurityConfiguration", {"Name": "typed"})
    assert wire["SecurityConfiguration"]["CreatedTimeStamp"] == START.timestamp()
    via_boto3 = glue.get_security_configuration(Name="typed")["SecurityConfiguration"]
    assert (
        via_boto3["EncryptionConfiguration"]
        == wire["SecurityConfiguration"]["EncryptionConfiguration"]
    )
    with pytest.raises(gs.EntityNotFoundException):
        service.call(gs.GetSecurityConfigurationRequest(name="missing"))
    with pytest.raises(gs.InvalidInputException):
        service.handle("GetSecurityConfiguration", {"Name": "a", "Extra": 1})
    with pytest.raises(TimeoutError):
        service.timeout_next("GetResourcePolicies")
        service.handle("GetResourcePolicies", {})
    assert "1 configuration(s)" in repr(service)


def test_threads(service: GlueSecurityService) -> None:
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            glue = boto3.client("glue", region_name="us-east-1")
            for n in range(10):
                create(glue, f"t{index}-{n}")
                glue.put_resource_policy(PolicyInJson=json.dumps({"t": index, "n": n}))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    listed = service.call(gs.GetSecurityConfigurationsRequest())
    assert len(listed.security_configurations or ()) == 40


# -- each operation's errors are its own ---------------------------------------------------------

SCENARIOS: list[tuple[str, dict[str, Any], type[gs.GlueServiceError]]] = [
    ("CreateSecurityConfiguration", {"Name": "dup", "EncryptionConfiguration": {}},
     gs.AlreadyExistsException),
    ("CreateSecurityConfiguration",
     {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [{}, {}]}},
     gs.InvalidInputException),
    ("GetSecurityConfiguration", {"Name": "missing"}, gs.EntityNotFoundException),
    ("DeleteSecurityConfiguration", {"Name": "missing"}, gs.EntityNotFoundException),
    ("GetSecurityConfigurations", {"NextToken": "forged"}, gs.InvalidInputException),
    ("GetResourcePolicies", {"NextToken": "forged"}, gs.InvalidInputException),
    ("PutResourcePolicy", {"PolicyInJson": "{}", "PolicyHashCondition": "h"},
     gs.ConditionCheckFailureException),
    ("PutResourcePolicy", {"PolicyInJson": "{}", "PolicyExistsCondition": "MUST_EXIST"},
     gs.ConditionCheckFailureException),
    ("GetResourcePolicy", {}, gs.EntityNotFoundException),
    ("DeleteResourcePolicy", {}, gs.EntityNotFoundException),
]  # fmt: skip


@pytest.mark.parametrize(("name", "payload", "expected"), SCENARIOS)
def test_each_error_is_in_its_operations_error_list(
    name: str, payload: dict[str, Any], expected: type[gs.GlueServiceError]
) -> None:
    service = GlueSecurityService()
    service.handle("CreateSecurityConfiguration", {"Name": "dup", "EncryptionConfiguration": {}})
    with pytest.raises(gs.GlueServiceError) as info:
        service.handle(name, payload)
    assert type(info.value) is expected
    assert expected in gs.OPERATIONS[name].errors


def test_every_error_path_is_covered() -> None:
    raised = {(name, expected) for name, _, expected in SCENARIOS}
    raised |= {(name, gs.InvalidInputException) for name in gs.OPERATIONS}
    raised |= {("CreateSecurityConfiguration", gs.ResourceNumberLimitExceededException)}
    raised |= {("DeleteResourcePolicy", gs.ConditionCheckFailureException)}
    for name, error in raised:
        assert error in gs.OPERATIONS[name].errors, (name, error)


@pytest.mark.parametrize("name", sorted(gs.OPERATIONS))
def test_invalid_input_for_every_operation(name: str) -> None:
    assert gs.InvalidInputException in gs.OPERATIONS[name].errors
    with pytest.raises(gs.InvalidInputException):
        GlueSecurityService().handle(name, {"NotAMember": 1})


# -- imports -----------------------------------------------------------------------------------


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_pytest_plugin_and_service_are_light_to_import() -> None:
    loaded = _modules_after("import glue_security._pytest_plugin")
    heavy = {"botocore", "boto3", "hypothesis", "cattrs", "glue_security.testing"}
    assert not heavy & loaded
    loaded = _modules_after("import glue_security.testing")
    assert not {"botocore", "hypothesis", "cattrs"} & loaded


@pytest.mark.parametrize(
    ("missing", "name", "extra"),
    [("botocore", "mock_glue_security", "testing"), ("hypothesis", "services", "hypothesis")],
)
def test_a_missing_dependency_says_what_to_install(missing: str, name: str, extra: str) -> None:
    code = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        "from glue_security.testing import GlueSecurityService\n"
        f"try:\n    from glue_security.testing import {name}\n"
        "except ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert f"pip install 'glue-security[{extra}]'" in out.stdout


def test_the_protocol_serves_the_state_without_a_transport() -> None:
    # The one entry point every transport calls: operation name and wire dict in, wire
    # dict or the API's error out.
    from glue_security.testing.models import GlueSecurityBackend
    from glue_security.testing.responses import InjectedFaults, dispatch

    backend, faults = GlueSecurityBackend(), InjectedFaults()
    request = {"Name": "one", "EncryptionConfiguration": ENCRYPTION}
    created = dispatch(backend, faults, "CreateSecurityConfiguration", request)
    assert created["Name"] == "one"
    with pytest.raises(gs.AlreadyExistsException):
        dispatch(backend, faults, "CreateSecurityConfiguration", request)
    with pytest.raises(gs.InvalidInputException, match="Name"):
        dispatch(backend, faults, "GetSecurityConfiguration", {})
    got = dispatch(backend, faults, "get_security_configuration", {"Name": "one"})
    assert got["SecurityConfiguration"]["EncryptionConfiguration"] == ENCRYPTION
