"""`python -m glue_security.generate [--check] [--root DIR]`: write every generated file.

The generated files are the typing stubs beside the models and `glue_security/wire.py`, the
shape reference (`docs/reference/`) and the lint rule pages (`docs/rules/`). `--check` writes
nothing: it names each file that is out of date (or should not be there) and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import reference, rule_pages, stubs

__all__ = ["expected_files", "main"]

# Page folders below the repository's root, and what writes them.
_PAGE_FOLDERS = {
    Path("docs") / "reference": reference.render,
    Path("docs") / "rules": rule_pages.render,
}


def expected_files(root: Path) -> tuple[dict[Path, str], list[Path]]:
    """Every generated file's path and text, and the generated folders' `.md` files that no
    generator writes any more."""
    files = dict(stubs.render())
    stray: list[Path] = []
    for folder, render in _PAGE_FOLDERS.items():
        pages = {root / folder / name: text for name, text in render().items()}
        files.update(pages)
        stray.extend(p for p in sorted((root / folder).glob("*.md")) if p not in pages)
    return files, stray


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m glue_security.generate",
        description="Write the typing stubs, the shape reference and the lint rule pages.",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 naming stale files"
    )
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="the repository's root (default: .)"
    )
    args = parser.parse_args(argv)
    root: Path = args.root
    files, stray = expected_files(root)
    stale = [
        path
        for path, text in files.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for path in [*stale, *stray]:
            print(f"out of date: {_shown(path, root)}", file=sys.stderr)
        if stale or stray:
            print("run: python -m glue_security.generate", file=sys.stderr)
            return 1
        print(f"{len(files)} generated files up to date")
        return 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8")
        print(f"wrote {_shown(path, root)}")
    for path in stray:
        path.unlink()
        print(f"removed {_shown(path, root)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
