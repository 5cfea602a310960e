"""Terraform plans and state in the forms Terraform writes them (hand-written here, so that
they are checked without Terraform; tests/linter/test_lint_terraform_real.py has Terraform
write them): a job, crawler or development endpoint whose `security_configuration` is known
only after apply (`aws_glue_security_configuration.X.id`) is linked to X by the plan's
`configuration` part, and a state's empty strings are unset members."""

from __future__ import annotations

from typing import Any

import pytest

import glue_security as gs

WEAK = "aws_glue_security_configuration.weak"
STRONG = "aws_glue_security_configuration.strong"
WEAK_VALUES = {
    "name": "weak",
    "encryption_configuration": [
        {
            "cloudwatch_encryption": [{"cloudwatch_encryption_mode": "DISABLED"}],
            "job_bookmarks_encryption": [{"job_bookmarks_encryption_mode": "DISABLED"}],
            "s3_encryption": [{"s3_encryption_mode": "DISABLED"}],
        }
    ],
}
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
STRONG_VALUES = {
    "name": "strong",
    "encryption_configuration": [
        {
            "cloudwatch_encryption": [
                {"cloudwatch_encryption_mode": "SSE-KMS", "kms_key_arn": KEY}
            ],
            "job_bookmarks_encryption": [
                {"job_bookmarks_encryption_mode": "CSE-KMS", "kms_key_arn": KEY}
            ],
            "s3_encryption": [{"s3_encryption_mode": "SSE-KMS", "kms_key_arn": KEY}],
        }
    ],
}


def change(address: str, after: dict[str, Any], unknown: dict[str, Any]) -> dict[str, Any]:
    kind = address.split(".")[-2]
    return {
        "address": address,
        "mode": "managed",
        "type": kind,
        "change": {"actions": ["create"], "after": after, "after_unknown": unknown},
    }


def job(address: str, references: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A job whose security configuration is known after apply, and its configuration."""
    planned = change(address, {"name": "j"}, {"security_configuration": True})
    configured = {
        "address": address.split(".", 2)[-1] if address.startswith("module.") else address,
        "mode": "managed",
        "type": "aws_glue_job",
        "expressions": {"security_configuration": {"references": references}},
    }
    return planned, configured


def plan(*jobs: tuple[dict[str, Any], dict[str, Any]], prefix: str = "") -> dict[str, Any]:
    """A plan of the weak and strong configurations and `jobs`, each in module `prefix`
    (`module.m.`; its resources' configuration in that module call) or in the root."""
    changes = [
        change(f"{prefix}{WEAK}", WEAK_VALUES, {}),
        change(f"{prefix}{STRONG}", STRONG_VALUES, {}),
        *(planned for planned, _ in jobs),
    ]
    module: dict[str, Any] = {"resources": [configured for _, configured in jobs]}
    if prefix:
        name = prefix.split(".")[1].split("[")[0]
        module = {"module_calls": {name: {"source": "./m", "module": module}}}
    return {
        "format_version": "1.2",
        "planned_values": {"root_module": {}},
        "resource_changes": changes,
        "configuration": {"root_module": module},
    }


def job_findings(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (finding.rule, finding.resource)
        for finding in gs.lint(document)
        if finding.resource is not None and "aws_glue_job" in finding.resource
    ]


@pytest.mark.parametrize("attribute", ["id", "name"])
def test_a_reference_known_after_apply_leads_to_the_configuration(attribute: str) -> None:
    weak = job("aws_glue_job.weak", [f"{WEAK}.{attribute}", WEAK])
    strong = job("aws_glue_job.strong", [f"{STRONG}.{attribute}", STRONG])
    found = gs.lint(plan(weak, strong))
    (uses_weak,) = (f for f in found if f.rule == "GS213")
    assert uses_weak.resource == "aws_glue_job.weak"
    assert WEAK in uses_weak.message
    # Reported at the expression that names the configuration.
    assert uses_weak.location == (
        "configuration",
        "root_module",
        "resources",
        0,
        "expressions",
        "security_configuration",
    )
    assert uses_weak.path == "$.security_configuration"


def test_an_instance_of_a_counted_configuration() -> None:
    document = plan(job("aws_glue_job.j", [f"{WEAK}[0].id", f"{WEAK}[0]", WEAK]))
    document["resource_changes"][0]["address"] = f"{WEAK}[0]"
    assert job_findings(document) == [("GS213", "aws_glue_job.j")]


def test_a_reference_in_a_module_is_to_the_same_module() -> None:
    prefix = 'module.m["a"].'
    document = plan(job(f"{prefix}aws_glue_job.j", [f"{WEAK}.id", WEAK]), prefix=prefix)
    assert job_findings(document) == [("GS213", f"{prefix}aws_glue_job.j")]
    # The same reference from the root names no configuration of the root.
    moved = plan(job(f"{prefix}aws_glue_job.j", [f"{WEAK}.id", WEAK]), prefix=prefix)
    moved["configuration"]["root_module"] = moved["configuration"]["root_module"]["module_calls"][
        "m"
    ]["module"]
    assert job_findings(moved) == []


@pytest.mark.parametrize(
    "references",
    [
        # `var.strong ? aws_glue_security_configuration.strong.id : ....weak.id`
        [f"{STRONG}.id", STRONG, f"{WEAK}.id", WEAK, "var.strong"],
        ["var.configuration"],
        ["aws_glue_security_configuration.elsewhere.id"],
        [],
    ],
)
def test_no_one_configuration_no_link(references: list[str]) -> None:
    """Known after apply, and not one configuration of the plan: nothing to say."""
    assert job_findings(plan(job("aws_glue_job.j", references))) == []


def test_a_states_empty_strings_are_unset() -> None:
    """The provider writes an unset string as "" in the state, and sends no member for it."""
    settings = {
        "catalog_id": "123456789012",
        "data_catalog_encryption_settings": [
            {
                "connection_password_encryption": [
                    {"aws_kms_key_id": "", "return_connection_password_encrypted": True}
                ],
                "encryption_at_rest": [
                    {
                        "catalog_encryption_mode": "SSE-KMS",
                        "catalog_encryption_service_role": "",
                        "sse_aws_kms_key_id": "",
                    }
                ],
            }
        ],
    }
    resource = {
        "address": "aws_glue_data_catalog_encryption_settings.s",
        "mode": "managed",
        "type": "aws_glue_data_catalog_encryption_settings",
        "values": settings,
    }
    state = {"format_version": "1.0", "values": {"root_module": {"resources": [resource]}}}
    # What the same settings with no key give: the AWS managed key's notes, no error.
    assert sorted(f.rule for f in gs.lint(state)) == ["GS107", "GS112"]
