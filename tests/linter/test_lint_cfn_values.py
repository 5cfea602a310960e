"""CloudFormation values decided where the template decides them (`linter.inputs.cfn_values`):
dynamic references, each branch of `!If`, the literal parts of `!Sub` and `!Join`, and the
defaults and allowed values of the parameters `!Ref` names."""

from __future__ import annotations

from typing import Any

import pytest

from glue_security.linter.inputs.cfn_values import PARAMETER_VALUE, decide
from glue_security.models.data_types import S3Encryption
from glue_security.spec.patterns import GLUE_RESOURCE_ARN, KMS_KEY_ARN
from glue_security.spec.plan import model_plan
from glue_security.spec.shapes import KMS_KEY_ARN_STRING, NAME_STRING

MODE = model_plan(S3Encryption).members["s3_encryption_mode"].shape
AT = ("Resources", "Conf", "Properties", "KmsKeyArn")
TEMPLATE: dict[str, Any] = {
    "Parameters": {
        "Key": {"Type": "String", "Default": "alias/not-an-arn"},
        "GoodKey": {"Type": "String", "Default": "arn:aws:kms:us-east-1:111122223333:key/k"},
        "Mode": {"Type": "String", "AllowedValues": ["SSE-KMS", "SSE-S3"]},
    },
    "Resources": {
        "Kms": {"Type": "AWS::KMS::Key"},
        "Replica": {"Type": "AWS::KMS::ReplicaKey"},
        "KmsAlias": {"Type": "AWS::KMS::Alias"},
        "Bucket": {"Type": "AWS::S3::Bucket"},
    },
}


def found(value: Any, shape: Any = KMS_KEY_ARN_STRING) -> list[tuple[str | None, tuple[Any, ...]]]:
    decided = decide(value, shape, AT, TEMPLATE)
    assert decided.why is not None  # never a known value: each stays unknown
    return [(problem.code or problem.rule, problem.at[len(AT) :]) for problem in decided.problems]


def test_a_dynamic_reference_is_a_deploy_time_value() -> None:
    assert found("{{resolve:ssm:/path/to/key}}") == []
    assert found("{{resolve:secretsmanager:key:SecretString:arn}}") == []


def test_the_sample_whose_sub_branch_can_never_be_a_kms_key() -> None:
    # KmsKeyArn: !If [Cond, !GetAtt Key.Arn, !If [Other, !Sub "arn:...:s3:::{{resolve:...}}",
    # !Ref pBucketKey]]: only the !Sub branch is a finding, and it holds for any partition.
    value = {
        "Fn::If": [
            "Cond",
            {"Fn::GetAtt": ["Key", "Arn"]},
            {
                "Fn::If": [
                    "Other",
                    {"Fn::Sub": "arn:${AWS::Partition}:s3:::{{resolve:ssm:/bucket}}"},
                    {"Ref": "pBucketKey"},
                ]
            },
        ]
    }
    assert found(value) == [("pattern", ("Fn::If", 2, "Fn::If", 1, "Fn::Sub"))]


def test_each_branch_of_if_on_its_own() -> None:
    good = "arn:aws:kms:us-east-1:111122223333:key/k"
    assert found({"Fn::If": ["C", good, "not-an-arn"]}) == [("pattern", ("Fn::If", 2))]
    assert found({"Fn::If": ["C", good, {"Ref": "AWS::NoValue"}]}) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${Id}"}, []),
        ({"Fn::Sub": "${Whole}"}, []),
        ({"Fn::Sub": "arn:aws:s3:::${Bucket}"}, [("pattern", ("Fn::Sub",))]),
        ({"Fn::Sub": ["arn:${P}:s3:::x", {"P": "aws"}]}, [("pattern", ("Fn::Sub",))]),
        ({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":kms:", {"Ref": "R"}]]}, []),
        ({"Fn::Join": [":", ["arn", "aws", "s3", "", {"Ref": "B"}]]}, [("pattern", ("Fn::Join",))]),
    ],
)
def test_literal_parts_decide_a_pattern(value: Any, expected: list[Any]) -> None:
    assert found(value) == expected


def test_literal_parts_decide_an_enum() -> None:
    assert found({"Fn::Sub": "SSE-${Kind}"}, MODE) == []
    assert found({"Fn::Sub": "DISABLED-${Kind}"}, MODE) == [("enum", ("Fn::Sub",))]
    assert found({"Fn::Sub": "${Mode}"}, MODE) == []


def test_a_kms_resources_ref_is_never_a_key_arn() -> None:
    """Ref of a key is its key ID and of an alias its name (a CDK app's `key.keyId` where
    `key.keyArn` belongs); Fn::GetAtt Key.Arn, and Refs of a form not known, decide nothing."""
    for name in ("Kms", "Replica", "KmsAlias"):
        assert found({"Ref": name}) == [("pattern", ())]
    assert found({"Fn::GetAtt": ["Kms", "Arn"]}) == []
    assert found({"Ref": "Bucket"}) == []
    assert found({"Ref": "Undefined"}) == []
    # A member a key ID can be (a name), or one with no pattern (an enum), is no finding.
    assert decide({"Ref": "Kms"}, NAME_STRING, AT, TEMPLATE).problems == ()
    assert decide({"Ref": "Kms"}, MODE, AT, TEMPLATE).problems == ()


def test_a_parameters_default_and_allowed_values_are_warnings() -> None:
    assert found({"Ref": "Key"}) == [(PARAMETER_VALUE, ())]
    assert found({"Ref": "GoodKey"}) == []
    assert found({"Ref": "Mode"}, MODE) == []
    assert found({"Ref": "Undeclared"}) == []


@pytest.mark.parametrize(
    ("start", "admitted"),
    [
        ("", True),
        ("arn:aws", True),
        ("arn:aws-cn:km", True),
        ("arn:aws-us-gov:kms:anything", True),
        ("arn:aws:s3:::", False),
        ("arn:aws:kmsx", False),
        ("key/", False),
    ],
)
def test_a_pattern_knows_which_starts_it_admits(start: str, admitted: bool) -> None:
    assert KMS_KEY_ARN.admits_start(start) is admitted


def test_a_pattern_of_another_form_cannot_tell() -> None:
    assert GLUE_RESOURCE_ARN.admits_start("arn:aws:s3:") is None


def test_a_dynamic_reference_whose_path_uses_a_sub_variable() -> None:
    # The reference ends at its own `}}`, not at the `}` of `${Env}` in its path.
    assert found({"Fn::Sub": "{{resolve:ssm:/kms/${Env}/key-arn}}"}) == []
    assert found({"Fn::Sub": "{{resolve:ssm:/kms/${Env}}}"}) == []
    assert found({"Fn::Sub": "arn:aws:s3:::{{resolve:ssm:/kms/${Env}}}"}) == [
        ("pattern", ("Fn::Sub",))
    ]


def test_a_start_shows_each_placeholder_of_few_values_by_its_label() -> None:
    value = {"Fn::Sub": "arn:${AWS::Partition}:s3:::{{resolve:ssm:/kms/key}}"}
    (problem,) = decide(value, KMS_KEY_ARN_STRING, AT, TEMPLATE).problems
    assert "starts 'arn:<partition>:s3:::'," in problem.message
    joined = {"Fn::Join": ["", ["arn:", {"Ref": "Mode"}, ":s3:::", {"Ref": "B"}]]}
    (problem,) = decide(joined, KMS_KEY_ARN_STRING, AT, TEMPLATE).problems
    assert "starts 'arn:<Mode>:s3:::'," in problem.message
