"""`glue-security lint` on Terraform's JSON syntax as CDK for Terraform writes it (hand-written
here, so that it is checked without Node.js; tests/linter/test_lint_cdktf_synth.py checks the
real output): one block of a nested block type as an object instead of an array, `"//"`
comment properties (cdktf's metadata), `jsonencode(...)` with quoted keys inside a template,
`terraform.backend`, `provider` as an array."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import glue_security as gs
from glue_security.documents.hcl import Call
from glue_security.documents.hcl_json import template_of

from ..helpers import DATA, lint_report

MODULE = DATA / "lint" / "terraform-json"

OPEN_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "glue:GetTable", "Resource": "*"}
    ],
}


def findings(*args: str) -> list[str]:
    _, report = lint_report(*args)
    assert all(result["error"] is None for result in report), report
    return [
        f"{entry['line']}:{entry['column']} {entry['code']} {entry['resource']} {entry['path']}"
        for result in report
        for entry in result["errors"]
    ]


def test_one_block_as_an_object_reads_as_a_block_of_one() -> None:
    """`"s3_encryption": {...}` is the one S3 encryption block (not "expected an array" and
    a false "S3 encryption is disabled"); the array form beside it reads alike; findings
    carry the resource address and the block's line and column; the `"//"` metadata, the
    backend and the provider array cause nothing."""
    assert findings(str(MODULE / "main.tf.json")) == [
        "48:11 GS203 aws_glue_security_configuration.s3_disabled "
        "$.EncryptionConfiguration.S3Encryption",
        # The bookmarks' mode left out: the provider's default, DISABLED.
        "53:11 GS205 aws_glue_security_configuration.s3_disabled "
        "$.EncryptionConfiguration.JobBookmarksEncryption",
        "53:40 GS103 aws_glue_security_configuration.s3_disabled "
        "$.EncryptionConfiguration.JobBookmarksEncryption.KmsKeyArn",
        # The data source's statement and principals are objects too, beside its "//".
        "69:9 GS207 aws_glue_resource_policy.open $.PolicyInJson",
    ]


def test_the_job_using_the_encrypted_configuration_is_clean() -> None:
    _, report = lint_report("--verbose", str(MODULE / "main.tf.json"))
    jobs = [entry for entry in report[0]["errors"] if entry["resource"] == "aws_glue_job.etl"]
    assert jobs == []


def test_a_comment_property_suppresses_as_a_comment_does() -> None:
    """`"//": "glue-security:ignore GS212"`, or cdktf's `addOverride("//.glue-security",
    "ignore GS212")`, which writes `"//": {"glue-security": "ignore GS212", ...}`, suppress
    for that resource what `# glue-security:ignore GS212` suppresses in a `.tf` block (the
    crawler and the endpoint of main.tf.json have no security configuration)."""
    data = json.loads((MODULE / "main.tf.json").read_text())
    resources = data["resource"]
    found = [(f.rule, f.resource) for f in gs.lint(data) if f.rule == "GS212"]
    assert found == []
    for kind in ("aws_glue_crawler", "aws_glue_dev_endpoint"):
        del resources[kind]["accepted"]["//"]
    found = [(f.rule, f.resource) for f in gs.lint(data) if f.rule == "GS212"]
    assert found == [
        ("GS212", "aws_glue_crawler.accepted"),
        ("GS212", "aws_glue_dev_endpoint.accepted"),
    ]


def configuration(encryption: dict[str, Any]) -> dict[str, Any]:
    return {
        "resource": {
            "aws_glue_security_configuration": {
                "c": {"name": "c", "encryption_configuration": encryption}
            }
        }
    }


def test_one_object_and_an_array_of_one_give_the_same_findings() -> None:
    blocks = {
        "s3_encryption": {"s3_encryption_mode": "DISABLED"},
        "cloudwatch_encryption": {"cloudwatch_encryption_mode": "SSE-KMS"},
        "job_bookmarks_encryption": {},
    }
    as_object = [(f.rule, f.path) for f in gs.lint(configuration(blocks))]
    as_arrays = [
        (f.rule, f.path)
        for f in gs.lint(configuration({name: [body] for name, body in blocks.items()}))
    ]
    assert as_object == as_arrays
    assert [rule for rule, _ in as_object] == ["GS203", "GS205", "GS102"]


def test_jsonencode_with_quoted_keys_in_a_template_is_decided() -> None:
    """cdktf's Fn.jsonencode writes `${jsonencode({"Version" = ...})}`: the quotes inside
    the interpolation belong to the expression and are not escaped a second time."""
    text = "${jsonencode(" + hcl_object(OPEN_POLICY) + ")}"
    assert template_of(text) == Call("jsonencode", (OPEN_POLICY,))
    document = {"resource": {"aws_glue_resource_policy": {"p": {"policy": text}}}}
    assert [f.rule for f in gs.lint(document)] == ["GS207"]


def test_templates_keep_their_literal_parts_and_nested_strings() -> None:
    template = template_of('a "quoted" ${format("%s-${var.x}", "}")}\n$${kept}')
    assert not isinstance(template, str)
    assert [part if isinstance(part, str) else type(part).__name__ for part in template.parts] == [
        'a "quoted" ',
        "Call",
        "\n",
        "${kept}",
    ]
    assert type(template_of("${var.never_closed")).__name__ == "Expression"


def test_deeply_nested_templates_are_refused_not_a_crash() -> None:
    deep = '${"' * 5000 + "x" + '"}' * 5000
    assert type(template_of(deep)).__name__ == "Expression"
    document = {"resource": {"aws_glue_resource_policy": {"p": {"policy": deep}}}}
    assert [f.rule for f in gs.lint(document)] == []


def test_a_comment_property_is_no_block() -> None:
    document = configuration({"s3_encryption": {"s3_encryption_mode": "DISABLED"}})
    document["resource"]["aws_glue_security_configuration"]["//"] = {"name": "comment"}
    document["resource"]["//"] = {"comment": {"encryption_configuration": {}}}
    assert [(f.rule, f.resource) for f in gs.lint(document)] == [
        ("GS203", "aws_glue_security_configuration.c"),
        ("GS204", "aws_glue_security_configuration.c"),
        ("GS205", "aws_glue_security_configuration.c"),
    ]


def hcl_object(value: Any) -> str:
    """`value` in native syntax, as cdktf writes an object inside `jsonencode(...)`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {hcl_object(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(hcl_object(item) for item in value) + "]"
    return json.dumps(value)


def test_a_key_id_where_a_key_arn_belongs_is_a_pattern_error(tmp_path: Path) -> None:
    """A KMS key's `id` or `key_id` is its key ID and an alias's `name` its name (the
    provider's documentation): neither can ever match a KMS key ARN's pattern, in JSON or
    native syntax; `.arn` is left unknown."""
    document = configuration(
        {
            "s3_encryption": {
                "s3_encryption_mode": "SSE-KMS",
                "kms_key_arn": "${aws_kms_key.k.id}",
            },
            "cloudwatch_encryption": {
                "cloudwatch_encryption_mode": "SSE-KMS",
                "kms_key_arn": "${aws_kms_alias.a.name}",
            },
            "job_bookmarks_encryption": {
                "job_bookmarks_encryption_mode": "CSE-KMS",
                "kms_key_arn": "${aws_kms_key.k.arn}",
            },
        }
    )
    found = [(f.rule, f.path, f.message) for f in gs.lint(document)]
    assert found == [
        (
            "GS005",
            "$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn",
            "aws_kms_key.k.id can never be a KMS key ARN: it gives the aws_kms_key's key ID; "
            "aws_kms_key.k.arn gives its ARN",
        ),
        (
            "GS005",
            "$.EncryptionConfiguration.CloudWatchEncryption.KmsKeyArn",
            "aws_kms_alias.a.name can never be a KMS key ARN: it gives the aws_kms_alias's "
            "alias name",
        ),
    ]
    (tmp_path / "main.tf").write_text(
        'resource "aws_glue_security_configuration" "c" {\n'
        '  name = "c"\n'
        "  encryption_configuration {\n"
        "    s3_encryption {\n"
        '      s3_encryption_mode = "SSE-KMS"\n'
        "      kms_key_arn        = aws_kms_replica_key.r.key_id\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    assert findings("--ignore", "GS204,GS205", str(tmp_path / "main.tf")) == [
        "6:7 GS005 aws_glue_security_configuration.c "
        "$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn"
    ]


def resource_policy(policy: str, **data: Any) -> dict[str, Any]:
    return {
        "data": {"aws_caller_identity": {"current": {}}, **data},
        "resource": {"aws_glue_resource_policy": {"p": {"policy": policy}}},
    }


ACCOUNT = "data.aws_caller_identity.current.account_id"


@pytest.mark.parametrize(
    ("statement", "rules"),
    [
        # The account is known at plan time only: the resource's ARN is partly unknown,
        # the principal and the absent condition still decide that the policy is open.
        ('"Principal" = "*"', ["GS207"]),
        (f'"Principal" = {{"AWS" = "arn:aws:iam::${{{ACCOUNT}}}:root"}}', []),
        (
            f'"Principal" = "*", "Condition" = {{"StringEquals" = '
            f'{{"aws:PrincipalAccount" = {ACCOUNT}}}}}',
            [],
        ),
        # Where the unknown part decides what the policy grants, the policy is unknown.
        (f'"Principal" = {ACCOUNT}', []),
        (f'"Principal" = "*", "Condition" = {ACCOUNT}', []),
        (f'"Principal" = "*", "Condition" = {{"StringEquals" = {ACCOUNT}}}', []),
    ],
)
def test_a_policy_partly_known_at_plan_time(statement: str, rules: list[str]) -> None:
    text = (
        '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", '
        '"Action" = "glue:GetTable", '
        f'"Resource" = "arn:aws:glue:us-east-1:${{{ACCOUNT}}}:catalog", {statement}'
        "}]})}"
    )
    assert [f.rule for f in gs.lint(resource_policy(text))] == rules


def test_a_policy_document_partly_known_at_plan_time() -> None:
    def document(principals: Any) -> dict[str, Any]:
        statement = {"actions": ["glue:GetTable"], "resources": ["*"], "principals": principals}
        return {"aws_iam_policy_document": {"d": {"statement": [statement]}}}

    policy = "${data.aws_iam_policy_document.d.json}"
    open_to_all = {"type": "AWS", "identifiers": ["*", f"${{{ACCOUNT}}}"]}
    assert [f.rule for f in gs.lint(resource_policy(policy, **document(open_to_all)))] == [
        "GS207"
    ]
    unknown_type = {"type": "${var.kind}", "identifiers": ["*"]}
    found = gs.lint(resource_policy(policy, **document(unknown_type)), verbose=True)
    assert [f.rule for f in found] == ["GS900"]
