"""What `lint` reads, mapped to the API's wire payloads.

Four kinds of document are recognised by their top-level keys:

- envelope files, as `validate` reads them (`{"Operation": ..., "Request": {...}}`);
- AWS CLI or boto3 output of a Get operation (`aws glue get-security-configurations`);
- CloudFormation templates: `AWS::Glue::SecurityConfiguration` and
  `AWS::Glue::DataCatalogEncryptionSettings`;
- Terraform plans (`terraform show -json`): `aws_glue_security_configuration`,
  `aws_glue_data_catalog_encryption_settings` and `aws_glue_resource_policy`.

Each Glue resource or payload becomes a `Subject`: the API model it maps to, its wire
payload, where each wire path sits in the document, and the rules suppressed for it.
The mapping walks the models' member metadata (`members`), so member names are not
restated here; only the names a format spells differently are. A value that is not known
until deploy (an intrinsic function, a Terraform unknown) becomes an `Unknown`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ..documents.envelope import EnvelopeError, documents, without_schema_key
from ..documents.sources import YAML_INSTALL_HINT, SourceError, default_yaml_loader
from ..models.base import Model
from ..models.operations import OPERATIONS, operation
from ..models.registry import shape
from ..spec.kinds import BooleanShape, ListShape, Member, StructureShape, members
from ..spec.plan import model_plan
from .rules import SCHEMA_RULES, InputKind

__all__ = [
    "InputError",
    "Subject",
    "Unknown",
    "cloudformation_yaml_loader",
    "subjects",
]

Parts = tuple[str | int, ...]


@attrs.frozen
class Unknown:
    """A value known only at deploy time; `why` says what it is (`Fn::GetAtt`)."""

    why: str


#: The `why` of a member an input does not record (a CloudTrail event): absent or not.
NOT_RECORDED = "not recorded in the input"


class InputError(Exception):
    """A document that lint cannot read as any kind it knows, with where (`parts`)."""

    def __init__(self, message: str, parts: Parts = ()) -> None:
        super().__init__(message)
        self.message = message
        self.parts = parts


@attrs.frozen
class InputFinding:
    """A problem found while mapping a document: (rule id, message, wire path parts)."""

    rule: str
    message: str
    wire: Parts
    at: Parts


@attrs.frozen
class Subject:
    """One payload to lint: `model`'s wire `payload`, from an input of kind `input`."""

    model: type[Model]
    payload: Any
    input: InputKind
    resource: str | None = None
    #: Where wire paths sit in the document: the longest known prefix wins.
    locations: Mapping[Parts, Parts] = attrs.field(factory=dict)
    base: Parts = ()
    ignore: frozenset[str] = frozenset()
    problems: tuple[InputFinding, ...] = ()

    def locate(self, wire: Parts) -> Parts:
        """The document path of the value at wire path `wire` (or of its nearest mapped
        ancestor)."""
        if not self.locations:
            return (*self.base, *wire)
        for end in range(len(wire), -1, -1):
            found = self.locations.get(wire[:end])
            if found is not None:
                return found if end == len(wire) else (*found, *wire[end:])
        return self.base


# -- recognising a document ------------------------------------------------------------------

_IGNORED_TOP_LEVEL = frozenset({"ResponseMetadata", "$schema"})


def _cli_outputs() -> dict[str, type[Model]]:
    """Each member that only one Get operation's response has, with that response:
    how raw `aws glue get-...` output is recognised."""
    seen: dict[str, list[type[Model]]] = {}
    for name, op in OPERATIONS.items():
        if name.startswith("Get"):
            for spec in members(op.output).values():
                seen.setdefault(spec.wire_name, []).append(op.output)
    return {wire: models[0] for wire, models in seen.items() if len(models) == 1}


_CLI_OUTPUTS = _cli_outputs()


