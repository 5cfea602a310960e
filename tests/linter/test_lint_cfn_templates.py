"""Templates as real ones write them: loops of `Fn::ForEach`, dynamic references, names
built by `!Sub`, conditions, parameters' defaults, and what CloudFormation requires beyond
the API. Each template is small and written here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import glue_security as gs
from glue_security.linter.rules import RULES
from glue_security.linter.rules.notes import MOST_RESOURCES

from ..helpers import lint_report

pytest.importorskip("yaml", reason="PyYAML is not installed")

ROLE = "arn:aws:iam::111122223333:role/glue"
KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def lint_yaml(tmp_path: Path, text: str, *args: str) -> tuple[int, list[tuple[Any, ...]]]:
    """The exit status, and each finding as (line, column, rule, resource, message)."""
    path = tmp_path / "template.yaml"
    path.write_text(text, encoding="utf-8")
    code, report = lint_report(*args, str(path))
    return code, [
        (entry["line"], entry["column"], entry["code"], entry["resource"], entry["message"])
        for result in report
        for entry in result["errors"]
    ]


def rules(found: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [(line, rule, resource) for line, _, rule, resource, _ in found]


def test_a_dynamic_reference_names_a_configuration_known_at_deploy(tmp_path: Path) -> None:
    text = f"""\
Resources:
  Job:
    Type: AWS::Glue::Job
    Properties:
      Role: {ROLE}
      SecurityConfiguration: "{{{{resolve:ssm:/etl/security-configuration-name}}}}"
  Crawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: {ROLE}
      CrawlerSecurityConfiguration: "{{{{resolve:ssm:/etl/crawler}}}}"
"""
    code, found = lint_yaml(tmp_path, text)
    assert (code, found) == (0, [])
    code, found = lint_yaml(tmp_path, text, "--verbose")
    assert rules(found) == [(6, "GS900", "Job"), (11, "GS900", "Crawler")]
    assert "not known until deploy (dynamic reference)" in found[0][4]


CATALOG = """\
  {name}:
    Type: AWS::Glue::DataCatalogEncryptionSettings
{condition}    Properties:
{catalog_id}      DataCatalogEncryptionSettings:
        EncryptionAtRest: {{CatalogEncryptionMode: SSE-KMS, SseAwsKmsKeyId: alias/cat}}
        ConnectionPasswordEncryption:
          {{ReturnConnectionPasswordEncrypted: true, KmsKeyId: alias/cat}}
"""


def catalog(name: str, condition: str = "", catalog_id: str = "") -> str:
    return CATALOG.format(
        name=name,
        condition=f"    Condition: {condition}\n" if condition else "",
        catalog_id=f"      CatalogId: {catalog_id}\n" if catalog_id else "",
    )


def test_cloudformation_requires_a_catalog_id(tmp_path: Path) -> None:
    """AWS::Glue::DataCatalogEncryptionSettings requires CatalogId (its resource schema;
    cfn-lint E3003), though the API takes the caller's account without it."""
    given = "Resources:\n" + catalog("Given", catalog_id="!Ref AWS::AccountId")
    assert lint_yaml(tmp_path, given) == (0, [])
    code, found = lint_yaml(tmp_path, "Resources:\n" + catalog("Cat"))
    assert code == 1
    assert [(line, column, rule, resource) for line, column, rule, resource, _ in found] == [
        (4, 5, "GS002", "Cat")
    ]
    assert "CatalogId is required by AWS::Glue::DataCatalogEncryptionSettings" in found[0][4]


def test_an_empty_parameter_default_as_a_kms_key(tmp_path: Path) -> None:
    """A `!Ref` parameter whose Default is "" gives SSE-KMS no key whenever the deploy
    keeps the default: a warning naming the parameter (a literal "" is GS102)."""
    text = f"""\
Parameters:
  BucketKey: {{Type: String, Default: ""}}
  GoodKey: {{Type: String, Default: "{KEY}"}}
Resources:
  Conf:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: c
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: SSE-KMS
            KmsKeyArn: !Ref BucketKey
        CloudWatchEncryption: {{CloudWatchEncryptionMode: SSE-KMS, KmsKeyArn: !Ref GoodKey}}
        JobBookmarksEncryption: {{JobBookmarksEncryptionMode: CSE-KMS, KmsKeyArn: !Ref GoodKey}}
"""
    code, found = lint_yaml(tmp_path, text)
    assert (code, rules(found)) == (1, [(12, "GS113", "Conf")])
    assert found[0][4] == (
        "parameter BucketKey's default: S3EncryptionMode SSE-KMS with an empty key: give the "
        "ARN of the KMS key to use"
    )


