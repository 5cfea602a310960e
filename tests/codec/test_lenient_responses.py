"""Responses accept what the service may send; requests refuse to carry it on."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest

import glue_security as gs

KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd"
LONG_NAME = "é" * 200  # 200 characters, 400 UTF-8 bytes: the service counts characters


def configurations_response() -> dict[str, Any]:
    return {
        "SecurityConfigurations": [
            {
                "Name": LONG_NAME,
                "CreatedTimeStamp": 1700000000.5,
                "EncryptionConfiguration": {
                    "S3Encryption": [{"S3EncryptionMode": "SSE-KMS-FUTURE", "KmsKeyArn": "key/1"}]
                },
                "AddedLater": {"Anything": 1},
            }
        ],
        "ResponseMetadata": {"HTTPStatusCode": 200},
    }


def test_lenient_parsing_keeps_what_strict_parsing_rejects() -> None:
    response = gs.parse_response("GetSecurityConfigurations", configurations_response())
    (configuration,) = response.security_configurations or ()
    assert configuration.name == LONG_NAME
    assert type(configuration.name) is gs.NonconformingStr
    s3 = (configuration.encryption_configuration or gs.EncryptionConfiguration()).s3_encryption
    assert s3 is not None
    mode = s3[0].s3_encryption_mode
    assert isinstance(mode, gs.S3EncryptionMode) and mode.unknown and mode == "SSE-KMS-FUTURE"
    assert type(s3[0].kms_key_arn) is gs.NonconformingStr
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GetSecurityConfigurationsResponse, configurations_response(), strict=True)
    # boto3's ResponseMetadata is no unknown member, even to strict parsing.
    assert [e.code for e in info.value.errors] == ["length", "enum", "pattern", "unknown"]
    assert info.value.errors[-1].path == "$.SecurityConfigurations[0].AddedLater"


def test_lenient_parsing_still_checks_types_structure_required_and_timestamps() -> None:
    faults = {
        "DataCatalogEncryptionSettings": {
            "EncryptionAtRest": {"SseAwsKmsKeyId": 5},
            "ConnectionPasswordEncryption": {"AwsKmsKeyId": "x"},
        }
    }
    with pytest.raises(gs.ValidationError) as info:
        gs.parse_response("GetDataCatalogEncryptionSettings", faults)
    assert [(e.path, e.code) for e in info.value.errors] == [
        ("$.DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode", "required"),
        ("$.DataCatalogEncryptionSettings.EncryptionAtRest.SseAwsKmsKeyId", "type"),
        (
            "$.DataCatalogEncryptionSettings.ConnectionPasswordEncryption."
            "ReturnConnectionPasswordEncrypted",
            "required",
        ),
    ]
    with pytest.raises(gs.ValidationError) as info:
        gs.parse_response("GetResourcePolicy", {"CreateTime": "yesterday", "PolicyInJson": []})
    assert [e.code for e in info.value.errors] == ["type", "type"]


def test_strict_parsing_of_a_response_takes_boto3s_response_metadata() -> None:
    """boto3 adds `ResponseMetadata` to every response: a fixture recorded from it passes
    `strict=True`; any other unknown member, or the same name in a request, does not."""
    raw = {"PolicyHash": "h", "ResponseMetadata": {"HTTPStatusCode": 200}}
    for parse in (gs.from_wire, lambda cls, data, **kw: gs.from_json(cls, _json(data), **kw)):
        assert parse(gs.PutResourcePolicyResponse, raw, strict=True).policy_hash == "h"
        with pytest.raises(gs.ValidationError) as caught:
            parse(gs.PutResourcePolicyResponse, {**raw, "Extra": 1, "Hash": 2}, strict=True)
        assert [e.path for e in caught.value.errors] == ["$.Extra", "$.Hash"]
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_wire(gs.DeleteResourcePolicyRequest, {"ResponseMetadata": {}}, strict=True)
    assert [e.path for e in caught.value.errors] == ["$.ResponseMetadata"]


def _json(data: Any) -> str:
    import json

    return json.dumps(data)


def test_policies_and_errors_are_lenient_too() -> None:
    response = gs.parse_response("GetResourcePolicy", {"PolicyInJson": "not json" * 2000})
    assert type(response.policy_in_json) is gs.NonconformingStr
    error = gs.error_from_wire({"__type": "EntityNotFoundException", "Message": "x" * 10})
    assert error.message == "x" * 10


def test_the_fast_path_and_the_error_path_keep_the_same_values() -> None:
    # A dict subclass takes the error path; both must build equal models.
    class Payload(dict[str, Any]):
        pass

    fast = gs.parse_response("GetSecurityConfigurations", configurations_response())
    slow = gs.parse_response("GetSecurityConfigurations", Payload(configurations_response()))
    assert fast == slow
    assert type((slow.security_configurations or ())[0].name) is gs.NonconformingStr


def test_a_response_writes_back_what_it_read_as_plain_json() -> None:
    response = gs.parse_response("GetSecurityConfigurations", configurations_response())
    wire = gs.to_wire(response)
    configuration = wire["SecurityConfigurations"][0]
    assert type(configuration["Name"]) is str
    s3 = configuration["EncryptionConfiguration"]["S3Encryption"][0]
    assert type(s3["S3EncryptionMode"]) is str and s3["S3EncryptionMode"] == "SSE-KMS-FUTURE"
    assert gs.from_wire(gs.GetSecurityConfigurationsResponse, wire) == response
    assert pickle.loads(pickle.dumps(response)) == response


def test_evolve_of_the_parsed_response_changing_another_member_works() -> None:
    response = gs.parse_response("GetSecurityConfigurations", configurations_response())
    changed = attrs.evolve(response, next_token="more")
    assert changed.next_token == "more"
    assert changed.security_configurations == response.security_configurations
    (configuration,) = response.security_configurations or ()
    # Data types parsed from a response keep the service's enum values through evolve too.
    s3 = (
        (configuration.encryption_configuration or gs.EncryptionConfiguration()).s3_encryption or ()
    )[0]
    assert attrs.evolve(s3, kms_key_arn=KMS).s3_encryption_mode == "SSE-KMS-FUTURE"


def test_a_request_cannot_be_built_from_what_only_a_response_may_hold() -> None:
    response = gs.parse_response("GetSecurityConfigurations", configurations_response())
    (configuration,) = response.security_configurations or ()
    assert configuration.encryption_configuration is not None
    assert configuration.name is not None
    with pytest.raises(gs.ValidationError) as info:
        gs.CreateSecurityConfigurationRequest(
            name=configuration.name,
            encryption_configuration=configuration.encryption_configuration,
        )
    assert [(e.path, e.code) for e in info.value.errors] == [
        ("$.Name", "length"),
        ("$.EncryptionConfiguration.S3Encryption[0].S3EncryptionMode", "enum"),
        ("$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn", "pattern"),
    ]
    message = info.value.errors[1].message
    assert message.startswith(
        "CreateSecurityConfigurationRequest.encryption_configuration.s3_encryption[0]"
        ".s3_encryption_mode (S3EncryptionMode): "
        "a request cannot send a value only a response may hold"
    )
    assert "'SSE-KMS-FUTURE'" in message


def test_a_leniently_parsed_request_cannot_be_sent_or_evolved() -> None:
    payload = {
        "Name": "x" * 300,
        "EncryptionConfiguration": {"CloudWatchEncryption": {"CloudWatchEncryptionMode": "NEW"}},
    }
    request = gs.from_wire(gs.CreateSecurityConfigurationRequest, payload, strict=False)
    expected = [
        ("$.Name", "length"),
        ("$.EncryptionConfiguration.CloudWatchEncryption.CloudWatchEncryptionMode", "enum"),
    ]
    with pytest.raises(gs.ValidationError) as info:
        gs.to_wire(request)
    assert [(e.path, e.code) for e in info.value.errors] == expected
    with pytest.raises(gs.ValidationError) as info:
        gs.to_json(request)
    with pytest.raises(gs.ValidationError) as info:
        attrs.evolve(request, name="ok")
    assert [(e.path, e.code) for e in info.value.errors] == expected[1:]
    paged = gs.from_wire(gs.GetSecurityConfigurationsRequest, {"MaxResults": 5000}, strict=False)
    assert type(paged.max_results) is gs.NonconformingInt
    with pytest.raises(gs.ValidationError) as info:
        gs.to_wire(paged)
    assert [(e.path, e.code) for e in info.value.errors] == [("$.MaxResults", "range")]


def test_an_unknown_enum_value_is_only_made_by_lenient_parsing() -> None:
    with pytest.raises(ValueError):
        gs.S3EncryptionMode("SSE-KMS-FUTURE")
    with pytest.raises(ValueError):
        gs.S3EncryptionMode("SSEKMS")
    with pytest.raises(gs.ValidationError):
        gs.S3Encryption(s3_encryption_mode="SSE-KMS-FUTURE")  # type: ignore[arg-type]
    assert not gs.S3EncryptionMode.SSEKMS.unknown
    parsed = gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": "NEW"}, strict=False)
    assert repr(parsed.s3_encryption_mode) == "<S3EncryptionMode unknown to this version: 'NEW'>"
    again = gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": "NEW"}, strict=False)
    assert again.s3_encryption_mode is parsed.s3_encryption_mode
    unpickled = pickle.loads(pickle.dumps(parsed.s3_encryption_mode))
    assert unpickled is parsed.s3_encryption_mode


def test_the_pseudo_member_cache_is_bounded() -> None:
    """Hostile input with ever new values must not grow memory for ever: past a bound,
    pseudo-members are made afresh rather than kept."""

    def parse(value: str) -> gs.S3Encryption:
        return gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": value}, strict=False)

    for index in range(2000):
        parse(f"NEW-{index}")
    assert parse("NEW-0") == parse("NEW-0")
    assert parse("NEW-1999").s3_encryption_mode is not parse("NEW-1999").s3_encryption_mode
