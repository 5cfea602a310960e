"""The `glue-security` command (also `python -m glue_security`)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import attrs

from ._convert import decode_json, from_wire
from ._model import Model
from ._operations import OPERATIONS, operation
from ._registry import MODELS, kind, shape
from ._validation_error import ErrorDetail, ValidationError

__all__ = ["main"]

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

ENVELOPE_HELP = """\
Without --shape or --operation, each file names its own shape in an envelope:
  {"Operation": "CreateSecurityConfiguration", "Request": {...}}
  {"Operation": "GetSecurityConfiguration", "Response": {...}}
  {"Shape": "EncryptionConfiguration", "Payload": {...}}
Paths in the report are within the payload ($.Name), not the envelope."""

VALIDATE_EXAMPLES = """\
examples:
  glue-security validate examples/valid/*.json
  glue-security validate --operation CreateSecurityConfiguration request.json
  aws glue get-security-configurations | glue-security validate --operation \\
      GetSecurityConfigurations --response -
  glue-security validate --shape S3Encryption --format json s3.json
"""


class UsageError(Exception):
    """A problem with how the command was called, not with a payload (exit 2)."""


@attrs.frozen
class FileReport:
    file: str
    shape: str | None
    errors: tuple[ErrorDetail, ...] = ()
    usage_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        report: dict[str, Any] = {"file": self.file, "shape": self.shape}
        if self.usage_error is not None:
            report["usage_error"] = self.usage_error
        else:
            report["valid"] = not self.errors
            report["errors"] = [error.to_dict() for error in self.errors]
        return report


def _read(path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


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


def _unwrap(document: Any, path: str) -> tuple[type[Model], Any]:
    """Read an envelope: which model its payload is for, and the payload."""
    hint = (
        "pass --shape or --operation, or wrap the payload as "
        '{"Operation": NAME, "Request": {...}} (see validate --help)'
    )
    if not isinstance(document, dict):
        raise UsageError(f"{path}: cannot tell which shape this is; {hint}")
    try:
        if "Operation" in document:
            op = operation(str(document["Operation"]))
            kinds = [k for k in ("Request", "Response") if k in document]
            if len(kinds) != 1 or len(document) != 2:
                raise UsageError(
                    f'{path}: an "Operation" envelope holds exactly one of "Request" or "Response"'
                )
            return (op.input if kinds[0] == "Request" else op.output), document[kinds[0]]
        if "Shape" in document:
            if set(document) != {"Shape", "Payload"}:
                raise UsageError(f'{path}: a "Shape" envelope holds exactly "Shape" and "Payload"')
            return shape(str(document["Shape"])), document["Payload"]
    except ValueError as exc:
        raise UsageError(f"{path}: {exc}") from None
    raise UsageError(f"{path}: cannot tell which shape this is; {hint}")


def _check_file(path: str, target: type[Model] | None, strict: bool | None = None) -> FileReport:
    try:
        raw = _read(path)
    except UsageError as exc:
        return FileReport(file=path, shape=None, usage_error=str(exc))
    try:
        document = decode_json(raw)
    except ValidationError as exc:
        return FileReport(file=path, shape=target.__name__ if target else None, errors=exc.errors)
    if target is None:
        try:
            target, document = _unwrap(document, path)
        except UsageError as exc:
            return FileReport(file=path, shape=None, usage_error=str(exc))
    try:
        from_wire(target, document, strict=strict)
    except ValidationError as exc:
        return FileReport(file=path, shape=target.__name__, errors=exc.errors)
    return FileReport(file=path, shape=target.__name__)


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    target = _target(args)
    strict = True if args.strict else None
    reports = [_check_file(path, target, strict) for path in args.files]
    if args.format == "json":
        json.dump([r.to_dict() for r in reports], out, indent=2, ensure_ascii=False)
        out.write("\n")
    for report in reports:
        if report.usage_error is not None:
            err.write(f"glue-security: {report.usage_error}\n")
        elif args.format == "text":
            if report.errors:
                for error in report.errors:
                    out.write(f"{report.file}: {error.path}: {error.message} [{error.code}]\n")
            elif not args.quiet:
                out.write(f"{report.file}: ok ({report.shape})\n")
    if any(r.usage_error is not None for r in reports):
        return EXIT_USAGE
    return EXIT_INVALID if any(r.errors for r in reports) else EXIT_VALID


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
    from ._json_schema import json_schema

    if args.all == bool(args.name):
        raise UsageError("schema takes a NAME or --all")
    if args.all:
        document: Any = {name: json_schema(model) for name, model in MODELS.items()}
    else:
        document = json_schema(_model_named(args.name))
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return EXIT_VALID


# Hypothesis starts with the simplest example; a few more give a typical one.
_EXAMPLE_DRAWS = 5


def _example(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    model = _model_named(args.name)
    try:
        from hypothesis import HealthCheck, Phase, given, seed, settings

        from .strategies import invalid_wire_payloads, wire_payloads
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
    from . import __version__

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
        help="check JSON payloads; exit 0 if all are valid, 1 if any is not, 2 on usage errors",
        description="Check JSON payloads; print every problem as FILE: $.path: message [code]."
        + "\n\n"
        + ENVELOPE_HELP,
        epilog=VALIDATE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a JSON file, or - for stdin")
    which = validate.add_mutually_exclusive_group()
    which.add_argument("--shape", metavar="NAME", help="the shape every file holds (see shapes)")
    which.add_argument(
        "--operation",
        metavar="NAME",
        help="the operation whose request (or, with --response, response) every file holds",
    )
    validate.add_argument(
        "--response", action="store_true", help="with --operation: the files hold responses"
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="hold responses and errors to every documented constraint too (for fixtures)",
    )
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format (default: text)"
    )
    validate.add_argument(
        "--quiet", "-q", action="store_true", help="print nothing for valid files"
    )
    validate.set_defaults(run=_validate)

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
        help="print the JSON Schema (draft 2020-12) of a shape",
        description="Print the JSON Schema (draft 2020-12) of a shape, or of an operation's "
        "request, read from the same metadata as the validators. Byte bounds are in "
        "x-minUtf8Bytes / x-maxUtf8Bytes (see docs/semantics.md).",
        epilog="examples:\n  glue-security schema CreateSecurityConfigurationRequest\n"
        "  glue-security schema S3Encryption\n  glue-security schema --all > schemas.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schema.add_argument("name", nargs="?", metavar="NAME", help="a shape or operation name")
    schema.add_argument("--all", action="store_true", help="every shape, as one object by name")
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
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "response", False) and not getattr(args, "operation", None):
        parser.error("--response goes with --operation")
    try:
        code: int = args.run(args, sys.stdout, sys.stderr)
        sys.stdout.flush()
    except UsageError as exc:
        sys.stderr.write(f"glue-security: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID
    return code
