"""The `glue-security` command (also `python -m glue_security`): the parser, `validate` and
its tools (`shapes`, `schema`, `example`); `lint` and `rules` are in `lint`."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .._version import __version__
from ..codec.convert import from_wire
from ..documents.envelope import EnvelopeError, documents, without_schema_key
from ..documents.sources import Source
from ..models.base import Model
from ..models.operations import OPERATIONS, operation
from ..models.registry import MODELS, kind, shape
from ..validation.error import ValidationError
from ..validation.paths import split_path
from .common import (
    ERROR_CODE_RULES,
    EXIT_INVALID,
    EXIT_USAGE,
    EXIT_VALID,
    Checked,
    UsageError,
    add_file_arguments,
    check_files,
    duplicate_findings,
    load_file,
    reason,
    use_color,
)
from .lint import add_lint_commands
from .report import FileResult, Finding, Tool, write_report

__all__ = ["main"]

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
    source = load_file(path, args)
    if isinstance(source, FileResult):
        return source
    name = source.name
    strict = True if args.strict else None
    if target is not None:
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


def _check_documents(
    source: Source, items: Sequence[Checked | EnvelopeError], strict: bool | None
) -> FileResult:
    findings = duplicate_findings(
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


def _shapes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    for name in OPERATIONS:
        out.write(f"{name}\toperation\n")
    for name, model in MODELS.items():
        out.write(f"{name}\t{kind(model)}\n")
    return EXIT_VALID


def _model_named(name: str) -> type[Model]:
    """A shape by name, or an operation's request by the operation's name."""
    try:
        return shape(name)
    except ValueError as shape_error:
        try:
            return operation(name).input
        except ValueError:
            raise UsageError(str(shape_error)) from None


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # Loaded here: only this command needs the schema exporter.
    from ..schema.envelope import all_shapes_schema, envelope_schema, payload_schema

    if sum((bool(args.name), args.all, args.envelope)) != 1:
        raise UsageError("schema takes a NAME, --all or --envelope")
    if args.all:
        document = all_shapes_schema()
    elif args.envelope:
        document = envelope_schema()
    else:
        document = payload_schema(_model_named(args.name))
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return EXIT_VALID


# Hypothesis starts with the simplest example; a few more give a typical one.
_EXAMPLE_DRAWS = 5


def _example(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    model = _model_named(args.name)
    try:
        from hypothesis import HealthCheck, Phase, given, seed, settings

        from ..strategies import invalid_wire_payloads, wire_payloads
    except ImportError:
        raise UsageError(
            "the example command needs Hypothesis: pip install 'glue-security[hypothesis]'"
        ) from None
    strategy: Any = invalid_wire_payloads(model) if args.invalid else wire_payloads(model)
    drawn: list[Any] = []

    @seed(args.seed)
    @settings(
        max_examples=_EXAMPLE_DRAWS,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        drawn.append(value)

    collect()
    value = drawn[-1]
    if args.invalid:
        value, path, code = value
        err.write(f"fault: {path} [{code}]\n")
    json.dump(value, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return EXIT_VALID


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glue-security",
        description="Validate AWS Glue Security API payloads against the documented constraints.",
        epilog="examples:\n  glue-security validate examples/valid/*.json\n  glue-security shapes\n"
        "  glue-security schema CreateSecurityConfigurationRequest\n"
        "  glue-security example S3Encryption --seed 3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

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
    add_lint_commands(commands)

    shapes = commands.add_parser(
        "shapes",
        help="list every operation and shape, one a line",
        description="List every operation and shape, one a line: NAME<TAB>KIND.",
        epilog="examples:\n  glue-security shapes\n  glue-security shapes | grep request",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    shapes.set_defaults(run=_shapes)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of a shape, or of envelope files",
        description="Print the JSON Schema (draft 2020-12) of a shape, or of an operation's "
        "request, read from the same metadata as the validators; with --envelope, the schema "
        "of the envelope files validate reads (see docs/editors.md); with --all, every shape "
        "under $defs. Byte bounds are in x-minUtf8Bytes / x-maxUtf8Bytes "
        "(see docs/semantics.md).",
        epilog="examples:\n  glue-security schema CreateSecurityConfigurationRequest\n"
        "  glue-security schema S3Encryption\n"
        "  glue-security schema --envelope > glue-security.schema.json\n"
        "  glue-security schema --all > schemas.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schema.add_argument("name", nargs="?", metavar="NAME", help="a shape or operation name")
    schema.add_argument("--all", action="store_true", help="every shape, under $defs")
    schema.add_argument(
        "--envelope",
        action="store_true",
        help="the schema of the envelope files validate reads, for editors",
    )
    schema.set_defaults(run=_schema)

    example = commands.add_parser(
        "example",
        help="print a generated payload (needs the hypothesis extra)",
        description="Print a generated valid wire payload of a shape (or an operation's "
        "request); with --invalid, one that breaks exactly one constraint, whose path and "
        "code go to stderr. The same --seed gives the same payload.",
        epilog="examples:\n  glue-security example CreateSecurityConfigurationRequest --seed 7\n"
        "  glue-security example S3Encryption --invalid | "
        "glue-security validate --shape S3Encryption -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    example.add_argument("name", metavar="NAME", help="a shape or operation name")
    example.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    example.add_argument("--invalid", action="store_true", help="break exactly one constraint")
    example.set_defaults(run=_example)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Messages quote offending values; never let a narrow terminal encoding crash the report.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    err = sys.stderr if sys.stderr is not None else open(os.devnull, "w")  # noqa: SIM115
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "response", False) and not getattr(args, "operation", None):
        parser.error("--response goes with --operation")
    try:
        if sys.stdout is None:
            raise UsageError("standard output is closed")
        code: int = args.run(args, sys.stdout, err)
        sys.stdout.flush()
    except UsageError as exc:
        err.write(f"glue-security: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Unix tools do.
        _discard_stdout()
        return EXIT_INVALID
    except OSError as exc:
        # Reading files is handled per file, so this is the report that cannot be written.
        _discard_stdout()
        err.write(f"glue-security: cannot write the report: {reason(exc)}\n")
        return EXIT_USAGE
    except MemoryError:
        err.write(
            "glue-security: out of memory; check fewer or smaller files (see --max-file-size)\n"
        )
        return EXIT_USAGE
    return code


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush cannot fail too."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