def subjects(
    data: Any,
    *,
    operation_name: str | None = None,
    response: bool = False,
    shape_name: str | None = None,
) -> Iterator[Subject | InputError]:
    """The payloads `data` holds. Raises `InputError` for a document of no known kind,
    `ValueError` for an unknown operation or shape name."""
    if shape_name is not None:
        yield Subject(shape(shape_name), without_schema_key(data), "api")
        return
    if operation_name is not None:
        op = operation(operation_name)
        yield Subject(op.output if response else op.input, without_schema_key(data), "api")
        return
    from .formats import is_state, more_subjects  # Terraform configurations, CloudTrail

    if (more := more_subjects(data)) is not None:
        yield from more
        return
    if isinstance(data, dict):
        if "AWSTemplateFormatVersion" in data or isinstance(data.get("Resources"), dict):
            yield from _cloudformation(data)
            return
        if "resource_changes" in data or "planned_values" in data or is_state(data):
            yield from _terraform(data)
            return
        keys = set(data) - _IGNORED_TOP_LEVEL
        found = {_CLI_OUTPUTS[key] for key in keys if key in _CLI_OUTPUTS}
        if len(found) == 1 and "Operation" not in keys and "Shape" not in keys:
            model = found.pop()
            yield Subject(model, without_schema_key(data), "api")
            return
    try:
        for document in documents(data):
            if isinstance(document, EnvelopeError):
                yield InputError(document.message, document.parts)
            else:
                payload = without_schema_key(document.payload)
                yield Subject(document.model, payload, "api", base=document.parts)
    except EnvelopeError:
        raise InputError(
            "cannot tell what this file holds: lint reads envelopes, AWS CLI output of a "
            "Get operation, CloudFormation templates, Terraform configurations, plans and "
            "state; pass --operation or --shape for a bare payload"
        ) from None


# -- mapping a format's names onto the models --------------------------------------------------


@attrs.frozen
class _Format:
    input: InputKind
    #: The name the format gives a member, by (model name, attribute name); None where
    #: the format cannot express it. Members not listed keep a default name.
    names: Mapping[tuple[str, str], str | None]
    default_name: Callable[[str, str], str]
    #: Terraform writes a nested structure as a block: a list of at most one object.
    blocks: bool
    #: CloudFormation reports a property it does not know; Terraform's schema is fixed.
    report_unknown: bool
    _by_name: dict[type[Model], dict[str, Member]] = attrs.field(factory=dict, init=False)

    def members_by_name(self, model: type[Model]) -> dict[str, Member]:
        """The model's members by the names this format gives them."""
        found = self._by_name.get(model)
        if found is None:
            found = self._by_name[model] = {}
            for attribute, spec in model_plan(model).members.items():
                name = self.names.get(
                    (model.__name__, attribute), self.default_name(model.__name__, attribute)
                )
                if name is not None:
                    found[name] = spec
        return found


_CLOUDFORMATION = _Format(
    input="cloudformation",
    names={
        ("EncryptionConfiguration", "s3_encryption"): "S3Encryptions",
        ("EncryptionConfiguration", "data_quality_encryption"): None,
        ("ConnectionPasswordEncryption", "aws_kms_key_id"): "KmsKeyId",
    },
    default_name=lambda model, attribute: _wire_name(model, attribute),
    blocks=False,
    report_unknown=True,
)

_TERRAFORM = _Format(
    input="terraform",
    names={
        ("EncryptionConfiguration", "cloud_watch_encryption"): "cloudwatch_encryption",
        ("CloudWatchEncryption", "cloud_watch_encryption_mode"): "cloudwatch_encryption_mode",
        ("EncryptionConfiguration", "data_quality_encryption"): None,
        ("PutResourcePolicyRequest", "policy_in_json"): "policy",
    },
    default_name=lambda model, attribute: attribute,
    blocks=True,
    report_unknown=False,
)


def _wire_name(model_name: str, attribute: str) -> str:
    from ..models.registry import MODELS

    return model_plan(MODELS[model_name]).members[attribute].wire_name


