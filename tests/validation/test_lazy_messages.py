"""A raised error builds its ErrorDetails, each message written once, when `.errors` is
first read; what is read is what would have been built at once: the same text, equality,
hash, repr, pickling and attrs.asdict."""

from __future__ import annotations

import copy
import gc
import pickle
import sys
import threading
import weakref
from typing import Any

import attrs
import pytest

import glue_security as gs
from glue_security.codec.parser_expressions import PathCode
from glue_security.validation.error import fault_path
from glue_security.validation.messages import enum_facts, enum_message, normalised_index

MISSPELT = {
    "Name": "prod\netl",
    "EncryptionConfiguration": {
        "S3Encryption": [{"S3EncryptionMode": "SSE-KSM", "KmsKeyArn": "alias/key"}],
        "CloudWatchEncryption": {"CloudWatchEncryptionMode": "sse-kms", "KmsKeyArn": 7},
        "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE_KMS"},
    },
    "Tag": {},
    "name": 1.5,
}
EXPECTED = [
    (
        "$.Name",
        "pattern",
        "must be text without C0 control characters other than tab (so no line feed or "
        "carriage return), lone surrogates, U+FFFE or U+FFFF (single-line string pattern "
        "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*, matched against the "
        "whole string), got 'prod\\netl'",
    ),
    (
        "$.EncryptionConfiguration.S3Encryption[0].S3EncryptionMode",
        "enum",
        "must be one of 'DISABLED', 'SSE-KMS', 'SSE-S3' (S3EncryptionMode), got 'SSE-KSM'; "
        "did you mean 'SSE-KMS'?",
    ),
    (
        "$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn",
        "pattern",
        "must be an AWS KMS key ARN in any partition, or the empty string (a KMS key ARN "
        "looks like arn:aws:kms:REGION:ACCOUNT:key/KEY-ID; KMS key ARN pattern "
        "^$|arn:aws[a-z0-9-]*:kms:.*, matched against the whole string), got 'alias/key'",
    ),
    (
        "$.EncryptionConfiguration.CloudWatchEncryption.CloudWatchEncryptionMode",
        "enum",
        "must be one of 'DISABLED', 'SSE-KMS' (CloudWatchEncryptionMode), got 'sse-kms'; "
        "did you mean 'SSE-KMS'?",
    ),
    (
        "$.EncryptionConfiguration.CloudWatchEncryption.KmsKeyArn",
        "type",
        "expected a string, got integer 7",
    ),
    (
        "$.EncryptionConfiguration.JobBookmarksEncryption.JobBookmarksEncryptionMode",
        "enum",
        "must be one of 'DISABLED', 'CSE-KMS' (JobBookmarksEncryptionMode), got 'CSE_KMS'; "
        "did you mean 'CSE-KMS'?",
    ),
    (
        "$.Tag",
        "unknown",
        "CreateSecurityConfigurationRequest has no member 'Tag' (members: Name, "
        "EncryptionConfiguration)",
    ),
    (
        "$.name",
        "unknown",
        "CreateSecurityConfigurationRequest has no member 'name'; did you mean 'Name'? "
        "(members: Name, EncryptionConfiguration)",
    ),
]


def errors_of(payload: Any) -> tuple[gs.ErrorDetail, ...]:
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_wire(gs.CreateSecurityConfigurationRequest, payload)
    return caught.value.errors


def found(error: gs.ValidationError) -> list[Any]:
    """What a raised error holds until `.errors` is read: the parser's list of problems."""
    args = BaseException.__dict__["args"].__get__(error)
    return list(args[0]) if args else []


def test_errors_are_written_when_first_read_and_read_as_pinned() -> None:
    error = raised(MISSPELT)
    assert all(type(problem) is tuple for problem in found(error))  # Faults, nothing built
    assert [(e.path, e.code, e.message) for e in error.errors] == EXPECTED
    assert found(error) == []  # dropped once built
    # A second read gives the very details and strings the first one built.
    assert error.errors is error.errors
    assert all(e.message is e.message for e in error.errors)


