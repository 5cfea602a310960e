"""`glue-security validate`: check payloads against their shapes, every problem at its line and
column."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, TextIO

import attrs

from .._version import __version__
from ..codec.convert import from_wire
from ..documents.envelope import EnvelopeError, documents, without_schema_key
from ..documents.recordings import decoded, recording
from ..documents.sources import Source, format_of
from ..models.base import Model, Response
from ..models.operations import operation
from ..models.registry import shape
from ..validation.error import ValidationError
from ..validation.paths import split_path
from .common import (
    ERROR_CODE_RULES,
    EXIT_INVALID,
    EXIT_VALID,
    Checked,
    UsageError,
    add_file_arguments,
    check_files,
    holds_too_long,
    load_file,
    text_findings,
    use_color,
)
from .report import FileResult, Finding, Tool, write_report

__all__ = ["add_command"]

ENVELOPE_HELP = """\
Without --shape or --operation, each file names its own shape in an envelope (or holds a
list of envelopes), in JSON or YAML:
  {"Operation": "CreateSecurityConfiguration", "Request": {...}}
  {"Operation": "GetSecurityConfiguration", "Response": {...}}
  {"Shape": "EncryptionConfiguration", "Payload": {...}}
Paths in the report are within the payload ($.Name), not the envelope; lines and columns
are in the file. A top-level "$schema" key (for editors) is allowed, and ignored."""

VALIDATE_EXAMPLES = """\
examples:
  glue-security validate examples/valid/*.json
  glue-security validate config/ --exclude drafts --exclude '*.draft.json' --format github
  glue-security validate --operation CreateSecurityConfiguration request.yaml
  aws glue get-security-configurations | glue-security validate --operation \\
      GetSecurityConfigurations --response -
  glue-security validate --shape S3Encryption --format json s3.json
  glue-security validate . --format sarif > glue-security.sarif

exit status: 0 every file valid, 1 any file invalid or unreadable, 2 a wrong command line
"""

TOOL = Tool("glue-security", __version__, ERROR_CODE_RULES)


def _target(args: argparse.Namespace) -> type[Model] | None:
    """The model every file is checked against, or None to read each file's envelope."""
    try:
        if args.shape:
            return shape(args.shape)
        if args.operation:
            op = operation(args.operation)
            return op.output if args.response else op.input
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return None


def _check_file(path: str, args: argparse.Namespace, target: type[Model] | None) -> FileResult:
    name = args.stdin_filename if path == "-" and args.stdin_filename else path
    if args.input_format is None and format_of(name) == "hcl":  # validate reads payloads only
        message = "this is a Terraform configuration, not an envelope: check it with "
        return FileResult(name, error=Finding(message + "glue-security lint", "envelope"))
    source = load_file(path, args)
    if isinstance(source, FileResult):
        return _with_template_hint(source)
    name = source.name
    strict = True if args.strict else None
    if target is not None:
        recorded = recording(source.data) if issubclass(target, Response) else None
        if recorded is not None:  # a recorded call: the response is its `data`
            response = decoded(recorded.data)
            return _check_documents(source, [(target, response, ("data",), None)], strict)
        payload = without_schema_key(source.data)
        return _check_documents(source, [(target, payload, (), None)], strict)
    try:
        found = list(documents(source.data))
    except EnvelopeError as exc:
        line, column = source.position(exc.parts) or (None, None)
        return FileResult(name, error=Finding(exc.message, "envelope", None, line, column))
    return _check_documents(
        source,
        [
            item
            if isinstance(item, EnvelopeError)
            else (item.model, item.payload, item.parts, item.index)
            for item in found
        ],
        strict,
    )


def _with_template_hint(result: FileResult) -> FileResult:
    """A YAML file that uses CloudFormation's short-form tags (`!Ref`) is a template."""
    findings = [
        attrs.evolve(
            f, message=f"{f.message}; a CloudFormation template? check it with glue-security lint"
        )
        if f.code == "yaml" and "for the tag '!" in f.message
        else f
        for f in result.findings
    ]
    return attrs.evolve(result, findings=tuple(findings))


def _check_documents(
    source: Source, items: Sequence[Checked | EnvelopeError], strict: bool | None
) -> FileResult:
    findings = text_findings(
        source, [item for item in items if not isinstance(item, EnvelopeError)]
    )
    shapes: list[str] = []
    for item in items:
        if isinstance(item, EnvelopeError):
            index = item.parts[0] if item.parts and isinstance(item.parts[0], int) else None
            line, column = source.position(item.parts) or (None, None)
            findings.append(Finding(item.message, "envelope", None, line, column, index))
            continue
        model, payload, parts, index = item
        shapes.append(model.__name__)
        if holds_too_long(source, parts):
            continue  # a placeholder stands for the integer: reported above, not checked
        try:
            from_wire(model, payload, strict=strict)
        except ValidationError as exc:
            for error in exc.errors:
                line, column = source.position((*parts, *split_path(error.path))) or (None, None)
                findings.append(Finding(error.message, error.code, error.path, line, column, index))
    return FileResult(source.name, tuple(findings), tuple(shapes))


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    target = _target(args)
    results = check_files(args, err, lambda path: _check_file(path, args, target))
    write_report(args.format, results, out, TOOL, quiet=args.quiet, color=use_color(args, out))
    return EXIT_VALID if all(result.valid for result in results) else EXIT_INVALID


def add_command(commands: Any) -> None:
    """Add the command to the `glue-security` parser's subcommands."""
    validate = commands.add_parser(
        "validate",
        help="check JSON and YAML payloads; exit 0 if all are valid, 1 if any is not",
        description="Check JSON and YAML payloads; report every problem as "
        "FILE:LINE:COLUMN: $.path: message [code]." + "\n\n" + ENVELOPE_HELP,
        epilog=VALIDATE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_file_arguments(validate)
    validate.add_argument(
        "--strict",
        action="store_true",
        help="hold responses and errors to every documented constraint too (for fixtures)",
    )
    validate.set_defaults(run=_validate)
