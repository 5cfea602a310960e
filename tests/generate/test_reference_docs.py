"""docs/reference is what `python -m glue_security.generate` writes, page for page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import glue_security as gs
from glue_security.docs import render

from ..helpers import ROOT

REFERENCE = ROOT / "docs" / "reference"
REGENERATE = "python -m glue_security.generate"


def test_reference_is_up_to_date() -> None:
    expected = render()
    committed = {p.name: p.read_text(encoding="utf-8") for p in REFERENCE.glob("*.md")}
    assert sorted(committed) == sorted(expected), f"pages differ: run `{REGENERATE}`"
    stale = [name for name, text in expected.items() if committed[name] != text]
    assert not stale, f"stale pages {stale}: run `{REGENERATE}`"


def test_reference_covers_every_shape_enum_and_operation() -> None:
    pages = render()
    for name in [*gs.MODELS, *gs.ENUMS, *gs.OPERATIONS]:
        assert f"{name}.md" in pages
        assert f"[{name}]({name}.md)" in pages["index.md"]


def test_reference_links_resolve() -> None:
    import re

    pages = render()
    for name, text in pages.items():
        for target in re.findall(r"\]\(([A-Za-z]+\.md)\)", text):
            assert target in pages, (name, target)


def test_reference_marks_additions_and_constraints() -> None:
    pages = render()
    added = "**added after the developer guide's Security APIs page**"
    assert added in pages["EncryptionConfiguration.md"]
    assert "1..255 UTF-8 bytes" in pages["SecurityConfiguration.md"]
    assert "`created_time_stamp`" in pages["SecurityConfiguration.md"]
    assert "`SSE-KMS-WITH-SERVICE-ROLE` is **added" in pages["CatalogEncryptionMode.md"]


def test_the_0_2_0_page_command_still_writes_the_pages(tmp_path: Path) -> None:
    (tmp_path / "Stale.md").write_text("old")
    result = subprocess.run(
        [sys.executable, "-m", "glue_security.docs", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.md")) == sorted(render())


def test_descriptions_do_not_depend_on_how_the_interpreter_stores_docstrings() -> None:
    # Python 3.13 strips a docstring's common indentation at compile time; 3.10-3.12 keep it.
    # Both forms must give the same page, so a page generated on any Python is the committed one.
    from glue_security.models.registry import summary

    class Kept:
        __doc__ = "First line.\n\n    Second paragraph,\n    indented.\n    "

    class Stripped:
        __doc__ = "First line.\n\nSecond paragraph,\nindented.\n"

    assert summary(Kept) == summary(Stripped) == "First line.\n\nSecond paragraph,\nindented."
    for model in [*gs.MODELS.values(), *gs.ENUMS.values()]:
        assert "\n " not in summary(model), model