class _Mapper:
    def __init__(self, format: _Format) -> None:
        self.format = format
        self.locations: dict[Parts, Parts] = {}
        self.problems: list[InputFinding] = []

    def structure(self, model: type[Model], value: Any, wire: Parts, at: Parts) -> Any:
        # A Terraform block is located at its name, not at the object inside its list.
        self.locations.setdefault(wire, at)
        value = _known(value)
        if isinstance(value, Unknown) or not isinstance(value, dict):
            return value
        by_name = self.format.members_by_name(model)
        payload: dict[str, Any] = {}
        for name, item in value.items():
            found = by_name.get(name)
            if found is None:
                if self.format.report_unknown:
                    self.problems.append(
                        InputFinding(
                            SCHEMA_RULES["unknown"],
                            f"{model.__name__} has no property {name!r} in this format; "
                            f"it has {', '.join(map(repr, by_name)) or 'none'}",
                            wire,
                            (*at, name),
                        )
                    )
                continue
            mapped = self.member(found.shape, item, (*wire, found.wire_name), (*at, name))
            if mapped is not _ABSENT:
                payload[found.wire_name] = mapped
        return payload

    def member(self, member_shape: Any, value: Any, wire: Parts, at: Parts) -> Any:
        value = _known(value)
        if value is _ABSENT or (self.format.blocks and value is None):
            return _ABSENT
        self.locations[wire] = at
        if isinstance(value, Unknown):
            return value
        if isinstance(member_shape, StructureShape):
            if self.format.blocks and isinstance(value, list):
                if not value:
                    return _ABSENT
                return self.structure(member_shape.model, value[0], wire, (*at, 0))
            return self.structure(member_shape.model, value, wire, at)
        if isinstance(member_shape, ListShape) and isinstance(value, list):
            items = (
                self.member(member_shape.item, item, (*wire, index), (*at, index))
                for index, item in enumerate(value)
            )
            return [item for item in items if item is not _ABSENT]
        if isinstance(member_shape, BooleanShape) and value in ("true", "false"):
            return value == "true"  # CloudFormation reads "true" as true
        return value


_ABSENT: Any = object()


def _known(value: Any) -> Any:
    """`value`, or an `Unknown` for a CloudFormation intrinsic function; `_ABSENT` for
    `!Ref AWS::NoValue`, which removes the property."""
    if isinstance(value, dict) and len(value) == 1:
        (key,) = value
        if key == "Ref":
            return _ABSENT if value[key] == "AWS::NoValue" else Unknown("Ref")
        if isinstance(key, str) and key.startswith("Fn::"):
            return Unknown(key)
    return value


# -- CloudFormation ------------------------------------------------------------------------------


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


def _cloudformation_types() -> dict[str, type[Model]]:
    return {
        "AWS::Glue::SecurityConfiguration": operation("CreateSecurityConfiguration").input,
        "AWS::Glue::DataCatalogEncryptionSettings": operation(
            "PutDataCatalogEncryptionSettings"
        ).input,
    }


_SUPPRESSION_KEY = "glue-security"


def suppressed_rules(resource: Mapping[str, Any]) -> frozenset[str]:
    metadata = resource.get("Metadata")
    if not isinstance(metadata, dict):
        return frozenset()
    settings = metadata.get(_SUPPRESSION_KEY)
    ignore = settings.get("ignore") if isinstance(settings, dict) else None
    if isinstance(ignore, str):
        return frozenset({ignore})
    if isinstance(ignore, list):
        return frozenset(str(item) for item in ignore)
    return frozenset()


def _cloudformation(template: Mapping[str, Any]) -> Iterator[Subject]:
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        return
    types = _cloudformation_types()
    for logical_id, resource in resources.items():
        if not isinstance(resource, dict):
            continue
        model = types.get(str(resource.get("Type")))
        if model is None:
            continue
        mapper = _Mapper(_CLOUDFORMATION)
        at: Parts = ("Resources", logical_id)
        if "Properties" in resource:
            at = (*at, "Properties")
        payload = mapper.structure(model, resource.get("Properties", {}), (), at)
        yield Subject(
            model,
            payload,
            "cloudformation",
            resource=str(logical_id),
            locations=mapper.locations,
            ignore=suppressed_rules(resource),
            problems=tuple(mapper.problems),
        )


