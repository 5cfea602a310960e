"""`glue-security shapes`: every operation and shape, one a line."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..models.operations import OPERATIONS
from ..models.registry import MODELS, kind
from .common import EXIT_VALID

__all__ = ["add_command"]


def _shapes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    for name in OPERATIONS:
        out.write(f"{name}\toperation\n")
    for name, model in MODELS.items():
        out.write(f"{name}\t{kind(model)}\n")
    return EXIT_VALID


def add_command(commands: Any) -> None:
    """Add the command to the `glue-security` parser's subcommands."""
    shapes = commands.add_parser(
        "shapes",
        help="list every operation and shape, one a line",
        description="List every operation and shape, one a line: NAME<TAB>KIND.",
        epilog="examples:\n  glue-security shapes\n  glue-security shapes | grep request",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    shapes.set_defaults(run=_shapes)
