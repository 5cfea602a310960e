"""Baselines for `glue-security lint --baseline FILE`: today's findings recorded, so that a
run fails only on new ones.

A finding's fingerprint is its rule, file, resource and wire path (and, for findings alike
in all four, which one of them it is), never its line: moving a resource in its file, or
adding lines above it, keeps its fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from .report import FileResult, Finding

__all__ = ["BASELINE_FORMAT", "Baseline", "BaselineError", "fingerprints"]

BASELINE_FORMAT = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written."""


def _file_key(name: str) -> str:
    return name.replace(os.sep, "/")


def fingerprints(results: Sequence[FileResult]) -> Iterator[tuple[FileResult, Finding, str]]:
    """Each finding of `results` (file-level errors included) with its fingerprint."""
    for result in results:
        seen: dict[tuple[str, str, str, str], int] = {}
        for finding in result.all_findings():
            key = (finding.code, _file_key(result.file), finding.resource or "", finding.path or "")
            occurrence = seen[key] = seen.get(key, -1) + 1
            text = "\0".join((*key, str(occurrence)))
            digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            yield result, finding, digest[:32]


@attrs.frozen
class Baseline:
    """The fingerprints of the findings a baseline file records."""

    known: frozenset[str]

    @classmethod
    def read(cls, path: str) -> Baseline:
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except OSError as exc:
            raise BaselineError(f"cannot read the baseline {path}: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise BaselineError(f"{path} is not a baseline (not JSON: {exc})") from None
        findings = document.get("findings") if isinstance(document, dict) else None
        if document.get("format") != BASELINE_FORMAT or not isinstance(findings, list):
            raise BaselineError(
                f"{path} is not a glue-security baseline (format {BASELINE_FORMAT}); "
                "delete it to record a new one"
            )
        return cls(
            frozenset(
                str(item["fingerprint"])
                for item in findings
                if isinstance(item, dict) and "fingerprint" in item
            )
        )

    def new_only(self, results: Sequence[FileResult]) -> tuple[list[FileResult], int]:
        """`results` without the findings the baseline records, and how many were left out."""
        kept: dict[int, list[Finding]] = {}
        errors: dict[int, Finding | None] = {}
        left_out = 0
        by_result = {id(result): index for index, result in enumerate(results)}
        for result, finding, fingerprint in fingerprints(results):
            index = by_result[id(result)]
            if fingerprint in self.known:
                left_out += 1
                if finding is result.error:
                    errors[index] = None
                continue
            kept.setdefault(index, [])
            if finding is not result.error:
                kept[index].append(finding)
        out = [
            attrs.evolve(
                result,
                findings=tuple(kept.get(index, [])),
                error=errors.get(index, result.error),
            )
            for index, result in enumerate(results)
        ]
        return out, left_out


def write_baseline(path: str, results: Sequence[FileResult]) -> int:
    """Record every finding of `results` in `path`; the number recorded."""
    entries: list[dict[str, Any]] = [
        {
            "fingerprint": fingerprint,
            "rule": finding.code,
            "file": _file_key(result.file),
            "resource": finding.resource,
            "path": finding.path,
            "message": finding.message,
        }
        for result, finding, fingerprint in fingerprints(results)
    ]
    entries.sort(key=lambda entry: (entry["file"], entry["rule"], entry["fingerprint"]))
    document = {"format": BASELINE_FORMAT, "tool": "glue-security", "findings": entries}
    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    except OSError as exc:
        raise BaselineError(f"cannot write the baseline {path}: {exc.strerror or exc}") from None
    return len(entries)
