"""Wire paths, the one syntax every message and report uses: `$.A[0]["odd key"]`.

`child_path` writes one step, `wire_path` a whole path from its parts, and `split_path` reads
one back (the command line finds a path's line and column in the file with it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from .error import SHOWN_CHARS, describe_value

__all__ = ["PathPart", "child_path", "split_path", "wire_path"]

#: One step of a path: a member or key name, or a list index.
PathPart = str | int

_PATH_TOKEN = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(-?\d+)\]|\[\"")

_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def child_path(path: str, key: object) -> str:
    """`$.Name` for a plain member name, `$["odd key"]` for anything else, a long key cut
    to `$["first characters"...(N characters)]`."""
    if type(key) is str and len(key) <= SHOWN_CHARS and key.isidentifier() and key.isascii():
        return f"{path}.{key}"  # the common case, first: a misspelt member name
    if issubclass(type(key), str):
        key = str.__str__(key)  # a subclass's methods are not asked
        if len(key) > SHOWN_CHARS:
            shown = json.dumps(key[:SHOWN_CHARS])
            return f"{path}[{shown}...({len(key)} characters)]"
        if key.isidentifier() and key.isascii():
            return f"{path}.{key}"
        return f"{path}[{json.dumps(key)}]"
    return f"{path}[{describe_value(key)}]"


def wire_path(parts: tuple[str | int, ...]) -> str:
    """`$.A[0]["odd key"]` for ("A", 0, "odd key")."""
    path = "$"
    for part in parts:
        path = f"{path}[{part}]" if type(part) is int else child_path(path, part)
    return path


def split_path(path: str) -> tuple[PathPart, ...]:
    """`$.S3Encryption[0]["odd key"]` as `("S3Encryption", 0, "odd key")`.

    Reads as much of the path as it can; a part it cannot read (a key cut short in a
    message) ends it, so a position falls back to the nearest ancestor.
    """
    if not path.startswith("$"):
        return ()
    parts: list[PathPart] = []
    i = 1
    while i < len(path):
        token = _PATH_TOKEN.match(path, i)
        if token is None:
            break
        if token.group(1) is not None:
            parts.append(token.group(1))
            i = token.end()
        elif token.group(2) is not None:
            parts.append(int(token.group(2)))
            i = token.end()
        else:
            try:
                key, end = _scanstring(path, token.end())
            except ValueError:
                break
            if not path.startswith("]", end):
                break
            parts.append(key)
            i = end + 1
    return tuple(parts)