# -- Fn::ForEach ---------------------------------------------------------------------------

LOOPED_JOBS = """\
Transform: AWS::LanguageExtensions
Parameters:
  Jobs: {Type: CommaDelimitedList, Default: "a,b"}
Resources:
  Fn::ForEach::Jobs:
    - JobName
    - COLLECTION
    - Job${JobName}:
        Type: AWS::Glue::Job
        Properties:
          Role: r
          Command: {Name: glueetl, ScriptLocation: !Sub "s3://scripts/${JobName}.py"}
"""


def looped_jobs(collection: str) -> str:
    return LOOPED_JOBS.replace("COLLECTION", collection)


def test_a_loop_over_a_parameters_default_is_expanded(tmp_path: Path) -> None:
    code, found = lint_yaml(tmp_path, looped_jobs("!Ref Jobs"))
    # Each job the loop makes, at the loop's resource in the file, saying what decided it.
    assert (code, rules(found)) == (1, [(8, "GS212", "Joba"), (8, "GS212", "Jobb")])
    assert found[0][4].endswith(
        "(made by Fn::ForEach::Jobs over the default of parameter Jobs; a deploy may pass "
        "another list)"
    )


def test_a_loop_over_a_list_is_expanded(tmp_path: Path) -> None:
    text = """\
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Confs:
    - Env
    - [dev, us-east]
    - Conf&{Env}:
        Type: AWS::Glue::SecurityConfiguration
        Properties:
          Name: !Sub etl-${Env}
          EncryptionConfiguration:
            S3Encryptions:
              - S3EncryptionMode: DISABLED
  Job:
    Type: AWS::Glue::Job
    Properties:
      Role: r
      SecurityConfiguration: etl-useast
"""
    _, found = lint_yaml(tmp_path, text, "--ignore", "GS204,GS205")
    # &{Env} keeps the item's letters and digits; each Name is the !Sub of its own item.
    assert rules(found) == [
        (11, "GS203", "Confdev"),
        (11, "GS203", "Confuseast"),
        (17, "GS901", "Job"),
    ]
    assert "'etl-useast'" in found[2][4]


def test_a_loop_it_cannot_expand_is_not_silently_dropped(tmp_path: Path) -> None:
    for collection, why in [
        ("!GetAtt Lookup.Names", "its collection is Fn::GetAtt, known only at deploy"),
        ("!Ref Undeclared", "its collection is Ref Undeclared, no parameter of this template"),
        ("[a, !Ref Other]", "its collection holds a value known only at deploy"),
    ]:
        code, found = lint_yaml(tmp_path, looped_jobs(collection))
        # Shown without --verbose; a note on where lint stops, it does not fail the run.
        assert (code, found) == (
            0,
            [
                (
                    5,
                    3,
                    "GS902",
                    "Fn::ForEach::Jobs",
                    f"the AWS::Glue::Job resources this loop makes are not checked: {why}",
                )
            ],
        )
    # A loop of other resources is no Glue resource left unchecked.
    text = looped_jobs("!Ref Nothing").replace("AWS::Glue::Job", "AWS::S3::Bucket")
    assert lint_yaml(tmp_path, text) == (0, [])


# -- conditions that exclude each other -----------------------------------------------------

CONDITIONS = """\
Parameters:
  Legacy: {Type: String, AllowedValues: ["true", "false"], Default: "false"}
Conditions:
  IsLegacy: !Equals [!Ref Legacy, "true"]
  NotLegacy: !Not [!Condition IsLegacy]
  AlsoNotLegacy: !Not [!Equals [!Ref Legacy, "true"]]
  Other: !Equals [!Ref Legacy, "false"]
Resources:
"""

CONFIGURATION = """\
  {name}:
    Type: AWS::Glue::SecurityConfiguration
    Condition: {condition}
    Properties:
      Name: etl
      EncryptionConfiguration:
        S3Encryptions: [{{S3EncryptionMode: SSE-S3}}]
"""