WRITTEN = [gs.ErrorDetail(path=p, code=c, message=m) for p, c, m in EXPECTED]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "same",
    [
        lambda unread, written: unread == written and hash(unread) == hash(written),
        lambda unread, written: repr(unread) == repr(written),
        lambda unread, written: str(unread) == str(written),
        lambda unread, written: unread.to_dict() == written.to_dict(),
        lambda unread, written: attrs.asdict(unread) == attrs.asdict(written),
        lambda unread, written: pickle.loads(pickle.dumps(unread)) == written,
    ],
    ids=["eq-hash", "repr", "str", "to_dict", "asdict", "pickle"],
)
def test_a_detail_built_from_a_fault_behaves_as_one_made_by_hand(same: Any) -> None:
    for built, written in zip(errors_of(MISSPELT), WRITTEN, strict=True):
        assert same(built, written)


def test_validation_error_text_reads_every_message() -> None:
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_wire(gs.CreateSecurityConfigurationRequest, MISSPELT)
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{len(EXPECTED)} validation errors"
    assert lines[1:] == [f"  {path}: {message} [{code}]" for path, code, message in EXPECTED]


@pytest.mark.parametrize(
    "value",
    ["x" * 100_000, 2**10_000, ["a list"] * 3, {"a": "dict"}, bytearray(b"mutable")],
    ids=["long string", "huge integer", "list", "dict", "bytearray"],
)
def test_a_large_or_mutable_offending_value_is_described_at_once(value: Any) -> None:
    """An error list never keeps a large or mutable part of a payload alive, and a message
    about a value that could change is written before it can."""
    error = raised({"Name": value, "EncryptionConfiguration": {}})
    (problem,) = found(error)
    assert type(problem) is gs.ErrorDetail  # written at once, not kept as a Fault
    assert len(problem.message) < 300



def test_a_path_below_a_list_waits_as_a_template_and_is_joined_when_read() -> None:
    """The walk writes no path text below a list: a fault keeps the path's template and its
    indexes (immutable), and no suggestion flag (its position decides), so the errors
    describe the payload as it was validated even if it changes before they are read; a
    value written at once gets its path joined at once."""
    items = [
        {"S3EncryptionMode": "SSE-KMS"},
        {"S3EncryptionMode": "SSE-KSM", "KmsKeyArn": "alias/" + "k" * 300},
    ]
    error = raised({"Name": "n", "EncryptionConfiguration": {"S3Encryption": items}})
    enum_fault, arn_detail = found(error)
    assert enum_fault[0] == ("$.EncryptionConfiguration.S3Encryption[", 1, "].S3EncryptionMode")
    assert enum_fault[1:] == ("enum", enum_message, enum_facts(gs.S3EncryptionMode), "SSE-KSM")
    assert type(arn_detail) is gs.ErrorDetail  # a long value: described at once
    assert arn_detail.path == "$.EncryptionConfiguration.S3Encryption[1].KmsKeyArn"
    items.clear()
    assert [(e.path, e.code) for e in error.errors] == [
        ("$.EncryptionConfiguration.S3Encryption[1].S3EncryptionMode", "enum"),
        ("$.EncryptionConfiguration.S3Encryption[1].KmsKeyArn", "pattern"),
    ]


def test_a_lazy_path_is_its_template_and_indexes() -> None:
    path = PathCode(((True, '$["{x}"]'),)).index("i").plus(".B").index("j")
    lazy = eval(path.lazy_code(), {"i": 12, "j": 0})
    assert lazy == ('$["{x}"][', 12, "].B[", 0, "]")
    assert fault_path(lazy) == eval(path.code(), {"i": 12, "j": 0}) == '$["{x}"][12].B[0]'
    assert fault_path(lazy[:3]) == '$["{x}"][12].B['

    assert PathCode(((True, "$.A"),)).lazy_code() == repr("$.A")


# -- the error itself: its ErrorDetails are built when `.errors` is first read --------------


def raised(payload: Any) -> gs.ValidationError:
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_wire(gs.CreateSecurityConfigurationRequest, payload)
    return caught.value


def details_alive() -> int:
    return sum(type(o) is gs.ErrorDetail for o in gc.get_objects())


def test_an_error_caught_unread_builds_no_error_details() -> None:
    many = [{"S3EncryptionMode": "SSE-KSM"} for _ in range(500)]
    payload = {"Name": "n", "EncryptionConfiguration": {"S3Encryption": many}}
    gc.collect()
    before = details_alive()
    error = raised(payload)
    assert details_alive() == before
    assert len(error.errors) == 500
    assert details_alive() == before + 500


