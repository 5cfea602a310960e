"""`glue-security schema`: the JSON Schema of a shape, of every shape, or of envelope files."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from .common import EXIT_VALID, UsageError, model_named
from .report import write_json

__all__ = ["add_command"]


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
        document = payload_schema(model_named(args.name))
    write_json(document, out)
    return EXIT_VALID


def add_command(commands: Any) -> None:
    """Add the command to the `glue-security` parser's subcommands."""
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
