"""Draw the architecture diagrams as SVG: the layers, the two walks of a payload, a lint run.

    python docs/diagrams.py           # writes docs/assets/diagrams/*.svg
    python docs/diagrams.py --check   # exits 1 naming each stale file

The boxes and arrows are declared below as data and drawn as plain SVG, so the pictures
need no JavaScript and no network to show (on the site, and on the repository's pages).
`tests/docs_site/test_site.py` fails when a committed picture differs from what this draws.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parent / "assets" / "diagrams"

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
_STYLES = {
    # name: (fill, stroke, text)
    "layer": ("#e8eaf6", "#3949ab", "#1a237e"),
    "face": ("#fff8e1", "#f9a825", "#5d4037"),
    "data": ("#f5f5f5", "#757575", "#212121"),
    "step": ("#e3f2fd", "#1e88e5", "#0d47a1"),
    "good": ("#e8f5e9", "#43a047", "#1b5e20"),
    "bad": ("#ffebee", "#e53935", "#b71c1c"),
}


@dataclass(frozen=True)
class Box:
    name: str
    x: float
    y: float
    width: float
    height: float
    title: str
    detail: str = ""
    style: str = "layer"

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


@dataclass(frozen=True)
class Arrow:
    start: str
    end: str
    label: str = ""
    dashed: bool = False
    across: bool = False  # level, from the start's left side to the end's right side


@dataclass(frozen=True)
class Diagram:
    file_name: str
    title: str
    width: int
    height: int
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


def _edge_point(box: Box, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the box's centre towards `towards` leaves the box."""
    cx, cy = box.centre
    dx, dy = towards[0] - cx, towards[1] - cy
    scales = []
    if dx:
        scales.append(abs(box.width / 2 / dx))
    if dy:
        scales.append(abs(box.height / 2 / dy))
    scale = min(scales) if scales else 0
    return cx + dx * scale, cy + dy * scale


def _box_svg(box: Box) -> list[str]:
    fill, stroke, text = _STYLES[box.style]
    cx = box.x + box.width / 2
    parts = [
        f'<rect x="{box.x}" y="{box.y}" width="{box.width}" height="{box.height}" rx="6" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
    ]
    lines = [box.title, *([box.detail] if box.detail else [])]
    first = box.y + box.height / 2 - (len(lines) - 1) * 8 + 5
    for i, line in enumerate(lines):
        weight = ' font-weight="600"' if i == 0 else ""
        size = 14 if i == 0 else 12
        parts.append(
            f'<text x="{cx}" y="{first + i * 17:.1f}" text-anchor="middle" '
            f'font-size="{size}"{weight} fill="{text}">{escape(line)}</text>'
        )
    return parts


def _arrow_svg(arrow: Arrow, boxes: dict[str, Box]) -> list[str]:
    start, end = boxes[arrow.start], boxes[arrow.end]
    if arrow.across:
        x1, y1, x2, y2 = start.x, end.centre[1], end.x + end.width, end.centre[1]
    else:
        x1, y1 = _edge_point(start, end.centre)
        x2, y2 = _edge_point(end, start.centre)
    dash = ' stroke-dasharray="5 4"' if arrow.dashed else ""
    parts = [
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#455a64" '
        f'stroke-width="1.5"{dash} marker-end="url(#head)"/>'
    ]
    if arrow.label:
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        vertical = abs(x2 - x1) < abs(y2 - y1)
        lx, ly, anchor = (mx + 6, my + 4, "start") if vertical else (mx, my - 6, "middle")
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="12" '
            f'font-style="italic" fill="#37474f">{escape(arrow.label)}</text>'
        )
    return parts


