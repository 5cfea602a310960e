"""What every rule family module shares: the `Rule` record, the shape of a check, and the
reporter a check gives its findings to (the engine's walk)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, Protocol

import attrs

from ...documents.findings import Severity
from ...models.base import Model
from ...spec.plan import model_plan
from ..subject import INPUTS, InputKind, Parts

__all__ = [
    "API_ONLY",
    "EVERY_INPUT",
    "KMS_ARN",
    "Check",
    "Reporter",
    "Rule",
    "RuleKind",
    "wire_name",
]

RuleKind = Literal["schema", "service", "posture", "input"]
EVERY_INPUT: frozenset[InputKind] = frozenset(INPUTS)
API_ONLY: frozenset[InputKind] = frozenset({"api"})

#: The key the fixes quote.
KMS_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"


@attrs.frozen
class Rule:
    """One lint rule. `inputs` are the kinds of input it can fire for: a rule about a
    member that CloudFormation or Terraform cannot express never fires there, since a
    user could not act on it. Its pass and fail examples are files, one folder per rule
    (`examples/GS101/` beside this module), which the rule's page shows."""

    id: str
    title: str
    severity: Severity
    kind: RuleKind
    rationale: str
    fix: str
    inputs: frozenset[InputKind] = EVERY_INPUT
    checkov: str | None = None
    prowler: str | None = None
    security_hub: str | None = None
    #: Public reports of service behaviour the documentation does not state.
    reports: tuple[str, ...] = ()


class Reporter(Protocol):
    """Where a check reports: rule id, message, the wire path, and (rarely) the document
    path when it is not the one the wire path maps to."""

    def add(self, rule_id: str, message: str, wire: Parts, at: Parts | None = None) -> None: ...


#: A check of one model's payload: (reporter, model, payload, wire path, parent model).
Check = Callable[[Reporter, type[Model], dict[str, Any], Parts, Any], None]


def wire_name(model: type[Model], attribute: str) -> str:
    """The wire name of `model`'s member `attribute`."""
    return model_plan(model).members[attribute].wire_name
