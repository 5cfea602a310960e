"""pytest entry point: the `glue_security_service` fixture, and `glue_security_server` /
`glue_security_server_url` (the service over HTTP, for clients outside the process).

pytest imports this module in every run of every project that installs glue-security, so
it imports nothing beyond pytest at module level; the fixture loads `glue_security.testing`
(and botocore) when a test asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from glue_security.testing import GlueSecurityServer, GlueSecurityService

__all__ = ["glue_security_server", "glue_security_server_url", "glue_security_service"]

_FAKE_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


_UNDER_GIVEN = """\
glue_security_service is one service for the whole test, and @given runs many examples in \
it: each example would meet the resources the examples before it made (a shrunk name's \
create answers AlreadyExistsException). Give each example a service of its own instead, \
with the decorator under @given:

    from glue_security.testing import mock_glue_security

    @given(...)
    @mock_glue_security()
    def {name}(...):
        ...

or, to reach the service (faults, state), the context manager inside the test:

    @given(...)
    def {name}(...):
        with mock_glue_security() as service:
            ...

To share one service across the examples on purpose, suppress Hypothesis' health check \
on the test: @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])."""


def _shared_across_examples(request: pytest.FixtureRequest) -> bool:
    """Whether the test is a Hypothesis test that did not ask to share its fixtures
    across examples (Hypothesis' own check would then fail it with advice that does not
    name ours)."""
    test = getattr(request, "function", None)
    if not getattr(test, "is_hypothesis_test", False):
        return False
    settings = getattr(test, "_hypothesis_internal_use_settings", None)
    suppressed = {
        getattr(check, "name", "") for check in getattr(settings, "suppress_health_check", ())
    }
    return "function_scoped_fixture" not in suppressed


@pytest.fixture
def glue_security_service(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[GlueSecurityService]:
    """A fresh in-memory Glue security service, serving every boto3 Glue client for the
    test (`mock_glue_security`). The environment gets fake credentials and the region
    us-east-1 for the test, so no real account can be reached.

    Under Hypothesis' `@given` it fails the test with the forms that give each example a
    service of its own (the decorator under `@given`, or the context manager)."""
    if _shared_across_examples(request):
        pytest.fail(_UNDER_GIVEN.format(name=request.function.__name__), pytrace=False)
    from glue_security.testing import mock_glue_security

    for name, value in _FAKE_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_glue_security() as service:
        yield service


@pytest.fixture(scope="session")
def glue_security_server() -> Iterator[GlueSecurityServer]:
    """The in-memory service served over HTTP on a free loopback port, once per session
    (`glue-security serve` in a thread); `glue_security_server_url` resets it per test."""
    from glue_security.testing import GlueSecurityServer

    with GlueSecurityServer() as server:
        yield server


@pytest.fixture
def glue_security_server_url(glue_security_server: GlueSecurityServer) -> str:
    """The session's server URL (`http://127.0.0.1:PORT`), emptied of state and faults for
    this test: give it to a client as its endpoint (`endpoint_url`, `--endpoint-url`,
    `AWS_ENDPOINT_URL_GLUE`)."""
    glue_security_server.reset()
    return glue_security_server.url
