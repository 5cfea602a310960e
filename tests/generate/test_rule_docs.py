"""docs/rules is what `python -m glue_security.generate` writes, page for page."""

from __future__ import annotations

import re
from pathlib import Path

from glue_security.lint_docs import render
from glue_security.linter.rules import RULES

PAGES = Path(__file__).resolve().parents[2] / "docs" / "rules"
REGENERATE = "python -m glue_security.generate"


def test_rule_pages_are_up_to_date() -> None:
    expected = render()
    committed = {p.name: p.read_text(encoding="utf-8") for p in PAGES.glob("*.md")}
    assert sorted(committed) == sorted(expected), f"pages differ: run `{REGENERATE}`"
    stale = [name for name, text in expected.items() if committed[name] != text]
    assert not stale, f"stale pages {stale}: run `{REGENERATE}`"


def test_every_rule_has_a_page_and_an_index_entry() -> None:
    pages = render()
    for rule in RULES.values():
        page = pages[f"{rule.id}.md"]
        assert page.splitlines()[2] == f"# {rule.id}: {rule.title}"
        assert rule.rationale in page and rule.fix in page
        assert all(url in page for url in rule.reports)
        assert f"[{rule.id}]({rule.id}.md)" in pages["index.md"]
    for name, text in pages.items():
        for target in re.findall(r"\]\((GS\d+\.md)\)", text):
            assert target in pages, (name, target)
