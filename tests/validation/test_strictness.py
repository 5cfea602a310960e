"""No coercion, unknown members, nulls, collected errors with exact paths, direct construction."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

import glue_security as gs
from glue_security.validation.checks import STRICT, check_value

KMS = "arn:aws:kms:us-east-1:111122223333:key/abc"


def errors_of(model: type[gs.Model], payload: Any, **kwargs: Any) -> list[tuple[str, str]]:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(model, payload, **kwargs)
    return [(e.path, e.code) for e in info.value.errors]


# (model, payload, expected (path, code) list in order)
STRICTNESS: list[tuple[type[gs.Model], Any, list[tuple[str, str]]]] = [
    (gs.GetSecurityConfigurationRequest, {"Name": 1}, [("$.Name", "type")]),
    (gs.GetSecurityConfigurationRequest, {"Name": None}, [("$.Name", "required")]),
    (gs.GetSecurityConfigurationRequest, {}, [("$.Name", "required")]),
    (gs.GetSecurityConfigurationRequest, [], [("$", "type")]),
    (gs.GetSecurityConfigurationRequest, "{}", [("$", "type")]),
    (gs.GetSecurityConfigurationRequest, None, [("$", "type")]),
    (
        gs.GetSecurityConfigurationRequest,
        {"Name": "n", "name": "n"},
        [("$.name", "unknown")],
    ),
    (
        gs.GetSecurityConfigurationRequest,
        {"Name": "n", "my key": 1, 7: 1},
        [('$["my key"]', "unknown"), ("$[7]", "unknown")],
    ),
    (gs.GetSecurityConfigurationsRequest, {"MaxResults": "10"}, [("$.MaxResults", "type")]),
    (gs.GetSecurityConfigurationsRequest, {"NextToken": 5}, [("$.NextToken", "type")]),
    (
        gs.ConnectionPasswordEncryption,
        {"ReturnConnectionPasswordEncrypted": "true"},
        [("$.ReturnConnectionPasswordEncrypted", "type")],
    ),
    (gs.EncryptionConfiguration, {"S3Encryption": {}}, [("$.S3Encryption", "type")]),
    (gs.EncryptionConfiguration, {"S3Encryption": [None]}, [("$.S3Encryption[0]", "type")]),
    (gs.EncryptionConfiguration, {"S3Encryption": ["x"]}, [("$.S3Encryption[0]", "type")]),
    (
        gs.EncryptionConfiguration,
        {"S3Encryption": [{}, {"Mode": 1}]},
        [("$.S3Encryption[1].Mode", "unknown")],
    ),
    (
        gs.EncryptionConfiguration,
        {"CloudWatchEncryption": []},
        [("$.CloudWatchEncryption", "type")],
    ),
    (
        gs.PutDataCatalogEncryptionSettingsRequest,
        {"DataCatalogEncryptionSettings": {"EncryptionAtRest": {}}},
        [("$.DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode", "required")],
    ),
    (
        gs.CreateSecurityConfigurationRequest,
        {
            "Name": "a\nb",
            "EncryptionConfiguration": {
                "S3Encryption": [{"S3EncryptionMode": "SSEKMS", "KmsKeyArn": "key"}],
                "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "SSE-KMS"},
            },
            "Tags": {},
        },
        [
            ("$.Name", "pattern"),
            ("$.EncryptionConfiguration.S3Encryption[0].S3EncryptionMode", "enum"),
            ("$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn", "pattern"),
            ("$.EncryptionConfiguration.JobBookmarksEncryption.JobBookmarksEncryptionMode", "enum"),
            ("$.Tags", "unknown"),
        ],
    ),
]


@pytest.mark.parametrize(("model", "payload", "expected"), STRICTNESS)
def test_strictness(model: type[gs.Model], payload: Any, expected: list[tuple[str, str]]) -> None:
    assert errors_of(model, payload) == expected


def test_optional_null_means_absent() -> None:
    parsed = gs.from_wire(gs.GetSecurityConfigurationsRequest, {"MaxResults": None})
    assert parsed == gs.GetSecurityConfigurationsRequest()
    assert gs.to_wire(parsed) == {}


def test_unknown_member_suggests_the_right_name() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GetSecurityConfigurationRequest, {"Nmae": "x"})
    messages = [e.message for e in info.value.errors]
    assert any("did you mean 'Name'?" in m for m in messages)


def test_responses_ignore_unknown_members_and_keep_unknown_enum_values() -> None:
    payload = {
        "DataCatalogEncryptionSettings": {
            "EncryptionAtRest": {"CatalogEncryptionMode": "SSE-FUTURE", "NewThing": 1},
        },
        "ResponseMetadata": {"RequestId": "r", "HTTPStatusCode": 200},
    }
    parsed = gs.from_wire(gs.GetDataCatalogEncryptionSettingsResponse, payload)
    settings = parsed.data_catalog_encryption_settings
    assert settings is not None and settings.encryption_at_rest is not None
    assert settings.encryption_at_rest.catalog_encryption_mode == "SSE-FUTURE"
    assert gs.to_wire(parsed) == {
        "DataCatalogEncryptionSettings": {
            "EncryptionAtRest": {"CatalogEncryptionMode": "SSE-FUTURE"}
        }
    }
    # Lenient is about additions only: a wrong type is still an error.
    assert errors_of(gs.GetSecurityConfigurationsResponse, {"NextToken": 1}) == [
        ("$.NextToken", "type")
    ]


def test_strictness_can_be_chosen() -> None:
    payload = {"PolicyHash": "h", "Extra": 1}
    assert errors_of(gs.PutResourcePolicyResponse, payload, strict=True) == [("$.Extra", "unknown")]
    assert gs.from_wire(gs.GetSecurityConfigurationRequest, {"Name": "n", "X": 1}, strict=False)


def test_str_lists_every_error_one_a_line() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.S3Encryption, {"S3EncryptionMode": 1, "KmsKeyArn": "k"})
    text = str(info.value)
    lines = text.splitlines()
    assert lines[0] == "2 validation errors"
    assert lines[1].strip().startswith("$.S3EncryptionMode: expected")
    assert lines[1].endswith("[type]")
    assert lines[2].strip().startswith("$.KmsKeyArn: must be")
    assert "'k'" in lines[2]
    assert isinstance(info.value, ValueError)


def test_messages_truncate_long_values() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GetSecurityConfigurationRequest, {"Name": "x" * 100_000})
    assert len(info.value.errors[0].message) < 300
    assert "100000" in info.value.errors[0].message


def test_validation_error_pickles() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GetSecurityConfigurationRequest, {})
    copy = pickle.loads(pickle.dumps(info.value))
    assert copy.errors == info.value.errors


def test_reported_errors_are_ordinary_error_details() -> None:
    """The checks build ErrorDetail without its __init__ (for speed); what they build must
    be indistinguishable from a constructed one."""
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GetSecurityConfigurationRequest, {"Name": 7})
    (reported,) = info.value.errors
    built = gs.ErrorDetail(path="$.Name", code="type", message="expected a string, got integer 7")
    assert reported == built and hash(reported) == hash(built)
    assert repr(reported) == repr(built) and str(reported) == str(built)
    assert reported.to_dict() == built.to_dict()
    assert pickle.loads(pickle.dumps(reported)) == built
    assert attrs.asdict(reported) == attrs.asdict(built)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        reported.path = "$"  # type: ignore[misc]


# -- direct construction ---------------------------------------------------------------


def test_direct_construction_collects_every_error() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.S3Encryption(s3_encryption_mode="SSEKMS", kms_key_arn=5)  # type: ignore[arg-type]
    assert [(e.path, e.code) for e in info.value.errors] == [
        ("$.S3EncryptionMode", "enum"),
        ("$.KmsKeyArn", "type"),
    ]


def test_direct_construction_missing_required_is_a_validation_error() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.CreateSecurityConfigurationRequest()  # type: ignore[call-arg]
    assert [(e.path, e.code) for e in info.value.errors] == [
        ("$.Name", "required"),
        ("$.EncryptionConfiguration", "required"),
    ]


def test_direct_construction_wants_models_not_dicts() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.EncryptionConfiguration(cloud_watch_encryption={"CloudWatchEncryptionMode": "DISABLED"})  # type: ignore[arg-type]
    assert info.value.errors[0].code == "type"
    assert "from_wire" in info.value.errors[0].message


def test_direct_construction_normalises_equal_forms() -> None:
    config = gs.EncryptionConfiguration(
        s3_encryption=[gs.S3Encryption(s3_encryption_mode="SSE-S3")],
    )
    assert config.s3_encryption == (gs.S3Encryption(s3_encryption_mode=gs.S3EncryptionMode.SSES3),)
    assert config.s3_encryption[0].s3_encryption_mode is gs.S3EncryptionMode.SSES3
    naive = gs.GluePolicy(create_time=datetime(2024, 1, 1))
    assert naive.create_time == datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert naive.create_time is not None and naive.create_time.tzinfo is timezone.utc
    plus2 = gs.GluePolicy(create_time=datetime(2024, 1, 1, 2, tzinfo=timezone(timedelta(hours=2))))
    assert plus2 == naive
    assert hash(plus2) == hash(naive)


def test_direct_construction_timestamps_take_datetimes_only() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.GluePolicy(create_time=1700000000)  # type: ignore[arg-type]
    assert info.value.errors[0].code == "type"


def test_models_are_frozen_and_keyword_only() -> None:
    request = gs.GetSecurityConfigurationRequest(name="n")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        request.name = "m"  # type: ignore[misc]
    with pytest.raises(TypeError):
        gs.GetSecurityConfigurationRequest("n")  # type: ignore[call-arg]
    with pytest.raises(gs.ValidationError):
        attrs.evolve(request, name="")


def test_every_model_and_member_has_a_docstring() -> None:
    for name, model in gs.MODELS.items():
        assert model.__doc__ and len(model.__doc__.strip()) > 10, name
        for attr_name, spec in gs.members(model).items():
            assert spec.doc.strip(), (name, attr_name)


def test_constraints_are_readable_back() -> None:
    name = gs.members(gs.CreateSecurityConfigurationRequest)["name"]
    assert isinstance(name.shape, gs.StringShape)
    assert name.shape.length is not None and name.shape.length.max_length == 255
    assert name.required
    field = attrs.fields(gs.CreateSecurityConfigurationRequest).name
    assert field.metadata[gs.MEMBER_KEY] is name


def test_to_wire_and_from_wire_reject_non_models() -> None:
    with pytest.raises(TypeError):
        gs.to_wire({"Name": "x"})  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        gs.from_wire(dict, {})  # type: ignore[type-var]


def test_from_json_errors_are_validation_errors() -> None:
    texts: list[str | bytes] = ["{", "", "nul", b"\xff\xfe", "[" * 100_000]
    for text in texts:
        with pytest.raises(gs.ValidationError) as info:
            gs.from_json(gs.GetSecurityConfigurationRequest, text)
        assert [(e.path, e.code) for e in info.value.errors] == [("$", "json")]
    with pytest.raises(gs.ValidationError) as info:
        gs.from_json(gs.GetSecurityConfigurationRequest, '{"Name": "\\ud800"}')
    assert [(e.path, e.code) for e in info.value.errors] == [("$.Name", "type")]


def test_to_json_round_trip_and_unicode() -> None:
    request = gs.GetSecurityConfigurationRequest(name="é\U0001f600\t")
    assert gs.from_json(gs.GetSecurityConfigurationRequest, gs.to_json(request)) == request
    assert gs.from_json(gs.GetSecurityConfigurationRequest, gs.to_json(request).encode()) == request


def test_a_constructor_reports_every_fault_of_its_call_in_python_terms() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.EncryptionConfiguration(
            s3_encryption=[gs.CloudWatchEncryption()],  # type: ignore[list-item]
            cloud_watch_encryption={"CloudWatchEncryptionMode": "DISABLED"},  # type: ignore[arg-type]
            job_bookmarks_encryption=gs.JobBookmarksEncryption(kms_key_arn=""),
            data_quality_encryption=gs.S3Encryption(),  # type: ignore[arg-type]
        )
    assert [(e.path, e.message) for e in info.value.errors] == [
        (
            "$.S3Encryption[0]",
            "EncryptionConfiguration.s3_encryption (S3Encryption): expected an S3Encryption "
            "instance, got a CloudWatchEncryption instance",
        ),
        (
            "$.CloudWatchEncryption",
            "EncryptionConfiguration.cloud_watch_encryption (CloudWatchEncryption): expected a "
            "CloudWatchEncryption instance (parse wire dicts with from_wire), got an object of "
            "1 item",
        ),
        (
            "$.DataQualityEncryption",
            "EncryptionConfiguration.data_quality_encryption (DataQualityEncryption): expected "
            "a DataQualityEncryption instance, got an S3Encryption instance",
        ),
    ]


def test_construction_messages_name_class_attribute_and_wire_name() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.S3Encryption(kms_key_arn="alias/x", s3_encryption_mode="SSEKMS")  # type: ignore[arg-type]
    messages = [e.message for e in info.value.errors]
    assert messages[0].startswith(
        "S3Encryption.s3_encryption_mode (S3EncryptionMode): must be one of"
    )
    assert messages[1].startswith(
        "S3Encryption.kms_key_arn (KmsKeyArn): must be an AWS KMS key ARN"
    )
    with pytest.raises(gs.ValidationError) as info:
        gs.CreateSecurityConfigurationRequest(name="")  # type: ignore[call-arg]
    assert [e.message for e in info.value.errors] == [
        "CreateSecurityConfigurationRequest.name (Name): length must be 1..255 UTF-8 bytes, "
        "got 0: ''",
        "CreateSecurityConfigurationRequest.encryption_configuration (EncryptionConfiguration) "
        "is required",
    ]
    with pytest.raises(gs.ValidationError) as info:
        gs.S3Encryption(s3_encryption_mode=5)  # type: ignore[arg-type]
    assert info.value.errors[0].message == (
        "S3Encryption.s3_encryption_mode (S3EncryptionMode): expected an S3EncryptionMode "
        "string, got integer 5"
    )


@pytest.mark.parametrize(
    ("shape", "form"),
    [
        ("KmsKeyArn", "a KMS key ARN looks like arn:aws:kms:REGION:ACCOUNT:key/KEY-ID; "),
        (
            "GlueResourceArn",
            "a Glue resource ARN looks like arn:aws:glue:REGION:ACCOUNT:RESOURCE; ",
        ),
        ("IAMRoleArn", "an IAM role ARN looks like arn:aws:iam::ACCOUNT:role/ROLE-NAME; "),
    ],
)
def test_an_arn_message_shows_what_an_arn_looks_like_before_the_regex(
    shape: str, form: str
) -> None:
    """The form is data beside the pattern (spec.patterns), written once: the message
    reads it, and says it before the regex."""
    string_shape = next(
        m.shape
        for model in gs.MODELS.values()
        for m in gs.members(model).values()
        if isinstance(m.shape, gs.StringShape) and m.shape.shape == shape
    )
    assert isinstance(string_shape, gs.StringShape) and string_shape.pattern is not None
    pattern = string_shape.pattern
    assert pattern.form is not None and pattern.form in form
    errors: list[gs.ErrorDetail] = []
    check_value(string_shape, "alias/not-an-arn", "$.X", errors, STRICT)
    (problem,) = errors
    assert f"({form}{pattern.name} pattern {pattern.source}, " in problem.message


def test_faults_the_outer_model_finds_in_nested_models_carry_the_path_from_it() -> None:
    """A nested model's own fault is raised when it is built, before the model holding it
    exists, and names its class; what the request finds in the models it is given (a
    response's value only the service may send) has the path from the request."""
    with pytest.raises(gs.ValidationError) as inner:
        gs.EncryptionConfiguration(
            s3_encryption=[gs.S3Encryption(s3_encryption_mode="SSE-KMS", kms_key_arn="alias/x")]
        )
    (problem,) = inner.value.errors
    assert problem.path == "$.KmsKeyArn"
    assert problem.message.startswith("S3Encryption.kms_key_arn (KmsKeyArn): must be")
    response = gs.from_wire(
        gs.GetSecurityConfigurationResponse,
        {
            "SecurityConfiguration": {
                "Name": "n",
                "EncryptionConfiguration": {
                    "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": "alias/x"}]
                },
            }
        },
    )
    assert response.security_configuration is not None
    given = response.security_configuration.encryption_configuration
    assert given is not None
    with pytest.raises(gs.ValidationError) as outer:
        gs.CreateSecurityConfigurationRequest(name="n", encryption_configuration=given)
    (problem,) = outer.value.errors
    assert problem.path == "$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn"
    assert problem.message.startswith(
        "CreateSecurityConfigurationRequest.encryption_configuration.s3_encryption[0]"
        ".kms_key_arn (KmsKeyArn): a request cannot send a value only a response may hold: "
        "must be an AWS KMS key ARN in any partition, or the empty string (a KMS key ARN "
        "looks like arn:aws:kms:REGION:ACCOUNT:key/KEY-ID; "
    )


