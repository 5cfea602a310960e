"""How fast the strategies generate, beside a naive composition and st.integers().

Run from the project's environment with the `hypothesis` extra:

    python benchmarks/strategies.py [--examples N] [--rounds R]

Each strategy drives a `@given` test of N examples (generation only, no shrinking, no
database) R times; the median examples per second is reported, with ratios, because the
machines this runs on are shared and noisy: only figures from the same run compare.

The naive composition is what one writes without this library: `st.from_regex` on the
same patterns, filtered by UTF-8 length, inside `st.builds`. It is derived from the same
metadata, so both sides generate the same shapes.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from datetime import timezone
from typing import Any

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import glue_security as gs
from glue_security import (
    BooleanShape,
    EnumShape,
    IntegerShape,
    ListShape,
    StringShape,
    StructureShape,
    TimestampShape,
)

TARGETS = (gs.CreateSecurityConfigurationRequest, gs.GetSecurityConfigurationsResponse)


def naive_values(shape: Any) -> st.SearchStrategy[Any]:
    if isinstance(shape, StringShape):
        text: st.SearchStrategy[str] = (
            st.from_regex(shape.pattern.regex, fullmatch=True) if shape.pattern else st.text()
        )
        if shape.length is not None:
            low = shape.length.min_length or 0
            high = shape.length.max_length or sys.maxsize
            text = text.filter(lambda s: low <= len(s.encode("utf-8", "surrogatepass")) <= high)
        return text
    if isinstance(shape, EnumShape):
        return st.sampled_from(list(shape.enum))
    if isinstance(shape, IntegerShape):
        return (
            st.integers(shape.range.minimum, shape.range.maximum) if shape.range else st.integers()
        )
    if isinstance(shape, BooleanShape):
        return st.booleans()
    if isinstance(shape, TimestampShape):
        return st.datetimes(timezones=st.just(timezone.utc))
    if isinstance(shape, StructureShape):
        return naive_models(shape.model)
    if isinstance(shape, ListShape):
        return st.lists(naive_values(shape.item), max_size=3)
    raise NotImplementedError(shape)


def naive_models(model: type[gs.Model]) -> st.SearchStrategy[Any]:
    members = {}
    for name, spec in gs.members(model).items():
        values = naive_values(spec.shape)
        members[name] = values if spec.required else st.none() | values
    return st.builds(model, **members)


def rate(strategy: st.SearchStrategy[Any], examples: int) -> float:
    """Examples per second through a `@given` test (generation phase only)."""
    count = 0

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        nonlocal count
        count += 1

    start = time.perf_counter()
    try:
        run()
    except Exception as exc:  # a naive strategy may give up; count what it made
        print(f"  ({type(exc).__name__}: {str(exc).splitlines()[0][:80]})", file=sys.stderr)
    return count / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    print(f"python {platform.python_version()} on {platform.machine()} ({platform.platform()})")
    print(f"hypothesis {hypothesis.__version__}, glue-security {gs.__version__}")
    print(f"{args.examples} examples a round, median of {args.rounds} rounds\n")

    subjects: dict[str, st.SearchStrategy[Any]] = {"st.integers()": st.integers()}
    for model in TARGETS:
        subjects[f"from_type({model.__name__})"] = st.from_type(model)
        subjects[f"naive {model.__name__}"] = naive_models(model)
    results: dict[str, list[float]] = {name: [] for name in subjects}
    for _ in range(args.rounds):  # interleaved, so drift in machine load hits all alike
        for name, strategy in subjects.items():
            results[name].append(rate(strategy, args.examples))
    medians = {name: statistics.median(values) for name, values in results.items()}

    baseline = medians["st.integers()"]
    print(f"{'strategy':<50} {'examples/s':>11} {'integers/this':>14} {'this/naive':>11}")
    for name, value in medians.items():
        naive = next(
            (medians[f"naive {m.__name__}"] for m in TARGETS if name == f"from_type({m.__name__})"),
            None,
        )
        versus_naive = f"{value / naive:.1f}x" if naive else ""
        print(f"{name:<50} {value:>11.0f} {baseline / value:>13.1f}x {versus_naive:>11}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
