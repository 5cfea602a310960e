"""What the commands share: exit codes, usage errors, the file options, reading files (with
a size limit) and checking each one, repeated keys, colour, and shapes named on the line.

No command module is imported here: every command builds on this.
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from ..codec.json_text import repeated_key_message
from ..documents.discovery import Missing, find_files
from ..documents.sources import FORMATS, Source, SourceError, format_of, load
from ..models.base import Model
from ..models.operations import operation
from ..models.registry import shape
from ..validation.paths import key_token, wire_path
from .parallel import PARALLEL_FROM, available_cores, map_in_processes
from .report import FORMATS as REPORT_FORMATS
from .report import FileResult, Finding

__all__ = [
    "ERROR_CODE_RULES",
    "EXIT_INVALID",
    "EXIT_USAGE",
    "EXIT_VALID",
    "Checked",
    "UsageError",
    "add_file_arguments",
    "check_files",
    "holds_too_long",
    "load_file",
    "model_named",
    "reason",
    "text_findings",
    "use_color",
]

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

# What each error code in a report means (validation codes and file-level ones, not lint
# rules): one SARIF rule per code.
ERROR_CODE_RULES = {
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
            raise UsageError(f"cannot read standard input: {reason(exc)}") from None
    else:
        try:
            with open(path, "rb", buffering=0) as handle:
                status = os.fstat(handle.fileno())
                raw = b""
                if stat.S_ISREG(status.st_mode):
                    # One read of the size the file reports, no bigger buffer than it needs.
                    raw = handle.read(min(status.st_size, limit) + 1) or b""
                # Then the rest, if any: a file of procfs or FUSE may report less than
                # it holds (size 0), and a file may grow while it is read.
                raw += _read_at_most(handle, limit + 1 - len(raw))
        except OSError as exc:
            raise _Unreadable("read", f"cannot read: {reason(exc)}") from None
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


_GZIP_MAGIC = b"\x1f\x8b"


def _gunzip(raw: bytes, limit: int) -> bytes:
    """A gzipped file's content (CloudTrail writes its logs so), within the size limit:
    what is written out counts, not what is read, so a small bomb is stopped early."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise _Unreadable("read", f"cannot read: not valid gzip ({exc})") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise _Unreadable(
            "size",
            f"larger than {_size_text(limit)} once decompressed; raise the limit with "
            "--max-file-size",
        )
    return out


def reason(exc: BaseException) -> str:
    """An exception as a message: an OS error's own text (`No such file or directory`)."""
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def load_file(
    path: str, args: argparse.Namespace, *, yaml_loader: Callable[[], Any] | None = None
) -> Source | FileResult:
    """A command-line file decoded, or the result that reports why it could not be.
    `yaml_loader` gives the PyYAML loader class for YAML files (by default, the safe one)."""
    name = args.stdin_filename if path == "-" and args.stdin_filename else path
    try:
        raw = _read(path, args.max_file_size)
        if raw[:2] == _GZIP_MAGIC:
            raw = _gunzip(raw, args.max_file_size)
    except _Unreadable as exc:
        return FileResult(name, error=Finding(exc.message, exc.code))
    try:
        format = args.input_format or format_of(name)
        loader = yaml_loader() if yaml_loader is not None and format == "yaml" else None
        return load(name, raw, format, yaml_loader=loader, max_size=args.max_file_size)
    except SourceError as exc:
        if exc.code == "size":  # aliases that expand past the limit: as a file past it
            message = (
                f"larger than {_size_text(args.max_file_size)} with its aliases expanded; "
                "raise the limit with --max-file-size"
            )
            return FileResult(name, error=Finding(message, exc.code))
        if exc.code in ("yaml-support", "hcl-support"):
            return FileResult(name, error=Finding(exc.message, exc.code))
        return FileResult(
            name, findings=(Finding(exc.message, exc.code, exc.path, exc.line, exc.column),)
        )


