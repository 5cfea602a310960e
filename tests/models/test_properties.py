"""Properties of every model, driven by the library's own strategies."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from botocore.validate import ParamValidator
from hypothesis import given
from hypothesis import strategies as st

import glue_security as gs
from glue_security.strategies import invalid_wire_payloads, models, wire_payloads

from ..helpers import JSON_VALUES, member_keyed

ALL = sorted(gs.MODELS)
REQUESTS = sorted(gs.REQUESTS)


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_round_trips(name: str, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    instance = data.draw(st.from_type(model))
    assert type(instance) is model
    assert gs.from_wire(model, gs.to_wire(instance)) == instance
    assert gs.from_json(model, gs.to_json(instance)) == instance


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_wire_payloads_validate(name: str, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    payload = data.draw(wire_payloads(model))
    parsed = gs.from_wire(model, payload, strict=True)
    assert gs.to_wire(parsed) == payload
    assert json.loads(json.dumps(payload, allow_nan=False)) == payload  # JSON types only


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_invalid_payloads_name_their_fault(name: str, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    payload, path, code = data.draw(invalid_wire_payloads(model))
    with pytest.raises(gs.ValidationError) as info:
        gs.from_wire(model, payload)
    assert [(e.path, e.code) for e in info.value.errors] == [(path, code)]


@pytest.mark.parametrize("name", REQUESTS)
@given(data=st.data())
def test_botocore_accepts_every_generated_request(
    name: str, data: st.DataObject, service_model: Any
) -> None:
    payload = data.draw(wire_payloads(gs.REQUESTS[name]))
    shape = service_model.shape_for(name)
    report = ParamValidator().validate(payload, shape)
    assert not report.has_errors(), report.generate_report()


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_fuzz_parses_or_raises_validation_error(name: str, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    value = data.draw(JSON_VALUES | member_keyed(model))
    try:
        gs.from_wire(model, value)
    except gs.ValidationError as error:
        assert error.errors
        for detail in error.errors:
            assert detail.path.startswith("$")
            assert detail.code in {
                "type",
                "required",
                "unknown",
                "length",
                "pattern",
                "enum",
                "range",
                "json",
            }


def test_overriding_a_member() -> None:
    key = "arn:aws:kms:eu-west-1:111122223333:key/fixed"

    @given(models(gs.S3Encryption, kms_key_arn=st.just(key)))
    def check(s3: gs.S3Encryption) -> None:
        assert s3.kms_key_arn == key

    check()
    with pytest.raises(TypeError, match="no attribute"):
        models(gs.S3Encryption, kms_arn=st.just(key))


def test_an_invalid_override_is_caught_on_construction() -> None:
    @given(models(gs.S3Encryption, kms_key_arn=st.just("not an arn")))
    def check(s3: gs.S3Encryption) -> None:
        raise AssertionError("unreachable")

    with pytest.raises(gs.ValidationError):
        check()


def test_import_does_not_import_hypothesis_and_entry_point_registers() -> None:
    code = (
        "import sys, glue_security as gs\n"
        "assert 'hypothesis' not in sys.modules\n"
        "assert 'cattrs' not in sys.modules  # loaded with gs.converter, on first use\n"
        "assert gs.converter.structure({'Name': 'n'}, gs.SecurityConfiguration).name == 'n'\n"
        "from hypothesis import strategies as st\n"
        "example = st.from_type(gs.SecurityConfiguration).example()\n"
        "assert isinstance(example, gs.SecurityConfiguration)\n"
        "assert 'glue_security.strategies' in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
