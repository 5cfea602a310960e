"""The golden table in both directions, and botocore's ParamValidator on every golden request."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.validate import ParamValidator

import glue_security as gs

from ..golden import ALL, REQUESTS


def _id(case: tuple[gs.Model, dict[str, Any]]) -> str:
    return type(case[0]).__name__


@pytest.mark.parametrize(("model", "wire"), ALL, ids=[_id(c) for c in ALL])
def test_to_wire(model: gs.Model, wire: dict[str, Any]) -> None:
    assert gs.to_wire(model) == wire


@pytest.mark.parametrize(("model", "wire"), ALL, ids=[_id(c) for c in ALL])
def test_from_wire(model: gs.Model, wire: dict[str, Any]) -> None:
    parsed = gs.from_wire(type(model), wire)
    assert parsed == model
    assert gs.from_json(type(model), gs.to_json(model)) == model


@pytest.mark.parametrize(("model", "wire"), ALL, ids=[_id(c) for c in ALL])
def test_wire_is_json_types_only(model: gs.Model, wire: dict[str, Any]) -> None:
    def check(node: Any) -> None:
        assert type(node) in (dict, list, str, int, float, bool), type(node)
        if isinstance(node, dict):
            for key, value in node.items():
                assert type(key) is str
                check(value)
        elif isinstance(node, list):
            for item in node:
                check(item)

    check(gs.to_wire(model))


@pytest.mark.parametrize(("model", "wire"), REQUESTS, ids=[_id(c) for c in REQUESTS])
def test_botocore_accepts_every_golden_request(
    model: gs.Request, wire: dict[str, Any], service_model: Any
) -> None:
    operation = type(model).__name__.removesuffix("Request")
    input_shape = service_model.operation_model(operation).input_shape
    report = ParamValidator().validate(gs.to_wire(model), input_shape)
    assert not report.has_errors(), report.generate_report()


@pytest.mark.parametrize(("model", "wire"), REQUESTS, ids=[_id(c) for c in REQUESTS])
def test_operations_validate_request(model: gs.Request, wire: dict[str, Any]) -> None:
    operation = type(model).__name__.removesuffix("Request")
    assert gs.validate_request(operation, wire) == model
    assert gs.validate_request(gs.OPERATIONS[operation].python_name, wire) == model


def test_parse_response_takes_a_boto3_response_as_it_is() -> None:
    from datetime import datetime, timezone

    from dateutil.tz import tzlocal

    response = {
        "SecurityConfigurations": [
            {"Name": "a", "CreatedTimeStamp": datetime(2024, 1, 1, tzinfo=tzlocal())},
        ],
        "ResponseMetadata": {"RequestId": "x", "HTTPStatusCode": 200, "RetryAttempts": 0},
    }
    parsed = gs.parse_response("GetSecurityConfigurations", response)
    assert isinstance(parsed, gs.GetSecurityConfigurationsResponse)
    assert parsed.security_configurations is not None
    created = parsed.security_configurations[0].created_time_stamp
    assert created == datetime(2024, 1, 1, tzinfo=tzlocal())
    assert created is not None and created.tzinfo is timezone.utc


def test_unknown_operation_is_a_value_error_with_suggestion() -> None:
    with pytest.raises(ValueError, match="did you mean 'GetSecurityConfiguration'"):
        gs.validate_request("GetSecurityConfiguratoin", {})


def test_converter_composes() -> None:
    data = [{"Name": "a"}, {"Name": "b"}]
    parsed = gs.converter.structure(data, list[gs.SecurityConfiguration])
    assert parsed == [gs.SecurityConfiguration(name="a"), gs.SecurityConfiguration(name="b")]
    assert gs.converter.unstructure(parsed) == data
    with pytest.raises(gs.ValidationError):
        gs.converter.structure({"Name": "a", "Bad": 1}, gs.SecurityConfiguration)
