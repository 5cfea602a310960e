"""What reading YAML needs of PyYAML's node graph: a mapping's plain keys, the key a key
node constructs to, how positions name a key that is not a string, and what a file holds
with its aliases expanded (each node measured once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..validation.paths import key_token

__all__ = ["MERGE_TAG", "expands_past", "key_reader", "plain_keys", "tree_key"]

MERGE_TAG = "tag:yaml.org,2002:merge"


def plain_keys(yaml: Any, node: Any) -> list[tuple[Any, Any]]:
    """(key node, value node) of each plain key of a mapping node (merge keys left out)."""
    return [
        (key, value)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and key.tag != MERGE_TAG
    ]


_STR_TAG = "tag:yaml.org,2002:str"


def key_reader(yaml: Any) -> Callable[[Any], Any]:
    """The key a scalar key node constructs to (`1` and `0x1` are both 1, `yes` and `on`
    both true), or its text where the safe loader cannot construct it (a custom tag)."""
    constructor = yaml.SafeLoader("")

    def key_of(node: Any) -> Any:
        if node.tag == _STR_TAG:
            return node.value
        try:
            key = constructor.construct_object(node)
            hash(key)
        except Exception:  # a tag the safe loader does not know: the key's text
            return node.value
        return key

    return key_of


def tree_key(key: Any) -> str:
    """How the position tree names a member: by its name, or by the text a path writes
    for a key that is not a string (`key_token`)."""
    return str(key) if isinstance(key, str) else key_token(key)


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