# One document to check: its model, its payload, where it sits in the file, its list index.
Checked = tuple[type[Model], Any, tuple[str | int, ...], int | None]


def text_findings(source: Source, payloads: Sequence[Checked]) -> list[Finding]:
    """A finding for each problem of the file's text: a repeated key (its earlier values
    would go unchecked) and an integer too long to read, each at its path within the
    payload that holds it (within the file where none does)."""
    findings = []
    problems = [
        (parts, repeated_key_message(_key_text(parts[-1])), "duplicate")
        for parts in source.duplicates
    ]
    problems += [(parts, message, "range") for parts, message in source.too_long]
    for parts, message, code in problems:
        path, index = wire_path(parts), None
        for _, _, prefix, document in payloads:
            if parts[: len(prefix)] == prefix:
                path, index = wire_path(parts[len(prefix) :]), document
                break
        line, column = source.position(parts) or (None, None)
        findings.append(Finding(message, code, path, line, column, index))
    return findings


def _key_text(key: object) -> str:
    return key if isinstance(key, str) else key_token(key)


def holds_too_long(source: Source, prefix: tuple[str | int, ...]) -> bool:
    """Whether the payload at `prefix` holds an integer too long to read (a placeholder)."""
    return any(parts[: len(prefix)] == prefix for parts, _ in source.too_long)


def _files(args: argparse.Namespace, extensions: Sequence[str]) -> Iterator[str | Missing]:
    return find_files(args.files, args.exclude or (), extensions)


def check_files(
    args: argparse.Namespace,
    err: TextIO,
    check: Callable[[str], FileResult],
    extensions: Sequence[str] = tuple(FORMATS),
    together: Callable[[str], str] = str,
) -> list[FileResult]:
    """`check` each file the command line names (directories searched for files with
    `extensions`), many files on `--jobs` processes (files for which `together` gives one
    value in one process), with progress on a terminal."""
    files = list(_files(args, extensions))
    if not files:
        kinds = ", ".join(extensions)
        err.write(f"glue-security: no files to check (looked for {kinds})\n")
    shown = 0

    def progress(done: int) -> None:
        nonlocal shown
        if done // 100 > shown // 100 or (done == len(files) and shown != done):
            shown = done
            err.write(f"\rglue-security: checked {done} of {len(files)} files")
            err.flush()

    show = len(files) >= PROGRESS_FROM and err.isatty()
    jobs = 1 if "-" in files else args.jobs or available_cores()
    results = map_in_processes(
        lambda path: _check_one(check, path),
        files,
        jobs,
        key=lambda path: _key(path, together),
        progress=progress if show else None,
    )
    if show:
        err.write("\r\x1b[K")
    return results


def _key(path: str | Missing, together: Callable[[str], str]) -> str:
    return together(path) if isinstance(path, str) else path.name


def _check_one(check: Callable[[str], FileResult], path: str | Missing) -> FileResult:
    if isinstance(path, Missing):
        return FileResult(path.name, error=Finding(path.reason, "read"))
    return check(path)


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


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r} (try 1 or 2)")
    return value


def _size_text(size: int) -> str:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


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
        choices=("json", "yaml", "jsonl"),
        help="read every file as this (default: by extension; JSON where unknown); jsonl is "
        "JSON Lines, one value a line",
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
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        metavar="N",
        help=f"check with up to N processes when there are {PARALLEL_FROM} files or more "
        "(default: one a core; 1: in this process only)",
    )
    command.add_argument(
        "--max-file-size",
        type=_size,
        default=DEFAULT_MAX_FILE_SIZE,
        metavar="SIZE",
        help=f"skip, as an error, any file larger than this (default: "
        f"{_size_text(DEFAULT_MAX_FILE_SIZE)}; suffixes K, M, G)",
    )


def model_named(name: str) -> type[Model]:
    """A shape by name, or an operation's request by the operation's name."""
    try:
        return shape(name)
    except ValueError as shape_error:
        try:
            return operation(name).input
        except ValueError:
            raise UsageError(str(shape_error)) from None
