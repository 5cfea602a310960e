"""Generating Python functions from source text: the writer that collects their lines and
named constants, and compiling them so that they can be debugged.

Each function's source is registered in `linecache` under a file name of its own (as
attrs and cattrs do), so tracebacks show the generated line, `inspect.getsource` reads it
and pdb steps through it.
"""

from __future__ import annotations

import linecache
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["Writer", "compile_function", "constant_name"]

# The builtins generated code calls, bound as globals of its own.
_BUILTINS = {
    f.__name__: f for f in (str, int, float, bool, dict, list, tuple, type, len, enumerate)
}

# Between words of a CamelCase name: `S3EncryptionMode` -> `S3_Encryption_Mode`.
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def constant_name(*parts: str) -> str:
    """An identifier made of `parts` (`"KMS key ARN", "fullmatch"` -> `KMS_KEY_ARN_FULLMATCH`)."""
    words = (_CAMEL_BOUNDARY.sub("_", re.sub(r"\W+", "_", part)).strip("_") for part in parts)
    return "_".join(word.upper() for word in words if word)


class Writer:
    """Collects generated source lines, the constants they refer to, and fresh names."""

    def __init__(self, names: Mapping[str, Any]) -> None:
        self.lines: list[str] = []
        self.counter = 0
        self.names: dict[str, Any] = {**_BUILTINS, **names}

    def fresh(self, prefix: str) -> str:
        """A new local variable name: `prefix` and a number."""
        self.counter += 1
        return f"{prefix}_{self.counter}"

    def constant(self, name: str, value: Any) -> str:
        """The global through which the code reads `value`, called `name` when it is free
        (the same value keeps its name), else `name` with a number."""
        candidate, number = name, 1
        while candidate in self.names and self.names[candidate] is not value:
            number += 1
            candidate = f"{name}_{number}"
        self.names[candidate] = value
        return candidate

    def line(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)


_FILE_NAMES: set[str] = set()


def _unique_file_name(name: str) -> str:
    base = f"<glue_security generated {name}>"
    file_name, number = base, 1
    while file_name in _FILE_NAMES or file_name in linecache.cache:
        number += 1
        file_name = f"{base[:-1]}-{number}>"
    _FILE_NAMES.add(file_name)
    return file_name


def compile_function(w: Writer, name: str) -> Any:
    """Compile the function `name` that `w` holds, its source registered in `linecache`."""
    source = "\n".join(w.lines) + "\n"
    file_name = _unique_file_name(name)
    namespace = dict(w.names)
    exec(compile(source, file_name, "exec"), namespace)
    # A size and no modification time: linecache.checkcache keeps entries without one.
    linecache.cache[file_name] = (len(source), None, source.splitlines(True), file_name)
    return namespace[name]
