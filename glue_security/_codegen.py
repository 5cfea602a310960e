"""Generating Python functions from source text: the writer that collects their lines and
constants, and compiling them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["Writer", "compile_function"]

# The builtins generated code calls, bound as globals of its own.
_BUILTINS = {
    f.__name__: f for f in (str, int, float, bool, dict, list, tuple, type, len, enumerate)
}


class Writer:
    """Collects generated source lines, the constants they refer to, and fresh names."""

    def __init__(self, names: Mapping[str, Any]) -> None:
        self.lines: list[str] = []
        self.counter = 0
        self.names: dict[str, Any] = {**_BUILTINS, **names}

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def constant(self, prefix: str, value: Any) -> str:
        name = self.fresh(prefix.upper() + "_")
        self.names[name] = value
        return name

    def line(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)


def compile_function(w: Writer, filename: str, name: str) -> Any:
    source = "\n".join(w.lines) + "\n"
    namespace = dict(w.names)
    exec(compile(source, f"<glue_security generated {filename}>", "exec"), namespace)
    function = namespace[name]
    function.__source__ = source  # for debugging: print(fast_structure(M, mode).__source__)
    return function
