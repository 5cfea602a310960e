"""Suggestions for misspelt names: every "unknown ...; did you mean ...?" message uses these."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["close_matches", "did_you_mean"]


def close_matches(word: str, candidates: Sequence[str], n: int = 1) -> list[str]:
    """The closest candidates to a misspelt word, best first (at most `n`)."""
    import difflib  # only errors need it, and it is slow to import

    return list(difflib.get_close_matches(word, candidates, n=n, cutoff=0.6))


def did_you_mean(suggestions: Sequence[str]) -> str:
    """The hint appended to a message: `; did you mean 'A', 'B'?`, or "" for none."""
    if not suggestions:
        return ""
    return f"; did you mean {', '.join(map(repr, suggestions))}?"
