"""The manifest of real public files (benchmarks/real_corpus.json) names each file's source
and sha256, the results of the last run on them (benchmarks/results/lint/real_corpus.json)
cover exactly those files, and docs/lint-comparison.md's "Real public files" section is
written from those results (benchmarks/compare_real.py), never by hand. The files
themselves are third-party and never in this repository: nothing here needs them."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..helpers import ROOT

ENTRY_KEYS = {"local", "kind", "repository", "commit", "path", "note", "sha256"}


@pytest.fixture(scope="module")
def compare_real() -> ModuleType:
    """benchmarks/compare_real.py (a script, not a package), loaded from its file."""
    name = "_benchmarks_compare_real"
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "compare_real.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def manifest(compare_real: ModuleType) -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = compare_real.load_manifest()
    return files


@pytest.fixture(scope="module")
def results(compare_real: ModuleType) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(compare_real.RESULTS.read_text(encoding="utf-8"))
    return data


def test_each_manifest_entry_names_its_source_and_sha256(
    compare_real: ModuleType, manifest: list[dict[str, Any]]
) -> None:
    assert manifest
    locals_ = [entry["local"] for entry in manifest]
    assert len(locals_) == len(set(locals_))
    for entry in manifest:
        assert set(entry) == ENTRY_KEYS, entry["local"]
        local = entry["local"]
        assert not local.startswith("/") and ".." not in local.split("/"), local
        assert entry["kind"] in compare_real.KINDS, local
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]), local
        assert entry["path"], local
        if entry["repository"] is None:  # found without its repository: the note says so
            assert entry["commit"] is None and "not named" in entry["note"], local
        else:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+", entry["repository"]), local
            assert re.fullmatch(r"[0-9a-f]{40}", entry["commit"]), local
        if entry["kind"] == "terraform plan":
            assert entry["note"].startswith("generated"), local


def test_the_manifest_and_page_carry_no_addresses(compare_real: ModuleType) -> None:
    page = compare_real.PAGE.read_text(encoding="utf-8")
    section = compare_real.BLOCK.search(page)
    assert section is not None
    for text in (compare_real.MANIFEST.read_text(encoding="utf-8"), section[0]):
        assert "://" not in text


def test_the_results_cover_exactly_the_manifest_files(
    compare_real: ModuleType, manifest: list[dict[str, Any]], results: dict[str, Any]
) -> None:
    assert [(f["local"], f["sha256"]) for f in results["files"]] == [
        (e["local"], e["sha256"]) for e in manifest
    ]
    assert set(results["versions"]) == set(compare_real.TOOLS)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", results["date"])
    kinds = {entry["local"]: entry["kind"] for entry in manifest}
    for item in results["files"]:
        kind = kinds[item["local"]]
        ran = {
            "glue-security": True,
            "checkov": kind in compare_real.CHECKOV_FRAMEWORKS,
            "cfn-lint": kind == "cloudformation",
        }
        for tool in compare_real.TOOLS:
            outcome = item[tool]
            assert (outcome["read"] is not None) is ran[tool], (item["local"], tool)
            assert all(set(f) == {"rule", "resource"} for f in outcome["findings"])


def test_the_page_section_is_written_from_the_results(compare_real: ModuleType) -> None:
    assert compare_real.main(["--check"]) == 0
    page = compare_real.PAGE.read_text(encoding="utf-8")
    assert len(compare_real.BLOCK.findall(page)) == 1


def test_the_check_sees_a_section_that_differs_from_the_results(
    compare_real: ModuleType, manifest: list[dict[str, Any]], results: dict[str, Any]
) -> None:
    page = compare_real.PAGE.read_text(encoding="utf-8")
    changed = json.loads(json.dumps(results))
    changed["files"][0]["glue-security"]["findings"].append({"rule": "GS999", "resource": "x"})
    assert compare_real.rewrite(page, compare_real.render(changed, manifest)) != page
    assert compare_real.rewrite(page, compare_real.render(results, manifest)) == page


def test_a_page_without_the_section_gets_it_appended(
    compare_real: ModuleType, manifest: list[dict[str, Any]], results: dict[str, Any]
) -> None:
    section = compare_real.render(results, manifest)
    page = compare_real.rewrite("# Title\n\nText.\n", section)
    assert page == "# Title\n\nText.\n\n" + section
    assert compare_real.rewrite(page, section) == page


def test_the_run_refuses_files_that_are_missing_or_differ(
    compare_real: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "cfn").mkdir()
    (tmp_path / "cfn" / "same.yaml").write_bytes(b"Resources: {}\n")
    (tmp_path / "cfn" / "changed.yaml").write_bytes(b"Resources: {}\n")
    digest = hashlib.sha256(b"Resources: {}\n").hexdigest()
    files = [
        {"local": "cfn/same.yaml", "sha256": digest},
        {"local": "cfn/changed.yaml", "sha256": "0" * 64},
        {"local": "cfn/absent.yaml", "sha256": digest},
    ]
    assert compare_real.verify(tmp_path, files) == [
        "cfn/changed.yaml: sha256 differs from the manifest's",
        "cfn/absent.yaml: missing",
    ]
