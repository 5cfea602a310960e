"""`python -m glue_security.generate`: one command writes every generated file; `--check` finds
the stale ones."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ..helpers import ROOT


def generate(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glue_security.generate", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_the_repository_is_up_to_date() -> None:
    result = generate("--check")
    assert result.returncode == 0, result.stderr
    assert "generated files up to date" in result.stdout


def _docs_copy(tmp_path: Path) -> Path:
    for folder in ("reference", "rules"):
        shutil.copytree(ROOT / "docs" / folder, tmp_path / "docs" / folder)
    return tmp_path


def test_check_names_stale_missing_and_stray_pages_and_writes_nothing(tmp_path: Path) -> None:
    root = _docs_copy(tmp_path)
    stale = root / "docs" / "rules" / "GS101.md"
    stale.write_text("edited by hand\n", encoding="utf-8")
    (root / "docs" / "reference" / "S3Encryption.md").unlink()
    (root / "docs" / "reference" / "Removed.md").write_text("old\n", encoding="utf-8")
    result = generate("--check", "--root", str(root))
    assert result.returncode == 1
    named = {line.removeprefix("out of date: ") for line in result.stderr.splitlines()}
    stale_pages = ["docs/rules/GS101.md", "docs/reference/S3Encryption.md"]
    for page in [*stale_pages, "docs/reference/Removed.md"]:
        assert page in named, result.stderr
    assert "run: python -m glue_security.generate" in result.stderr
    # The stubs are generated into the package, which is up to date: not named.
    assert not any(name.endswith(".pyi") or name.endswith("wire.py") for name in named)
    assert stale.read_text(encoding="utf-8") == "edited by hand\n"  # --check writes nothing


def test_without_check_it_writes_and_removes(tmp_path: Path) -> None:
    root = _docs_copy(tmp_path)
    (root / "docs" / "rules" / "GS101.md").write_text("edited by hand\n", encoding="utf-8")
    (root / "docs" / "reference" / "Removed.md").write_text("old\n", encoding="utf-8")
    result = generate("--root", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wrote docs/rules/GS101.md",
        "removed docs/reference/Removed.md",
    ]
    assert generate("--check", "--root", str(root)).returncode == 0
