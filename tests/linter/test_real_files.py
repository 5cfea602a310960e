"""`glue-security lint` on real files from public repositories (tests/data/real, each
file's source in the README there): every file is read, and each Glue resource gets the
findings a reviewer must see, and no others."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from glue_security.cli.main import main

REAL = Path(__file__).resolve().parents[1] / "data" / "real"

pytest.importorskip("hcl2", reason="python-hcl2 is not installed (the hcl extra)")
pytest.importorskip("yaml", reason="PyYAML is not installed")

# What each resource gets, by file and resource: the rules, in report order.
EXPECTED: dict[str, dict[str, list[str]]] = {
    # A CloudTrail event of another Glue operation: read, and nothing to check.
    "aws-glue-developer-guide/delete-crawler-event.json": {},
    # Each fixture puts its examples in one template: deployed, they share one name or one
    # catalog (GS110, GS111), as cfn-lint would also say.
    "checkov-cloudformation/GlueDataCatalogEncryption-FAILED.yml": {
        # "Disabled" is not the enum's DISABLED: the service rejects it.
        "Resource0": ["GS006"],
        "Resource1": ["GS111", "GS106", "GS201", "GS202"],
        "Resource2": ["GS002", "GS111"],
    },
    "checkov-cloudformation/GlueSecurityConfiguration-FAILED.yml": {
        # "KmsKeyArn" is no key ARN; S3Encryptions is a list in CloudFormation.
        "Resource0": ["GS204", "GS005", "GS103", "GS005", "GS001"],
        "Resource1": (
            ["GS110", "GS204", "GS005", "GS103", "GS205", "GS005", "GS103", "GS001", "GS203"]
        ),
        "Resource2": ["GS110", "GS203", "GS005", "GS005"],
        "Resource3": ["GS110", "GS204", "GS205", "GS001"],
    },
    "kics-terraform/negative/main.tf": {},
    # KICS's positives: a CloudWatch KMS mode without a key; bookmarks DISABLED (given,
    # or left to the provider's default).
    "kics-terraform/positive1/main.tf": {"aws_glue_security_configuration.positive1": ["GS102"]},
    "kics-terraform/positive2/main.tf": {
        "aws_glue_security_configuration.positive2": ["GS205", "GS103"]
    },
    "kics-terraform/positive3/main.tf": {
        "aws_glue_security_configuration.positive2": ["GS205", "GS103"]
    },
}


def test_every_real_file_is_read_and_gets_what_a_reviewer_must_see() -> None:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        main(["lint", "--format", "json", str(REAL)])
    found: dict[str, dict[str, list[str]]] = {}
    for result in json.loads(out.getvalue()):
        assert result["error"] is None, result
        name = Path(result["file"]).relative_to(REAL).as_posix()
        by_resource = found.setdefault(name, {})
        for entry in result["errors"]:
            by_resource.setdefault(entry["resource"], []).append(entry["code"])
    assert found == EXPECTED
