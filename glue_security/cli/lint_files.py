"""Linting files for `glue-security lint`: one file at a time, or a directory's Terraform
files together as one module, each finding placed at its line and column.

Every finding is kept here (the unknown values' notes where `--verbose` or a baseline wants
them): the command decides what to show (`--severity`, `--verbose`) and what fails the run
(`--fail-on`) afterwards.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from ..documents.sources import Source
from ..linter.engine import LintFinding, linked_findings, lint_subjects, selected
from ..linter.inputs import InputError, Subject, cloudformation_yaml_loader, links, subjects
from ..linter.inputs.terraform_config import (
    ModuleCall,
    ModuleFile,
    decided_by_default,
    is_configuration,
    module_calls,
    module_links,
    module_subjects,
)
from ..linter.rules.notes import MAX_MODULE_CALLS, MAX_MODULE_DEPTH, UNEXPANDED_LOOP
from ..linter.subject import Link
from ..validation.error import cut_text
from .common import load_file, text_findings
from .report import FileResult, Finding

__all__ = ["TerraformModules", "is_terraform_name", "lint_file"]

Parts = tuple[str | int, ...]


def _findings(
    source: Source,
    subject: Subject,
    options: argparse.Namespace,
    defaults: Mapping[Parts, str] | None = None,
) -> list[Finding]:
    # In templates and plans a finding points at the property (its name); in payloads,
    # as validate does, at the value.
    key = subject.input != "api"
    base = subject.base
    document = base[0] if base and isinstance(base[0], int) else None
    out = []
    notes = _unknown_notes(options)
    for found in lint_subjects([subject], ignore=options.ignore, severity="note", verbose=notes):
        line, column = source.position(found.location, key=key) or (None, None)
        decided_by = _decided_by(found.location, defaults or {})
        if decided_by is not None:
            found = attrs.evolve(
                found,
                message=f"{found.message} ({decided_by_default(decided_by)})",
            )
        out.append(_finding(found, line, column, document))
    return out


def _unknown_notes(options: argparse.Namespace) -> bool:
    """Whether the unknown values' notes (GS900) are wanted: shown with `--verbose`, and kept
    in a baseline; they never change the exit status, so no other run needs them."""
    return bool(getattr(options, "verbose", True)) or getattr(options, "baseline", None) is not None


def _decided_by(location: Parts, defaults: Mapping[Parts, str]) -> str | None:
    for at, variable in defaults.items():
        common = min(len(at), len(location))
        if at[:common] == location[:common] and len(location) > 3:
            return variable
    return None


def _finding(
    found: LintFinding, line: int | None, column: int | None, document: int | None
) -> Finding:
    return Finding(
        found.message,
        found.rule,
        found.path,
        line,
        column,
        document,
        found.severity,
        found.resource,
    )


# -- Terraform modules: the files of a directory read together ------------------------------

TERRAFORM_SUFFIXES = (".tf", ".tf.json", ".tfvars", ".tfvars.json")
_TFVARS = (".tfvars", ".tfvars.json")


def is_terraform_name(name: str) -> bool:
    return name.lower().endswith(TERRAFORM_SUFFIXES)


class TerraformModules:
    """Each directory's Terraform files linted once, together; each file's result kept
    until the command asks for it."""

    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.done: dict[str, dict[str, FileResult]] = {}

    def result(self, path: str) -> FileResult:
        if path == "-":
            return self.lint_module([path])[path]
        directory = os.path.dirname(path)
        results = self.done.get(directory)
        if results is None or path not in results:
            results = self.done[directory] = self.lint_module(_module_files(directory, path))
        return results[path]

    def lint_module(self, paths: Sequence[str]) -> dict[str, FileResult]:
        options = self.options
        results: dict[str, FileResult] = {}
        sources: list[Source] = []
        files: list[ModuleFile] = []
        tfvars: dict[str, Any] = {}
        for path in paths:
            name = options.stdin_filename if path == "-" and options.stdin_filename else path
            source = load_file(path, options, yaml_loader=cloudformation_yaml_loader)
            if isinstance(source, FileResult):
                results[path] = source
            elif name.lower().endswith(_TFVARS):
                if isinstance(source.data, dict):
                    tfvars.update(source.data)
                results[path] = FileResult(source.name)
            elif source.format == "hcl" or is_configuration(source.data) or source.data == {}:
                comments = source.hcl.comments if source.hcl is not None else {}
                files.append(ModuleFile(source.data, source.format == "hcl", comments))
                sources.append(source)
            else:  # a plan or template named *.tf.json: read as any other file
                results[path] = lint_file(path, options)
        found: list[list[Finding]] = [[] for _ in sources]
        names: list[list[str]] = [[] for _ in sources]
        configurations: dict[str, Subject] = {}
        for index, subject, defaults in module_subjects(files, tfvars):
            names[index].append(subject.resource or subject.model.__name__)
            found[index].extend(_findings(sources[index], subject, options, defaults))
            configurations[subject.resource or ""] = subject
        for link, finding in _cross(module_links(files, tfvars), configurations, options):
            where = sources[link.file].position(link.at, key=True) or (None, None)
            found[link.file].append(attrs.evolve(finding, line=where[0], column=where[1]))
        directory = os.path.dirname(sources[0].name) if sources and paths != ["-"] else None
        if directory is not None:
            called = _CalledModule(options, (os.path.realpath(directory),))
            for call in module_calls(files, tfvars):
                for finding in called.findings(directory, call):
                    at = sources[call.file].position(call.at, key=True) or (None, None)
                    found[call.file].append(attrs.evolve(finding, line=at[0], column=at[1]))
        for index, source in enumerate(sources):
            key = source.name if source.name in paths else "-"  # "-": standard input
            findings = sorted(found[index], key=lambda f: (f.line or 0, f.column or 0))
            results[key] = FileResult(source.name, tuple(findings), tuple(names[index]))
        return results


@attrs.define
class _Followed:
    """What one root's run has followed: the calls it may still follow, and each called
    directory's files, read once however often they are called."""

    remaining: int = MAX_MODULE_CALLS
    read: dict[str, tuple[list[Source], list[ModuleFile], list[Finding]]] = attrs.Factory(dict)