@pytest.mark.parametrize(
    "same",
    [
        lambda lazy, eager: lazy.errors == eager.errors,
        lambda lazy, eager: lazy.args == eager.args == (eager.errors,),
        lambda lazy, eager: str(lazy) == str(eager),
        lambda lazy, eager: repr(lazy) == repr(eager),
        lambda lazy, eager: pickle.loads(pickle.dumps(lazy)).errors == eager.errors,
        lambda lazy, eager: copy.copy(lazy).errors == eager.errors,
        lambda lazy, eager: copy.deepcopy(lazy).errors == eager.errors,
    ],
    ids=["errors", "args", "str", "repr", "pickle", "copy", "deepcopy"],
)
def test_a_raised_error_behaves_as_one_built_at_once(same: Any) -> None:
    assert same(raised(MISSPELT), gs.ValidationError(WRITTEN))


def test_errors_are_built_once_and_args_can_be_set() -> None:
    error = raised(MISSPELT)
    assert error.errors is error.errors
    error.args = ("context",)
    assert error.args == ("context",) and len(error.errors) == len(EXPECTED)
    made = gs.ValidationError(iter(WRITTEN))  # any iterable, read once
    assert made.errors == tuple(WRITTEN) and made.args == (made.errors,)
    unread = raised(MISSPELT)
    unread.errors = tuple(WRITTEN[:1])  # assignable, as it was; what was found is dropped
    assert unread.errors == tuple(WRITTEN[:1]) and unread.args == (unread.errors,)


def test_notes_and_a_set_args_survive_pickling_and_copies() -> None:
    error = raised(MISSPELT)
    vars(error)["__notes__"] = ["while reading prod.json"]  # add_note, on any Python
    error.args = ("context",)
    for copied in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert vars(copied)["__notes__"] == ["while reading prod.json"]
        assert copied.args == ("context",) and copied.errors == error.errors


class _Payload(dict):  # type: ignore[type-arg]  # a dict that can be weakly referenced
    pass


def test_a_caught_error_does_not_keep_the_payload_alive() -> None:
    payload = _Payload(Name=5, Blob=["x" * 1000])
    alive = weakref.ref(payload)
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_wire(gs.CreateSecurityConfigurationRequest, payload)
    del payload
    gc.collect()
    assert caught.value.__traceback__ is not None  # the frames are kept, not the payload
    assert alive() is None


def test_a_second_thread_reading_errors_mid_build_gets_them_all() -> None:
    """Thread B stops in `.errors` after finding it unbuilt; thread A builds it; B goes on
    and must return A's errors, not an empty tuple from the list A has dropped."""
    error = raised(MISSPELT)
    code = vars(gs.ValidationError)["errors"].fget.__code__
    paused, resume = threading.Event(), threading.Event()

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        if frame.f_code is not code:
            return None

        def on_line(frame: Any, event: str, arg: Any) -> Any:
            # The first line after the "not built yet" test: B has seen None.
            past_the_test = event == "line" and frame.f_lineno > code.co_firstlineno + 3
            if past_the_test and not paused.is_set():
                paused.set()
                resume.wait(5)
            return on_line

        return on_line

    seen: dict[str, tuple[gs.ErrorDetail, ...]] = {}

    def reader() -> None:
        sys.settrace(tracer)
        try:
            seen["b"] = error.errors
        finally:
            sys.settrace(None)

    thread = threading.Thread(target=reader)
    thread.start()
    assert paused.wait(5), "thread B never reached the build"
    seen["a"] = error.errors
    resume.set()
    thread.join(5)
    assert len(seen["a"]) == len(EXPECTED)
    assert seen["b"] is seen["a"] is error.errors


def test_a_name_written_in_another_case_and_separators_is_matched_without_difflib() -> None:
    """difflib finds nothing close to `KMS_KEY_ARN`; folding case and dropping `-`, `_` and
    spaces finds `KmsKeyArn`. A folded form two names share suggests neither."""
    (problem,) = errors_of_model(gs.S3Encryption, {"KMS_KEY_ARN": "x"})
    assert problem.message.startswith("S3Encryption has no member 'KMS_KEY_ARN'; did you mean")
    assert "did you mean 'KmsKeyArn'?" in problem.message
    assert normalised_index(["SSE-KMS", "sse_kms", "DISABLED"]) == {"disabled": "DISABLED"}


def errors_of_model(model: type[gs.Model], payload: Any) -> tuple[gs.ErrorDetail, ...]:
    with pytest.raises(gs.ValidationError) as caught:
        gs.from_wire(model, payload)
    return caught.value.errors
