"""MkDocs hooks (mkdocs.yml: `hooks`): the nav's folder entries, and the benchmark charts.

- A nav entry `folder/*` stands for every page of that folder, its index first (the shape
  reference and the rule pages are generated, one page each; listing them by hand would
  drift). A nav entry whose page does not exist is left out, so a guide page can be listed
  before it is written.
- Before each build, `benchmarks/charts.py` draws every group of rows in
  `benchmarks/results/*.json` into `docs/assets/benchmarks/`, and the line
  `<!-- benchmark-charts -->` in a page becomes the charts with where each was measured.
- Each shape's page shows an example: the first payload of that shape in the valid example
  files (`examples/valid/`, which the tests check), as sent on the wire, and each
  operation's page its request's.
- The generated pages (shapes, rules) come first in search results, and a shape's page
  gives its table the room of the (empty) table of contents.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHARTS_MARKER = "<!-- benchmark-charts -->"
CHART_FOLDER = "assets/benchmarks"
# A wire name finds its shape before the rules whose examples quote it.
SEARCH_BOOST = {"reference": 8, "rules": 4}

log = logging.getLogger("mkdocs.hooks.glue_security")
_charts_markdown = ""
_EXAMPLES: dict[str, tuple[Any, str]] = {}


def _charts_module() -> ModuleType:
    name = "benchmark_charts"
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "charts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _title(page: Path) -> str | None:
    """The page's first heading (mkdocs would name a page by its file in the nav)."""
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def _expand(entries: list[Any]) -> list[Any]:
    expanded: list[Any] = []
    for entry in entries:
        title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(target, list):
            target = _expand(target)
            if target:
                expanded.append({title: target} if title else target)
        elif isinstance(target, str) and target.endswith("/*"):
            folder = target[:-2]
            pages = sorted((DOCS / folder).glob("*.md"), key=lambda p: (p.stem != "index", p.stem))
            items = [{_title(p) or p.stem: f"{folder}/{p.name}"} for p in pages]
            if items and title:
                expanded.append({title: items})
            else:
                expanded.extend(items)
        elif isinstance(target, str) and not (DOCS / target).is_file():
            log.info("nav: %s is not there; left out", target)
        else:
            expanded.append(entry)
    return expanded


def _examples() -> dict[str, tuple[Any, str]]:
    """Model name -> (the first wire payload of that model, where it comes from): the
    requests of the valid example files (examples/valid, which the tests check), and what
    the in-memory service answers to them, sent in order (creates and puts first)."""
    from datetime import datetime, timezone

    from glue_security import GlueServiceError, ListShape, StructureShape, from_wire, members
    from glue_security import to_wire as wire
    from glue_security.documents.envelope import Document, documents
    from glue_security.testing import GlueSecurityService

    found: dict[str, tuple[Any, str]] = {}

    def walk(model: Any, payload: Any, source: str) -> None:
        if not isinstance(payload, dict):
            return
        found.setdefault(model.__name__, (payload, source))
        for spec in members(model).values():
            shape, value = spec.shape, payload.get(spec.wire_name)
            if isinstance(shape, ListShape) and isinstance(value, list):
                shape, value = shape.item, value[0] if value else None
            if isinstance(shape, StructureShape):
                walk(shape.model, value, source)

    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    service = GlueSecurityService(clock=lambda: moment)
    first = ("Create", "Put", "Get", "Delete")
    paths = sorted(
        (ROOT / "examples" / "valid").glob("*.json"),
        key=lambda p: ([p.stem.startswith(v) for v in first].index(True), p.stem),
    )
    for path in paths:
        source = f"from `examples/valid/{path.name}`"
        for document in documents(json.loads(path.read_text(encoding="utf-8"))):
            if not isinstance(document, Document):
                continue
            walk(document.model, document.payload, source)
            answered = f"the in-memory service's answer to `examples/valid/{path.name}`"
            try:
                request: Any = from_wire(document.model, document.payload)
                answer: Any = service.call(request)
            except GlueServiceError as error:
                answer = error
            walk(type(answer), wire(answer), answered)
    return found


def _example_section(name: str) -> str:
    from glue_security import OPERATIONS

    operation = OPERATIONS.get(name)
    model_name = operation.input.__name__ if operation else name
    if model_name not in _EXAMPLES:
        return ""
    payload, source = _EXAMPLES[model_name]
    what = f"A request of {name}" if operation else "On the wire"
    text = json.dumps(payload, indent=2, default=str)
    return f"\n## Example\n\n{what}, {source}:\n\n```json\n{text}\n```\n"


def on_config(config: Any) -> Any:
    _EXAMPLES.clear()
    _EXAMPLES.update(_examples())
    config["nav"] = _expand(config["nav"])
    return config


def on_pre_build(config: Any) -> None:
    global _charts_markdown
    charts = _charts_module()
    drawn = charts.charts(charts.load_all(ROOT / "benchmarks" / "results"))
    charts.write(drawn, DOCS / CHART_FOLDER)
    _charts_markdown = charts.markdown(drawn, CHART_FOLDER)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    # A search for a wire name or a rule id lists its shape and rule pages first.
    folder = page.file.src_uri.split("/")[0]
    if folder in SEARCH_BOOST:
        page.meta.setdefault("search", {}).setdefault("boost", SEARCH_BOOST[folder])
    # A shape's page is one wide table and no sections: the table gets the contents' room.
    if folder == "reference" and page.file.src_uri != "reference/index.md":
        page.meta.setdefault("hide", ["toc"])
        markdown += _example_section(Path(page.file.src_uri).stem)
    if CHARTS_MARKER not in markdown:
        return markdown
    # Image paths in the text are relative to the page's source file.
    depth = page.file.src_uri.count("/")
    return markdown.replace(
        CHARTS_MARKER,
        _charts_markdown.replace(f"]({CHART_FOLDER}/", f"]({'../' * depth}{CHART_FOLDER}/"),
    )
