"""Rules across the resources of one template or Terraform module: one name for two
security configurations (GS110), two settings for one catalog (GS111), a job, crawler or
development endpoint with no security configuration (GS212) or a weak one defined beside
it (GS213), and one that names a configuration defined nowhere in the input (GS901)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from glue_security.cli.main import main
from glue_security.linter.rules.cross import CROSS_RULE_IDS

DATA = Path(__file__).resolve().parents[1] / "data" / "cross"

pytest.importorskip("yaml", reason="PyYAML is not installed")


def cross(*args: str) -> list[tuple[int, str, str, str]]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        main(["lint", "--format", "json", *args])
    return [
        (entry["line"], entry["code"], entry["resource"], entry["message"])
        for result in json.loads(out.getvalue())
        for entry in result["errors"]
        if entry["code"] in CROSS_RULE_IDS
    ]


def test_a_template() -> None:
    found = cross(str(DATA / "template.yaml"))
    assert [(line, code, resource) for line, code, resource, _ in found] == [
        (13, "GS110", "Again"),
        (25, "GS111", "Catalog2"),
        (32, "GS213", "Job"),
        (33, "GS212", "Crawler"),
        (42, "GS901", "Endpoint"),
    ]
    messages = {code: message for _, code, _, message in found}
    assert "'etl' is also Weak's" in messages["GS110"]
    # The job is reported, naming the configuration and each weak setting.
    assert "security configuration Weak" in messages["GS213"]
    assert "Amazon S3 encryption is disabled" in messages["GS213"]


def test_a_terraform_module() -> None:
    pytest.importorskip("hcl2", reason="python-hcl2 is not installed (the hcl extra)")
    found = cross(str(DATA / "terraform"))
    assert [(line, code, resource) for line, code, resource, _ in found] == [
        (15, "GS213", "aws_glue_job.uses_weak"),
        (21, "GS212", "aws_glue_crawler.none"),
        # No catalog_id, and the caller's account id: one catalog.
        (47, "GS111", "aws_glue_data_catalog_encryption_settings.b"),
        # Named by its literal name, the configuration is found all the same; a crawler is
        # weak only where CloudWatch is (a development endpoint only where Amazon S3 is).
        (66, "GS213", "aws_glue_crawler.by_name"),
    ]
    messages = {resource: message for _, _, resource, message in found}
    assert "CloudWatch" in messages["aws_glue_crawler.by_name"]
    assert "bookmark" not in messages["aws_glue_crawler.by_name"]
    assert "bookmark" in messages["aws_glue_job.uses_weak"]
    assert messages["aws_glue_crawler.none"].endswith(
        "no security configuration: its CloudWatch logs are not encrypted by AWS Glue"
    )


def test_suppressed_and_ignored(tmp_path: Path) -> None:
    text = (DATA / "template.yaml").read_text()
    text = text.replace(
        "  Crawler:\n    Type: AWS::Glue::Crawler\n",
        "  Crawler:\n    Type: AWS::Glue::Crawler\n    Metadata:\n"
        "      glue-security: {ignore: [GS212]}\n",
    )
    (tmp_path / "t.yaml").write_text(text)
    codes = [code for _, code, _, _ in cross(str(tmp_path / "t.yaml"))]
    assert "GS212" not in codes and "GS110" in codes
    codes = [code for _, code, _, _ in cross("--ignore", "GS11", str(tmp_path / "t.yaml"))]
    assert "GS110" not in codes and "GS111" not in codes and "GS213" in codes


def test_a_plan() -> None:
    found = cross(str(DATA / "plan.json"))
    assert [(line, code, resource) for line, code, resource, _ in found] == [
        (7, "GS213", "aws_glue_job.etl"),
        (9, "GS212", "aws_glue_crawler.raw"),
        # The endpoint's configuration is known after apply: nothing to say.
    ]


def test_the_api_reports_them_too() -> None:
    import yaml

    import glue_security as gs
    from glue_security.linter.inputs import cloudformation_yaml_loader

    template = yaml.load((DATA / "template.yaml").read_text(), cloudformation_yaml_loader())
    assert [f.rule for f in gs.lint(template) if f.rule in CROSS_RULE_IDS] == [
        "GS110",
        "GS111",
        "GS213",
        "GS212",
        "GS901",
    ]


def test_a_variables_default_that_decides_says_so() -> None:
    pytest.importorskip("hcl2", reason="python-hcl2 is not installed (the hcl extra)")
    ((line, code, resource, message),) = cross(str(DATA / "terraform-default"))
    assert (line, code, resource) == (7, "GS212", "aws_glue_job.etl")
    assert "default of variable security_configuration" in message


RAY_AND_SSE_S3 = """
resource "aws_glue_job" "ray" {
  name     = "ray"
  role_arn = "arn:aws:iam::111122223333:role/r"
  command {
    name            = "glueray"
    script_location = "s3://b/s.py"
  }
}

resource "aws_glue_job" "sse" {
  name     = "sse"
  role_arn = "arn:aws:iam::111122223333:role/r"
  command {
    script_location = "s3://b/s.py"
  }
  default_arguments = {
    "--encryption-type" = "sse-s3"
  }
}
"""


def test_a_ray_job_takes_no_configuration_and_sse_s3_output_is_said(tmp_path: Path) -> None:
    """Security configurations are not supported in Ray jobs (the developer guide), so a Ray
    job is not asked for one; a job whose --encryption-type is sse-s3 is, for its logs and
    bookmarks, and the finding says its S3 output is SSE-S3."""
    pytest.importorskip("hcl2", reason="python-hcl2 is not installed (the hcl extra)")
    (tmp_path / "main.tf").write_text(RAY_AND_SSE_S3)
    found = cross(str(tmp_path))
    assert [(code, resource) for _, code, resource, _ in found] == [
        ("GS212", "aws_glue_job.sse")
    ]
    message = found[0][3]
    assert "its logs and its job bookmarks are not encrypted" in message
    assert "SSE-S3, as its --encryption-type argument asks" in message


def test_a_ray_job_and_an_sse_s3_argument_in_a_template(tmp_path: Path) -> None:
    def job(command: str, arguments: dict[str, str]) -> dict[str, object]:
        properties = {
            "Role": "arn:aws:iam::111122223333:role/r",
            "Command": {"Name": command, "ScriptLocation": "s3://b/s.py"},
            "DefaultArguments": arguments,
        }
        return {"Type": "AWS::Glue::Job", "Properties": properties}

    template = {
        "Resources": {
            "Ray": job("glueray", {}),
            "SseS3": job("glueetl", {"--encryption-type": "sse-s3"}),
            "Plain": job("glueetl", {"--job-bookmark-option": "job-bookmark-enable"}),
        }
    }
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps(template))
    found = {resource: message for _, code, resource, message in cross(str(path))}
    assert sorted(found) == ["Plain", "SseS3"]
    assert "what it writes to Amazon S3, its logs and its job bookmarks" in found["Plain"]
    assert "SSE-S3, as its --encryption-type argument asks" in found["SseS3"]