def render(diagram: Diagram) -> str:
    """The SVG text of one diagram."""
    boxes = {box.name: box for box in diagram.boxes}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {diagram.width} '
        f'{diagram.height}" width="{diagram.width}" height="{diagram.height}" '
        f'role="img" aria-label="{escape(diagram.title)}" font-family="{escape(_FONT)}">',
        f"<title>{escape(diagram.title)}</title>",
        '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" '
        'fill="#455a64"/></marker></defs>',
        f'<rect width="{diagram.width}" height="{diagram.height}" fill="#ffffff"/>',
    ]
    for arrow in diagram.arrows:
        parts += _arrow_svg(arrow, boxes)
    for box in diagram.boxes:
        parts += _box_svg(box)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _layers() -> Diagram:
    stack = [
        ("generate", "stubs, shape reference, rule pages (build time)"),
        ("cli", "the glue-security command"),
        ("testing", "the in-memory service (state, protocol), its transports, states"),
        (None, None),  # linter and strategies, side by side
        ("schema", "JSON Schema export"),
        ("documents", "files, positions, envelopes, severities"),
        ("codec", "from_wire / to_wire, generated parsers"),
        ("models", "classes, enums, errors, operations"),
        ("validation", "ValidationError, messages, paths, checks"),
        ("spec", "the constraint data, declared once"),
    ]
    boxes: list[Box] = []
    arrows: list[Arrow] = []
    x, width, height, step = 20, 440, 48, 66
    above: list[str] = []
    for row, (name, detail) in enumerate(stack):
        y = 20 + row * step
        if name is None:
            here = [
                Box("linter", x, y, 212, height, "linter", "engine, rules, inputs"),
                Box("strategies", x + 228, y, 212, height, "strategies", "Hypothesis"),
            ]
        else:
            here = [Box(name, x, y, width, height, name, detail or "")]
        boxes += here
        arrows += [Arrow(a, b.name) for a in above for b in here]
        above = [b.name for b in here]
    top = 20 + 6 * step
    face = Box(
        "face",
        530,
        top,
        210,
        3 * step + height,
        "glue_security",
        "public face: re-exports",
        "face",
    )
    boxes.append(face)
    arrows += [
        Arrow("face", n, dashed=True, across=True)
        for n in ("codec", "models", "validation", "spec")
    ]
    return Diagram(
        "layers.svg",
        "The layers of glue-security: each imports only the layers below it",
        760,
        20 + len(stack) * step,
        tuple(boxes),
        tuple(arrows),
    )


def _walks() -> Diagram:
    boxes = (
        Box("payload", 20, 30, 190, 52, "wire payload", "from_wire(Model, payload)", "data"),
        Box("fast", 290, 30, 230, 52, "fast parser", "one straight-line pass", "step"),
        Box("model", 600, 30, 170, 52, "the model", "valid: built once", "good"),
        Box(
            "collect",
            290,
            170,
            230,
            52,
            "collecting parser",
            "walks again, notes each fault",
            "step",
        ),
        Box("error", 600, 170, 170, 52, "ValidationError", "every problem at once", "bad"),
        Box("python", 20, 300, 190, 52, "Model(...) in Python", "construction", "data"),
        Box("reference", 290, 300, 230, 52, "reference walk", "check_instance", "step"),
    )
    arrows = (
        Arrow("payload", "fast"),
        Arrow("fast", "model", "valid"),
        Arrow("fast", "collect", "DECLINED"),
        Arrow("collect", "error", "faults"),
        Arrow("python", "reference"),
        Arrow("reference", "error", "same codes"),
    )
    return Diagram(
        "walks.svg",
        "A payload through from_wire: the fast walk, and the collecting walk on a fault",
        790,
        380,
        boxes,
        arrows,
    )


def _lint_run() -> Diagram:
    column, width, height, step = 40, 300, 52, 84
    steps = [
        ("files", "files, folders or stdin", "cli.lint: arguments, settings", "data"),
        ("read", "read with positions", "documents.sources: JSON, YAML", "step"),
        ("recognise", "recognise the input", "linter.inputs: templates, plans, ...", "step"),
        ("subjects", "subjects", "a model and its wire payload each", "step"),
        ("rules", "check every rule", "linter.rules: schema, service, posture", "step"),
        (
            "report",
            "findings, with line and column",
            "cli.report: text, json, sarif, github",
            "good",
        ),
    ]
    boxes = tuple(
        Box(name, column, 20 + i * step, width, height, title, detail, style)
        for i, (name, title, detail, style) in enumerate(steps)
    )
    side = (
        Box(
            "unknown",
            420,
            20 + 3 * step,
            280,
            height,
            "deploy-time values",
            "marked Unknown: never a finding",
            "face",
        ),
        Box(
            "schema",
            420,
            20 + 4 * step,
            280,
            height,
            "schema rules",
            "from_wire: each ErrorCode a rule",
            "layer",
        ),
    )
    arrows = (
        *(Arrow(a[0], b[0]) for a, b in itertools.pairwise(steps)),
        Arrow("subjects", "unknown", dashed=True),
        Arrow("rules", "schema", dashed=True),
    )
    return Diagram(
        "lint-run.svg",
        "One run of glue-security lint, from the files to the report",
        730,
        20 + len(steps) * step,
        boxes + side,
        arrows,
    )


def diagrams() -> list[Diagram]:
    return [_layers(), _walks(), _lint_run()]


def expected(out: Path = OUT) -> dict[Path, str]:
    """Each diagram's path and SVG text."""
    return {out / d.file_name: render(d) for d in diagrams()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw the architecture diagrams as SVG.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    stale = [
        path
        for path, text in expected().items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for path in stale:
            print(f"out of date: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected()[path], encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
