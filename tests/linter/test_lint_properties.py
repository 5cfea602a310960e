"""Lint, driven by the library's strategies: no payload crashes it, a valid payload has no
schema finding, an invalid one has the finding of its fault, and the posture verdict of a
security configuration matches a small oracle written here, for the payload itself and
for the same settings written as a CloudFormation template and as a Terraform plan."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import glue_security as gs
from glue_security.linter.rules import RULES, SCHEMA_RULES
from glue_security.strategies import invalid_wire_payloads, wire_payloads

ALL = sorted(gs.MODELS)
# Every shape, twice: a few examples each keep the suite quick; the posture properties
# below run at the profile's full count.
PER_SHAPE = settings(max_examples=20)


@pytest.mark.parametrize("name", ALL)
@PER_SHAPE
@given(data=st.data())
def test_valid_payloads_lint_without_schema_findings(name: str, data: st.DataObject) -> None:
    payload = data.draw(wire_payloads(gs.MODELS[name]))
    findings = gs.lint(payload, shape=name, verbose=True)
    assert {f.rule for f in findings} <= set(RULES)
    assert not [f for f in findings if RULES[f.rule].kind == "schema"]


@pytest.mark.parametrize("name", ALL)
@PER_SHAPE
@given(data=st.data())
def test_invalid_payloads_report_their_fault(name: str, data: st.DataObject) -> None:
    payload, path, code = data.draw(invalid_wire_payloads(gs.MODELS[name]))
    findings = gs.lint(payload, shape=name)
    assert (SCHEMA_RULES[code], path) in {(f.rule, f.path) for f in findings}


# -- the posture oracle --------------------------------------------------------------------------

# Each target: (wire member, its mode member, the rule that says it is not encrypted).
TARGETS = {
    "S3Encryption": ("S3EncryptionMode", "GS203"),
    "CloudWatchEncryption": ("CloudWatchEncryptionMode", "GS204"),
    "JobBookmarksEncryption": ("JobBookmarksEncryptionMode", "GS205"),
    "DataQualityEncryption": ("DataQualityEncryptionMode", "GS206"),
}


def encrypted(configuration: dict[str, Any], target: str) -> bool:
    """A target is encrypted when some block of it names a mode other than DISABLED."""
    mode_member = TARGETS[target][0]
    value = configuration.get(target)
    blocks = value if isinstance(value, list) else [] if value is None else [value]
    return any(block.get(mode_member, "DISABLED") != "DISABLED" for block in blocks)


def oracle(configuration: dict[str, Any], targets: list[str]) -> set[str]:
    return {TARGETS[t][1] for t in targets if not encrypted(configuration, t)}


POSTURE = {rule for _, rule in TARGETS.values()}


@given(wire_payloads(gs.EncryptionConfiguration))
def test_posture_of_a_payload(configuration: dict[str, Any]) -> None:
    findings = gs.lint(configuration, shape="EncryptionConfiguration")
    assert {f.rule for f in findings} & POSTURE == oracle(configuration, list(TARGETS))


def as_template(configuration: dict[str, Any]) -> dict[str, Any]:
    properties = {
        ("S3Encryptions" if key == "S3Encryption" else key): value
        for key, value in configuration.items()
        if key != "DataQualityEncryption"
    }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Conf": {
                "Type": "AWS::Glue::SecurityConfiguration",
                "Properties": {"Name": "conf", "EncryptionConfiguration": properties},
            }
        },
    }


def snake(name: str) -> str:
    """A wire name as Terraform spells it (`CloudWatch` is one word there)."""
    out = "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
    return out.replace("cloud_watch", "cloudwatch")


def as_block(value: dict[str, Any]) -> list[dict[str, Any]]:
    return [{snake(key): item for key, item in value.items()}]


def as_plan(configuration: dict[str, Any]) -> dict[str, Any]:
    blocks = {
        snake(key): [as_block(item)[0] for item in value]
        if isinstance(value, list)
        else as_block(value)
        for key, value in configuration.items()
        if key != "DataQualityEncryption"
    }
    after = {"name": "conf", "encryption_configuration": [blocks]}
    change = {"actions": ["create"], "before": None, "after": after, "after_unknown": {}}
    return {
        "format_version": "1.2",
        "resource_changes": [
            {
                "address": "aws_glue_security_configuration.conf",
                "mode": "managed",
                "type": "aws_glue_security_configuration",
                "name": "conf",
                "change": change,
            }
        ],
    }


def test_snake_case_names() -> None:
    assert snake("S3EncryptionMode") == "s3_encryption_mode"
    assert snake("CloudWatchEncryption") == "cloudwatch_encryption"
    assert snake("KmsKeyArn") == "kms_key_arn"


@given(wire_payloads(gs.EncryptionConfiguration))
def test_posture_of_a_template_and_a_plan(configuration: dict[str, Any]) -> None:
    expressible = ["S3Encryption", "CloudWatchEncryption", "JobBookmarksEncryption"]
    expected = oracle(configuration, expressible)
    for document in (as_template(configuration), as_plan(configuration)):
        findings = gs.lint(document)
        assert {f.rule for f in findings} & POSTURE == expected
        assert not [f for f in findings if RULES[f.rule].kind == "schema"]


# -- hostile input -------------------------------------------------------------------------------

KEYS = st.sampled_from(
    [
        "S3Encryptions",
        "S3Encryption",
        "S3EncryptionMode",
        "KmsKeyArn",
        "EncryptionConfiguration",
        "EncryptionAtRest",
        "CatalogEncryptionMode",
        "ConnectionPasswordEncryption",
        "ReturnConnectionPasswordEncrypted",
        "PolicyInJson",
        "Ref",
        "Fn::If",
        "encryption_configuration",
        "s3_encryption",
    ]
)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=4)
    | st.sampled_from(["SSE-KMS", "DISABLED", "CSE-KMS", "", "AWS::NoValue", '{"Statement":1}']),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=12,
)
TYPES = st.sampled_from(
    ["AWS::Glue::SecurityConfiguration", "AWS::Glue::DataCatalogEncryptionSettings"]
)


@given(JSON, TYPES)
def test_any_template_or_plan_content_lints(content: Any, resource_type: str) -> None:
    template = {"Resources": {"R": {"Type": resource_type, "Properties": content}}}
    plan = {
        "resource_changes": [
            {
                "type": "aws_glue_data_catalog_encryption_settings",
                "address": "a",
                "change": {"after": content, "after_unknown": content},
            }
        ],
        "planned_values": {"root_module": {"resources": [content]}},
    }
    for document in (template, plan):
        assert {f.rule for f in gs.lint(document, verbose=True)} <= set(RULES)
    for name in ("CreateSecurityConfiguration", "PutResourcePolicy"):
        gs.lint(content, operation=name)


def test_deep_nesting_costs_no_recursion() -> None:
    deep: Any = []
    for _ in range(5000):
        deep = [deep]
    resource = {"Type": "AWS::Glue::SecurityConfiguration", "Properties": {"Name": deep}}
    template = {"Resources": {"R": resource}}
    plan = {
        "resource_changes": [
            {
                "type": "aws_glue_security_configuration",
                "address": "a",
                "change": {"after": {"name": deep}, "after_unknown": {"name": deep}},
            }
        ]
    }
    for document in (template, plan):
        found = {(f.rule, f.path) for f in gs.lint(document)}
        assert found == {
            (SCHEMA_RULES["type"], "$.Name"),
            (SCHEMA_RULES["required"], "$.EncryptionConfiguration"),
        }


# -- reading templates -------------------------------------------------------------------------

YAML_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=6)
    | st.sampled_from(["yes", "No", "0x1F", "0o17", "1_000", "2024-05-06", "~", "<<", "1e3"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=4) | st.integers(), children, max_size=3)
    ),
    max_leaves=10,
)


@given(YAML_VALUES, st.sampled_from([None, False, True]))
def test_templates_read_as_pyyaml_reads_them(value: Any, flow: bool | None) -> None:
    import yaml

    from glue_security.documents.sources import load
    from glue_security.linter.inputs import cloudformation_yaml_loader

    text = yaml.safe_dump({"Resources": value}, default_flow_style=flow)
    ours = load("t.yaml", text.encode(), "yaml", yaml_loader=cloudformation_yaml_loader())
    assert ours.data == yaml.safe_load(text)


def test_what_the_quick_reading_leaves_to_pyyaml() -> None:
    from glue_security.documents.sources import load
    from glue_security.linter.inputs import cloudformation_yaml_loader

    text = (
        "base: &base {Mode: SSE-KMS, Key: !Ref Key}\n"
        "merged: {<<: *base, Key: other}\n"  # a merge key
        "shared: *base\n"  # an alias: the same value
        "when: 2024-05-06\n"  # a timestamp
        "hex: 0x1F\n"
        "flag: yes\n"
        "empty: !Tag {}\n"
    )
    data = load("t.yaml", text.encode(), "yaml", yaml_loader=cloudformation_yaml_loader()).data
    assert data["merged"] == {"Mode": "SSE-KMS", "Key": "other"}
    assert data["shared"] is data["base"] and data["base"]["Key"] == {"Ref": "Key"}
    assert str(data["when"]) == "2024-05-06"
    assert (data["hex"], data["flag"], data["empty"]) == (31, True, {"Fn::Tag": {}})
    repeated = load(
        "t.yaml", b"a: !Ref X\na: 2\n", "yaml", yaml_loader=cloudformation_yaml_loader()
    )
    assert (repeated.data, repeated.duplicates) == ({"a": 2}, (("a",),))
