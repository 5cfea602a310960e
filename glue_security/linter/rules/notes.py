"""What the engine says about the input itself (GS900): the values not known until deploy,
which no other rule checks."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ...models.base import Model
from ..subject import Parts
from .record import Check, Reporter, Rule

__all__ = ["CHECKS", "RULES", "UNKNOWN_VALUE", "report_unknown"]

UNKNOWN_VALUE = "GS900"

GS900 = Rule(
    id=UNKNOWN_VALUE,
    title="A value not known until deploy",
    severity="note",
    kind="input",
    rationale=(
        "An intrinsic function (`!Ref`, `!GetAtt`, `!Sub`, `!If`, ...) or a Terraform "
        "value known only after apply is never a finding by itself: the constraints on "
        "it are skipped, and posture rules treat it as unknown. Reported with "
        "`--verbose` only, so that a reviewer can see what was not checked."
    ),
    fix="Nothing to fix; give the value literally to have it checked.",
)


def report_unknown(
    reporter: Reporter, unknown: Iterable[Parts], unrecorded: Collection[Parts] = ()
) -> None:
    """A note at each value the inputs marked as known only at deploy, or (`unrecorded`)
    as not recorded in the input."""
    for wire in unknown:
        what = "not recorded in the input" if wire in unrecorded else "not known until deploy"
        reporter.add(
            UNKNOWN_VALUE,
            f"{what}; constraints on it are skipped and posture rules treat it as unknown",
            wire,
        )


RULES = (GS900,)
#: None per model: the engine reports the values its walk found unknown.
CHECKS: dict[type[Model], Check] = {}
