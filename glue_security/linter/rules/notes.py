"""What the engine says about the input itself (GS900): the values not known until deploy,
which no other rule checks."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ...models.base import Model
from ..subject import Parts
from .record import Check, Reporter, Rule

__all__ = [
    "CHECKS",
    "MAX_MODULE_CALLS",
    "MAX_MODULE_DEPTH",
    "MOST_NESTED",
    "MOST_RESOURCES",
    "RULES",
    "UNEXPANDED_LOOP",
    "UNKNOWN_VALUE",
    "report_unknown",
]

UNKNOWN_VALUE = "GS900"
UNEXPANDED_LOOP = "GS902"

# What lint expands, and no more (GS902 says where it stopped):
#: Most resources a template may hold (CloudFormation's quota), so most that loops make:
#: the expansion of a small file never costs more than that.
MOST_RESOURCES = 500
#: Most loops nested in one another that are expanded (CloudFormation allows five).
MOST_NESTED = 5
#: How deep calls of local Terraform modules are followed, and how many calls one root's
#: run follows (each re-checks its module as the call sets it): real configurations nest a
#: few levels, with tens of calls; a generated tree of calls could otherwise cost without
#: bound.
MAX_MODULE_DEPTH = 8
MAX_MODULE_CALLS = 256

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


GS902 = Rule(
    id=UNEXPANDED_LOOP,
    title="Resources of a loop or module call lint cannot expand",
    severity="note",
    kind="input",
    rationale=(
        "An `Fn::ForEach` loop (the `AWS::LanguageExtensions` transform) makes its "
        "resources at deploy. lint expands it where the template decides its collection: "
        "a list of strings, or `!Ref` of a `CommaDelimitedList` parameter with a `Default` "
        "(the findings then say that the default decided them). Any other collection (a "
        "parameter with no default, `!GetAtt`, `!FindInMap`, ...), or loops past what "
        f"CloudFormation allows ({MOST_NESTED} nested, {MOST_RESOURCES} resources a "
        "template), leave the Glue "
        "resources the loop makes unchecked: this note says so, at the loop, so that a "
        "report is never \"ok\" about resources it did not read. Shown without "
        "`--verbose`, unlike GS900 (a whole resource, not one value, goes unchecked); like "
        "GS900 and GS901 it says where lint stops, and does not fail a run. In Terraform, "
        "lint follows the calls of local modules, checking each called module as its call "
        f"sets it, up to {MAX_MODULE_DEPTH} nested calls and {MAX_MODULE_CALLS} calls in "
        "one run (a hostile or generated "
        "tree of calls could otherwise cost without bound); a call past either is this "
        "note, at the call."
    ),
    fix="Give the loop's collection as a list, or a Default to the parameter it names; "
    "lint a deep module tree from a directory nearer its resources.",
    inputs=frozenset({"cloudformation", "terraform"}),
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


RULES = (GS900, GS902)
#: None per model: the engine reports the values its walk found unknown.
CHECKS: dict[type[Model], Check] = {}
