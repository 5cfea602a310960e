"""Hostile input, class 2: work and memory in proportion to the input.

Sizes, not times, are asserted: `tracemalloc` measures what a call allocates beyond its
input, and a bounded value (a message, a path) is measured by its length.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import glue_security as gs
from glue_security.codec.from_wire import MAX_REMEMBERED, last_match
from glue_security.spec.kinds import EnumShape, StringShape
from glue_security.spec.plan import model_plan
from glue_security.validation.messages import (
    MAX_SUGGESTED,
    enum_facts,
    forget_suggestions,
    member_facts,
)
from glue_security.validation.suggestions import (
    MAX_CANDIDATES,
    MAX_WORD,
    MEMO_SIZE,
    close_matches,
)

from ..helpers import check_readable, errors_of

MB = 1 << 20

# What each string shape's value starts and ends with, so that a long value runs every
# check its shape has as far as it can go (an ARN prefix keeps the pattern matching).
_FRAMES: dict[str, tuple[str, str]] = {
    "KmsKeyArn": ("arn:aws:kms:us-east-1:111122223333:key/", ""),
    "GlueResourceArn": ("arn:aws:glue:us-east-1:111122223333:", ""),
    "IAMRoleArn": ("arn:aws:iam::111122223333:role/", ""),
    "PolicyJsonString": ('{"Version":"2012-10-17","Sid":"', '"}'),
}


def _string_members() -> Iterator[tuple[str, type[gs.Model], str, str, str]]:
    for name, model in sorted(gs.MODELS.items()):
        for field in model_plan(model).fields:
            shape = field.member.shape
            if isinstance(shape, (StringShape, EnumShape)):
                yield (
                    f"{name}.{field.wire_name}",
                    model,
                    field.attr_name,
                    field.wire_name,
                    shape.shape,
                )


STRING_MEMBERS = list(_string_members())


def long_value(shape_name: str, size: int, filler: str) -> str:
    head, tail = _FRAMES.get(shape_name, ("", ""))
    return head + filler * size + tail


def extra_memory(call: Callable[[], object]) -> int:
    """Peak bytes `call` allocates beyond what exists already (its input included)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _parse(model: type[gs.Model], payload: dict[str, Any]) -> object:
    try:
        return gs.from_wire(model, payload, strict=True)
    except gs.ValidationError as error:
        check_readable(error)
        return error


# Messages, a path, and the generated code's locals: far less than any copy of the input.
SLACK = 512 * 1024


# (filler, UTF-8 megabytes): 100 MB of ASCII and of 2-byte text; 4-byte text at a
# smaller size, which still shows any copy (a copy would be 4 MB, far over SLACK).
SIZES = {"ascii": ("a", 100), "non-ascii": ("é", 100), "astral": ("\U0001f600", 4)}


