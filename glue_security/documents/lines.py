"""Lines of a text: where each starts, and a line and column from an offset (both from 1).

Only a line feed ends a line (a CR LF pair ends it at the LF), as JSON, SARIF's default
`newlineSequences` and editors count lines: YAML's other breaks (a lone CR, NEL, U+2028,
U+2029) do not.
"""

from __future__ import annotations

import bisect
from itertools import accumulate

__all__ = ["Position", "line_column", "line_starts"]

Position = tuple[int, int]


def line_starts(text: str) -> list[int]:
    """The offset of each line's first character."""
    # The running sum of the lines' lengths, each with its line feed: summed in C.
    ends = accumulate(map((1).__add__, map(len, text.split("\n"))))
    return [0, *ends][:-1]


def line_column(starts: list[int], offset: int) -> Position:
    """(line, column) from 1 of a code point offset, given the text's `line_starts`."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1
