"""The encryption settings the service and posture rules read: for each, its mode member,
key member, the modes that need the key and the mode that leaves data unencrypted, as the
service rules (`glue_security.models.service_rules`) declare them."""

from __future__ import annotations

from typing import Any

import attrs

from ...models.base import Model
from ...models.service_rules import KEYED_MODES
from ...spec.kinds import WireEnum
from ..subject import Unknown
from .record import wire_name

__all__ = ["BLOCKS", "Block", "mode_of"]


@attrs.frozen
class Block:
    """An encryption setting as lint reads it: a service rule's `KeyedMode` (its mode
    member, key member, the modes that need the key and the mode that leaves data
    unencrypted), with the members' wire names."""

    model: type[Model]
    mode: str
    key: str
    kms_modes: frozenset[WireEnum]
    disabled: WireEnum
    defaulted_modes: frozenset[WireEnum]


# The settings are the service rules' (`models.service_rules`), which the in-memory service
# and the strategies read too.
BLOCKS: dict[type[Model], Block] = {
    rule.model: Block(
        rule.model,
        wire_name(rule.model, rule.mode),
        wire_name(rule.model, rule.key),
        rule.kms_modes,
        rule.disabled,
        rule.defaulted_modes,
    )
    for rule in KEYED_MODES
}


def mode_of(block: Block, value: dict[str, Any]) -> WireEnum | Unknown | None:
    """The block's mode as its enum member; DISABLED where left out (the service's
    default); an `Unknown` where not known; None where not a valid mode (a schema rule
    reports that)."""
    mode = value.get(block.mode)
    if isinstance(mode, Unknown):
        return mode
    if mode is None:
        return block.disabled
    return _members(type(block.disabled)).get(mode) if isinstance(mode, str) else None


_MEMBERS: dict[type[WireEnum], dict[str, WireEnum]] = {}


def _members(enum: type[WireEnum]) -> dict[str, WireEnum]:
    """The enum's members by wire value (an Enum's own lookup costs a call through its
    metaclass; blocks are read once per resource)."""
    found = _MEMBERS.get(enum)
    if found is None:
        found = _MEMBERS[enum] = {value: enum(value) for value in enum.wire_values()}
    return found