@pytest.mark.parametrize(("filler", "megabytes"), SIZES.values(), ids=list(SIZES))
@pytest.mark.parametrize(
    ("model", "attr", "wire", "shape"),
    [member[1:] for member in STRING_MEMBERS],
    ids=[member[0] for member in STRING_MEMBERS],
)
def test_every_string_member_reads_a_long_value_without_copying_it(
    model: type[gs.Model], attr: str, wire: str, shape: str, filler: str, megabytes: int
) -> None:
    _warm(model, attr, wire)
    value = long_value(shape, megabytes * MB // len(filler.encode()), filler)
    assert extra_memory(lambda: _parse(model, {wire: value})) < SLACK


class _Text(str):
    pass


@pytest.mark.parametrize(
    "member",
    # One member of each string shape: every member of a shape runs the same checks.
    list({member[4]: member for member in STRING_MEMBERS}.values()),
    ids=lambda member: member[4],
)
def test_a_100_mb_value_costs_at_most_one_copy(member: Any) -> None:
    """The constructor runs the same checks; a str subclass is copied to a plain str once.
    (Non-ASCII text: the costlier kind to measure in UTF-8.)"""
    _, model, attr, wire, shape = member
    _warm(model, attr, wire)
    value = long_value(shape, 50 * MB, "é")
    size = sys.getsizeof(value)
    assert extra_memory(lambda: _construct(model, attr, value)) < SLACK
    subclassed = _Text(value)
    value = ""  # only the subclassed input remains
    assert extra_memory(lambda: _parse(model, {wire: subclassed})) < size + SLACK


def _warm(model: type[gs.Model], attr: str, wire: str) -> None:
    """Generate the parsers and fill the caches, outside any measurement."""
    for value in ("x", "x\n" * 300, "é" * 300):
        _parse(model, {wire: value})
        _construct(model, attr, value)


def _construct(model: type[gs.Model], attr: str, value: str) -> object:
    try:
        return model(**{attr: value})
    except gs.ValidationError as error:
        return error


def test_a_policy_over_its_bound_is_not_parsed() -> None:
    # Neither valid JSON nor within the bound: only the bound is reported.
    for policy in ("[" * 20_000, '{"a": "' + "é" * 6000 + '"}'):
        assert errors_of(gs.PutResourcePolicyRequest, {"PolicyInJson": policy}) == [
            ("$.PolicyInJson", "length")
        ]
        with pytest.raises(gs.ValidationError) as info:
            gs.PutResourcePolicyRequest(policy_in_json=policy)
        assert [e.code for e in info.value.errors] == ["length"]


def test_a_huge_policy_costs_no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a policy over its bound was parsed")

    monkeypatch.setattr(json, "loads", refuse)
    policy = '{"Statement": [' + "{}," * (10 * MB) + "{}]}"
    assert errors_of(gs.PutResourcePolicyRequest, {"PolicyInJson": policy}) == [
        ("$.PolicyInJson", "length")
    ]
    # A response keeps it as sent, unparsed too.
    parsed = gs.from_wire(gs.GluePolicy, {"PolicyInJson": policy}, strict=False)
    kept = parsed.policy_in_json
    assert type(kept) is gs.NonconformingStr and kept == policy


def _counting_difflib(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = difflib.get_close_matches

    def counted(word: Any, possibilities: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(word))
        assert len(possibilities) <= MAX_CANDIDATES
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    forget_suggestions()  # a suggestion made before would not call difflib again
    return calls


def test_long_unknown_names_and_values_get_no_suggestion(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_difflib(monkeypatch)
    huge = "Nam" + "e" * (10 * MB)
    errors_of(gs.GetSecurityConfigurationRequest, {"Name": "n", huge: 1})
    errors_of(gs.S3Encryption, {"S3EncryptionMode": "SSE-KM" + "S" * (10 * MB)})
    with pytest.raises(ValueError, match="unknown shape"):
        gs.shape(huge)
    with pytest.raises(ValueError, match="unknown operation"):
        gs.operation(huge)
    assert calls == []
    # A short misspelling still gets its suggestion.
    errors_of(gs.GetSecurityConfigurationRequest, {"Nmae": "n"})
    assert calls and max(calls) <= MAX_WORD


def test_many_unknown_keys_get_a_bounded_number_of_suggestions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _counting_difflib(monkeypatch)
    payload: dict[str, Any] = {"Name": "n", **{f"Key{i}": 1 for i in range(5000)}}
    assert len(errors_of(gs.GetSecurityConfigurationRequest, payload)) == 5000
    assert 0 < len(calls) <= MAX_SUGGESTED
    modes = [{"S3EncryptionMode": f"MODE{i}"} for i in range(2000)]
    with pytest.raises(gs.ValidationError):
        gs.from_wire(
            gs.CreateSecurityConfigurationRequest,
            {"Name": "n", "EncryptionConfiguration": {"S3Encryption": modes}},
        )
    assert len(calls) <= 2 * MAX_SUGGESTED


def test_a_misspelling_that_comes_again_costs_difflib_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _counting_difflib(monkeypatch)
    for _ in range(3):
        (problem,) = _problems(gs.S3Encryption, {"S3EncryptionMode": "SSE-KSM"})
        assert problem.message.endswith("did you mean 'SSE-KMS'?")
        (problem,) = _problems(gs.GetSecurityConfigurationRequest, {"Name": "n", "Nmae": 1})
        assert "did you mean 'Name'?" in problem.message
    assert len(calls) == 2


def _problems(model: type[gs.Model], payload: Any) -> tuple[gs.ErrorDetail, ...]:
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_wire(model, payload)
    return caught.value.errors


def test_the_suggestion_memo_is_bounded() -> None:
    forget_suggestions()
    for i in range(MEMO_SIZE + 50):
        _problems(gs.GetSecurityConfigurationRequest, {"Name": "n", f"Nam{i}": 1})
    remembered = (
        enum_facts(gs.S3EncryptionMode).suggested,
        member_facts(model_plan(gs.GetSecurityConfigurationRequest)).suggested,
    )
    assert remembered[0] == {} and 0 < len(remembered[1]) <= MEMO_SIZE


def test_a_payloads_later_errors_get_no_suggestion_even_when_one_was_made_before() -> None:
    """A message does not depend on what earlier payloads held: past the first
    MAX_SUGGESTED errors there is no "did you mean", remembered or not."""
    (early,) = _problems(gs.GetSecurityConfigurationRequest, {"Name": "n", "Nmae": 1})
    assert "did you mean 'Name'?" in early.message
    payload: dict[str, Any] = {"Name": "n", **{f"Key{i}": 1 for i in range(MAX_SUGGESTED)}}
    payload["Nmae"] = 1
    late = _problems(gs.GetSecurityConfigurationRequest, payload)[-1]
    assert late.path == "$.Nmae" and "did you mean" not in late.message


def test_close_matches_is_bounded() -> None:
    assert close_matches("x" * (MAX_WORD + 1), ["x" * (MAX_WORD + 1)]) == []
    assert close_matches("Nme", ["Name"]) == ["Name"]


def test_paths_and_messages_quote_long_keys_cut() -> None:
    key = "k" * (10 * MB)
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(gs.GetSecurityConfigurationRequest, {"Name": "n", key: 1})
    (error,) = info.value.errors
    assert error.path == '$["' + "k" * 60 + f'"...({10 * MB} characters)]'
    assert f"({10 * MB} characters)" in error.message
    assert len(str(info.value)) < 1000
    # A short key that is not a plain name is quoted whole, as before.
    assert errors_of(gs.GetSecurityConfigurationRequest, {"Name": "n", "a b": 1}) == [
        ('$["a b"]', "unknown")
    ]


def test_messages_quote_long_values_cut() -> None:
    for value in ("a" * (10 * MB), "a\n" * MB, "é" * MB):
        with pytest.raises(gs.ValidationError) as info:
            gs.from_wire(gs.GetSecurityConfigurationRequest, {"Name": value})
        check_readable(info.value)
        assert "characters)" in info.value.errors[0].message


@pytest.mark.parametrize(
    ("model", "attr", "wire", "shape_name", "others"),
    [
        (gs.S3Encryption, "kms_key_arn", "KmsKeyArn", "KmsKeyArn", {}),
        (
            gs.EncryptionAtRest,
            "catalog_encryption_service_role",
            "CatalogEncryptionServiceRole",
            "IAMRoleArn",
            {"CatalogEncryptionMode": "DISABLED"},
        ),
    ],
    ids=["KmsKeyArn", "IAMRoleArn"],
)
def test_the_arn_memo_keeps_no_huge_value(
    model: type[gs.Model], attr: str, wire: str, shape_name: str, others: dict[str, str]
) -> None:
    """The fast path remembers the last ARN a pattern matched; never a huge one (KmsKeyArn
    and CatalogEncryptionServiceRole have no length bound)."""
    shape = gs.members(model)[attr].shape
    assert isinstance(shape, StringShape) and shape.pattern is not None
    head = _FRAMES[shape_name][0]
    huge = head + "a" * (20 * MB)
    parsed = gs.from_wire(model, {**others, wire: huge})
    assert getattr(parsed, attr) == huge
    assert all(len(kept) <= MAX_REMEMBERED for kept in last_match(shape.pattern))
    del parsed
    assert extra_memory(lambda: gs.from_wire(model, {**others, wire: huge})) < SLACK
    short = head + "abc"
    gs.from_wire(model, {**others, wire: short})
    assert list(last_match(shape.pattern)) == [short]


def retained_memory(call: Callable[[], object]) -> int:
    """Bytes `call` leaves allocated once its result is dropped."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "member",
    list({member[4]: member for member in STRING_MEMBERS}.values()),
    ids=lambda member: member[4],
)
def test_a_long_value_parsed_leniently_costs_at_most_one_copy_and_is_not_kept(
    member: Any,
) -> None:
    """Lenient parsing keeps a value that breaks its bound (an unknown enum value, an
    over-long policy) as what the service sent: one copy while the model lives, none after
    (the pseudo-members an enum remembers are short ones), and no policy is parsed."""
    _, model, _, wire, shape = member
    for value in ("x", "x\n" * 300, "é" * 300):
        _parse_leniently(model, {wire: value})
    for filler in ("a", "é"):
        payload = {wire: long_value(shape, 20 * MB, filler) + filler}  # new: never cached
        size = sys.getsizeof(payload[wire])
        assert retained_memory(lambda: _parse_leniently(model, payload)) < SLACK  # noqa: B023
        assert extra_memory(lambda: _parse_leniently(model, payload)) < size + SLACK  # noqa: B023


def _parse_leniently(model: type[gs.Model], payload: dict[str, Any]) -> None:
    try:
        gs.from_wire(model, payload, strict=False)
    except gs.ValidationError as error:  # a request's required member is still required
        check_readable(error)


# -- alias-heavy YAML on the command line: cost in proportion to the file, aliases once -----

# Far more than the command needs, far less than any of these files expanded would take.
MEMORY_LIMIT = 1 << 30
_NINE = "abcdefghi"


def _laughs(indent: str, leaf: str = "true", levels: int = 8) -> list[str]:
    """Mappings of nine aliases to the mapping before, `levels` deep: 9**levels values
    once expanded, from a few hundred bytes."""
    lines = [f"{indent}l0: &l0 {{{', '.join(f'{k}: {leaf}' for k in _NINE)}}}"]
    lines += [
        f"{indent}l{i}: &l{i} {{{', '.join(f'{k}: *l{i - 1}' for k in _NINE)}}}"
        for i in range(1, levels + 1)
    ]
    return lines


def _plan_with_unknown_aliases() -> str:
    return "\n".join(
        [
            "resource_changes:",
            "  - address: aws_glue_security_configuration.x",
            "    type: aws_glue_security_configuration",
            "    change:",
            "      actions: [create]",
            "      before_sensitive:",
            *_laughs("        "),
            "      after: {name: x, encryption_configuration: [{}]}",
            "      after_unknown: {encryption_configuration: *l8}",
        ]
    )


def _template_with_aliased_ignores() -> str:
    return "\n".join(
        [
            "Resources:",
            "  Config:",
            "    Type: AWS::Glue::SecurityConfiguration",
            "    Metadata:",
            "      Laughs:",
            *_laughs("        ", leaf="[GS201, GS202, GS203]", levels=7),
            "      glue-security:",
            "        ignore: [" + ", ".join(["*l7"] * 9) + "]",
            "    Properties: {Name: x, EncryptionConfiguration: {}}",
        ]
    )


def _one_long_string_used_often() -> str:
    """An 8 MB file whose one 4M-character name is used 3000 times."""
    name = "a" * (4 * MB)
    items = [f'- {{Shape: SecurityConfiguration, Payload: {{Name: &name "{name}"}}}}']
    items += ["- {Shape: SecurityConfiguration, Payload: {Name: *name}}"] * 2999
    return "\n".join(items)


def _one_policy_used_often() -> str:
    """A 10 KB policy used 20,000 times (about 111 KB)."""
    statement = '{"Effect": "Allow", "Action": "glue:GetTable", "Resource": "*"}'
    policy = '{"Version": "2012-10-17", "Statement": [' + ", ".join([statement] * 150) + "]}"
    items = [f"- Operation: PutResourcePolicy\n  Request: {{PolicyInJson: &p '{policy}'}}"]
    items += ["- {Operation: PutResourcePolicy, Request: {PolicyInJson: *p}}"] * 19_999
    return "\n".join(items)


ALIAS_HEAVY = {
    "plan-after-unknown": ("lint", _plan_with_unknown_aliases),
    "template-ignore": ("lint", _template_with_aliased_ignores),
    "long-string": ("validate", _one_long_string_used_often),
    "policy-validate": ("validate", _one_policy_used_often),
    "policy-lint": ("lint", _one_policy_used_often),
    "laughs-validate": ("validate", lambda: "\n".join(_laughs("", levels=12))),
}


# The command, run in a child that first limits its own address space (a preexec_fn would
# fork a process that may have threads).
_LIMITED_RUN = (
    "import resource, sys\n"
    "resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))\n"
    "from glue_security.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is Linux's")
@pytest.mark.parametrize(("command", "make"), ALIAS_HEAVY.values(), ids=list(ALIAS_HEAVY))
def test_alias_heavy_yaml_costs_its_size(
    tmp_path: Path, command: str, make: Callable[[], str]
) -> None:
    """What a YAML file holds with its aliases expanded counts against --max-file-size,
    measured with each node once: these files are refused at once, in one line, within a
    memory limit that their expansion would break many times over."""
    path = tmp_path / "aliases.yaml"
    path.write_text(make(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _LIMITED_RUN.format(limit=MEMORY_LIMIT), command, str(path)],
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, not a measure
        check=False,
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        f"{path}: larger than 16 MiB with its aliases expanded; "
        "raise the limit with --max-file-size [size]\n"
    )


def test_aliases_within_the_limit_are_checked_as_the_data_they_hold(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "- {Shape: SecurityConfiguration, Payload: {Name: &n '', Extra: 1}}\n"
        "- {Shape: SecurityConfiguration, Payload: {Name: *n}}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "glue_security", "validate", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    (entry,) = json.loads(result.stdout)
    assert [(e["document"], e["path"], e["code"]) for e in entry["errors"]] == [
        (0, "$.Name", "length"),
        (0, "$.Extra", "unknown"),
        (1, "$.Name", "length"),
    ]
