"""Reading configuration files for the command line: JSON and YAML, with positions.

`load(name, raw, format)` decodes a file's bytes and returns a `Source`: the data, plus
`Source.position(parts)`, the (line, column) of the value at a wire path such as
`("Request", "EncryptionConfiguration", "S3Encryption", 0)`. Positions cost a second
pass over the text, so they are found only when asked for (in practice, only for files
that have a fault), and then for the whole file at once; a valid file pays for the
decoding alone.

Lines and columns count from 1; columns count Unicode code points. For a path that
does not exist (a missing member), the position is that of the deepest value that does:
its parent object.

`split_path("$.S3Encryption[0].KmsKeyArn")` turns a reported path back into parts, and
`find_files` expands the command line's files, directories and globs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from json.scanner import NUMBER_RE
from typing import Any, Literal

import attrs

from ..codec.json_text import JsonTextError, read_json_text
from ..validation.paths import PathPart
from .hcl import HclError, HclFile, read_hcl
from .lines import Position, line_column, line_starts
from .yaml_nodes import (
    each_node_once,
    expand_node,
    expands_past,
    key_reader,
    may_alias,
    plain_keys,
    position_tree,
    tree_key,
)

__all__ = [
    "FORMATS",
    "LINT_FORMATS",
    "YAML_INSTALL_HINT",
    "Source",
    "SourceError",
    "default_yaml_loader",
    "format_of",
    "load",
]

Format = Literal["json", "yaml", "hcl", "jsonl"]
#: The formats a directory is searched for by every command.
FORMATS: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
#: What only `lint` looks for in a directory: Terraform's native syntax, JSON Lines
#: (CloudTrail exports) and gzipped JSON (CloudTrail log files).
LINT_FORMATS: dict[str, Format] = {
    ".tf": "hcl",
    ".tfvars": "hcl",
    ".jsonl": "jsonl",
    ".json.gz": "json",
    ".jsonl.gz": "jsonl",
}

YAML_INSTALL_HINT = "reading YAML needs PyYAML: pip install 'glue-security[yaml]'"


class SourceError(Exception):
    """A file that is not valid JSON or YAML (code "json" or "yaml"), that holds too much
    with its aliases expanded (code "size"), or that cannot be read as one (code
    "yaml-support" when PyYAML is missing), with where, if known."""

    def __init__(
        self,
        code: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        path: str = "$",
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.path = path


def format_of(name: str, default: Format = "json") -> Format:
    """A file's format, by its extension (`.json`, `.yaml`, `.yml`, `.tf`, `.tfvars`,
    `.jsonl`; a `.gz` after any of them is taken off)."""
    lowered = name.lower()
    extension = os.path.splitext(lowered[:-3] if lowered.endswith(".gz") else lowered)[1]
    return FORMATS.get(extension) or LINT_FORMATS.get(extension, default)


@attrs.define(eq=False)
class Source:
    """A decoded file: its data, and the positions of its values on demand.

    `duplicates` lists the paths of keys that an object or mapping repeats (each repeat
    after the first); `data` holds the last value of each, as JSON and YAML readers do.
    `too_long` lists the paths (and messages) of integers too long to read: `data` holds a
    placeholder there, so a payload that holds one is not to be checked.
    """

    name: str
    format: Format
    text: str
    data: Any
    duplicates: tuple[tuple[PathPart, ...], ...] = ()
    too_long: tuple[tuple[tuple[PathPart, ...], str], ...] = attrs.field(default=(), kw_only=True)
    #: A YAML file's node graph, kept from reading it, so that positions need no second pass.
    yaml_node: Any = attrs.field(default=None, kw_only=True, repr=False)
    #: A `.tf` file's positions, found while reading it.
    hcl: HclFile | None = attrs.field(default=None, kw_only=True, repr=False)
    #: JSON Lines are read as one array: the `[` put before this line's value is taken
    #: back out of its columns.
    opened_line: int | None = attrs.field(default=None, kw_only=True, repr=False)
    _index: _Index | None = attrs.field(default=None, init=False, repr=False)

    def position(self, parts: Sequence[PathPart], *, key: bool = False) -> Position | None:
        """(line, column) of the value at `parts`, or of its deepest existing ancestor.
        With `key`, that of the member's name where the value is an object member (a
        template's property), rather than of its value."""
        if self.hcl is not None:  # an attribute's name, or a block's type
            return self.hcl.position(tuple(parts))
        if self._index is None:
            self._index = _Index(self.text, self.format, self.yaml_node)
            self.yaml_node = None
        found = self._index.position(parts, key=key)
        if found is not None and found[0] == self.opened_line and found[1] > 1:
            return found[0], found[1] - 1
        return found


