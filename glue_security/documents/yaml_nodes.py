"""What reading YAML needs of PyYAML's node graph: a mapping's plain keys, the key a key
node constructs to, how positions name a key that is not a string, and what a file holds
with its aliases expanded (each node measured once)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ..validation.paths import key_token

__all__ = [
    "MERGE_TAG",
    "each_node_once",
    "expand_node",
    "expands_past",
    "key_reader",
    "mark",
    "may_alias",
    "plain_keys",
    "position_tree",
    "tree_key",
]

MERGE_TAG = "tag:yaml.org,2002:merge"


def plain_keys(yaml: Any, node: Any) -> list[tuple[Any, Any]]:
    """(key node, value node) of each plain key of a mapping node (merge keys left out)."""
    return [
        (key, value)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and key.tag != MERGE_TAG
    ]


_STR_TAG = "tag:yaml.org,2002:str"


_KEY_READERS: dict[Any, Callable[[Any], Any]] = {}


def key_reader(yaml: Any) -> Callable[[Any], Any]:
    """The key a scalar key node constructs to (`1` and `0x1` are both 1, `yes` and `on`
    both true), or its text where the safe loader cannot construct it (a custom tag).
    Built once a run: a loader's set-up costs more than reading a template's keys."""
    reader = _KEY_READERS.get(yaml)
    if reader is None:
        reader = _KEY_READERS[yaml] = _new_key_reader(yaml)
    return reader


def _new_key_reader(yaml: Any) -> Callable[[Any], Any]:
    constructor = yaml.SafeLoader("")

    def key_of(node: Any) -> Any:
        if node.tag == _STR_TAG:
            return node.value
        try:
            key = constructor.construct_object(node)
            hash(key)
        except Exception:  # a tag the safe loader does not know: the key's text
            return node.value
        finally:  # the constructor's memo of nodes, kept from one file to the next
            constructor.constructed_objects.clear()
            constructor.recursive_objects.clear()
        return key

    return key_of


def tree_key(key: Any) -> str:
    """How the position tree names a member: by its name, or by the text a path writes
    for a key that is not a string (`key_token`)."""
    return str(key) if isinstance(key, str) else key_token(key)


def may_alias(text: str) -> bool:
    """Whether a YAML text can hold an alias: one needs an anchor (`&name`) and a
    reference (`*name`). Without, its data is no larger than its text, and measuring the
    node graph (most of the time a template takes to read) can be skipped."""
    return "&" in text and "*" in text


def expands_past(yaml: Any, root: Any, limit: int) -> bool:
    """Whether `root`, with its aliases expanded, holds more than `limit` characters:
    each scalar its text and one character (the least that separates it from the next),
    each collection one. That is no more than the text of a file without aliases, so only
    expansion can take a file within the limit past it. Each node is measured once,
    whatever number of aliases use it, so the measure costs the file's size."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[Any] = [root]
    while stack:
        node = stack[-1]
        key = id(node)
        if key in sizes:
            stack.pop()
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = len(node.value) + 1
            stack.pop()
            continue
        children = (
            [part for pair in node.value for part in pair]
            if isinstance(node, yaml.MappingNode)
            else node.value
        )
        if key not in open_nodes:
            open_nodes.add(key)
            # An alias inside the node it refers to (a value that holds itself) is not
            # followed: the data refers back, as the reader builds it, and so do checks.
            stack.extend(
                child
                for child in children
                if id(child) not in sizes and id(child) not in open_nodes
            )
            continue
        size = sizes[key] = 1 + sum(sizes.get(id(child), 1) for child in children)
        if size > limit:
            return True
        open_nodes.discard(key)
        stack.pop()
    return False


def mark(node: Any) -> int:
    # The offset, not PyYAML's line and column: YAML breaks lines where JSON does not.
    return int(node.start_mark.index)


def expand_node(yaml: Any, tree: list[Any]) -> None:
    """Fill in a position tree node's children (`[offset, children, key offset, YAML
    node]`, see `documents.sources`) from its YAML node, each child left to expand in
    turn: only for a graph without aliases, where no node is reached twice."""
    node = tree.pop()
    if isinstance(node, yaml.MappingNode):
        key_of = key_reader(yaml)
        tree[1] = {
            tree_key(key_of(key)): [mark(value), None, mark(key), value]
            for key, value in node.value
            if isinstance(key, yaml.ScalarNode)
        }
    elif isinstance(node, yaml.SequenceNode):
        tree[1] = [[mark(value), None, None, value] for value in node.value]


_Context = TypeVar("_Context")


def each_node_once(pending: list[tuple[Any, _Context]]) -> Iterator[tuple[Any, _Context]]:
    """Take (node, context) pairs from `pending` (which the caller extends) until it is
    empty, each node once: an alias shares its anchor's node, so a file of nested aliases
    (a "billion laughs") costs its size, not its expansion."""
    seen: set[int] = set()
    while pending:
        node, context = pending.pop()
        if id(node) not in seen:
            seen.add(id(node))
            yield node, context


def position_tree(yaml: Any, root_node: Any, *, lazy: bool) -> list[Any]:
    """The position tree of a YAML node graph (see `documents.sources`).

    `lazy` (for a graph without aliases): only the root, each node's children filled in
    when a position asks (`expand_node`); most files are asked a handful of positions.
    Otherwise walked iteratively, each node once: an alias refers to a node already
    placed, so a file of nested aliases (a "billion laughs") costs its size, not its
    expansion."""
    if lazy:
        return [mark(root_node), None, None, root_node]

    def new(node: Any, key: Any = None) -> list[Any]:
        return [mark(node), None, None if key is None else mark(key)]

    key_of = key_reader(yaml)
    root = new(root_node)
    pending = [(root_node, root)]
    for node, tree in each_node_once(pending):
        if isinstance(node, yaml.MappingNode):
            children: dict[str, list[Any]] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    child = children[tree_key(key_of(key))] = new(value, key)
                    pending.append((value, child))
            tree[1] = children
        elif isinstance(node, yaml.SequenceNode):
            items = [new(value) for value in node.value]
            pending.extend(zip(node.value, items, strict=True))
            tree[1] = items
    return root
