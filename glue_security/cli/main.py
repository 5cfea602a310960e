"""The `glue-security` command (also `python -m glue_security`)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from .._version import __version__
from ..codec.convert import from_wire
from ..codec.json_text import repeated_key_message
from ..documents.discovery import Missing, find_files
from ..documents.envelope import EnvelopeError, documents, without_schema_key
from ..documents.sources import FORMATS, Source, SourceError, format_of, load
from ..models.base import Model
from ..models.operations import OPERATIONS, operation
from ..models.registry import MODELS, kind, shape
from ..validation.error import ValidationError
from ..validation.paths import split_path, wire_path
from .report import FORMATS as REPORT_FORMATS
from .report import FileResult, Finding, Tool, write_report

__all__ = [
    "EXIT_INVALID",
    "EXIT_VALID",
    "RULES",
    "UsageError",
    "add_file_arguments",
    "check_files",
    "duplicate_findings",
    "load_file",
    "main",
    "use_color",
]

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

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

# What each code in a report means: one SARIF rule per code.
RULES = {
    "type": "A value has the wrong type.",
    "required": "A required member is missing.",
    "unknown": "A member (or an enum value) the shape does not define.",
    "length": "A string or list outside its documented length (strings in UTF-8 bytes).",
    "pattern": "A string that does not match its documented pattern.",
    "enum": "A value outside its enum.",
    "range": "A number outside its documented range.",
    "json": "Text that is not valid JSON, or a policy that is not a JSON object.",
    "yaml": "Text that is not valid YAML.",
    "envelope": "A file or list item that does not name its shape in an envelope.",
    "duplicate": "An object that repeats a key: only the last value would be read.",
    "read": "A file that cannot be read.",
    "size": "A file larger than the command's size limit (--max-file-size).",
    "yaml-support": "A YAML file, where PyYAML is not installed.",
}
TOOL = Tool("glue-security", __version__, RULES)

DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024
# A batch this large shows progress on stderr, where that is a terminal.
PROGRESS_FROM = 200


class UsageError(Exception):
    """A problem with how the command was called, not with a file (exit 2)."""


class _Unreadable(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _read(path: str, limit: int) -> bytes:
    if path == "-":
        if sys.stdin is None:
            raise UsageError("standard input is closed; cannot read -")
        try:
            raw = _read_at_most(sys.stdin.buffer, limit + 1)
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read standard input: {_reason(exc)}") from None
    else:
        try:
            with open(path, "rb", buffering=0) as handle:
                status = os.fstat(handle.fileno())
                if stat.S_ISREG(status.st_mode):
                    # One read of the known size, no bigger buffer than the file needs.
                    raw = handle.read(min(status.st_size, limit) + 1) or b""
                else:
                    raw = _read_at_most(handle, limit + 1)
        except OSError as exc:
            raise _Unreadable("read", f"cannot read: {_reason(exc)}") from None
    if len(raw) > limit:
        raise _Unreadable(
            "size",
            f"larger than {_size_text(limit)}; raise the limit with --max-file-size",
        )
    return raw


def _read_at_most(stream: Any, size: int) -> bytes:
    """Up to `size` bytes of a stream of unknown length (a pipe, a device), in chunks."""
    chunks = []
    left = size
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


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


def load_file(
    path: str, args: argparse.Namespace, *, yaml_loader: Callable[[], Any] | None = None
) -> Source | FileResult:
    """A command-line file decoded, or the result that reports why it could not be.
    `yaml_loader` gives the PyYAML loader class for YAML files (by default, the safe one)."""
    name = args.stdin_filename if path == "-" and args.stdin_filename else path
    try:
        raw = _read(path, args.max_file_size)
    except _Unreadable as exc:
        return FileResult(name, error=Finding(exc.message, exc.code))
    try:
        format = args.input_format or format_of(name)
        loader = yaml_loader() if yaml_loader is not None and format == "yaml" else None
        return load(name, raw, format, yaml_loader=loader)
    except SourceError as exc:
        if exc.code == "yaml-support":
            return FileResult(name, error=Finding(exc.message, exc.code))
        return FileResult(
            name, findings=(Finding(exc.message, exc.code, exc.path, exc.line, exc.column),)
        )


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


Checked = tuple[type[Model], Any, tuple[str | int, ...], int | None]


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


def duplicate_findings(source: Source, payloads: Sequence[Checked]) -> list[Finding]:
    """A finding for each repeated key: its earlier values would go unchecked."""
    findings = []
    for parts in source.duplicates:
        path, index = wire_path(parts), None
        for _, _, prefix, document in payloads:
            if parts[: len(prefix)] == prefix:
                path, index = wire_path(parts[len(prefix) :]), document
                break
        line, column = source.position(parts) or (None, None)
        message = repeated_key_message(str(parts[-1]))
        findings.append(Finding(message, "duplicate", path, line, column, index))
    return findings


def _files(args: argparse.Namespace) -> Iterator[str | Missing]:
    extensions = tuple(FORMATS)
    return find_files(args.files, args.exclude or (), extensions)


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    target = _target(args)
    results = check_files(args, err, lambda path: _check_file(path, args, target))
    write_report(args.format, results, out, TOOL, quiet=args.quiet, color=use_color(args, out))
    return EXIT_VALID if all(result.valid for result in results) else EXIT_INVALID


def check_files(
    args: argparse.Namespace, err: TextIO, check: Callable[[str], FileResult]
) -> list[FileResult]:
    """`check` each file the command line names, with progress on a terminal."""
    files = list(_files(args))
    progress = len(files) >= PROGRESS_FROM and err.isatty()
    results = []
    for number, path in enumerate(files, 1):
        if isinstance(path, Missing):
            results.append(FileResult(path.name, error=Finding(path.reason, "read")))
        else:
            results.append(check(path))
        if progress and (number % 100 == 0 or number == len(files)):
            err.write(f"\rglue-security: checked {number} of {len(files)} files")
            err.flush()
    if progress:
        err.write("\r\x1b[K")
    if not files:
        err.write("glue-security: no JSON or YAML files to check\n")
    return results


def use_color(args: argparse.Namespace, out: TextIO) -> bool:
    if args.color != "auto":
        return bool(args.color == "always")
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return out.isatty()


_SIZE = re.compile(r"(\d+)\s*([kmg]i?b?)?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _size(text: str) -> int:
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 16M, 512K or 1G)")
    return int(match.group(1)) * _UNITS[(match.group(2) or "")[:1].lower()]


def _size_text(size: int) -> str:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


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


def add_file_arguments(command: argparse.ArgumentParser) -> None:
    """The options of a command that checks files: what to read, how, and the report."""
    command.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a file, a directory (searched for .json, .yaml and .yml files, hidden ones "
        "skipped), a glob (** spans directories), or - for stdin",
    )
    command.add_argument(
        "--exclude",
        action="append",
        metavar="PATTERN",
        help="leave out files and directories whose path or name matches this glob (repeatable)",
    )
    command.add_argument(
        "--stdin-filename", metavar="NAME", help="the name to report for - (and its format)"
    )
    command.add_argument(
        "--input-format",
        choices=("json", "yaml"),
        help="read every file as this (default: by extension; JSON where unknown)",
    )
    which = command.add_mutually_exclusive_group()
    which.add_argument("--shape", metavar="NAME", help="the shape every file holds (see shapes)")
    which.add_argument(
        "--operation",
        metavar="NAME",
        help="the operation whose request (or, with --response, response) every file holds",
    )
    command.add_argument(
        "--response", action="store_true", help="with --operation: the files hold responses"
    )
    command.add_argument(
        "--format",
        choices=tuple(REPORT_FORMATS),
        default="text",
        help="report format: text (FILE:LINE:COL: ...), json (one entry per file), sarif "
        "(2.1.0, for code scanning) or github (workflow annotations); default: text",
    )
    command.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output (default: auto, on a terminal unless NO_COLOR is set)",
    )
    command.add_argument(
        "--quiet", "-q", action="store_true", help="report nothing for valid files"
    )
    command.add_argument(
        "--max-file-size",
        type=_size,
        default=DEFAULT_MAX_FILE_SIZE,
        metavar="SIZE",
        help=f"skip, as an error, any file larger than this (default: "
        f"{_size_text(DEFAULT_MAX_FILE_SIZE)}; suffixes K, M, G)",
    )


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
    from .lint import add_lint_commands

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
        err.write(f"glue-security: cannot write the report: {_reason(exc)}\n")
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
