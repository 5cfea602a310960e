"""`glue-security lint` and `glue-security rules`: a thin layer over the lint engine.

Files are read as `validate` reads them (the same options, positions and report formats),
and CloudFormation's short-form YAML tags are read too. Settings come from the command
line and from a `[tool.glue-security]` table in the nearest `pyproject.toml`.
"""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from .._version import __version__
from ..documents.findings import SEVERITIES, Severity
from ..documents.sources import Source
from ..models.operations import operation
from ..models.registry import shape
from .common import (
    ERROR_CODE_RULES,
    EXIT_INVALID,
    EXIT_VALID,
    UsageError,
    add_file_arguments,
    check_files,
    duplicate_findings,
    load_file,
    use_color,
)
from .report import FileResult, Finding, Tool, write_report

if TYPE_CHECKING:
    from ..linter.engine import LintFinding
    from ..linter.inputs import Subject

# The linter (its rules, engine and input readers) is imported where a command runs it:
# building the parser for `glue-security validate` must not pay for it.

__all__ = ["add_lint_commands"]

FILE_LEVEL_CODES = {
    **{
        code: ERROR_CODE_RULES[code]
        for code in ("json", "yaml", "read", "size", "yaml-support", "duplicate")
    },
    "input": "A file lint cannot read as an envelope, AWS CLI output, a CloudFormation "
    "template or a Terraform plan.",
}


@cache
def _tool() -> Tool:
    """The report's tool: every rule's id, title and level, and the file-level codes."""
    from ..linter.rules import RULES

    return Tool(
        "glue-security",
        __version__,
        {**{rule.id: rule.title for rule in RULES.values()}, **FILE_LEVEL_CODES},
        levels={rule.id: rule.severity for rule in RULES.values()},
    )

LINT_HELP = """\
Each file is one of:
  an envelope file, as validate reads it ({"Operation": ..., "Request": {...}});
  AWS CLI or boto3 output of a Get operation (aws glue get-security-configurations);
  a CloudFormation template, JSON or YAML (short-form tags such as !Ref and !GetAtt
    are read): AWS::Glue::SecurityConfiguration, AWS::Glue::DataCatalogEncryptionSettings;
  a Terraform plan (terraform show -json plan.out): aws_glue_security_configuration,
    aws_glue_data_catalog_encryption_settings, aws_glue_resource_policy.
A value known only at deploy (an intrinsic function, a Terraform unknown) is never a
finding by itself; --verbose lists them. Suppress rules for one template resource with
  Metadata: {glue-security: {ignore: [GS203]}}
and for a project in pyproject.toml:
  [tool.glue-security]
  ignore = ["GS208"]
  severity = "warning"
  exclude = ["drafts/*"]"""

LINT_EXAMPLES = """\
examples:
  glue-security lint template.yaml
  cdk synth > stack.json && glue-security lint stack.json --format github
  terraform show -json plan.out | glue-security lint --stdin-filename plan.json -
  aws glue get-security-configurations | glue-security lint -
  glue-security lint infra/ --severity warning --ignore GS208 --format sarif
  glue-security rules

exit status: 0 nothing reported, 1 a finding or an unreadable file, 2 a wrong command line
"""


@attrs.frozen
class Config:
    """Settings from `[tool.glue-security]`: rules to ignore, the severity threshold and
    paths to exclude."""

    ignore: tuple[str, ...] = ()
    severity: Severity | None = None
    exclude: tuple[str, ...] = ()
    path: str | None = None


_CONFIG_KEYS = {"ignore", "severity", "exclude"}


def _toml() -> Any:
    for name in ("tomllib", "tomli"):  # tomllib from Python 3.11; tomli before
        try:
            return importlib.import_module(name)
        except ImportError:
            pass
    raise UsageError(
        "reading pyproject.toml on Python 3.10 needs tomli: pip install 'glue-security[toml]'"
    )


