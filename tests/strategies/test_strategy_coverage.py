"""The strategies reach what matters: edges, every partition and enum value, both presence
states of each optional member, and every error code. Each check generates until the first
example that shows it (no shrinking), so the whole file stays fast."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import glue_security as gs
from glue_security.strategies import (
    glue_resource_arns,
    iam_role_arns,
    invalid_wire_payloads,
    kms_key_arns,
    models,
    policy_documents,
    timestamps,
)


class Reached(Exception):
    """Raised by a search at the first example that meets its condition."""


PARTITIONS = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f"]


def reaches(strategy: st.SearchStrategy[Any], condition: Callable[[Any], bool]) -> None:
    """Fail unless `strategy` yields a value meeting `condition` within 3000 examples."""

    @settings(
        max_examples=3000,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def search(value: Any) -> None:
        if condition(value):
            raise Reached

    with pytest.raises(Reached):
        search()


def size(text: str | None) -> int:
    return len((text or "").encode("utf-8"))


NAMES = models(gs.GetSecurityConfigurationRequest).map(lambda r: r.name)


@pytest.mark.parametrize(
    "condition",
    [
        lambda n: size(n) == 255,
        lambda n: size(n) == 255 and not n.isascii(),  # the edge met with multibyte text
        lambda n: size(n) == 1,
        lambda n: "\t" in n,
        lambda n: any(0x80 <= ord(c) <= 0x7FF for c in n),
        lambda n: any(0x800 <= ord(c) <= 0xFFFF for c in n),
        lambda n: any(ord(c) > 0xFFFF for c in n),  # supplementary characters
        lambda n: 1 < size(n) < 255,
    ],
    ids=["255-bytes", "255-bytes-multibyte", "1-byte", "tab", "2-byte", "3-byte", "4-byte", "mid"],
)
def test_names_reach(condition: Callable[[str], bool]) -> None:
    reaches(NAMES, condition)


@pytest.mark.parametrize("partition", PARTITIONS)
def test_kms_key_arns_in_every_partition(partition: str) -> None:
    def plausible(arn: str) -> bool:
        region, account, resource = arn.split(":")[3:6]
        return bool(region) and account.isdigit() and len(account) == 12 and resource != ""

    reaches(kms_key_arns(), lambda a: a.startswith(f"arn:{partition}:kms:") and plausible(a))
    reaches(kms_key_arns(), lambda a: ":key/" in a)
    reaches(kms_key_arns(), lambda a: ":alias/" in a)


def test_kms_key_arns_include_the_empty_string() -> None:
    reaches(kms_key_arns(), lambda a: a == "")


@pytest.mark.parametrize("partition", PARTITIONS)
def test_glue_and_iam_arns_in_every_partition(partition: str) -> None:
    reaches(glue_resource_arns(), lambda a: a.startswith(f"arn:{partition}:glue:"))
    reaches(iam_role_arns(), lambda a: a.startswith(f"arn:{partition}:iam::"))


def test_glue_resource_arn_reaches_its_maximum() -> None:
    reaches(models(gs.GetResourcePolicyRequest), lambda r: size(r.resource_arn) == 10240)


def test_policies_are_iam_documents_and_reach_both_edges() -> None:
    policies = models(gs.PutResourcePolicyRequest).map(lambda r: r.policy_in_json)
    reaches(policies, lambda p: p == "{}")
    reaches(policies, lambda p: size(p) == 10240)

    def full_statement(text: str) -> bool:
        doc = json.loads(text)
        statements = doc.get("Statement", [])
        return doc.get("Version") == "2012-10-17" and any(
            {"Effect", "Principal", "Action", "Resource", "Condition"} <= set(s) for s in statements
        )

    reaches(policy_documents(), full_statement)


def test_timestamps_with_and_without_fractions() -> None:
    reaches(timestamps(), lambda t: t.microsecond == 0 and t.year > 1970)
    reaches(timestamps(), lambda t: t.microsecond != 0)


def test_page_size_edges() -> None:
    sizes = models(gs.GetSecurityConfigurationsRequest).map(lambda r: r.max_results)
    reaches(sizes, lambda n: n == 1)
    reaches(sizes, lambda n: n == 1000)


def _enum_members() -> list[Any]:
    cases = []
    for model_name, model in gs.MODELS.items():
        for attr_name, spec in gs.members(model).items():
            if isinstance(spec.shape, gs.EnumShape):
                for value in spec.shape.enum:
                    cases.append(
                        pytest.param(
                            model, attr_name, value, id=f"{model_name}.{attr_name}={value}"
                        )
                    )
    return cases


@pytest.mark.parametrize(("model", "attr_name", "value"), _enum_members())
def test_every_enum_value_appears(
    model: type[gs.Model], attr_name: str, value: gs.WireEnum
) -> None:
    reaches(models(model), lambda m: getattr(m, attr_name) is value)


def _optional_members() -> list[Any]:
    return [
        pytest.param(model, attr_name, id=f"{model_name}.{attr_name}")
        for model_name, model in gs.MODELS.items()
        for attr_name, spec in gs.members(model).items()
        if not spec.required
    ]


@pytest.mark.parametrize(("model", "attr_name"), _optional_members())
def test_optional_members_present_and_absent(model: type[gs.Model], attr_name: str) -> None:
    reaches(models(model), lambda m: getattr(m, attr_name) is None)
    reaches(models(model), lambda m: getattr(m, attr_name) is not None)


# Every code, and a model whose invalid payloads reach it.
CODES = {
    "type": gs.GetSecurityConfigurationsResponse,
    "required": gs.CreateSecurityConfigurationRequest,
    "unknown": gs.CreateSecurityConfigurationRequest,
    "length": gs.PutResourcePolicyRequest,
    "pattern": gs.EncryptionAtRest,
    "enum": gs.PutResourcePolicyRequest,
    "range": gs.GetResourcePoliciesRequest,
    "json": gs.GluePolicy,
}


def test_codes_cover_everything_the_library_reports() -> None:
    from glue_security import ErrorCode

    # A repeated key is a property of JSON text, which no wire dict can hold: from_json's
    # tests cover it (test_hostile_coercion.py).
    text_only = {"duplicate"}
    assert set(CODES) | text_only == set(ErrorCode.__args__)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("code", "model"), sorted(CODES.items()), ids=sorted(CODES))
def test_invalid_payloads_reach_every_code(code: str, model: type[gs.Model]) -> None:
    reaches(invalid_wire_payloads(model), lambda fault: fault[2] == code)


def test_responses_are_never_faulted_by_additions() -> None:
    # Responses keep unknown members and enum values, so those cannot be their faults.
    @settings(max_examples=200, database=None)
    @given(invalid_wire_payloads(gs.GetDataCatalogEncryptionSettingsResponse))
    def check(fault: tuple[Any, str, str]) -> None:
        assert fault[2] not in {"unknown", "enum"}

    check()


def test_deep_paths_are_reached() -> None:
    reaches(
        invalid_wire_payloads(gs.CreateSecurityConfigurationRequest),
        lambda f: (
            f[1] == "$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn" and f[2] == "pattern"
        ),
    )


@pytest.mark.parametrize("name", sorted(gs.MODELS))
def test_shrinking_ends_at_the_smallest_instance(name: str) -> None:
    model = gs.MODELS[name]
    smallest = find(models(model), lambda _: True, settings=settings(database=None))
    for attr_name, spec in gs.members(model).items():
        value = getattr(smallest, attr_name)
        if not spec.required:
            assert value is None, attr_name
        elif isinstance(spec.shape, gs.EnumShape):
            assert value is next(iter(spec.shape.enum)), attr_name
        elif isinstance(spec.shape, gs.StringShape) and spec.shape.json is None:
            assert value == "a", attr_name
        elif isinstance(spec.shape, gs.StringShape):
            assert len(json.loads(value)["Statement"]) == 1, attr_name


def test_shrunk_values_read_plainly() -> None:
    def smallest(strategy: st.SearchStrategy[Any], condition: Callable[[Any], bool]) -> Any:
        return find(strategy, condition, settings=settings(database=None))

    assert smallest(timestamps(), lambda _: True) == datetime(1970, 1, 1, tzinfo=timezone.utc)
    assert json.loads(smallest(policy_documents(), lambda p: p != "{}")) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "glue:GetDatabase",
                "Resource": "arn:aws:glue:us-east-1:000000000000:catalog",
            }
        ],
    }
    assert smallest(glue_resource_arns(), lambda _: True) == (
        "arn:aws:glue:us-east-1:000000000000:catalog"
    )
    arn = smallest(kms_key_arns(), lambda a: a != "")
    assert arn.startswith("arn:aws:kms:us-east-1:") and len(arn) < 90
