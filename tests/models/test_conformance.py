"""The models against today's Glue service model from botocore.

Every member, required flag, enum value, bound and pattern must equal the model's, except
the deviations in DEVIATIONS, each of which docs/semantics.md explains.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore import xform_name

import glue_security as gs
from glue_security import members

# (service-model shape, property) -> (service model's value, ours). Nothing else may differ.
DEVIATIONS: dict[tuple[str, str], tuple[Any, Any]] = {
    # The developer guide's Security APIs page bounds policies at 10240 bytes; today's model
    # states only a minimum.
    ("PolicyJsonString", "max"): (None, 10240),
    # Smithy's length trait counts characters; the API document counts UTF-8 bytes.
    ("NameString", "unit"): ("characters", "UTF-8 bytes"),
    ("CatalogIdString", "unit"): ("characters", "UTF-8 bytes"),
    ("HashString", "unit"): ("characters", "UTF-8 bytes"),
    ("GlueResourceArn", "unit"): ("characters", "UTF-8 bytes"),
    ("PolicyJsonString", "unit"): ("characters", "UTF-8 bytes"),
    # The service matches patterns against the whole string (see docs/semantics.md).
    ("NameString", "matching"): ("search", "whole string"),
    ("CatalogIdString", "matching"): ("search", "whole string"),
    ("HashString", "matching"): ("search", "whole string"),
    ("GlueResourceArn", "matching"): ("search", "whole string"),
    ("KmsKeyArn", "matching"): ("search", "whole string"),
    ("IAMRoleArn", "matching"): ("search", "whole string"),
}

ALL_MODELS = sorted(gs.MODELS)


def _ours(shape: gs.StringShape | gs.IntegerShape | Any) -> dict[str, Any]:
    """The properties of one of our member shapes, in the service model's vocabulary."""
    props: dict[str, Any] = {}
    if isinstance(shape, gs.StringShape):
        props["type"] = "string"
        props["min"] = shape.length.min_length if shape.length else None
        props["max"] = shape.length.max_length if shape.length else None
        props["pattern"] = shape.pattern.source if shape.pattern else None
        if shape.length:
            props["unit"] = shape.length.unit
        if shape.pattern:
            props["matching"] = "whole string"
    elif isinstance(shape, gs.EnumShape):
        props["type"] = "string"
        props["enum"] = list(shape.enum.wire_values())
    elif isinstance(shape, gs.IntegerShape):
        props["type"] = "integer"
        props["min"] = shape.range.minimum if shape.range else None
        props["max"] = shape.range.maximum if shape.range else None
    elif isinstance(shape, gs.BooleanShape):
        props["type"] = "boolean"
    elif isinstance(shape, gs.TimestampShape):
        props["type"] = "timestamp"
    elif isinstance(shape, gs.StructureShape):
        props["type"] = "structure"
    elif isinstance(shape, gs.ListShape):
        props["type"] = "list"
        props["item"] = shape.item.shape
    return props


def _theirs(shape: Any) -> dict[str, Any]:
    props: dict[str, Any] = {"type": shape.type_name}
    meta = shape.metadata
    if shape.type_name == "string" and shape.enum:
        props["enum"] = list(shape.enum)
    elif shape.type_name == "string":
        props["min"] = meta.get("min")
        props["max"] = meta.get("max")
        props["pattern"] = meta.get("pattern")
        if "min" in meta or "max" in meta:
            props["unit"] = "characters"
        if "pattern" in meta:
            props["matching"] = "search"
    elif shape.type_name == "integer":
        props["min"] = meta.get("min")
        props["max"] = meta.get("max")
    elif shape.type_name == "list":
        props["item"] = shape.member.name
    return props


@pytest.mark.parametrize("name", ALL_MODELS)
def test_members_match_the_service_model(name: str, service_model: Any) -> None:
    model = gs.MODELS[name]
    theirs = service_model.shape_for(name)
    ours = members(model)
    assert [m.wire_name for m in ours.values()] == list(theirs.members)
    assert sorted(m.wire_name for m in ours.values() if m.required) == sorted(
        theirs.required_members
    )
    for attr_name, spec in ours.items():
        assert attr_name == xform_name(spec.wire_name)
        their_shape = theirs.members[spec.wire_name]
        assert spec.shape.shape == their_shape.name
        mine, their_props = _ours(spec.shape), _theirs(their_shape)
        for prop in sorted(set(mine) | set(their_props)):
            expected = DEVIATIONS.get((their_shape.name, prop), (their_props.get(prop),) * 2)
            assert (their_props.get(prop), mine.get(prop)) == expected, (spec.wire_name, prop)


def test_every_deviation_is_still_one(service_model: Any) -> None:
    """A deviation the model has caught up with must leave the table (no stale excuses)."""
    for (shape_name, prop), (theirs, _ours_value) in DEVIATIONS.items():
        assert _theirs(service_model.shape_for(shape_name)).get(prop) == theirs


def test_error_shapes_are_the_models_exceptions(service_model: Any) -> None:
    for name in gs.ERRORS:
        assert service_model.shape_for(name).metadata.get("exception") is True
    assert issubclass(gs.InternalServiceException, gs.GlueServiceError)


def test_enums_match(service_model: Any) -> None:
    for name, enum_cls in gs.ENUMS.items():
        assert list(enum_cls.wire_values()) == service_model.shape_for(name).enum


@pytest.mark.parametrize("name", sorted(gs.OPERATIONS))
def test_operations_match(name: str, service_model: Any) -> None:
    op = gs.OPERATIONS[name]
    theirs = service_model.operation_model(name)
    assert op.python_name == xform_name(name)
    assert op.input.__name__ == theirs.input_shape.name
    assert op.output.__name__ == theirs.output_shape.name
    assert [e.__name__ for e in op.errors] == [e.name for e in theirs.error_shapes]


def test_ten_operations_twenty_messages_eight_errors() -> None:
    assert len(gs.OPERATIONS) == 10
    assert len(gs.REQUESTS) == len(gs.RESPONSES) == 10
    assert len(gs.ERRORS) == 8
    assert len(gs.DATA_TYPES) == 10  # the developer guide's nine and DataQualityEncryption