def find_pyproject(start: Path) -> Path | None:
    """The nearest `pyproject.toml` in `start` or a directory above it."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def read_config(path: Path | None) -> Config:
    """The `[tool.glue-security]` table of `path` (a missing table is an empty one).
    A malformed file or table is a usage error."""
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"glue-security" not in raw:
        return Config(path=str(path))
    toml = _toml()
    try:
        document = toml.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    table = document.get("tool", {}).get("glue-security", {})
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.glue-security] is not a table")
    unknown = sorted(set(table) - _CONFIG_KEYS)
    if unknown:
        raise UsageError(
            f"{path}: [tool.glue-security] has no setting {', '.join(map(repr, unknown))}; "
            f"it has {', '.join(sorted(_CONFIG_KEYS))}"
        )
    severity = table.get("severity")
    if severity is not None and severity not in SEVERITIES:
        raise UsageError(f"{path}: severity must be one of {', '.join(SEVERITIES)}")
    lists = {}
    for key in ("ignore", "exclude"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise UsageError(f"{path}: {key} must be a list of strings")
        lists[key] = tuple(value)
    _check_rule_ids(lists["ignore"], f"{path}: ignore")
    return Config(lists["ignore"], severity, lists["exclude"], str(path))


def _check_rule_ids(ids: Sequence[str], where: str) -> None:
    from ..linter.rules import RULES

    for rule_id in ids:
        if not any(known.startswith(rule_id) for known in RULES):
            raise UsageError(f"{where}: no rule {rule_id!r} (see glue-security rules)")


def _ignore_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


# -- linting files -----------------------------------------------------------------------------


def _findings(source: Source, subject: Subject, options: argparse.Namespace) -> list[Finding]:
    # In templates and plans a finding points at the property (its name); in payloads,
    # as validate does, at the value.
    from ..linter.engine import lint_subjects

    key = subject.input != "api"
    base = subject.base
    document = base[0] if base and isinstance(base[0], int) else None
    out = []
    for found in lint_subjects(
        [subject], ignore=options.ignore, severity=options.severity, verbose=options.verbose
    ):
        line, column = source.position(found.location, key=key) or (None, None)
        out.append(_finding(found, line, column, document))
    return out


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


def lint_file(path: str, options: argparse.Namespace) -> FileResult:
    from ..linter.inputs import InputError, cloudformation_yaml_loader, subjects

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
            )
        )
    except InputError as exc:
        if options.skip_unknown_files:
            return FileResult(source.name)
        line, column = source.position(exc.parts) or (None, None)
        return FileResult(source.name, error=Finding(exc.message, "input", None, line, column))
    # A repeated key hides its earlier values from every rule, as from validate.
    findings: list[Finding] = duplicate_findings(source, [])
    names: list[str] = []
    for item in items:
        if isinstance(item, InputError):
            line, column = source.position(item.parts) or (None, None)
            findings.append(Finding(item.message, "input", None, line, column))
            continue
        names.append(item.resource or item.model.__name__)
        findings.extend(_findings(source, item, options))
    findings.sort(key=lambda f: (f.line or 0, f.column or 0))
    return FileResult(source.name, tuple(findings), tuple(names))


def _lint(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        if args.shape is not None:
            shape(args.shape)
        if args.operation is not None:
            operation(args.operation)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    config = read_config(
        Path(args.config) if args.config else find_pyproject(Path(os.getcwd()).resolve())
    )
    ignore = [*config.ignore, *(i for text in args.ignore or () for i in _ignore_list(text))]
    _check_rule_ids(ignore, "--ignore")
    args.ignore = tuple(ignore)
    args.severity = args.severity or config.severity or "note"
    args.exclude = [*config.exclude, *(args.exclude or ())]
    results = check_files(args, err, lambda path: lint_file(path, args))
    write_report(
        args.format, results, out, _tool(), quiet=args.quiet, color=use_color(args, out)
    )
    clean = all(result.error is None and not result.findings for result in results)
    return EXIT_VALID if clean else EXIT_INVALID


def _rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..linter.rules import RULES

    for rule in RULES.values():
        out.write(f"{rule.id}\t{rule.severity}\t{rule.kind}\t{rule.title}\n")
    return EXIT_VALID


def add_lint_commands(commands: Any) -> None:
    lint = commands.add_parser(
        "lint",
        help="check API payloads, CloudFormation templates and Terraform plans against "
        "the service's rules and security posture",
        description="Report schema problems, service rules the model does not state, and "
        "security posture, as FILE:LINE:COLUMN: RESOURCE $.path: message [GS...].\n\n" + LINT_HELP,
        epilog=LINT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_file_arguments(lint)
    lint.add_argument(
        "--severity",
        choices=SEVERITIES,
        help="report findings of this severity and above (default: note, everything)",
    )
    lint.add_argument(
        "--ignore",
        action="append",
        metavar="GS...",
        help="leave out these rules: ids or prefixes, comma-separated (GS208,GS2); repeatable",
    )
    lint.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also list each value not known until deploy, which was not checked (GS900)",
    )
    lint.add_argument(
        "--skip-unknown-files",
        action="store_true",
        help="pass over files that are none of the kinds lint reads, rather than report "
        "them (for a pre-commit hook over every JSON and YAML file)",
    )
    lint.add_argument(
        "--config",
        metavar="PYPROJECT",
        help="read [tool.glue-security] from this file (default: the nearest pyproject.toml)",
    )
    lint.set_defaults(run=_lint)

    rules = commands.add_parser(
        "rules",
        help="list the lint rules",
        description="List the lint rules, one a line: ID<TAB>SEVERITY<TAB>KIND<TAB>TITLE. "
        "docs/rules/ has a page for each.",
    )
    rules.set_defaults(run=_rules)
