"""Generated functions can be debugged: tracebacks show their lines, `inspect.getsource`
reads them, pdb lists and steps through them, and their constants say what they are."""

from __future__ import annotations

import gc
import inspect
import io
import linecache
import pdb
import re
import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest

import glue_security as gs
from glue_security.codec.from_wire import collector, fast_structure
from glue_security.codec.to_wire import fast_unstructure
from glue_security.validation.checks import LENIENT, STRICT

ALL = sorted(gs.MODELS)


def generated(name: str) -> list[Callable[..., Any]]:
    model = gs.MODELS[name]
    return [
        fast_structure(model, STRICT),
        fast_structure(model, LENIENT),
        collector(model, STRICT),
        collector(model, LENIENT),
        fast_unstructure(model),
    ]


@pytest.mark.parametrize("name", ALL)
def test_every_generated_function_has_its_source(name: str) -> None:
    for function in generated(name):
        source = inspect.getsource(function)
        assert source.startswith(f"def {function.__name__}(")
        assert name in function.__name__
        file_name = function.__code__.co_filename
        assert file_name.startswith("<glue_security generated ")
        assert "".join(linecache.getlines(file_name)) == source


def test_each_generated_function_has_a_file_name_of_its_own() -> None:
    names = [f.__code__.co_filename for name in ALL for f in generated(name)]
    assert len(set(names)) == len(names)


def test_a_traceback_shows_the_generated_line() -> None:
    config = gs.SecurityConfiguration(
        name="c", created_time_stamp=datetime(2024, 1, 1, tzinfo=timezone.utc)
    )
    object.__setattr__(config, "created_time_stamp", "not a datetime")  # corrupt it
    with pytest.raises(TypeError) as caught:
        gs.to_wire(config)
    text = "".join(traceback.format_exception(caught.value))
    assert 'File "<glue_security generated to_wire_SecurityConfiguration>", line ' in text
    assert "in to_wire_SecurityConfiguration" in text
    # The generated line itself, as the source shows it.
    line = r"\n +created_time_stamp_\d+ = EPOCH_SECONDS\(created_time_stamp_\d+\)\n"
    assert re.search(line, text)


def test_pdb_steps_through_a_generated_parser() -> None:
    parse = fast_structure(gs.S3Encryption, STRICT)
    out = io.StringIO()
    debugger = pdb.Pdb(stdin=io.StringIO("step\nstep\nlist\ncontinue\n"), stdout=out)
    debugger.use_rawinput = False
    # No garbage collection while stepping: pdb would step into a gc callback (Hypothesis
    # installs one), use up the scripted commands there and quit inside it.
    gc.disable()
    try:
        result = debugger.runcall(parse, {"S3EncryptionMode": "DISABLED"})
    finally:
        gc.enable()
    assert result == gs.S3Encryption(s3_encryption_mode=gs.S3EncryptionMode.DISABLED)
    shown = out.getvalue()
    assert "parse_S3Encryption_strict" in shown
    assert "s3_encryption_mode_" in shown and ".get('S3EncryptionMode')" in shown


def test_constants_are_named_for_what_they_hold() -> None:
    source = inspect.getsource(collector(gs.CreateSecurityConfigurationRequest, STRICT))
    for name in (
        "KMS_KEY_ARN_FULLMATCH",
        "SINGLE_LINE_STRING_FULLMATCH",
        "S3_ENCRYPTION_MODE_BY_VALUE",
        "S3_ENCRYPTION_WIRE_NAMES",
        "NAME_STRING_SHAPE",
        "CHECK_STRING",
        "OBJECT_NEW(S3Encryption)",
        "set_S3Encryption_kms_key_arn",
    ):
        assert name in source, name
    # No numbered constants: one pattern, enum or shape has one name in a function.
    assert not re.search(r"\b[A-Z][A-Z0-9_]*_\d+\b", source)
