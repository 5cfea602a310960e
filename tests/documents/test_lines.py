"""Line starts and positions, as every reader counts them: a line feed ends a line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from glue_security.documents.lines import line_column, line_starts


@given(st.text(st.sampled_from("a\n\r\u2028é")))
def test_a_line_starts_after_each_line_feed_only(text: str) -> None:
    starts = line_starts(text)
    assert starts == [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]
    for offset in range(len(text) + 1):
        line, column = line_column(starts, offset)
        assert text[:offset].count("\n") + 1 == line
        assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1