def test_resources_never_deployed_together_share_a_name(tmp_path: Path) -> None:
    """GS110 and GS111 stay silent where one resource's condition is `Fn::Not` of the
    other's (by name, or the same expression), as cfn-lint's E3019."""
    text = (
        CONDITIONS
        + CONFIGURATION.format(name="Old", condition="IsLegacy")
        + CONFIGURATION.format(name="New", condition="NotLegacy")
        + catalog("CatalogA", "IsLegacy", "!Ref AWS::AccountId")
        + catalog("CatalogB", "AlsoNotLegacy", "!Ref AWS::AccountId")
    )
    _, found = lint_yaml(tmp_path, text, "--ignore", "GS2")
    assert rules(found) == []


def test_resources_whose_conditions_may_both_hold_still_collide(tmp_path: Path) -> None:
    text = (
        CONDITIONS
        + CONFIGURATION.format(name="Old", condition="IsLegacy")
        + CONFIGURATION.format(name="New", condition="NotLegacy")
        + CONFIGURATION.format(name="Again", condition="Other")  # not known to exclude
        + catalog("CatalogA", "IsLegacy", "!Ref AWS::AccountId")
        + catalog("CatalogB", "IsLegacy", "!Ref AWS::AccountId")
    )
    _, found = lint_yaml(tmp_path, text, "--ignore", "GS2")
    assert [(rule, resource) for _, rule, resource in rules(found)] == [
        ("GS110", "Again"),
        ("GS111", "CatalogB"),
    ]
    assert "'etl' is also Old's" in found[0][4]


def test_a_job_names_its_configuration_by_the_same_expression(tmp_path: Path) -> None:
    """The very `!Sub` (or `!Join`) a configuration's Name is links a job to it."""
    text = f"""\
Parameters:
  Env: {{Type: String, Default: dev}}
Resources:
  Conf:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: !Sub etl-${{Env}}
      EncryptionConfiguration:
        S3Encryptions: [{{S3EncryptionMode: SSE-S3}}]
  Joined:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: !Join ["-", [etl, !Ref Env, joined]]
      EncryptionConfiguration:
        S3Encryptions: [{{S3EncryptionMode: SSE-S3}}]
  Job:
    Type: AWS::Glue::Job
    Properties:
      Role: {ROLE}
      SecurityConfiguration: !Sub etl-${{Env}}
  Crawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: {ROLE}
      CrawlerSecurityConfiguration: !Join ["-", [etl, !Ref Env, joined]]
  Other:
    Type: AWS::Glue::Job
    Properties:
      Role: {ROLE}
      SecurityConfiguration: !Sub etl-${{Env}}-other
"""
    _, found = lint_yaml(tmp_path, text, "--ignore", "GS204,GS205")
    assert rules(found) == [(20, "GS213", "Job"), (25, "GS213", "Crawler")]
    assert "security configuration Conf," in found[0][4]
    assert "security configuration Joined," in found[1][4]


def test_loops_cost_no_more_than_a_template_may_hold() -> None:
    """Loops of loops make at most CloudFormation's 500 resources; loops nested deeper than
    it allows, and bodies nested deeper than Python recurses, are read without recursion."""
    job = {"Type": "AWS::Glue::Job", "Properties": {"Role": "r"}}
    items = [str(i) for i in range(1000)]
    inner = ["B", items, {"Job${A}x${B}": job}]
    wide = {"Resources": {"Fn::ForEach::A": ["A", items, {"Fn::ForEach::B": inner}]}}
    found = gs.lint(wide)
    assert sum(f.rule == "GS212" for f in found) == MOST_RESOURCES
    (note,) = [f for f in found if f.rule == "GS902"]
    assert "more than 500 resources" in note.message

    loop: Any = {"Job${L}": job}
    for depth in range(3000):
        loop = {f"Fn::ForEach::L{depth}": ["L", ["a"], loop]}
    found = gs.lint({"Resources": loop})
    assert [f.rule for f in found] == ["GS902"]
    assert found[0].message.endswith("it is nested in more than 4 loops")

    deep: Any = {"Ref": "L"}
    for _ in range(5000):
        deep = [deep]
    body = {"Type": "AWS::Glue::SecurityConfiguration", "Properties": {"Name": deep}}
    found = gs.lint({"Resources": {"Fn::ForEach::L": ["L", ["a"], {"Conf${L}": body}]}})
    assert {f.rule for f in found} <= set(RULES)
