"""The service rules as the strategies read them, per model: what `accepted=True` keeps to.

The rules themselves are data in `glue_security.models.service_rules`, which lint and the
in-memory service read too; this only indexes them by model for the generators.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..models.base import Model
from ..models.service_rules import (
    CATALOG_POLICIES,
    DEFAULT_ACCOUNT_ID,
    DEFAULT_REGION,
    INTERNAL_MEMBERS,
    ISSUED_BY_SERVICE,
    ITEM_LIMITS,
    KEYED_MODES,
    ROLE_MODES,
)
from ..spec.kinds import WireEnum

__all__ = ["DEFAULT_CATALOG", "AcceptedRules", "accepted_rules"]

#: The Data Catalog accepted policies name (partition, region, account): the in-memory
#: service's by default.
DEFAULT_CATALOG = ("aws", DEFAULT_REGION, DEFAULT_ACCOUNT_ID)


@attrs.frozen
class AcceptedRules:
    """For one model: the most items of each limited list member, the key members (never
    empty), the members a mode needs (mode, the modes that need it, the member), and the
    members left out (values only the service makes, members the API reserves), and the
    members that hold a Data Catalog's resource policy."""

    item_limits: Mapping[str, int]
    keys: frozenset[str]
    needs: tuple[tuple[str, frozenset[WireEnum], str], ...]
    left_out: frozenset[str]
    catalog_policies: frozenset[str]


_BY_MODEL: dict[type[Model], AcceptedRules] = {}


def accepted_rules(cls: type[Model]) -> AcceptedRules:
    """The rules that bear on `cls`'s own members (nested models have their own)."""
    found = _BY_MODEL.get(cls)
    if found is None:
        found = _BY_MODEL[cls] = _rules_of(cls)
    return found


def _rules_of(cls: type[Model]) -> AcceptedRules:
    keyed = [rule for rule in KEYED_MODES if rule.model is cls]
    roles = [rule for rule in ROLE_MODES if rule.model is cls]
    return AcceptedRules(
        item_limits={rule.member: rule.most for rule in ITEM_LIMITS if rule.model is cls},
        keys=frozenset(rule.key for rule in keyed),
        needs=(
            *((rule.mode, rule.kms_modes, rule.key) for rule in keyed),
            *((rule.mode, rule.role_modes, rule.role) for rule in roles),
        ),
        left_out=frozenset(
            [rule.member for rule in ISSUED_BY_SERVICE if rule.model is cls]
            + [rule.member for rule in INTERNAL_MEMBERS if rule.model is cls]
        ),
        catalog_policies=frozenset(rule.member for rule in CATALOG_POLICIES if rule.model is cls),
    )
