"""The lint engine: runs the rules (`linter.rules`) over the subjects the inputs make.

`lint(obj)` takes a model, a wire payload (an envelope, AWS CLI output of a Get
operation, or any payload with `operation=` / `shape=`), a parsed CloudFormation template
or a Terraform plan, and returns every finding as a frozen `LintFinding`. The engine walks
a payload by the models' member metadata and runs each model's checks from the registry;
the rules' records and checks live in their family modules, so no constraint is restated.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Any

import attrs

from ..codec.convert import to_wire
from ..documents.findings import SEVERITIES, Severity
from ..models.base import Model
from ..spec.kinds import SCALAR_KINDS, ListShape, StructureShape, assert_never
from ..spec.plan import model_plan
from ..validation.paths import wire_path
from .inputs import subjects
from .rules import CHECKS, RULES, UNKNOWN_VALUE
from .rules.notes import report_unknown
from .rules.schema import check_schema
from .subject import InputError, Parts, Subject, Unknown

__all__ = ["LintFinding", "lint", "lint_subjects"]


@attrs.frozen
class LintFinding:
    """One finding: the `rule` (`GS102`), its severity, a message, the wire `path`
    (`$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn`), the `resource` (a template's
    logical id or a plan's address) and `location`, the path of the value in the input
    document (line and column, where the command knows the file)."""

    rule: str
    severity: Severity
    message: str
    path: str
    resource: str | None = None
    location: Parts = ()
    line: int | None = None
    column: int | None = None


def selected(
    rule_id: str,
    *,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> bool:
    """Whether a finding of `rule_id` is reported: not ignored (an entry ignores every id
    it starts, so `GS2` ignores the posture rules), at or above `severity`, and the
    unknown-value notes only when `verbose`."""
    if rule_id == UNKNOWN_VALUE and not verbose:
        return False
    if any(rule_id.startswith(prefix) for prefix in ignore):
        return False
    rule_severity = RULES[rule_id].severity if rule_id in RULES else "error"
    return SEVERITIES.index(rule_severity) <= SEVERITIES.index(severity)


def lint(
    obj: Any,
    *,
    operation: str | None = None,
    response: bool = False,
    shape: str | None = None,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> tuple[LintFinding, ...]:
    """Lint a model instance, a wire payload, a parsed CloudFormation template or a
    Terraform plan (`terraform show -json`), and return the findings.

    A wire payload is recognised as an envelope or as AWS CLI output of a Get operation,
    or named with `operation=` (its request; with `response=True`, its response) or
    `shape=`. `ignore` leaves out rule ids (or prefixes), `severity` is the least severe
    level kept, and `verbose` adds a note for each value not known until deploy. Raises
    `ValueError` for input of no known kind, or an unknown operation or shape name.
    """
    if isinstance(obj, Model):
        obj, shape = to_wire(obj), type(obj).__name__
    try:
        found = list(subjects(obj, operation_name=operation, response=response, shape_name=shape))
    except InputError as exc:
        raise ValueError(exc.message) from None
    problems = [item for item in found if isinstance(item, InputError)]
    if problems:
        raise ValueError(problems[0].message)
    return tuple(
        lint_subjects(
            [item for item in found if isinstance(item, Subject)],
            ignore=ignore,
            severity=severity,
            verbose=verbose,
        )
    )


def lint_subjects(
    items: Iterable[Subject],
    *,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> Iterator[LintFinding]:
    """The findings of each subject that pass the filters (see `selected`)."""
    for subject in items:
        for finding in _Linter(subject).run():
            if finding.rule not in subject.ignore and selected(
                finding.rule, ignore=ignore, severity=severity, verbose=verbose
            ):
                yield finding


# -- the walk ----------------------------------------------------------------------------------


def _is_known(value: Any) -> bool:
    return not isinstance(value, Unknown)


class _Linter:
    """One subject's walk; the rules' checks report to it (it is their `Reporter`)."""

    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self.findings: list[LintFinding] = []
        self.unknown: list[Parts] = []

    def add(self, rule_id: str, message: str, wire: Parts, at: Parts | None = None) -> None:
        rule = RULES[rule_id]
        if self.subject.input not in rule.inputs:
            return
        self.findings.append(
            LintFinding(
                rule_id,
                rule.severity,
                message,
                wire_path(wire),
                self.subject.resource,
                self.subject.locate(wire) if at is None else at,
            )
        )

    def run(self) -> list[LintFinding]:
        subject = self.subject
        for problem in subject.problems:
            self.add(problem.rule, problem.message, problem.wire, problem.at)
        clean, index_maps = self.strip_unknown(subject.payload, ())
        check_schema(self, subject.model, clean, index_maps, self.unknown)
        self.walk(subject.model, subject.payload, (), None)
        report_unknown(self, self.unknown)
        return self.findings

    # Unknown values are taken out before the schema check, and a list that held one is
    # renumbered: `index_maps` turns a cleaned list's index back into the original one.
    # The inputs put them only at members' places, so the walk follows the model (and so
    # costs no more depth than the model has, whatever the input nests).
    def strip_unknown(self, value: Any, wire: Parts) -> tuple[Any, dict[Parts, list[int]]]:
        maps: dict[Parts, list[int]] = {}

        def strip(model: type[Model], value: Any, wire: Parts) -> Any:
            if not isinstance(value, dict):
                return value
            cleaned = dict(value)
            for spec in model_plan(model).members.values():
                name = spec.wire_name
                if name not in value:
                    continue
                item, at, shape = value[name], (*wire, name), spec.shape
                if isinstance(item, Unknown):
                    self.unknown.append(at)
                    del cleaned[name]
                elif isinstance(shape, StructureShape):
                    cleaned[name] = strip(shape.model, item, at)
                elif isinstance(shape, ListShape):
                    if not isinstance(item, list):
                        continue
                    kept = [i for i, element in enumerate(item) if _is_known(element)]
                    self.unknown.extend((*at, i) for i in range(len(item)) if i not in kept)
                    if len(kept) != len(item):
                        maps[at] = kept
                    inner = shape.item
                    cleaned[name] = [
                        strip(inner.model, item[i], (*at, i))
                        if isinstance(inner, StructureShape)
                        else item[i]
                        for i in kept
                    ]
                elif not isinstance(shape, SCALAR_KINDS):
                    assert_never(shape)
            return cleaned

        if isinstance(value, Unknown):
            self.unknown.append(wire)
            return {}, maps
        return strip(self.subject.model, value, wire), maps

    def walk(self, model: type[Model], value: Any, wire: Parts, parent: type[Model] | None) -> None:
        """Run each model's checks on the payload, then go down into its members."""
        if not isinstance(value, dict):
            return
        for check in CHECKS.get(model, ()):
            check(self, model, value, wire, parent)
        for spec in model_plan(model).members.values():
            child = value.get(spec.wire_name)
            shape = spec.shape
            if isinstance(shape, StructureShape):
                self.walk(shape.model, child, (*wire, spec.wire_name), model)
            elif isinstance(shape, ListShape):
                if isinstance(shape.item, StructureShape) and isinstance(child, list):
                    for index, item in enumerate(child):
                        self.walk(shape.item.model, item, (*wire, spec.wire_name, index), model)
            elif not isinstance(shape, SCALAR_KINDS):
                assert_never(shape)
