"""Helpers the test modules share (test modules never import each other)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import glue_security as gs

ROOT = Path(__file__).resolve().parent.parent

#: Any JSON-like value: what a careless or hostile caller might pass.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def member_keyed(model: type[gs.Model]) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts whose keys are mostly the model's own wire names, so the fuzz reaches members."""
    names = [m.wire_name for m in gs.members(model).values()] or ["X"]
    return st.dictionaries(st.sampled_from(names) | st.text(max_size=4), JSON_VALUES, max_size=5)


def python_blocks(path: Path) -> list[tuple[str, str]]:
    """(code, expected output) per ```python block; the block's closing `# ` lines are output."""
    blocks = []
    for block in re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
        lines = block.rstrip("\n").split("\n")
        expected: list[str] = []
        while lines and lines[-1].startswith("# "):
            expected.insert(0, lines.pop()[2:])
        blocks.append(("\n".join(lines), "\n".join(expected)))
    return blocks