def load(
    name: str,
    raw: bytes,
    format: Format,
    *,
    yaml_loader: Any = None,
    max_size: int | None = None,
) -> Source:
    """Decode `raw` as JSON or YAML. Raises `SourceError` for text that is not.

    `yaml_loader` is a PyYAML loader class to read YAML with (by default, the safe loader,
    libyaml's where present): a subclass of it can construct more tags, such as
    CloudFormation's `!Ref`. Positions do not depend on it.

    `max_size` bounds what a YAML file holds with its aliases expanded, in characters
    (each node measured once, so the measure costs the file's size; a file without
    aliases measures no more than its text): past it, a `size` error, before anything is
    built, so that what reads the data costs at most what a file of that size would.
    """
    if format == "hcl":
        text = _decode(raw, "hcl")  # UTF-8, as Terraform reads it
        try:
            parsed = read_hcl(text)
        except HclError as exc:
            raise SourceError(exc.code, exc.message, exc.line, exc.column) from None
        return Source(name, format, text, parsed.data, hcl=parsed)
    if format == "yaml":
        text = _decode(raw, "yaml")
        try:
            data, node = _load_yaml(text, _checked(yaml_loader), max_size)
            return Source(name, format, text, data, yaml_node=node)
        except _RepeatedKey:
            data, node = _load_yaml(text, yaml_loader, max_size)
            duplicates = _yaml_duplicates(text, yaml_loader)
            return Source(name, format, text, data, duplicates, yaml_node=node)
    text = _decode(raw, "json")
    opened_line = None
    if format == "jsonl":
        format, (text, opened_line) = "json", _json_lines_as_array(text)
    try:
        data, problems = read_json_text(text)
    except JsonTextError as exc:
        raise SourceError("json", exc.message, exc.line, exc.column) from None
    duplicates = tuple(p.parts for p in problems if p.code == "duplicate")
    too_long = tuple((p.parts, p.message) for p in problems if p.code == "range")
    return Source(name, format, text, data, duplicates, too_long=too_long, opened_line=opened_line)


def _json_lines_as_array(text: str) -> tuple[str, int | None]:
    """JSON Lines as one JSON array, each value on its own line still: `[` before the
    first, a comma after each but the last, `]` after it (blank lines kept blank). Also
    the line (from 1) where the `[` went."""
    lines = text.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if not filled:
        return "[]", None
    for index in filled[:-1]:
        lines[index] += ","
    lines[filled[0]] = "[" + lines[filled[0]]
    lines[filled[-1]] += "]"
    return "\n".join(lines), filled[0] + 1


class _RepeatedKey(Exception):
    """An object repeats a key: its earlier values would be lost without a word."""


def _decode(raw: bytes, code: Format) -> str:
    encoding = json.detect_encoding(raw) if code == "json" else "utf-8-sig"
    if encoding == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        # The text before the fault, decoded, so that the column counts code points (not
        # bytes, of which UTF-16 has two a character).
        before = raw[: exc.start].decode(encoding, errors="replace")
        line, column = line_column(line_starts(before), len(before))
        raise SourceError(code, f"not valid {code.upper()}: {exc.reason}", line, column) from None


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:
        raise SourceError("yaml-support", YAML_INSTALL_HINT) from None
    return yaml


