"""`glue-security example`: a generated payload of a shape (needs the hypothesis extra)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..codec.convert import to_wire
from .common import EXIT_VALID, UsageError, model_named
from .report import write_json

__all__ = ["add_command"]

# Hypothesis starts with the simplest example; a few more give a typical one.
_EXAMPLE_DRAWS = 5


def _example(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    model = model_named(args.name)
    try:
        from hypothesis import HealthCheck, Phase, given, seed, settings

        from ..strategies import invalid_wire_payloads, realistic_models, wire_payloads
    except ImportError:
        raise UsageError(
            "the example command needs Hypothesis: pip install 'glue-security[hypothesis]'"
        ) from None
    if args.realistic and args.invalid:
        raise UsageError("--realistic and --invalid do not combine: choose one")
    strategy: Any
    if args.realistic:
        strategy = realistic_models(model).map(to_wire)
    elif args.invalid:
        strategy = invalid_wire_payloads(model)
    else:
        strategy = wire_payloads(model)
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
    write_json(value, out)
    return EXIT_VALID


def add_command(commands: Any) -> None:
    """Add the command to the `glue-security` parser's subcommands."""
    example = commands.add_parser(
        "example",
        help="print a generated payload (needs the hypothesis extra)",
        description="Print a generated valid wire payload of a shape (or an operation's "
        "request), close to the edges of its constraints, for tests; with --realistic, one "
        "a person would write (readable names, ARNs of one made-up account and region, "
        "every encryption on), as a starting point; with --invalid, one that breaks exactly "
        "one constraint, whose path and code go to stderr. The same --seed gives the same "
        "payload.",
        epilog="examples:\n  glue-security example CreateSecurityConfigurationRequest --seed 7\n"
        "  glue-security example CreateSecurityConfigurationRequest --realistic\n"
        "  glue-security example S3Encryption --invalid | "
        "glue-security validate --shape S3Encryption -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    example.add_argument("name", metavar="NAME", help="a shape or operation name")
    example.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    example.add_argument("--invalid", action="store_true", help="break exactly one constraint")
    example.add_argument(
        "--realistic",
        action="store_true",
        help="a readable, valid starting point rather than an edge case",
    )
    example.set_defaults(run=_example)