class _CalledModule:
    """The findings of a local module as one call of it sets its variables, each placed at
    the call: its resource `module.NAME.TYPE.NAME`, and where in the module's files it is
    said in the message."""

    def __init__(
        self,
        options: argparse.Namespace,
        stack: tuple[str, ...],
        followed: _Followed | None = None,
    ) -> None:
        self.options = options
        self.stack = stack  # the directories of the calls being followed, for cycles
        self.followed = followed if followed is not None else _Followed()

    def findings(self, caller: str, call: ModuleCall) -> list[Finding]:
        directory = os.path.normpath(os.path.join(caller, call.source))
        real = os.path.realpath(directory)
        if real in self.stack:  # Terraform refuses a cycle of calls; nothing more to read
            return []
        if len(self.stack) > MAX_MODULE_DEPTH or self.followed.remaining <= 0:
            return self._not_followed(call)
        self.followed.remaining -= 1
        sources, files, unread = self._read(directory, real)
        out = [
            attrs.evolve(f, message=f"module.{call.name} ({cut_text(directory)}): {f.message}")
            for f in unread
        ]
        configurations: dict[str, Subject] = {}
        for index, subject, defaults in module_subjects(files, {}, call.arguments):
            configurations[subject.resource or ""] = subject
            for finding in _findings(sources[index], subject, self.options, defaults):
                out.append(self._placed(call, sources[index], finding))
        links = module_links(files, {}, call.arguments)
        for link, finding in _cross(links, configurations, self.options):
            where = sources[link.file].position(link.at, key=True) or (None, None)
            placed = attrs.evolve(finding, line=where[0], column=where[1])
            out.append(self._placed(call, sources[link.file], placed))
        inner = _CalledModule(self.options, (*self.stack, real), self.followed)
        for nested in module_calls(files, {}, call.arguments):
            at = sources[nested.file].position(nested.at, key=True) or (None, None)
            for finding in inner.findings(directory, nested):
                placed = attrs.evolve(finding, line=at[0], column=at[1])
                out.append(self._placed(call, sources[nested.file], placed))
        return out

    def _read(
        self, directory: str, real: str
    ) -> tuple[list[Source], list[ModuleFile], list[Finding]]:
        found = self.followed.read.get(real)
        if found is not None:
            return found
        sources: list[Source] = []
        files: list[ModuleFile] = []
        unread: list[Finding] = []
        # A called module's variables are its caller's arguments: its .tfvars are not read.
        for path in _module_files(directory):
            if path.lower().endswith(_TFVARS):
                continue
            source = load_file(path, self.options, yaml_loader=cloudformation_yaml_loader)
            if isinstance(source, FileResult):
                unread.extend(f for f in (source.error, *source.findings) if f is not None)
                continue
            comments = source.hcl.comments if source.hcl is not None else {}
            files.append(ModuleFile(source.data, source.format == "hcl", comments))
            sources.append(source)
        found = self.followed.read[real] = (sources, files, unread)
        return found

    def _not_followed(self, call: ModuleCall) -> list[Finding]:
        if not selected(UNEXPANDED_LOOP, ignore=self.options.ignore):
            return []
        message = (
            f"module.{call.name} ({cut_text(call.source)}) is not followed: past "
            f"{MAX_MODULE_DEPTH} nested calls or {MAX_MODULE_CALLS} calls in one run, so its "
            "resources are not checked here"
        )
        return [
            Finding(message, UNEXPANDED_LOOP, "$", severity="note", resource=f"module.{call.name}")
        ]

    @staticmethod
    def _placed(call: ModuleCall, source: Source, finding: Finding) -> Finding:
        where = f"{source.name}:{finding.line}:{finding.column}" if finding.line else source.name
        return attrs.evolve(
            finding,
            resource=f"module.{call.name}.{finding.resource}" if finding.resource else None,
            message=f"{finding.message} (in {where}, as module.{call.name} sets it)",
        )


