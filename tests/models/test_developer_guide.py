"""The models against the API document they implement: the AWS Glue Developer Guide's page
"Security APIs in AWS Glue", as a Markdown copy in tests/data/developer-guide/.

Members and enum values the page lacks must be marked as added after it, and everything
the page states (members, required flags, byte bounds, ranges, enum labels and wire
values, operations' errors) must hold in the models.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import glue_security as gs
from glue_security.models.enums import ADDED_AFTER_DEVELOPER_GUIDE

from ..helpers import DEVELOPER_GUIDE as GUIDE

FIELD = re.compile(r"^\+ `(\w+)` – (.*)$")


def sections() -> dict[str, str]:
    text = GUIDE.read_text(encoding="utf-8").replace("\\", "")
    found = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        title = block.split("<a name", 1)[0].strip()
        found[title] = block
    return found


def fields(block: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for line in block.splitlines() if (m := FIELD.match(line))}


def guide_models() -> dict[str, dict[str, str]]:
    """Shape name -> {wire member: its description line} for data types and messages."""
    models: dict[str, dict[str, str]] = {}
    for title, block in sections().items():
        if title.endswith(" Structure"):
            models[title.removesuffix(" Structure")] = fields(block)
        elif " Action (Python: " in title:
            name = title.split(" Action", 1)[0]
            request = block.split("**Request**", 1)[1].split("**Response**", 1)[0]
            response = block.split("**Response**", 1)[1].split("**Errors**", 1)[0]
            models[f"{name}Request"] = fields(request)
            models[f"{name}Response"] = fields(response)
    return models


def guide_errors() -> dict[str, list[str]]:
    errors = {}
    for title, block in sections().items():
        if " Action (Python: " in title:
            listed = block.split("**Errors**", 1)[1]
            errors[title.split(" Action", 1)[0]] = re.findall(r"^\+ `(\w+)`", listed, re.M)
    return errors


GUIDE_MODELS = guide_models()


def test_the_page_was_read() -> None:
    assert len(GUIDE_MODELS) == 9 + 20
    assert GUIDE_MODELS["EncryptionAtRest"]["CatalogEncryptionMode"].startswith("*Required:*")


@pytest.mark.parametrize("name", sorted(GUIDE_MODELS))
def test_members_are_the_pages_plus_marked_additions(name: str) -> None:
    ours = gs.members(gs.MODELS[name])
    page = GUIDE_MODELS[name]
    assert [m.wire_name for m in ours.values() if not m.added] == list(page)
    for spec in ours.values():
        if spec.wire_name in page:
            assert spec.required == page[spec.wire_name].startswith("*Required:*"), spec.wire_name


@pytest.mark.parametrize("name", sorted(GUIDE_MODELS))
def test_bounds_are_the_pages(name: str) -> None:
    for spec in gs.members(gs.MODELS[name]).values():
        line = GUIDE_MODELS[name].get(spec.wire_name)
        if line is None:
            continue
        bound = re.search(r"not less than (\d+) or more than (\d+)( bytes)?", line)
        shape: Any = spec.shape
        if isinstance(shape, gs.StringShape) and bound:
            assert bound.group(3) == " bytes"
            assert shape.length is not None
            assert (shape.length.min_length, shape.length.max_length) == (
                int(bound.group(1)),
                int(bound.group(2)),
            )
        elif isinstance(shape, gs.IntegerShape):
            assert bound and shape.range is not None
            assert (shape.range.minimum, shape.range.maximum) == (
                int(bound.group(1)),
                int(bound.group(2)),
            )


def test_enum_labels_and_wire_values_are_the_pages() -> None:
    checked = 0
    for name, page in GUIDE_MODELS.items():
        for spec in gs.members(gs.MODELS[name]).values():
            if not isinstance(spec.shape, gs.EnumShape) or spec.wire_name not in page:
                continue
            listed = re.search(r"valid values: (.*?)\)", page[spec.wire_name])
            assert listed, spec.wire_name
            page_values = set()
            for token in re.findall(r"`([^`]+)`", listed.group(1)):
                value, _, label = token.partition("=")
                label = label.strip('"') or value
                assert spec.shape.enum[label].value == value  # e.g. SSEKMS -> "SSE-KMS"
                page_values.add(value)
            added = set(spec.shape.enum.wire_values()) - page_values
            assert added == ADDED_AFTER_DEVELOPER_GUIDE.get(spec.shape.enum, frozenset())
            checked += 1
    assert checked >= 6


def test_operation_errors_are_the_pages() -> None:
    for name, errors in guide_errors().items():
        assert [e.__name__ for e in gs.OPERATIONS[name].errors] == errors
