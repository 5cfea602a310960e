"""`glue-security serve`: the service over HTTP, seen through boto3 and raw HTTP: the
protocol's errors, accounts and regions, the control API, the state file."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError, ReadTimeoutError

from glue_security.cli.serve import save_state_file
from glue_security.testing import GlueSecurityServer
from glue_security.testing.endpoint import is_loopback
from glue_security.testing.sigv4 import Identities, read_credentials_file

from ..helpers import (
    SERVE_ACCOUNT,
    SERVE_ENCRYPTION,
    SERVE_POLICY,
    SERVE_REGION,
    raw_http,
    signed_headers,
)

JSON = {"Content-Type": "application/json"}
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def client(url: str, key: str = "AKIDEXAMPLE", secret: str = "secret", **options: Any) -> Any:
    return boto3.client(
        "glue",
        endpoint_url=url,
        region_name=options.pop("region", SERVE_REGION),
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=options.pop("config", NO_RETRIES),
    )


def error_code(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ClientError) as caught:
        call(*args, **kwargs)
    return str(caught.value.response["Error"]["Code"])


def test_an_error_is_the_services_wire_form(glue_security_server_url: str) -> None:
    status, headers, body = raw_http(
        glue_security_server_url,
        "POST",
        "/",
        b'{"Name": "missing"}',
        signed_headers("GetSecurityConfiguration"),
    )
    assert status == 400
    assert headers["x-amzn-errortype"] == "EntityNotFoundException"
    assert len(headers["x-amzn-requestid"]) == 36
    assert json.loads(body) == {
        "__type": "EntityNotFoundException",
        "Message": "Security configuration missing not found",
    }


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        ({}, b"{}", "MissingAuthenticationTokenException"),
        ({"Authorization": "Bearer x"}, b"{}", "IncompleteSignatureException"),
        ({"X-Amz-Target": "AWSGlue.GetDatabases"}, b"{}", "UnknownOperationException"),
        ({"X-Amz-Target": "Other.GetSecurityConfigurations"}, b"{}", "UnknownOperationException"),
        ({"X-Amz-Target": None}, b"{}", "UnknownOperationException"),
        ({"Content-Type": "application/json"}, b"{}", "SerializationException"),
        ({}, b"{not json", "SerializationException"),
        ({}, b"[]", "SerializationException"),
        ({}, b'{"MaxResults": "2"}', "InvalidInputException"),
        ({}, b'{"MaxResults": 1, "MaxResults": 2}', "InvalidInputException"),
    ],
)
def test_protocol_faults_get_the_aws_error(
    glue_security_server_url: str,
    headers: dict[str, str | None],
    body: bytes,
    expected: str,
) -> None:
    sent = signed_headers("GetSecurityConfigurations")
    if expected == "MissingAuthenticationTokenException":
        del sent["Authorization"]
    for name, value in headers.items():
        if value is None:
            del sent[name]
        else:
            sent[name] = value
    status, answer_headers, answer = raw_http(glue_security_server_url, "POST", "/", body, sent)
    assert (status, answer_headers["x-amzn-errortype"]) == (400, expected)
    document = json.loads(answer)
    assert document["__type"] == expected
    assert document.get("message") or document.get("Message")


def test_an_unknown_operation_says_so(glue_security_server_url: str) -> None:
    code = error_code(client(glue_security_server_url).get_databases)
    assert code == "UnknownOperationException"
    _, _, body = raw_http(
        glue_security_server_url, "POST", "/", b"{}", signed_headers("GetDatabases")
    )
    assert "Glue GetDatabases is not an operation glue-security serve answers" in str(
        json.loads(body)["message"]
    )


def test_accounts_and_regions_come_from_the_credential_scope() -> None:
    identities = Identities(accounts={"AKIAMAPPED": "444455556666"})
    with GlueSecurityServer(identities=identities) as server:
        for key, region in [
            ("AKIDEXAMPLE", "us-east-1"),
            ("111122223333", "us-east-1"),
            ("AKIAMAPPED", "eu-west-1"),
        ]:
            client(server.url, key, region=region).create_security_configuration(
                Name="same", EncryptionConfiguration=SERVE_ENCRYPTION
            )
        _, _, body = raw_http(server.url, "GET", "/_glue_security/state")
    where = [(r["AccountId"], r["Region"]) for r in json.loads(body)["regions"]]
    assert where == [
        ("111122223333", "us-east-1"),
        (SERVE_ACCOUNT, "us-east-1"),
        ("444455556666", "eu-west-1"),
    ]


def test_signatures_are_checked_when_asked() -> None:
    identities = Identities(secret_keys={"AKIDKNOWN": "the-secret"})
    with GlueSecurityServer(identities=identities) as server:
        good = client(server.url, "AKIDKNOWN", "the-secret")
        assert good.get_security_configurations()["SecurityConfigurations"] == []
        assert good.create_security_configuration(
            Name="signed", EncryptionConfiguration=SERVE_ENCRYPTION
        )["Name"] == "signed"
        wrong = client(server.url, "AKIDKNOWN", "not-the-secret")
        assert error_code(wrong.get_security_configurations) == "InvalidSignatureException"
        unknown = client(server.url, "AKIDUNKNOWN", "the-secret")
        assert error_code(unknown.get_security_configurations) == "UnrecognizedClientException"


def test_the_control_api_reads_and_restores_the_state(glue_security_server_url: str) -> None:
    glue = client(glue_security_server_url)
    glue.create_security_configuration(Name="kept", EncryptionConfiguration=SERVE_ENCRYPTION)
    glue.put_resource_policy(PolicyInJson=SERVE_POLICY)
    status, _, saved = raw_http(glue_security_server_url, "GET", "/_glue_security/state")
    assert status == 200
    assert raw_http(glue_security_server_url, "POST", "/_glue_security/reset", b"", JSON)[0] == 200
    assert glue.get_security_configurations()["SecurityConfigurations"] == []
    assert raw_http(glue_security_server_url, "PUT", "/_glue_security/state", saved, JSON)[0] == 200
    assert glue.get_security_configuration(Name="kept")["SecurityConfiguration"]["Name"] == "kept"
    assert glue.get_resource_policy()["PolicyInJson"] == SERVE_POLICY
    assert raw_http(glue_security_server_url, "GET", "/_glue_security/state")[2] == saved


@pytest.mark.parametrize(
    "document",
    [
        b"[]",
        b'{"format": 2, "regions": []}',
        b'{"format": 1, "regions": [{"AccountId": "1", "Region": "us-east-1"}]}',
        b'{"format": 1, "regions": [], "extra": 1}',
        b'{"format": 1, "regions": [{"AccountId": "123456789012", "Region": "us-east-1",'
        b' "SecurityConfigurations": [{"Name": "x", "CreatedTimeStamp": 1,'
        b' "EncryptionConfiguration": {"S3Encryption": [{"S3EncryptionMode": "NOPE"}]}}]}]}',
        b"!!python/object:os.system {}",
    ],
)
def test_a_bad_state_document_changes_nothing(
    glue_security_server_url: str, document: bytes
) -> None:
    glue = client(glue_security_server_url)
    glue.create_security_configuration(Name="kept", EncryptionConfiguration=SERVE_ENCRYPTION)
    status, headers, body = raw_http(
        glue_security_server_url, "PUT", "/_glue_security/state", document, JSON
    )
    assert (status, headers["x-amzn-errortype"]) == (400, "InvalidStateDocument")
    assert json.loads(body)["message"]
    assert glue.get_security_configuration(Name="kept")["SecurityConfiguration"]["Name"] == "kept"


def fault(url: str, **spec: Any) -> None:
    body = json.dumps(spec).encode()
    status, _, answer = raw_http(url, "POST", "/_glue_security/faults", body, JSON)
    assert status == 200, answer


def test_faults_are_injected_through_the_control_api(glue_security_server_url: str) -> None:
    url = glue_security_server_url
    glue = client(url)
    fault(url, Operation="GetSecurityConfigurations", Error="InvalidInputException", Times=2)
    for _ in range(2):
        assert error_code(glue.get_security_configurations) == "InvalidInputException"
    assert glue.get_security_configurations()["SecurityConfigurations"] == []
    fault(url, Operation="GetSecurityConfigurations", Kind="throttle")
    assert error_code(glue.get_security_configurations) == "ThrottlingException"
    fault(url, Operation="GetSecurityConfigurations", Error="InternalServiceException")
    with pytest.raises(ClientError) as caught:
        glue.get_security_configurations()
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    fault(url, Operation="GetSecurityConfigurations", Kind="delay", Seconds=2)
    impatient = client(url, config=NO_RETRIES.merge(Config(read_timeout=0.2)))
    with pytest.raises(ReadTimeoutError):
        impatient.get_security_configurations()


def test_a_timeout_after_applying_makes_the_retry_meet_its_own_create(
    glue_security_server_url: str,
) -> None:
    url = glue_security_server_url
    fault(url, Operation="CreateSecurityConfiguration", Kind="timeout", Applied=True)
    with pytest.raises(ConnectionClosedError):
        client(url).create_security_configuration(
            Name="once", EncryptionConfiguration=SERVE_ENCRYPTION
        )
    fault(url, Operation="CreateSecurityConfiguration", Kind="timeout", Applied=True)
    retrying = client(url, config=Config(retries={"total_max_attempts": 2, "mode": "standard"}))
    code = error_code(
        retrying.create_security_configuration,
        Name="twice",
        EncryptionConfiguration=SERVE_ENCRYPTION,
    )
    assert code == "AlreadyExistsException"


@pytest.mark.parametrize(
    "spec",
    [
        {"Operation": "GetDatabases"},
        {"Operation": "GetSecurityConfigurations", "Error": "AlreadyExistsException"},
        {"Operation": "GetSecurityConfigurations", "Kind": "delay", "Seconds": 1e9},
        {"Operation": "GetSecurityConfigurations", "Times": 0},
        {"Operation": "GetSecurityConfigurations", "Eval": "__import__('os')"},
    ],
)
def test_a_bad_fault_is_refused(glue_security_server_url: str, spec: dict[str, Any]) -> None:
    body = json.dumps(spec).encode()
    status, headers, _ = raw_http(
        glue_security_server_url, "POST", "/_glue_security/faults", body, JSON
    )
    assert (status, headers["x-amzn-errortype"]) == (400, "InvalidFault")


def test_the_fixture_resets_between_tests_first(glue_security_server_url: str) -> None:
    client(glue_security_server_url).create_security_configuration(
        Name="leftover", EncryptionConfiguration=SERVE_ENCRYPTION
    )


def test_the_fixture_resets_between_tests_second(glue_security_server_url: str) -> None:
    assert client(glue_security_server_url).get_security_configurations()[
        "SecurityConfigurations"
    ] == []


# -- the command ---------------------------------------------------------------------------


@pytest.fixture
def serve_process(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, Path]]:
    state = tmp_path / "state.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "glue_security", "serve", "--port", "0", "--state", str(state)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        yield process, url, state
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_its_url_and_saves_its_state_on_a_signal(
    serve_process: tuple[subprocess.Popen[str], str, Path], stop: signal.Signals
) -> None:
    process, url, state = serve_process
    assert url.startswith("http://127.0.0.1:")
    client(url).create_security_configuration(Name="saved", EncryptionConfiguration={})
    process.send_signal(stop)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "listening on" not in err  # loopback: no warning
    saved = json.loads(state.read_text())
    assert [c["Name"] for c in saved["regions"][0]["SecurityConfigurations"]] == ["saved"]
    assert [p.name for p in state.parent.iterdir()] == ["state.json"]  # no temporary left
    again = subprocess.Popen(
        [sys.executable, "-m", "glue_security", "serve", "--port", "0", "--state", str(state)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert again.stdout is not None
        url = again.stdout.readline().strip()
        got = client(url).get_security_configuration(Name="saved")
        assert got["SecurityConfiguration"]["Name"] == "saved"
    finally:
        again.terminate()
        again.communicate(timeout=30)


def test_serve_refuses_a_state_file_it_cannot_read(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"format": 1, "regions": "no"}')
    run = subprocess.run(
        [sys.executable, "-m", "glue_security", "serve", "--port", "0", "--state", str(state)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "cannot load" in run.stderr
    assert run.stdout == ""


def test_the_state_file_is_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_text("old")
    save_state_file(target, {"format": 1, "regions": []})
    assert json.loads(target.read_text()) == {"format": 1, "regions": []}
    assert os.listdir(tmp_path) == ["state.json"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # the owner's only


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("::", False)],
)
def test_only_loopback_goes_unwarned(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# -- requests from web pages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "headers", "expected"),
    [
        # A page's script could send these without a preflight: the state must not change.
        ("POST", "/_glue_security/reset", {"Content-Type": "text/plain"}, 415),
        ("POST", "/_glue_security/reset", {}, 415),
        ("POST", "/_glue_security/reset", {**JSON, "Origin": "https://evil.example"}, 403),
        # DNS rebinding: a name that resolves to loopback, but is not a loopback name.
        ("GET", "/_glue_security/state", {"Host": "evil.example:4566"}, 403),
        ("POST", "/", {"Host": "evil.example"}, 403),
    ],
)
def test_web_pages_cannot_reach_the_state(
    glue_security_server_url: str,
    method: str,
    path: str,
    headers: dict[str, str],
    expected: int,
) -> None:
    glue = client(glue_security_server_url)
    glue.create_security_configuration(Name="kept", EncryptionConfiguration=SERVE_ENCRYPTION)
    status, answer_headers, _ = raw_http(glue_security_server_url, method, path, b"", headers)
    assert status == expected
    assert answer_headers["x-amzn-errortype"]
    assert glue.get_security_configuration(Name="kept")["SecurityConfiguration"]["Name"] == "kept"


@pytest.mark.parametrize("host", ["127.0.0.1:4566", "localhost", "[::1]:4566", "LOCALHOST:1"])
def test_loopback_host_names_are_served(glue_security_server_url: str, host: str) -> None:
    url = glue_security_server_url
    status, _, _ = raw_http(url, "GET", "/_glue_security/health", b"", {"Host": host})
    assert status == 200


# -- options and credentials -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--verify-signatures"], "--verify-signatures needs --credentials FILE"),
        (["--credentials", "x"], "--credentials goes with --verify-signatures"),
        (["--account", "AKIA=12"], "--account takes ACCESS_KEY_ID=ACCOUNT_ID"),
        (["--default-account", "me"], "--default-account takes a 12-digit account id"),
    ],
)
def test_serve_explains_a_bad_option(arguments: list[str], message: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "glue_security", "serve", "--port", "0", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert message in run.stderr


def test_secret_keys_come_from_a_shared_credentials_file() -> None:
    text = (
        "[default]\naws_access_key_id = AKIDONE\naws_secret_access_key = one\n\n"
        "[other]\naws_access_key_id=AKIDTWO\naws_secret_access_key=two%(not)s\n\n"
        "[no-secret]\naws_access_key_id = AKIDTHREE\n"
    )
    assert read_credentials_file(text) == {"AKIDONE": "one", "AKIDTWO": "two%(not)s"}


def test_serve_checks_signatures_with_a_credentials_file(tmp_path: Path) -> None:
    credentials = tmp_path / "credentials"
    credentials.write_text("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "glue_security", "serve", "--port", "0"),
            *("--verify-signatures", "--credentials", str(credentials)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert client(url, "AKIDFILE", "s").get_security_configurations()["ResponseMetadata"]
        assert error_code(client(url, "AKIDFILE", "t").get_security_configurations) == (
            "InvalidSignatureException"
        )
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_serve_takes_resource_arns_when_told() -> None:
    database = "arn:aws:glue:us-east-1:123456789012:database/db1"
    process = subprocess.Popen(
        [sys.executable, "-m", "glue_security", "serve", "--port", "0", "--accept-resource-arns"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        glue = client(process.stdout.readline().strip())
        glue.put_resource_policy(PolicyInJson=SERVE_POLICY, ResourceArn=database)
        assert glue.get_resource_policy(ResourceArn=database)["PolicyInJson"] == SERVE_POLICY
    finally:
        process.terminate()
        process.communicate(timeout=30)
