"""`realistic_models` and `glue-security example --realistic`: a person's starting point."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import glue_security as gs
from glue_security.models.service_rules import breaches
from glue_security.strategies import realistic_models
from glue_security.testing import GlueSecurityService

from ..helpers import ROOT

ACCOUNT = "111122223333"
# What a fresh service may answer a request that is fine in itself: the resource is not
# there yet.
STATE_ERRORS = (gs.EntityNotFoundException, gs.ConditionCheckFailureException)


def arns(value: Any) -> list[str]:
    """Every ARN in a wire payload, policy documents' included."""
    if isinstance(value, dict):
        return [arn for item in value.values() for arn in arns(item)]
    if isinstance(value, list):
        return [arn for item in value for arn in arns(item)]
    if isinstance(value, str) and value.startswith("{"):
        return arns(json.loads(value))
    return [value] if isinstance(value, str) and value.startswith("arn:") else []


@pytest.mark.parametrize("name", sorted(gs.MODELS))
@settings(max_examples=10)
@given(data=st.data())
def test_realistic_examples_are_valid_complete_and_lint_clean(
    name: str, data: st.DataObject
) -> None:
    model = gs.MODELS[name]
    example = data.draw(realistic_models(model))
    wire = gs.to_wire(example)
    assert gs.from_wire(model, wire) == example  # valid, and strict where it is sent
    assert gs.lint(wire, shape=name) == ()  # no service rule broken, every encryption on
    assert breaches(example) == ()
    found = arns(wire)
    # One made-up account and one region.
    assert all(arn.split(":")[4] in ("", ACCOUNT) for arn in found), found
    assert len({arn.split(":")[3] for arn in found} - {""}) <= 1, found


@pytest.mark.parametrize("operation", sorted(gs.OPERATIONS))
@settings(max_examples=10)
@given(data=st.data())
def test_the_service_takes_a_realistic_request(operation: str, data: st.DataObject) -> None:
    request = data.draw(realistic_models(gs.OPERATIONS[operation].input))
    wire = gs.to_wire(request)
    # The service of the example's account and region (a policy names its own catalog).
    regions = {arn.split(":")[3] for arn in arns(wire)} - {""}
    service = GlueSecurityService(
        account_id=ACCOUNT, region=regions.pop() if regions else "us-east-1"
    )
    try:
        service.handle(operation, wire)
    except STATE_ERRORS:  # never InvalidInputException
        assert operation.startswith(("Get", "Delete"))


def example(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glue_security", "example", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        encoding="utf-8",
        check=False,
    )


def test_example_realistic_is_readable_valid_and_seeded() -> None:
    first = example("CreateSecurityConfigurationRequest", "--realistic", "--seed", "4")
    assert first.returncode == 0, first.stderr
    assert (
        first.stdout
        == example("CreateSecurityConfigurationRequest", "--realistic", "--seed", "4").stdout
    )
    payload = json.loads(first.stdout)
    gs.validate_request("CreateSecurityConfiguration", payload)
    assert payload["Name"].replace("-", "").isalpha()  # a name a person would write
    edge = example("CreateSecurityConfigurationRequest", "--seed", "4")  # as before
    assert edge.returncode == 0 and edge.stdout != first.stdout
    seeds = {
        example("CreateSecurityConfigurationRequest", "--realistic", "--seed", str(s)).stdout
        for s in range(3)
    }
    assert len(seeds) > 1


def test_example_realistic_and_invalid_do_not_combine() -> None:
    result = example("S3Encryption", "--realistic", "--invalid")
    assert result.returncode == 2
    assert "do not combine" in result.stderr