@pytest.mark.parametrize(
    ("value", "got"),
    [
        ({"a": 1}, "got an object of 1 item"),
        ([1, 2], "got an array of 2 items"),
        (True, "got boolean true"),
        (1.5, "got number 1.5"),
    ],
)
def test_type_messages_say_what_they_got_once(value: object, got: str) -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GetSecurityConfigurationRequest, {"Name": value})
    message = info.value.errors[0].message
    assert message.endswith(got), message
    assert "object object" not in message and "array array" not in message


def test_a_null_item_says_null_once() -> None:
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.EncryptionConfiguration, {"S3Encryption": [None]})
    assert info.value.errors[0].message == "expected an item, not null, got null"


def test_direct_construction_takes_any_sequence_for_a_list_member() -> None:
    import collections
    from collections.abc import Iterator, Sequence

    item = gs.S3Encryption(s3_encryption_mode="SSE-S3")
    as_tuple = gs.EncryptionConfiguration(s3_encryption=(item,))
    for given in ([item], collections.UserList([item]), collections.deque([item])):
        built = gs.EncryptionConfiguration(s3_encryption=given)
        assert built == as_tuple and type(built.s3_encryption) is tuple, type(given)

    class Unreadable(Sequence[gs.S3Encryption]):
        def __getitem__(self, index: Any) -> Any:
            raise RuntimeError("no")

        def __len__(self) -> int:
            return 1

        def __iter__(self) -> Iterator[gs.S3Encryption]:
            raise RuntimeError("no")

    for bad in ["SSE-S3", {"S3EncryptionMode": "SSE-S3"}, Unreadable()]:
        with pytest.raises(gs.ValidationError) as caught:
            gs.EncryptionConfiguration(s3_encryption=bad)  # type: ignore[arg-type]
        assert [(e.path, e.code) for e in caught.value.errors] == [("$.S3Encryption", "type")]
        assert "a sequence (a list or tuple)" in caught.value.errors[0].message
