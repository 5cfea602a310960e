"""Wire paths, the one syntax every message and report uses: `$.A[0]["odd key"]`.

`child_path` writes one step, `wire_path` a whole path from its parts, and `split_path` reads
one back (the command line finds a path's line and column in the file with it).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable

from .error import SHOWN_CHARS, describe_value

__all__ = ["KeyToken", "PathPart", "child_path", "key_token", "split_path", "wire_path"]

#: One step of a path: a member or key name, or a list index.
PathPart = str | int

# A key that is not a string (YAML's null, booleans, numbers and dates), as `key_token`
# writes it: read back as that text, which is how positions name it.
_KEY_TOKEN = r"null|true|false|-?[0-9][0-9.eE+-]*|[0-9]{4}-[0-9]{2}-[0-9]{2}[^\]\[\"]*"
_PATH_TOKEN = re.compile(rf"\.([A-Za-z_][A-Za-z0-9_]*)|\[(-?\d+)\]|\[({_KEY_TOKEN})\]|\[\"")

_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class KeyToken(str):
    """A key that is not a string, as `split_path` reads it back from its path (`null`,
    `2024-05-06`): `child_path` writes it between brackets again, as it was."""

    __slots__ = ()


def child_path(path: str, key: object) -> str:
    """`$.Name` for a plain member name, `$["odd key"]` for anything else, a long key cut
    to `$["first characters"...(N characters)]`."""
    if type(key) is str and len(key) <= SHOWN_CHARS and key.isidentifier() and key.isascii():
        return f"{path}.{key}"  # the common case, first: a misspelt member name
    if type(key) is KeyToken:
        return f"{path}[{key}]"
    if issubclass(type(key), str):
        key = str.__str__(key)  # a subclass's methods are not asked
        if len(key) > SHOWN_CHARS:
            shown = json.dumps(key[:SHOWN_CHARS])
            return f"{path}[{shown}...({len(key)} characters)]"
        if key.isidentifier() and key.isascii():
            return f"{path}.{key}"
        return f"{path}[{json.dumps(key)}]"
    return f"{path}[{key_token(key)}]"


def key_token(key: object) -> str:
    """A key that is not a string (YAML has them), as a path writes it between brackets:
    JSON's literal where JSON has one (`null`, `true`, `1.5`), a date's ISO text
    (`2024-05-06`), otherwise the key's short description."""
    if key is None or key is True or key is False:
        return json.dumps(key)
    if isinstance(key, datetime.date) and type(key) in (datetime.date, datetime.datetime):
        return key.isoformat()
    return describe_value(key)


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
        elif token.group(3) is not None:
            parts.append(KeyToken(token.group(3)))
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
