"""Schema rules (GS001-GS008): one per `ValidationError` code a payload can have, found by
`from_wire` as `glue-security validate` finds them."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ...codec.convert import from_wire
from ...models.base import Model
from ...validation.error import ErrorCode, ValidationError
from ...validation.paths import split_path
from ..subject import Parts
from .record import Check, Reporter, Rule

__all__ = ["CHECKS", "RULES", "SCHEMA_RULES", "check_schema"]

_TITLES: dict[ErrorCode, str] = {
    "type": "A value has the wrong type",
    "required": "A required member is missing",
    "unknown": "A member the shape does not define",
    "length": "A string or list outside its documented length",
    "pattern": "A string that does not match its documented pattern",
    "enum": "A value outside its enum",
    "range": "A number outside its documented range",
    "json": "A policy that is not a JSON object",
}

# A repeated key is a fault of the file's text, found while reading it: lint reports it
# with the file-level code `duplicate`, as validate does, not as a rule of the payload.
_PAYLOAD_CODES = [code for code in typing.get_args(ErrorCode) if code != "duplicate"]

#: One schema rule per `ValidationError` code a payload can have, in the order of `ErrorCode`.
SCHEMA_RULES: Mapping[str, str] = MappingProxyType(
    {code: f"GS{number:03d}" for number, code in enumerate(_PAYLOAD_CODES, 1)}
)

RULES = tuple(
    Rule(
        id=SCHEMA_RULES[code],
        title=_TITLES[code],
        severity="error",
        kind="schema",
        rationale=(
            f"The payload breaks a constraint of the API (`{code}`), as "
            "`glue-security validate` reports it: the service rejects the request, or a "
            "deploy tool fails on it. The message names the constraint and the value."
        ),
        fix="Change the value to meet the constraint the message names; "
        "`glue-security schema SHAPE` prints every constraint of a shape.",
    )
    for code in _PAYLOAD_CODES
)


def check_schema(
    reporter: Reporter,
    model: type[Model],
    clean: Any,
    index_maps: Mapping[Parts, list[int]],
    unknown: list[Parts],
) -> None:
    """Report each constraint `clean` (the payload without its unknown values) breaks, at
    its place in the original payload (`index_maps` renumbers the lists that held one)."""
    try:
        from_wire(model, clean)
    except ValidationError as exc:
        for error in exc.errors:
            parts = _renumbered(split_path(error.path), index_maps)
            if error.code == "required" and parts in unknown:
                continue  # the member is there, with a value known only at deploy
            reporter.add(SCHEMA_RULES[error.code], error.message, parts)


#: None per model: the engine runs `check_schema` once over the whole payload.
CHECKS: dict[type[Model], Check] = {}


def _renumbered(parts: Parts, index_maps: Mapping[Parts, list[int]]) -> Parts:
    out: list[str | int] = []
    for part in parts:
        kept = index_maps.get(tuple(out))
        if kept is not None and isinstance(part, int) and 0 <= part < len(kept):
            part = kept[part]
        out.append(part)
    return tuple(out)
