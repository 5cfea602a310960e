"""Hostile input, class 5: `strict=` takes True, False or None, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest

import glue_security as gs
from glue_security import _convert

NOT_STRICT_VALUES: list[Any] = [
    "false",
    "true",
    "",
    [],
    {},
    0,
    1,
    1.0,
    object(),
    gs.S3EncryptionMode.SSEKMS,
]


@pytest.mark.parametrize("strict", NOT_STRICT_VALUES, ids=lambda v: type(v).__name__)
def test_strict_must_be_true_false_or_none(strict: Any) -> None:
    request = gs.GetSecurityConfigurationRequest
    with pytest.raises(TypeError, match="strict must be True, False or None"):
        gs.from_wire(request, {"Name": "n"}, strict=strict)
    with pytest.raises(TypeError, match="strict must be True, False or None"):
        gs.from_json(request, '{"Name": "n"}', strict=strict)
    with pytest.raises(TypeError, match="strict must be True, False or None"):
        gs.json_schema(request, strict=strict)


def test_strict_values_add_no_cache_entries() -> None:
    request = gs.GetSecurityConfigurationRequest
    for valid in (None, True, False):
        gs.from_wire(request, {"Name": "n"}, strict=valid)
    entries = len(_convert._FAST)
    for strict in NOT_STRICT_VALUES:
        with pytest.raises(TypeError):
            gs.from_wire(request, {"Name": "n"}, strict=strict)
    assert len(_convert._FAST) == entries


def test_strict_one_is_not_strict_true() -> None:
    """1 == True, so it would have found True's cache entry and meant strict."""
    with pytest.raises(TypeError):
        gs.from_wire(gs.GetSecurityConfigurationRequest, {"Name": "n", "X": 1}, strict=1)  # type: ignore[arg-type]


@pytest.mark.parametrize("strict", [True, False, None])
def test_the_three_values_still_work(strict: bool | None) -> None:
    payload = {"Name": "n", "X": 1}
    if strict is False:
        assert gs.from_wire(gs.GetSecurityConfigurationRequest, payload, strict=strict).name == "n"
    else:
        with pytest.raises(gs.ValidationError):
            gs.from_wire(gs.GetSecurityConfigurationRequest, payload, strict=strict)
    gs.json_schema(gs.GetSecurityConfigurationRequest, strict=strict)
