"""The `glue-security` command (also `python -m glue_security`): the parser, and the exit
codes of a run; each command is its own module (`validate`, `lint`, `shapes`, `schema`,
`example`)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from .._version import __version__
from ..documents.findings import printable
from . import example, schema, serve, shapes, validate
from .common import EXIT_INVALID, EXIT_USAGE, UsageError, reason
from .lint import add_lint_commands

__all__ = ["main"]


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

    for add_command in (
        validate.add_command,
        add_lint_commands,
        shapes.add_command,
        schema.add_command,
        example.add_command,
        serve.add_command,
    ):
        add_command(commands)
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
    out_of_memory = False
    try:
        if sys.stdout is None:
            raise UsageError("standard output is closed")
        code: int = args.run(args, sys.stdout, err)
        sys.stdout.flush()
    except UsageError as exc:
        err.write(f"glue-security: {printable(str(exc))}\n")
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
        # Reported once the handler is left: until then the traceback keeps every frame,
        # and all it holds, alive, and writing the message could run out of memory again.
        out_of_memory = True
    if out_of_memory:
        err.write(
            "glue-security: out of memory; check fewer or smaller files (see --max-file-size)\n"
        )
        return EXIT_USAGE
    return code


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush cannot fail too."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