def default_yaml_loader(yaml: Any) -> Any:
    # libyaml's loader where PyYAML was built with it; safe loading either way.
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_CHECKED_LOADERS: dict[Any, Any] = {}


def _checked(loader: Any) -> Any:
    """`loader` (by default, the safe one) made to raise `_RepeatedKey` on a repeated key."""
    yaml = _yaml()
    base = loader or default_yaml_loader(yaml)
    checked = _CHECKED_LOADERS.get(base)
    if checked is None:

        def construct_mapping(self: Any, node: Any, deep: bool = False) -> Any:
            # Keys compared as constructed, as the mapping will hold them: `1` and `0x1`
            # (or `yes` and `on`) are one key, and the later would hide the earlier.
            if isinstance(node, yaml.MappingNode):
                keys: set[Any] = set()
                for key_node, _ in plain_keys(yaml, node):
                    key = self.construct_object(key_node)
                    try:
                        if key in keys:
                            raise _RepeatedKey
                        keys.add(key)
                    except TypeError:  # unhashable: the base loader says so
                        pass
            return base.construct_mapping(self, node, deep)

        checked = type(f"Checked{base.__name__}", (base,), {"construct_mapping": construct_mapping})
        _CHECKED_LOADERS[base] = checked
    return checked


def _yaml_duplicates(text: str, loader: Any) -> tuple[tuple[PathPart, ...], ...]:
    """The path of each repeated key; a key that is not a string is in it as constructed
    (`wire_path` writes it as `key_token` does, and positions find it so)."""
    yaml = _yaml()
    key_of = key_reader(yaml)
    found: list[tuple[PathPart, ...]] = []
    pending: list[tuple[Any, tuple[PathPart, ...]]] = [
        (yaml.compose(text, Loader=loader or default_yaml_loader(yaml)), ())
    ]
    for node, parts in each_node_once(pending):
        if isinstance(node, yaml.MappingNode):
            keys: set[Any] = set()
            for key_node, value in plain_keys(yaml, node):
                key = key_of(key_node)
                if key in keys:
                    found.append((*parts, key))
                keys.add(key)
                pending.append((value, (*parts, key)))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend((item, (*parts, index)) for index, item in enumerate(node.value))
    return tuple(sorted(found, key=str))


def _load_yaml(text: str, loader: Any, max_size: int | None = None) -> tuple[Any, Any]:
    """The data, and the node graph it was constructed from (as `yaml.load` does it)."""
    yaml = _yaml()
    loader = loader or default_yaml_loader(yaml)
    try:
        reader = loader(text)
        try:
            node = reader.get_single_node()
            if (
                node is not None
                and max_size is not None
                and may_alias(text)  # without aliases the data is no larger than the text
                and expands_past(yaml, node, max_size)
            ):
                raise SourceError("size", "too large with its aliases expanded")
            return (None if node is None else reader.construct_document(node)), node
        finally:
            reader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = line_column(line_starts(text), mark.index) if mark is not None else (None, None)
        problem = exc.problem or exc.context or "cannot read"
        raise SourceError("yaml", f"not valid YAML: {problem}", *where) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a NUL, a lone surrogate): one line, at its place.
        offset = _reader_offset(yaml, text, exc, loader)
        where = line_column(line_starts(text), offset)
        raise SourceError(
            "yaml", f"not valid YAML: character U+{exc.character:04X} ({exc.reason})", *where
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError("yaml", f"not valid YAML: {exc}") from None
    except RecursionError:
        raise SourceError("yaml", "not valid YAML: nested too deeply to read") from None


def _reader_offset(yaml: Any, text: str, error: Any, loader: Any) -> int:
    """The code point offset of a reader error: libyaml gives it in UTF-8 bytes."""
    position = int(error.position)
    if issubclass(loader, getattr(getattr(yaml, "cyaml", None), "CParser", ())):
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "replace"))
    return min(position, len(text))


# -- positions -------------------------------------------------------------------------------

