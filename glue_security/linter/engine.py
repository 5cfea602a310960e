"""The lint engine: runs the rules (`linter.rules`) over the subjects the inputs make.

`lint(obj)` takes a model, a wire payload (an envelope, AWS CLI output of a Get
operation, or any payload with `operation=` / `shape=`), a parsed CloudFormation template
or a Terraform plan, and returns every finding as a frozen `LintFinding`. The engine walks
a payload by the models' member metadata and runs each model's checks from the registry;
the rules' records and checks live in their family modules, so no constraint is restated.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ..codec.convert import to_wire
from ..documents.findings import SEVERITIES, Severity
from ..models.base import Model
from ..spec.kinds import SCALAR_KINDS, ListShape, StructureShape, assert_never
from ..spec.plan import model_plan
from ..validation.paths import wire_path
from .inputs import links, subjects
from .rules import CHECKS, RULES, UNKNOWN_VALUE
from .rules.cross import WEAK_RULES, cross_findings
from .rules.notes import report_unknown
from .rules.schema import check_schema
from .subject import NOT_RECORDED, InputError, Link, Parts, Subject, Unknown

__all__ = ["LintFinding", "linked_findings", "lint", "lint_across", "lint_subjects"]


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
    it starts, so `GS2` ignores the posture rules; an empty entry starts none, not all),
    at or above `severity`, and the unknown-value notes only when `verbose`."""
    if rule_id == UNKNOWN_VALUE and not verbose:
        return False
    if any(prefix and rule_id.startswith(prefix) for prefix in ignore):
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
    items = [item for item in found if isinstance(item, Subject)]
    return (
        *lint_subjects(items, ignore=ignore, severity=severity, verbose=verbose),
        *lint_across(obj, items, ignore=ignore, severity=severity, verbose=verbose),
    )


def lint_subjects(
    items: Iterable[Subject],
    *,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> Iterator[LintFinding]:
    """The findings of each subject that pass the filters (see `selected`)."""
    # The unknown values' notes are written only where they can be reported.
    unknown_notes = selected(UNKNOWN_VALUE, ignore=ignore, severity=severity, verbose=verbose)
    for subject in items:
        for finding in _Linter(subject, unknown_notes).run():
            if finding.rule not in subject.ignore and selected(
                finding.rule, ignore=ignore, severity=severity, verbose=verbose
            ):
                yield finding


# -- the walk ----------------------------------------------------------------------------------


def _is_known(value: Any) -> bool:
    return not isinstance(value, Unknown)


class _Linter:
    """One subject's walk; the rules' checks report to it (it is their `Reporter`)."""

    def __init__(self, subject: Subject, unknown_notes: bool = True) -> None:
        self.subject = subject
        self.unknown_notes = unknown_notes
        self.findings: list[LintFinding] = []
        self.unknown: list[Parts] = []
        #: Of those, the members the input does not record (a CloudTrail event's).
        self.unrecorded: set[Parts] = set()

    def add(self, rule_id: str, message: str, wire: Parts, at: Parts | None = None) -> None:
        rule = RULES[rule_id]
        if self.subject.input not in rule.inputs:
            return
        if self.subject.note is not None:
            message = f"{message} ({self.subject.note})"
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
        if self.unknown_notes:
            report_unknown(self, self.unknown, self.unrecorded)
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
                    if item.why == NOT_RECORDED:
                        self.unrecorded.add(at)
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


# -- across the resources of one input ----------------------------------------------------------


def linked_findings(
    links: Sequence[Link],
    configurations: Mapping[str, Subject],
    *,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> Iterator[tuple[Link, LintFinding]]:
    """The cross-resource findings as the engine's, each with its link, filtered as the
    engine filters (and by each resource's own suppressions)."""
    def weak_settings(subject: Subject) -> list[tuple[str, str]]:
        found = lint_subjects([subject], severity="note")
        return [(finding.rule, finding.message) for finding in found if finding.rule in WEAK_RULES]

    for found in cross_findings(links, configurations, weak_settings):
        rule, link = found.rule, found.link
        if rule in link.ignore or not selected(
            rule, ignore=ignore, severity=severity, verbose=verbose
        ):
            continue
        message = found.message if link.note is None else f"{found.message} ({link.note})"
        yield link, LintFinding(
            rule, RULES[rule].severity, message, link.path, link.resource, link.at
        )


def lint_across(
    data: Any,
    items: Sequence[Subject],
    *,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> list[LintFinding]:
    """The cross-resource findings of a parsed template, Terraform configuration in JSON
    syntax, plan or state, whose subjects are `items` (none for other inputs)."""
    found_links = links(data)
    if found_links is None:
        return []
    configurations = {item.resource or "": item for item in items}
    found = linked_findings(
        found_links, configurations, ignore=ignore, severity=severity, verbose=verbose
    )
    return [finding for _, finding in found]
