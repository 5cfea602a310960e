"""CloudFormation's YAML: the safe loader plus the short-form intrinsic tags (`!Ref`,
`!GetAtt`, `!Sub`, ...) read as their long form, built once and kept."""

from __future__ import annotations

from typing import Any

from ...documents.sources import YAML_INSTALL_HINT, SourceError, default_yaml_loader

__all__ = ["cloudformation_yaml_loader"]


def _construct_intrinsic(loader: Any, suffix: str, node: Any) -> Any:
    """`!Ref Key` as `{"Ref": "Key"}`, `!GetAtt Key.Arn` as `{"Fn::GetAtt": ["Key",
    "Arn"]}`, and any other `!Name` as `{"Fn::Name": ...}`: the long form."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return _intrinsic(suffix, value)


def _intrinsic(suffix: str, value: Any) -> dict[str, Any]:
    if suffix in ("Ref", "Condition"):
        return {suffix: value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


_YAML_TAG = "tag:yaml.org,2002:"


class _Fallback(Exception):
    """A node the quick construction leaves to PyYAML's own constructor."""


def _quick(loader: Any, node: Any, memo: dict[int, Any]) -> Any:
    """Build the data of `node` as the safe constructor would, for the tags templates use
    (strings, numbers, booleans, nulls, lists, string-keyed maps, `!` tags); anything
    else (a merge key, a repeated key, a timestamp, ...) raises `_Fallback`. Each node is
    built once, so an alias shares its anchor's value, as with PyYAML."""
    if id(node) in memo:
        return memo[id(node)]
    tag: str = node.tag
    kind = tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else None
    value: Any
    if kind == "str":
        value = node.value
    elif kind in ("map", "seq") or tag.startswith("!"):
        if node.id == "scalar":  # a tagged scalar: `!Ref Key`
            value = node.value
        elif node.id == "mapping":
            value = memo[id(node)] = {}
            for key_node, item in node.value:
                if key_node.tag != _YAML_TAG + "str" or key_node.value in value:
                    raise _Fallback
                value[key_node.value] = _quick(loader, item, memo)
        else:
            value = memo[id(node)] = []
            value.extend(_quick(loader, item, memo) for item in node.value)
        if tag.startswith("!"):
            value = _intrinsic(tag[1:], value)
    elif kind == "int":
        value = loader.construct_yaml_int(node)
    elif kind == "bool":
        value = loader.construct_yaml_bool(node)
    elif kind == "null":
        value = None
    elif kind == "float":
        value = loader.construct_yaml_float(node)
    else:
        raise _Fallback
    memo[id(node)] = value
    return value


_LOADERS: list[Any] = []
_REMEMBERED_TAGS = 4096


def cloudformation_yaml_loader() -> Any:
    """The safe YAML loader (libyaml's where present), plus CloudFormation's short-form
    tags (`!Ref`, `!GetAtt`, `!Sub`, `!If`, ...). Only local `!` tags are added:
    `!!python/...` tags are still refused. Raises `SourceError` without PyYAML."""
    if not _LOADERS:
        try:
            import yaml
        except ImportError:
            raise SourceError("yaml-support", YAML_INSTALL_HINT) from None
        base = default_yaml_loader(yaml)

        def construct_document(self: Any, node: Any) -> Any:
            # PyYAML's constructor costs most of the time lint spends on a template: the
            # tags templates use are built from the node graph directly, the rest by PyYAML.
            try:
                return _quick(self, node, {})
            except _Fallback:
                return base.construct_document(self, node)

        # Which tag a plain scalar gets depends on its text alone (this loader has no path
        # resolvers), and templates repeat the same few texts: remember the answers.
        tags: dict[tuple[str, Any], str] = {}

        def resolve(self: Any, kind: Any, value: Any, implicit: Any) -> str:
            if kind is not yaml.ScalarNode:
                return base.resolve(self, kind, value, implicit)  # type: ignore[no-any-return]
            key = (value, implicit)
            tag = tags.get(key)
            if tag is None:
                if len(tags) > _REMEMBERED_TAGS:
                    tags.clear()
                tag = tags[key] = base.resolve(self, kind, value, implicit)
            return tag

        loader: Any = type(
            "CloudFormationLoader",
            (base,),
            {
                "construct_document": construct_document,
                "resolve": resolve,
                "descend_resolver": lambda self, parent, index: None,
                "ascend_resolver": lambda self: None,
            },
        )
        loader.add_multi_constructor("!", _construct_intrinsic)
        _LOADERS.append(loader)
    return _LOADERS[0]
