"""UTF-8 sizes: the unit of every length bound the service declares on strings."""

from __future__ import annotations

__all__ = ["UTF8_PIECE", "utf8_length"]

# UTF-8 sizes of long strings are counted a piece at a time: encoding a 100 MB string
# whole would hold up to four times its size in bytes at once.
UTF8_PIECE = 1 << 14


def utf8_length(text: str) -> int:
    """The UTF-8 size of plain `text` in bytes, or -1 when it holds a lone surrogate
    (which cannot be sent). Linear, and never more than a piece of it copied at a time."""
    if text.isascii():
        return len(text)
    try:
        if len(text) <= UTF8_PIECE:
            return len(text.encode("utf-8"))
        # A surrogate pair is two lone surrogates in a Python str, so a cut between two
        # pieces changes nothing.
        return sum(
            len(text[start : start + UTF8_PIECE].encode("utf-8"))
            for start in range(0, len(text), UTF8_PIECE)
        )
    except UnicodeEncodeError:
        return -1