# -- Terraform -----------------------------------------------------------------------------------


def _terraform_types() -> dict[str, type[Model]]:
    return {
        "aws_glue_security_configuration": operation("CreateSecurityConfiguration").input,
        "aws_glue_data_catalog_encryption_settings": operation(
            "PutDataCatalogEncryptionSettings"
        ).input,
        "aws_glue_resource_policy": operation("PutResourcePolicy").input,
    }


# Deeper than any resource's schema: below it, plan values are passed on as they are (the
# schema check reports them), so a deeply nested plan costs no recursion.
_MAX_DEPTH = 16


def _with_unknowns(after: Any, unknown: Any, depth: int = 0) -> Any:
    """A planned value with Terraform's `after_unknown` markers folded in as `Unknown`."""
    if unknown is True:
        return Unknown("known after apply")
    if depth > _MAX_DEPTH:
        return after
    if isinstance(unknown, dict):
        merged = dict(after) if isinstance(after, dict) else {}
        for key, marker in unknown.items():
            if marker is True or isinstance(marker, (dict, list)):
                merged[key] = _with_unknowns(merged.get(key), marker, depth + 1)
        return merged
    if isinstance(unknown, list) and isinstance(after, list):
        return [
            _with_unknowns(item, unknown[index] if index < len(unknown) else False, depth + 1)
            for index, item in enumerate(after)
        ]
    return after


def _terraform(plan: Mapping[str, Any]) -> Iterator[Subject]:
    types = _terraform_types()
    seen: set[str] = set()
    changes = plan.get("resource_changes")
    for index, change in enumerate(changes if isinstance(changes, list) else []):
        if not isinstance(change, dict) or change.get("mode", "managed") != "managed":
            continue
        model = types.get(str(change.get("type")))
        detail = change.get("change")
        if model is None or not isinstance(detail, dict):
            continue
        address = str(change.get("address"))
        seen.add(address)
        after = detail.get("after")
        if after is None:  # deleted
            continue
        values = _with_unknowns(after, detail.get("after_unknown"))
        yield _terraform_subject(
            model, values, address, ("resource_changes", index, "change", "after")
        )
    # A plan's planned values, or a state's values (`terraform show -json` with no plan).
    key = "planned_values" if "planned_values" in plan else "values"
    planned = plan.get(key)
    root = planned.get("root_module") if isinstance(planned, dict) else None
    for resource, at in _planned_resources(root, (key, "root_module")):
        model = types.get(str(resource.get("type")))
        address = str(resource.get("address"))
        if model is None or address in seen or resource.get("mode", "managed") != "managed":
            continue
        yield _terraform_subject(model, resource.get("values"), address, (*at, "values"))


def _planned_resources(module: Any, at: Parts) -> Iterator[tuple[dict[str, Any], Parts]]:
    if not isinstance(module, dict):
        return
    for index, resource in enumerate(module.get("resources") or []):
        if isinstance(resource, dict):
            yield resource, (*at, "resources", index)
    for index, child in enumerate(module.get("child_modules") or []):
        yield from _planned_resources(child, (*at, "child_modules", index))


def _terraform_subject(model: type[Model], values: Any, address: str, at: Parts) -> Subject:
    mapper = _Mapper(_TERRAFORM)
    payload = mapper.structure(model, values if values is not None else {}, (), at)
    # Terraform writes unset optional strings as null: absent, as the provider sends them.
    return Subject(
        model, _without_nulls(payload), "terraform", resource=address, locations=mapper.locations
    )


def _without_nulls(value: Any, depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, dict):
        return {
            key: _without_nulls(item, depth + 1) for key, item in value.items() if item is not None
        }
    if isinstance(value, list):
        return [_without_nulls(item, depth + 1) for item in value]
    return value