def _module_files(directory: str, named: str | None = None) -> list[str]:
    """The Terraform files of `directory` (the module `named`, if given, belongs to; it
    comes first), hidden ones left out."""
    found = [] if named is None else [named]
    try:
        entries = sorted(os.scandir(directory or "."), key=lambda entry: entry.name)
    except OSError:
        return found
    for entry in entries:
        path = os.path.join(directory, entry.name)
        if (
            path != named
            and not entry.name.startswith(".")
            and is_terraform_name(entry.name)
            and entry.is_file()
        ):
            found.append(path)
    return found


#: The file names lint reads, by their endings (a named file of another kind is reported).
LINT_SUFFIXES = (".json", ".yaml", ".yml", ".jsonl", ".gz", *TERRAFORM_SUFFIXES)
UNKNOWN_KIND = (
    "lint reads JSON and YAML files (.json, .yaml, .yml: CloudFormation templates, "
    "Terraform plans and state, envelopes, AWS CLI output and boto3 responses, recorded "
    "calls, CloudTrail logs), JSON Lines "
    "(.jsonl: CloudTrail exports; gzipped too) and Terraform configurations (.tf, .tf.json, "
    ".tfvars); pass --input-format to read this file as one of them"
)


def lint_file(path: str, options: argparse.Namespace) -> FileResult:
    name = options.stdin_filename if path == "-" and options.stdin_filename else path
    if options.input_format is None and name != "-" and not name.lower().endswith(LINT_SUFFIXES):
        if options.skip_unknown_files:
            return FileResult(name)
        return FileResult(name, error=Finding(UNKNOWN_KIND, "input"))
    source = load_file(path, options, yaml_loader=cloudformation_yaml_loader)
    if isinstance(source, FileResult):
        return source
    try:
        items = list(
            subjects(
                source.data,
                operation_name=options.operation,
                response=options.response,
                shape_name=options.shape,
                name=source.name,
            )
        )
    except InputError as exc:
        if options.skip_unknown_files:
            return FileResult(source.name)
        line, column = source.position(exc.parts) or (None, None)
        return FileResult(source.name, error=Finding(exc.message, "input", None, line, column))
    # A repeated key hides its earlier values from every rule, as from validate.
    findings = [f for f in text_findings(source, []) if f.code not in options.ignore]
    if source.too_long:  # a placeholder stands for the integer: nothing more to check
        return FileResult(source.name, tuple(findings))
    names: list[str] = []
    for item in items:
        if isinstance(item, InputError):
            line, column = source.position(item.parts) or (None, None)
            findings.append(Finding(item.message, "input", None, line, column))
            continue
        names.append(item.resource or item.model.__name__)
        findings.extend(_findings(source, item, options))
    named = options.shape is not None or options.operation is not None
    found_links = None if named else links(source.data, name=source.name)
    if found_links is not None:
        configurations = {item.resource or "": item for item in items if isinstance(item, Subject)}
        for link, finding in _cross(found_links, configurations, options):
            line, column = source.position(link.at, key=True) or (None, None)
            findings.append(attrs.evolve(finding, line=line, column=column))
    findings.sort(key=lambda f: (f.line or 0, f.column or 0))
    return FileResult(source.name, tuple(findings), tuple(names))


def _cross(
    links: Sequence[Link], configurations: Mapping[str, Subject], options: argparse.Namespace
) -> Iterator[tuple[Link, Finding]]:
    """The cross-resource findings, each with its link (for its place in the input)."""
    for link, found in linked_findings(
        links,
        configurations,
        ignore=options.ignore,
        severity="note",
        verbose=_unknown_notes(options),
    ):
        yield link, _finding(found, None, None, None)
