"""The registries: read-only, with the classes exactly as their modules define them."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Mapping
from typing import Any

import pytest

import glue_security as gs
from glue_security.models.registry import kind

REGISTRIES: dict[str, Mapping[str, Any]] = {
    "DATA_TYPES": gs.DATA_TYPES,
    "ENUMS": gs.ENUMS,
    "ERRORS": gs.ERRORS,
    "MODELS": gs.MODELS,
    "OPERATIONS": gs.OPERATIONS,
    "REQUESTS": gs.REQUESTS,
    "RESPONSES": gs.RESPONSES,
}


@pytest.mark.parametrize("name", sorted(REGISTRIES))
def test_registries_are_read_only(name: str) -> None:
    registry: Any = REGISTRIES[name]
    first = next(iter(registry))
    with pytest.raises(TypeError):
        registry["Extra"] = registry[first]
    with pytest.raises(TypeError):
        del registry[first]
    assert not hasattr(registry, "update")


@pytest.mark.parametrize("name", sorted(gs.MODELS))
def test_a_model_keeps_the_docstring_it_was_written_with(name: str) -> None:
    """Nothing rewrites a class's __doc__ at import: it is the docstring in the source
    (cleaned, as Python 3.13 cleans it at compile time)."""
    model = gs.MODELS[name]
    source = textwrap.dedent(inspect.getsource(model))
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.ClassDef)
    assert inspect.cleandoc(model.__doc__ or "") == ast.get_docstring(node, clean=True)


def test_each_model_has_one_kind() -> None:
    for name, model in gs.MODELS.items():
        expected = (
            "error"
            if name in gs.ERRORS
            else "request"
            if name in gs.REQUESTS
            else "response"
            if name in gs.RESPONSES
            else "data type"
        )
        assert kind(model) == expected, name
    assert {kind(m) for m in gs.DATA_TYPES.values()} == {"data type"}
