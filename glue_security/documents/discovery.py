"""Finding the files a command names: files, directories walked once each, and globs."""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence

import attrs

from .sources import FORMATS

__all__ = ["Missing", "find_files"]


_GLOB_CHARACTERS = re.compile(r"[*?\[]")
_HERE = "." + os.sep


_NOT_REGULAR = "not a regular file (a pipe, socket or device); name it to read it"


def _regular_or_unknown(found: os.DirEntry[str] | str) -> bool:
    """Whether a file found in a directory or by a glob is a regular file, so that reading
    it cannot wait forever (a named pipe); one that cannot be examined is left to its
    reader's error."""
    try:
        status = found.stat() if isinstance(found, os.DirEntry) else os.stat(found)
    except OSError:
        return True
    return stat.S_ISREG(status.st_mode)


def _glob(pattern: str) -> Iterator[str]:
    """What `glob.glob(pattern, recursive=True)` matches, but with `**` walking each
    directory once for each place in the pattern, by identity: a symbolic link back up the
    tree (or two) would otherwise be followed until the path is too long, each file found
    again at every turn."""
    if "**" not in pattern.split(os.sep):
        yield from glob.glob(pattern, recursive=True)
        return
    parts = pattern.split(os.sep)
    start = ""
    if parts[0] == "":  # an absolute pattern
        start, parts = os.sep, parts[1:]
    visited: set[tuple[int, int, int]] = set()
    pending: list[tuple[str, int]] = [(start, 0)]
    while pending:
        directory, index = pending.pop()
        try:
            status = os.stat(directory or os.curdir)
        except OSError:
            continue
        if (status.st_dev, status.st_ino, index) in visited:
            continue
        visited.add((status.st_dev, status.st_ino, index))
        if index == len(parts):
            if directory:
                yield directory
            continue
        part = parts[index]
        if part == "**":
            pending.append((directory, index + 1))  # no directory at all
        elif not _GLOB_CHARACTERS.search(part):
            path = os.path.join(directory, part)
            if index + 1 == len(parts):
                if os.path.lexists(path):
                    yield path
            elif os.path.isdir(path):
                pending.append((path, index + 1))
            continue
        try:
            entries = list(os.scandir(directory or os.curdir))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") and not part.startswith("."):
                continue  # hidden, as glob leaves them
            path = os.path.join(directory, entry.name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if part == "**":
                if is_dir:
                    pending.append((path, index))
                elif index + 1 == len(parts):
                    yield path
            elif fnmatch.fnmatchcase(entry.name, part):
                if index + 1 == len(parts):
                    yield path
                elif is_dir:
                    pending.append((path, index + 1))


@attrs.frozen
class Missing:
    """A command-line input that names nothing: a missing file, or a glob with no match."""

    name: str
    reason: str


def find_files(
    inputs: Iterable[str], exclude: Sequence[str] = (), extensions: Iterable[str] = FORMATS
) -> Iterator[str | Missing]:
    """Files to check, in order, each once: `-` and named files as given, directories
    walked for files with one of `extensions` (hidden ones skipped), and globs expanded
    (`**` spans directories). A file or directory whose path or name matches an
    `exclude` pattern is left out."""
    wanted = tuple(extensions)
    seen: set[str] = set()

    def excluded(path: str) -> bool:
        if not exclude:
            return False
        name = os.path.basename(path.rstrip(os.sep)) or path
        return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(name, p) for p in exclude)

    # Directories already walked, by identity: a symbolic link back up the tree is walked
    # once, not until the path is too long.
    walked: set[tuple[int, int]] = set()

    def walk(directory: str) -> Iterator[str | Missing]:
        try:
            status = os.stat(directory)
            if (status.st_dev, status.st_ino) in walked:
                return
            walked.add((status.st_dev, status.st_ino))
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as exc:
            # Reported, not skipped: its files would otherwise go unchecked without a word.
            yield Missing(directory, f"cannot read this directory: {exc.strerror or exc}")
            return
        for entry in entries:
            # "./a.json" is reported as "a.json", as a glob would give it.
            path = entry.path[2:] if entry.path.startswith(_HERE) else entry.path
            if entry.name.startswith(".") or excluded(path):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link that cannot be followed: reported as a file would be
                is_dir = False
            if is_dir:
                yield from walk(path)
            elif entry.name.lower().endswith(wanted):
                yield path if _regular_or_unknown(entry) else Missing(path, _NOT_REGULAR)

    for item in inputs:
        if item == "-":
            found: Iterable[str | Missing] = [item]
        elif os.path.isdir(item):
            found = walk(item)
        elif os.path.lexists(item) or not _GLOB_CHARACTERS.search(item):
            if not os.path.lexists(item):
                yield Missing(item, "no such file or directory")
                continue
            found = [item]
        else:
            matches = sorted(_glob(item))
            if not matches:
                yield Missing(item, "no file matches this pattern")
                continue
            found = (
                path
                for match in matches
                for path in (
                    walk(match)
                    if os.path.isdir(match)
                    else [match if _regular_or_unknown(match) else Missing(match, _NOT_REGULAR)]
                )
            )
        for path in found:
            if isinstance(path, Missing):
                yield path
            elif path not in seen and (path == "-" or not excluded(path)):
                seen.add(path)
                yield path
