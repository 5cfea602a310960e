"""The exported JSON Schemas, checked by the `jsonschema` package against the library."""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import glue_security as gs
from glue_security.strategies import invalid_wire_payloads, wire_payloads

ALL = sorted(gs.MODELS)


def validator(model: type[gs.Model]) -> Draft202012Validator:
    schema = gs.json_schema(model)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The same schema with every `$ref` replaced by its definition (the API has no
    recursion), because jsonschema's reference lookups dominate its time otherwise."""
    defs = schema.get("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                rest = {k: walk(v) for k, v in node.items() if k != "$ref"}
                return {**walk(defs[node["$ref"].rsplit("/", 1)[1]]), **rest}
            return {k: walk(v) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(schema)  # type: ignore[no-any-return]


@cache
def fast_validator(name: str) -> Draft202012Validator:
    """Keyed by model name: mypy judges a class that defines `__hash__` unhashable."""
    return Draft202012Validator(inline_refs(gs.json_schema(gs.MODELS[name])))


def value_at(payload: Any, path: str) -> Any:
    """The value at a `$.A.B[0].C` path (None when the fault removed it)."""
    node = payload
    for part in path[1:].replace("[", ".[").split("."):
        if not part:
            continue
        if part.startswith("["):
            node = node[int(part[1:-1])]
        else:
            node = node.get(part) if isinstance(node, dict) else None
    return node


def schema_at(schema: dict[str, Any], path: str) -> dict[str, Any]:
    """The schema node that governs the value at `path` (through $ref and the null anyOf)."""

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while True:
            if "$ref" in node:
                node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
            elif "anyOf" in node and node["anyOf"][-1] == {"type": "null"}:
                node = node["anyOf"][0]
            else:
                return node

    node = resolve(schema)
    for part in path[1:].replace("[", ".[").split("."):
        if part.startswith("["):
            node = resolve(node["items"])
        elif part:
            node = resolve(node["properties"][part])
    return node


def inexpressible(model: type[gs.Model], payload: Any, path: str, code: str) -> str | None:
    """Why JSON Schema cannot see this fault, or None when it should."""
    value = value_at(payload, path)
    if code == "json":
        return "a policy must be a JSON object: a string's content is beyond JSON Schema"
    if code == "type" and isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        return "a lone surrogate"
    if code == "type" and isinstance(value, float) and value.is_integer():
        return "1.0 is an integer to JSON Schema"
    node = schema_at(gs.json_schema(model), path) if code in {"type", "length"} else {}
    if code == "type" and isinstance(value, str) and "x-wireForm" in node:
        return "a timestamp string's format (date-time) is an annotation"
    if code == "length" and node.get("minLength", 0) <= len(value) <= node["maxLength"]:
        return "outside the byte bounds, within the character bounds"
    return None


def test_every_schema_is_a_valid_2020_12_schema() -> None:
    for model in gs.MODELS.values():
        validator(model)


def test_schema_shape_of_a_request() -> None:
    schema = gs.json_schema(gs.CreateSecurityConfigurationRequest)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["Name", "EncryptionConfiguration"]
    assert schema["additionalProperties"] is False
    name = schema["properties"]["Name"]
    assert (name["minLength"], name["maxLength"]) == (1, 255)
    assert (name["x-minUtf8Bytes"], name["x-maxUtf8Bytes"]) == (1, 255)
    assert name["description"]
    s3 = schema["$defs"]["S3Encryption"]["properties"]["S3EncryptionMode"]["anyOf"][0]
    assert s3 == {"type": "string", "enum": ["DISABLED", "SSE-KMS", "SSE-S3"]}
    assert schema["$defs"]["EncryptionConfiguration"]["properties"]["DataQualityEncryption"][
        "x-addedAfterDeveloperGuide"
    ]


def test_policy_bounds_are_honest() -> None:
    policy = gs.json_schema(gs.PutResourcePolicyRequest)["properties"]["PolicyInJson"]
    # 2 bytes can be a single 2-byte character; 10240 bytes at most 10240 characters.
    assert (policy["minLength"], policy["maxLength"]) == (1, 10240)
    assert (policy["x-minUtf8Bytes"], policy["x-maxUtf8Bytes"]) == (2, 10240)
    assert policy["x-jsonObject"] is True


def test_responses_are_open() -> None:
    schema = gs.json_schema(gs.GetDataCatalogEncryptionSettingsResponse)
    assert "additionalProperties" not in schema
    at_rest = schema["$defs"]["EncryptionAtRest"]
    assert "additionalProperties" not in at_rest
    mode = at_rest["properties"]["CatalogEncryptionMode"]
    assert "enum" not in mode and "SSE-KMS" in mode["examples"]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("ok", True),
        ("a\n", False),
        ("a\tb", True),
        ("\U0001f600", True),
        ("", False),
        ("x" * 256, False),
    ],
)
def test_the_name_pattern_matches_whole_strings(value: str, valid: bool) -> None:
    check = validator(gs.GetSecurityConfigurationRequest)
    assert check.is_valid({"Name": value}) is valid


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_generated_payloads_are_valid_under_the_schema(name: str, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    payload = data.draw(wire_payloads(model))
    errors = list(fast_validator(name).iter_errors(payload))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_invalid_payloads_are_invalid_where_the_schema_can_say(
    name: str, data: st.DataObject
) -> None:
    model = gs.MODELS[name]
    payload, path, code = data.draw(invalid_wire_payloads(model))
    if fast_validator(name).is_valid(payload):
        assert inexpressible(model, payload, path, code), (path, code, value_at(payload, path))


def test_refs_resolve_as_exported() -> None:
    """The exported schema itself (with $refs) judges like its inlined form."""
    model = gs.CreateSecurityConfigurationRequest
    good = {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [{"KmsKeyArn": ""}]}}
    bad = {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [{"KmsKeyArn": "k"}]}}
    for check in (validator(model), fast_validator(model.__name__)):
        assert check.is_valid(good)
        assert not check.is_valid(bad)


def test_null_means_absent_in_the_schema_too() -> None:
    assert validator(gs.GetSecurityConfigurationsRequest).is_valid({"MaxResults": None})
    assert not validator(gs.GetSecurityConfigurationRequest).is_valid({"Name": None})


def test_schema_is_plain_json() -> None:
    for model in gs.MODELS.values():
        text = json.dumps(gs.json_schema(model), allow_nan=False)
        assert json.loads(text) == gs.json_schema(model)
    epoch = gs.json_schema(gs.GluePolicy)["properties"]["CreateTime"]["anyOf"][0]["anyOf"][0]
    assert math.isfinite(epoch["exclusiveMaximum"]) and math.isfinite(epoch["minimum"])


END = 253_402_300_800  # 10000-01-01T00:00:00Z
START = -62_135_596_800  # 0001-01-01T00:00:00Z
TIMESTAMP_EDGES = [
    START - 1,
    START - 0.5,
    START,
    START + 0.5,
    0,
    END - 1,
    END - 0.5,
    math.nextafter(float(END), 0.0),
    float(END),
    END,
    END + 1,
]


@pytest.mark.parametrize("model", [gs.GluePolicy, gs.GetResourcePolicyResponse])
@pytest.mark.parametrize("seconds", TIMESTAMP_EDGES, ids=repr)
def test_schema_and_library_agree_at_timestamp_edges(model: type[gs.Model], seconds: float) -> None:
    payload = {"CreateTime": seconds}
    try:
        gs.from_wire(model, payload)
        accepted = True
    except gs.ValidationError:
        accepted = False
    assert validator(model).is_valid(payload) == accepted
    assert accepted == (START <= seconds < END)
