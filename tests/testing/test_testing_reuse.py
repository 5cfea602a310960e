"""The in-memory service used again and again: injected errors raised fresh each time,
timeouts that say truly whether the operation took effect, and one `mock_glue_security()`
object entered nested or from two threads."""

from __future__ import annotations

import threading
import traceback
from typing import Any

import boto3
import pytest

import glue_security as gs
from glue_security.testing import GlueSecurityService, mock_glue_security

ENCRYPTION: dict[str, Any] = {"S3Encryption": [{"S3EncryptionMode": "SSE-S3"}]}


def _create(service: GlueSecurityService, name: str) -> object:
    return service.handle(
        "CreateSecurityConfiguration", {"Name": name, "EncryptionConfiguration": ENCRYPTION}
    )


@pytest.mark.parametrize("given", ["class", "instance"])
def test_fail_next_raises_a_fresh_error_each_time(given: str) -> None:
    service = GlueSecurityService()
    error = (
        gs.InternalServiceException
        if given == "class"
        else gs.from_wire(gs.InternalServiceException, {"Message": "down"})
    )
    service.fail_next("GetSecurityConfigurations", error, times=500)
    raised = []
    for _ in range(500):
        with pytest.raises(gs.InternalServiceException) as info:
            service.handle("GetSecurityConfigurations", {})
        add_note = getattr(info.value, "add_note", None)  # Python 3.11 and later
        if add_note is not None:
            add_note("seen by the caller")
        raised.append(info.value)
    assert len({id(error) for error in raised}) == 500
    assert raised[0] == raised[-1]
    depths = {len(traceback.extract_tb(error.__traceback__)) for error in raised}
    assert len(depths) == 1 and depths.pop() < 20
    notes = getattr(raised[-1], "__notes__", ["seen by the caller"])
    assert notes == ["seen by the caller"]  # its own note, none of the 499 before


def test_a_timeout_says_whether_the_operation_took_effect() -> None:
    service = GlueSecurityService()
    service.timeout_next("CreateSecurityConfiguration", applied=True, times=3)
    with pytest.raises(TimeoutError) as invalid:
        service.handle("CreateSecurityConfiguration", {"Name": ""})
    assert invalid.value.applied is False  # type: ignore[attr-defined]
    with pytest.raises(TimeoutError) as created:
        _create(service, "a")
    assert created.value.applied is True  # type: ignore[attr-defined]
    with pytest.raises(TimeoutError) as refused:
        _create(service, "a")  # AlreadyExists: nothing changed
    assert refused.value.applied is False  # type: ignore[attr-defined]
    with pytest.raises(gs.AlreadyExistsException):
        _create(service, "a")


def _names(glue: Any) -> list[str]:
    return [c["Name"] for c in glue.get_security_configurations()["SecurityConfigurations"]]


def test_one_mock_entered_nested_keeps_its_service_until_the_last_exit() -> None:
    mock = mock_glue_security()
    with mock as outer:
        glue: Any = boto3.client("glue", region_name="us-east-1")
        with mock as inner:
            assert inner is outer
            glue.create_security_configuration(Name="a", EncryptionConfiguration=ENCRYPTION)
        assert _names(glue) == ["a"]  # the inner exit ended one activation, not the service
    assert mock.service is None
    with mock as again:
        assert again is not outer and _names(glue) == []


def test_one_mock_entered_from_two_threads() -> None:
    mock = mock_glue_security()
    inside, first_out = threading.Barrier(2), threading.Event()
    answers: dict[str, list[str]] = {}
    failures: list[BaseException] = []

    def first() -> None:
        try:
            with mock:
                inside.wait()
            first_out.set()
        except BaseException as exc:  # a failure in a thread fails the test below
            failures.append(exc)
            inside.abort()

    def second() -> None:
        try:
            with mock:
                glue: Any = boto3.client("glue", region_name="us-east-1")
                inside.wait()
                first_out.wait(timeout=30)
                glue.create_security_configuration(Name="b", EncryptionConfiguration=ENCRYPTION)
                answers["second"] = _names(glue)
        except BaseException as exc:
            failures.append(exc)
            inside.abort()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert answers == {"second": ["b"]}
    assert mock.service is None
