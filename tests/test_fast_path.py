"""The generated fast path and the thorough walk agree: the fast path accepts exactly the
payloads in which the thorough walk finds no error, and both build equal objects."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import glue_security as gs
from glue_security._fast import DECLINED, fast_structure, fast_unstructure
from glue_security._validate import Mode, structure
from glue_security.strategies import invalid_wire_payloads, models, wire_payloads

from .test_properties import JSON_VALUES

ALL = sorted(gs.MODELS)
MODES = [Mode.STRICT, Mode.LENIENT]


def both_paths(model: type[gs.Model], payload: Any, mode: Mode) -> tuple[Any, Any]:
    """(fast result or None if it declined, thorough result or None if it found errors)."""
    try:
        fast = fast_structure(model, mode)(payload)
    except DECLINED:
        fast = None
    errors: list[gs.ErrorDetail] = []
    thorough = structure(model, payload, "$", errors, mode)
    return fast, (None if errors else thorough)


def agree(model: type[gs.Model], payload: Any, mode: Mode) -> None:
    fast, thorough = both_paths(model, payload, mode)
    assert (fast is None) == (thorough is None), (fast, thorough)
    if fast is not None:
        assert type(fast) is model
        assert fast == thorough


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_paths_agree_on_valid_payloads(name: str, mode: Mode, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    payload = data.draw(wire_payloads(model))
    fast, thorough = both_paths(model, payload, mode)
    assert fast is not None and fast == thorough


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_paths_agree_on_invalid_payloads(name: str, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    payload, _path, _code = data.draw(invalid_wire_payloads(model))
    mode = Mode.LENIENT if model.lenient_by_default else Mode.STRICT
    fast, thorough = both_paths(model, payload, mode)
    assert fast is None and thorough is None


def _keyed(model: type[gs.Model]) -> st.SearchStrategy[dict[str, Any]]:
    names = [m.wire_name for m in gs.members(model).values()] or ["X"]
    return st.dictionaries(st.sampled_from(names) | st.text(max_size=3), JSON_VALUES, max_size=5)


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_paths_agree_on_anything(name: str, mode: Mode, data: st.DataObject) -> None:
    model = gs.MODELS[name]
    agree(model, data.draw(JSON_VALUES | _keyed(model)), mode)


@pytest.mark.parametrize(
    "payload",
    [
        {"Name": "n", "EncryptionConfiguration": {}, "Unknown": None},
        {"Name": "n", "EncryptionConfiguration": {"S3Encryption": None}},
        {"Name": "n", "EncryptionConfiguration": {"S3Encryption": [None]}},
        {"Name": "n\ud800", "EncryptionConfiguration": {}},
        {"Name": "n", "EncryptionConfiguration": {"CloudWatchEncryption": {"KmsKeyArn": "\ud800"}}},
    ],
)
def test_paths_agree_on_awkward_cases(payload: dict[str, Any]) -> None:
    for mode in MODES:
        agree(gs.CreateSecurityConfigurationRequest, payload, mode)


@pytest.mark.parametrize("name", ALL)
@given(data=st.data())
def test_generated_to_wire_matches_the_walk(name: str, data: st.DataObject) -> None:
    from glue_security._validate import unstructure

    instance = data.draw(models(gs.MODELS[name]))
    assert fast_unstructure(type(instance))(instance) == unstructure(instance)


def test_declining_does_not_accumulate_memory() -> None:
    """Each decline raises a fresh exception: a shared one would grow its traceback forever."""
    import tracemalloc

    bad = {"Name": "a\nb", "EncryptionConfiguration": {"S3Encryption": [{"KmsKeyArn": "k"}]}}

    def parse_many() -> None:
        for _ in range(2000):
            with pytest.raises(gs.ValidationError):
                gs.from_wire(gs.CreateSecurityConfigurationRequest, bad)

    parse_many()  # warm caches
    tracemalloc.start()
    try:
        parse_many()
        before = tracemalloc.get_traced_memory()[0]
        parse_many()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 50_000, grown