# A node of the position tree: [offset, children, the key's offset or None], where children
# is a dict (object members), a list (array items) or None (a scalar), and the key is the
# member name before an object member's value. Offsets count code points.
_Node = list[Any]
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# The json module's own string scanner (C where available): (decoded string, end offset).
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_LITERALS = ("true", "false", "null")


class _Index:
    def __init__(self, text: str, format: Format, yaml_node: Any = None) -> None:
        self.text = text
        self.root: _Node | None = (
            _json_tree(text) if format == "json" else _yaml_tree(text, yaml_node)
        )
        self.starts: list[int] | None = None

    def position(self, parts: Sequence[PathPart], *, key: bool = False) -> Position | None:
        node = self.root
        if node is None:
            return None
        for part in parts:
            if len(node) > 3:  # a YAML node not expanded yet
                expand_node(_yaml(), node)
            children = node[1]
            if isinstance(part, str) and part.startswith("Fn::") and isinstance(children, list):
                continue  # YAML's short form `!If [...]`: the tag is the function's name
            if isinstance(children, dict):
                child = children.get(tree_key(part))
            elif isinstance(children, list) and isinstance(part, int):
                child = children[part] if 0 <= part < len(children) else None
            else:
                child = None
            if child is None:
                break
            node = child
        where = node[2] if key and node[2] is not None else node[0]
        if self.starts is None:
            self.starts = line_starts(self.text)
        return line_column(self.starts, where)


def _json_tree(text: str) -> _Node | None:
    """Every value's offset, in one pass over text that `json` has already accepted.

    Iterative, so that a deeply nested file costs no recursion; strings go through the
    `json` module's own scanner.
    """
    whitespace = _WHITESPACE.match

    def ws(text: str, i: int) -> Any:  # always matches, if only the empty string
        return whitespace(text, i)

    i = ws(text, 0).end()
    stack: list[_Node] = []  # the open containers
    # Where the next value goes: (children, key or None, the key's offset or None).
    slot: tuple[Any, Any, int | None] | None = None
    root: _Node | None = None
    while True:
        node: _Node = [i, None, None if slot is None else slot[2]]
        if slot is None:
            root = node
        elif slot[1] is None:
            slot[0].append(node)
        else:
            slot[0][slot[1]] = node
        char = text[i]
        if char in "{[":
            node[1] = {} if char == "{" else []
            i = ws(text, i + 1).end()
            if text[i] in "}]":
                i += 1
            else:
                stack.append(node)
                if char == "{":
                    at = i
                    key, i = scanstring(text, i + 1)
                    i = ws(text, ws(text, i).end() + 1).end()  # past the colon
                    slot = (node[1], key, at)
                else:
                    slot = (node[1], None, None)
                continue
        elif char == '"':
            i = scanstring(text, i + 1)[1]
        else:
            number = NUMBER_RE.match(text, i)
            if number is not None:
                i = number.end()
            else:
                i += next(len(word) for word in _LITERALS if text.startswith(word, i))
        # After a value: close finished containers until a comma opens the next value.
        while True:
            i = ws(text, i).end()
            if not stack:
                return root
            if text[i] == ",":
                i = ws(text, i + 1).end()
                parent = stack[-1]
                if isinstance(parent[1], dict):
                    at = i
                    key, i = scanstring(text, i + 1)
                    i = ws(text, ws(text, i).end() + 1).end()
                    slot = (parent[1], key, at)
                else:
                    slot = (parent[1], None, None)
                break
            stack.pop()
            i += 1


def _yaml_tree(text: str, root_node: Any = None) -> _Node | None:
    """The same tree for YAML, from PyYAML's node graph (with its marks)."""
    yaml = _yaml()
    if root_node is None:
        root_node = yaml.compose(text, Loader=default_yaml_loader(yaml))
    if root_node is None:
        return None
    return position_tree(yaml, root_node, lazy=not may_alias(text))


# -- paths -----------------------------------------------------------------------------------
