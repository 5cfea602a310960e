"""Suggestions for misspelt names: every "unknown ...; did you mean ...?" message uses these.

difflib's cost grows with the word's length times the candidates', so a suggestion is made
only for a word a person could have typed: at most `MAX_WORD` characters, compared with at
most `MAX_CANDIDATES` candidates. Longer words (a 100 MB value) get no suggestion, and
cost nothing here. The messages of bad payloads remember what they suggested (see
`validation.messages`), at most `MEMO_SIZE` words per enum or model.
"""

from __future__ import annotations

from collections.abc import Sequence

from .error import cut_text, describe_value

__all__ = [
    "MAX_CANDIDATES",
    "MAX_WORD",
    "MEMO_SIZE",
    "close_matches",
    "closest",
    "did_you_mean",
    "unknown_name",
]

MAX_WORD = 64
MAX_CANDIDATES = 256


def close_matches(word: str, candidates: Sequence[str], n: int = 1) -> list[str]:
    """The closest candidates to a misspelt word, best first (at most `n`); none for a
    word longer than `MAX_WORD`."""
    if type(word) is not str or len(word) > MAX_WORD:
        return []
    return list(closest(word, tuple(candidates[:MAX_CANDIDATES]), n))


# The same misspelling tends to come again (one typo in every file a check reads), and
# difflib costs far more than the rest of a message: each enum's and each model's messages
# remember the hint they found for a word (a word of at most MAX_WORD characters), at most
# MEMO_SIZE words each.
MEMO_SIZE = 1024


def closest(word: str, candidates: tuple[str, ...], n: int) -> tuple[str, ...]:
    """difflib's closest `n` candidates to `word`."""
    import difflib  # only errors need it, and it is slow to import

    return tuple(difflib.get_close_matches(word, candidates, n=n, cutoff=0.6))


def did_you_mean(suggestions: Sequence[str]) -> str:
    """The hint appended to a message: `; did you mean 'A', 'B'?`, or "" for none."""
    if not suggestions:
        return ""
    return f"; did you mean {', '.join(map(repr, suggestions))}?"


def unknown_name(kind: str, name: object, candidates: Sequence[str]) -> ValueError:
    """The `ValueError` for a name that names no `kind` (any object, not only a string:
    one rule for every lookup by name), with suggestions for a short string."""
    if issubclass(type(name), str):
        name = str.__str__(name)
        close = close_matches(name, candidates, n=3)
        return ValueError(f"unknown {kind} {cut_text(name)}{did_you_mean(close)}")
    return ValueError(f"unknown {kind} {describe_value(name)}: names are strings")
