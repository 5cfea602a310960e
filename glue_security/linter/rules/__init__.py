"""The lint rules, one module per family, and the registry that collects them.

Each family module defines its rules' records (`Rule`: id, severity, title, rationale,
fix, the inputs it fires for, the matching checks of other tools) next to the checks that
report them, and exports `RULES` and `CHECKS` (its check of each model it looks at). The engine, the
command and the rule pages (`python -m glue_security.generate`) read the registry here;
each rule's pass and fail example files are in `examples/<id>/`, shipped with the package.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from ...models.base import Model
from ..subject import INPUTS, InputKind
from . import cross, notes, posture, schema, service
from .notes import UNKNOWN_VALUE
from .record import Check, Rule
from .schema import SCHEMA_RULES

__all__ = [
    "CHECKS",
    "EXAMPLES",
    "INPUTS",
    "RULES",
    "SCHEMA_RULES",
    "UNCHECKED_NOTES",
    "UNKNOWN_VALUE",
    "InputKind",
    "Rule",
]

# The families in the order their rules are listed and their checks run.
_FAMILIES = (schema, service, posture, notes, cross)


def _rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for family in _FAMILIES:
        for rule in family.RULES:
            if rule.id in rules:
                raise ValueError(f"lint rule {rule.id} is defined twice")
            rules[rule.id] = rule
    return rules


def _checks() -> dict[type[Model], tuple[Check, ...]]:
    checks: dict[type[Model], tuple[Check, ...]] = {}
    for family in _FAMILIES:
        for model, check in family.CHECKS.items():
            checks[model] = (*checks.get(model, ()), check)
    return checks


#: One folder per rule, holding files named `fail*` (the rule reports them) and `pass*`
#: (it does not); shipped with the package, so the rule pages can be written anywhere.
EXAMPLES = Path(__file__).resolve().parent / "examples"

#: Every rule by id, in the order of ids: schema (GS0..), service (GS1..), posture (GS2..),
#: then the notes about the input (GS9..).
RULES: Mapping[str, Rule] = MappingProxyType(dict(sorted(_rules().items())))
#: The checks of each model, in the families' order (service rules' before posture rules').
CHECKS: Mapping[type[Model], tuple[Check, ...]] = MappingProxyType(_checks())
#: The notes about what the input leaves unchecked (a value known only at deploy, a
#: configuration defined elsewhere): they say where lint stops, not that anything is wrong,
#: so they never fail a run.
UNCHECKED_NOTES: frozenset[str] = frozenset(
    rule.id for rule in RULES.values() if rule.kind == "input"
)
