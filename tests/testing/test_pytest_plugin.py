"""The `glue_security_service` fixture and Hypothesis' `@given`, run as a user's pytest
session would run them (in a subprocess, with the installed plugin)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..helpers import NO_AWS_ACCOUNT

CREATE_ONE = """\
import boto3
from hypothesis import HealthCheck, given, settings, strategies as st
from glue_security.testing import mock_glue_security

names = st.text(alphabet="ab", min_size=1, max_size=3)
glue = boto3.client("glue", region_name="us-east-1")


def create_and_count(name):
    glue.create_security_configuration(Name=name, EncryptionConfiguration={{}})
    return len(glue.get_security_configurations()["SecurityConfigurations"])


{test}
"""

DECORATOR = """\
@settings(max_examples=20, deadline=None)
@given(names)
@mock_glue_security()
def test_each_example_has_a_fresh_service(name):
    assert create_and_count(name) == 1
"""

CONTEXT = """\
@settings(max_examples=20, deadline=None)
@given(names)
def test_each_example_has_a_fresh_service(name):
    with mock_glue_security() as service:
        assert create_and_count(name) == 1
        assert "1 configuration" in repr(service)
"""

FIXTURE = """\
@given(names)
def test_with_the_fixture(glue_security_service, name):
    create_and_count(name)
"""

SHARED = """\
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names)
def test_shared_on_purpose(glue_security_service, name):
    assert create_and_count(name) == 1
"""


def run_pytest(tmp_path: Path, test: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_user.py").write_text(CREATE_ONE.format(test=test), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=NO_AWS_ACCOUNT | {"HOME": str(tmp_path)},
    )


def test_the_decorator_under_given_gives_each_example_a_fresh_service(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, DECORATOR)
    assert result.returncode == 0, result.stdout


def test_the_context_manager_inside_given_does_too(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, CONTEXT)
    assert result.returncode == 0, result.stdout


def test_the_fixture_under_given_fails_showing_the_forms_that_work(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, FIXTURE)
    assert result.returncode == 1, result.stdout
    assert "@given(...)\n    @mock_glue_security()\n    def test_with_the_fixture(" in result.stdout
    assert "with mock_glue_security() as service:" in result.stdout
    assert "FailedHealthCheck" not in result.stdout  # ours, said before Hypothesis' own


def test_a_fixture_shared_on_purpose_keeps_its_state(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, SHARED)
    # Allowed, and the state is shared: a second example meets the first one's configuration.
    assert result.returncode == 1
    assert "AlreadyExistsException" in result.stdout or "assert 2 == 1" in result.stdout
