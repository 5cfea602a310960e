"""Terraform configurations (`.tf`, `.tf.json`): every file of a directory as one module.

The files' data come in Terraform's JSON layout (`documents.hcl` reads `.tf` into it).
Each Glue resource becomes a `Subject`, its values decided where the module alone decides
them and `Unknown` elsewhere:

- a literal is itself; a `.tf.json` string with `${...}` is a template, as Terraform reads it;
- `var.NAME` is the variable's `default` where no `.tfvars` file of the module sets it (the
  finding then says that the default decided it); otherwise unknown;
- `local.NAME` is the local's value, decided the same way;
- `jsonencode(...)` of a decided value is its JSON text; a template of decided parts is
  their text; `data.aws_iam_policy_document.NAME.json` is the policy that data source
  writes, where each of its statements is decided;
- any other reference (another resource's attribute, a data source) is unknown.

The provider's own defaults count, as the provider fills them in before calling the API;
each is named with its source below. Suppression: a comment `# glue-security:ignore GS203`
(ids or prefixes, comma- or space-separated) anywhere in the resource's block; in `.tf.json`,
the block's comment property, `"//": "glue-security:ignore GS203"`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from ...documents.envelope import TERRAFORM_BLOCKS
from ...documents.hcl import Call, Expression, Reference, Template
from ...documents.hcl_json import template_of, walk_blocks
from ...models.base import Model
from ..subject import ACCOUNT, DEPLOY_TIME, Link, Subject, Target, Unknown, job_facts
from .cfn_values import RESOURCE_REFS
from .mapping import KnownStart, Mapper
from .terraform import FORMAT, LINK_ATTRIBUTES, resource_types, without_nulls
from .terraform_policy import (
    POLICY_DOCUMENT_VERSION,
    PartlyKnown,
    Undecided,
    blocks,
    policy_text,
    statement_json,
    with_deploy_time,
)

__all__ = [
    "ModuleFile",
    "configuration_subjects",
    "decided_by_default",
    "is_configuration",
    "module_links",
    "module_subjects",
    "recognises",
]

Parts = tuple[str | int, ...]

#: A document with one of Terraform's top-level block types (and no plan keys) is a
#: configuration.
CONFIGURATION_KEYS = TERRAFORM_BLOCKS

#: Defaults the AWS provider fills in for an omitted attribute, by resource type and the
#: path of the block that holds it. Source: the provider's documentation of
#: aws_glue_security_configuration (website/docs/r/glue_security_configuration.html.markdown,
#: "Default value: `DISABLED`" for each of the three modes).
PROVIDER_DEFAULTS: Mapping[str, tuple[tuple[tuple[str, ...], str, Any], ...]] = {
    "aws_glue_security_configuration": tuple(
        (("encryption_configuration", block), f"{block}_mode", "DISABLED")
        for block in ("cloudwatch_encryption", "job_bookmarks_encryption", "s3_encryption")
    ),
}

#: Attributes whose value has a documented form that is not an ARN, by (resource type,
#: attribute): the CloudFormation type whose `Ref` gives the same value (its forms are
#: `cfn_values.RESOURCE_REFS`), and the attribute that gives the ARN. Source: the provider's
#: documentation of aws_kms_key and aws_kms_replica_key (`id` and `key_id`: the key ID) and
#: of aws_kms_alias (`id`: the alias's name).
DOCUMENTED_FORMS: Mapping[tuple[str, str], tuple[str, str | None]] = {
    ("aws_kms_key", "id"): ("AWS::KMS::Key", "arn"),
    ("aws_kms_key", "key_id"): ("AWS::KMS::Key", "arn"),
    ("aws_kms_replica_key", "id"): ("AWS::KMS::ReplicaKey", "arn"),
    ("aws_kms_replica_key", "key_id"): ("AWS::KMS::ReplicaKey", "arn"),
    ("aws_kms_alias", "id"): ("AWS::KMS::Alias", None),
    ("aws_kms_alias", "name"): ("AWS::KMS::Alias", None),
}


#: `.tf.json` files: Terraform's JSON syntax writes a nested block as an array of objects or,
#: for one block, as the object alone (CDK for Terraform writes that form). Native syntax
#: has no such form (`name = {...}` there is an argument, which Terraform rejects).
JSON_FORMAT = attrs.evolve(FORMAT, single_blocks=True)

_IGNORE_COMMENT = re.compile(r"glue-security:ignore\s+([A-Za-z0-9_, ]+)")
_MAX_DEPTH = 32  # references followed through locals and variables


@attrs.frozen
class ModuleFile:
    """One file of a module: its data in Terraform's JSON layout, whether it came from
    native syntax, and its top-level blocks' comments (`.tf` only)."""

    data: Mapping[str, Any]
    native: bool = True
    comments: Mapping[Parts, tuple[str, ...]] = attrs.field(factory=dict)


def recognises(data: Any) -> bool:
    """Whether `data` is a Terraform configuration file's (not a plan's or state's)."""
    return (
        isinstance(data, dict)
        and bool(CONFIGURATION_KEYS & set(data))
        and "format_version" not in data
        and "Resources" not in data
    )


is_configuration = recognises


def configuration_subjects(data: Mapping[str, Any]) -> Iterator[Subject]:
    """The subjects of one file in Terraform's JSON syntax, read as a module of its own."""
    return (subject for _, subject, _ in module_subjects([ModuleFile(data, native=False)]))


class _Module:
    def __init__(self, files: Sequence[ModuleFile], tfvars: Mapping[str, Any]) -> None:
        self.files = files
        self.tfvars = tfvars
        self.variables: dict[str, Any] = {}
        self.locals: dict[str, tuple[Any, bool]] = {}
        self.data: dict[tuple[str, str], tuple[Any, bool]] = {}
        for file in files:
            variables = file.data.get("variable")
            if isinstance(variables, dict):
                self.variables.update(
                    {str(k): (v, file.native) for k, v in variables.items() if isinstance(v, dict)}
                )
            values = file.data.get("locals")
            for group in values if isinstance(values, list) else [values]:
                if isinstance(group, dict):
                    self.locals.update({str(k): (v, file.native) for k, v in group.items()})
            for kind, name, body in walk_blocks(file.data, "data"):
                self.data[(kind, name)] = (body, file.native)
        #: Where a variable's default decided a value of the resource being mapped: the
        #: attribute's path, and the variable's name.
        self.defaults_used: dict[Parts, str] = {}
        self.at: Parts = ()

    def value(self, value: Any, native: bool, depth: int = 0, at: Parts | None = None) -> Any:
        """`value` with every expression decided, or an `Unknown` where one is not. `at`
        is the attribute's path, for a resource's own values."""
        if depth > _MAX_DEPTH:
            return Unknown("nested too deeply to decide")
        if at is not None:
            self.at = at
        if isinstance(value, str):
            if native:
                return value
            read = template_of(value)
            return read if isinstance(read, str) else self.value(read, True, depth + 1)
        if isinstance(value, list):
            return [
                self.value(item, native, depth + 1, None if at is None else (*at, index))
                for index, item in enumerate(value)
            ]
        if isinstance(value, dict):
            return {
                key: self.value(item, native, depth + 1, None if at is None else (*at, key))
                for key, item in value.items()
            }
        if isinstance(value, Reference):
            return self.reference(value, depth)
        if isinstance(value, Template):
            parts = [self.value(part, True, depth + 1) for part in value.parts]
            known = [isinstance(part, (str, int, float)) and part is not True for part in parts]
            if all(known):
                return "".join(str(part) for part in parts)
            text = "".join(str(p) if k else DEPLOY_TIME for p, k in zip(parts, known, strict=True))
            return PartlyKnown(_short(value.text), text)
        if isinstance(value, Call):
            return self.call(value, depth)
        if isinstance(value, Expression):
            return Unknown(_short(value.text))
        return value

    def reference(self, ref: Reference, depth: int) -> Any:
        names = ref.names
        if len(names) >= 2 and names[0] == "var":
            name = str(names[1])
            declared = self.variables.get(name)
            if name in self.tfvars or declared is None or "default" not in declared[0]:
                return Unknown(ref.text)
            value = self.value(declared[0]["default"], declared[1], depth + 1)
            self.defaults_used.setdefault(self.at, name)
            if value is None:  # `default = null`: the attribute is left out
                return value
            return self.traverse(value, names[2:], ref)
        if len(names) >= 2 and names[0] == "local" and str(names[1]) in self.locals:
            local, native = self.locals[str(names[1])]
            return self.traverse(self.value(local, native, depth + 1), names[2:], ref)
        if (
            len(names) == 4
            and names[0] == "data"
            and names[1] == "aws_iam_policy_document"
            and names[3] == "json"
            and ("aws_iam_policy_document", str(names[2])) in self.data
        ):
            body, native = self.data[("aws_iam_policy_document", str(names[2]))]
            return self.policy_document(body, native, ref, depth)
        form = DOCUMENTED_FORMS.get((str(names[0]), str(names[-1]))) if len(names) == 3 else None
        if form is not None:
            what, starts = RESOURCE_REFS[form[0]]
            hint = f"; {names[0]}.{names[1]}.{form[1]} gives its ARN" if form[1] else ""
            return KnownStart(ref.text, f"the {names[0]}'s {what}", starts, hint)
        return Unknown(ref.text)

    def creates_none(self, body: Mapping[str, Any], native: bool) -> bool:
        """Whether the resource's `count` is decided 0 (a literal, or a conditional on a
        variable or local the module decides, `var.enabled ? 1 : 0`): Terraform creates
        none, so there is nothing to check. Anything undecided is checked as one."""
        raw = body.get("count")
        if not native and isinstance(raw, str):
            raw = template_of(raw)
        if isinstance(raw, Expression):
            found = _CONDITIONAL_COUNT.fullmatch(raw.text)
            if found is None:
                return False
            condition = self.reference(Reference(tuple(found["name"].split("."))), 0)
            if type(condition) is not bool:
                return False
            if found["compared"] is not None:
                equal = condition == (found["compared"] == "true")
                condition = equal if found["operator"] == "==" else not equal
            if found["not"]:
                condition = not condition
            return int(found["then"] if condition else found["otherwise"]) == 0
        count = self.value(raw, native) if raw is not None else None
        return type(count) is int and count == 0

    def traverse(self, value: Any, names: Sequence[str | int], ref: Reference) -> Any:
        for name in names:
            in_list = isinstance(value, list) and isinstance(name, int) and 0 <= name < len(value)
            if not in_list and not (isinstance(value, dict) and name in value):
                return Unknown(ref.text)
            value = value[name]
        return value

    def in_policy(self) -> bool:
        """Whether the value being decided is a resource policy's text (`policy`), where a
        part known only later is read as `DEPLOY_TIME` (`terraform_policy`)."""
        return self.at[1:2] == ("aws_glue_resource_policy",) and self.at[3:] == ("policy",)

    def call(self, call: Call, depth: int) -> Any:
        arguments = [self.value(argument, True, depth + 1) for argument in call.arguments]
        if call.name == "jsonencode" and len(arguments) == 1:
            if _decided(arguments[0]):
                return json.dumps(arguments[0], separators=(",", ":"))
            if self.in_policy():
                try:
                    return policy_text(with_deploy_time(arguments[0]))
                except Undecided:
                    pass
        return Unknown(_short(call.text))

    def policy_document(self, body: Any, native: bool, ref: Reference, depth: int) -> Any:
        decided = self.value(body, native, depth + 1)
        if isinstance(decided, dict) and not _decided(decided) and self.in_policy():
            try:
                decided = with_deploy_time(decided)
            except Undecided:
                return Unknown(ref.text)
        if not isinstance(decided, dict) or not _decided(decided):
            return Unknown(ref.text)
        # "//": a comment in Terraform's JSON syntax (CDK for Terraform writes its metadata there)
        if set(decided) - {"version", "statement", "policy_id", "//"}:
            return Unknown(ref.text)  # source or override documents: merged at plan time
        policy: dict[str, Any] = {"Version": decided.get("version", POLICY_DOCUMENT_VERSION)}
        if "policy_id" in decided:
            policy["Id"] = decided["policy_id"]
        policy["Statement"] = [statement_json(s) for s in blocks(decided.get("statement"))]
        return policy_text(policy)


def _decided(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Unknown):
            return False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def _first_block(blocks: Any) -> Any:
    """A nested block that appears at most once (`command`): a list of one body in `.tf`
    read as Terraform's JSON layout, or the body itself in `.tf.json`."""
    return blocks[0] if isinstance(blocks, list) and blocks else blocks


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _with_defaults(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    for path, attribute, default in PROVIDER_DEFAULTS.get(kind, ()):
        blocks: list[Any] = [body]
        for name in path:
            found: list[Any] = []
            for block in blocks:
                inner = block.get(name) if isinstance(block, dict) else None
                found.extend(inner if isinstance(inner, list) else [inner])
            blocks = found
        for block in blocks:
            if isinstance(block, dict) and block.get(attribute) is None:
                block[attribute] = default
    return body


def _comments(file: ModuleFile, at: Parts, body: Mapping[str, Any]) -> tuple[str, ...]:
    """A resource block's comments: in `.tf`, those in the block; in `.tf.json`, its comment
    property `"//"`, a string or an object whose `key: value` strings count (CDK for
    Terraform's `addOverride("//.glue-security", "ignore GS212")` gives
    `glue-security:ignore GS212`, as a `.tf` comment says it)."""
    if file.native:
        return tuple(file.comments.get(at, ()))
    comment = body.get("//")
    if isinstance(comment, str):
        return (comment,)
    if isinstance(comment, dict):
        return tuple(f"{key}:{text}" for key, text in comment.items() if isinstance(text, str))
    return ()


def _ignored(comments: Sequence[str]) -> frozenset[str]:
    found: set[str] = set()
    for comment in comments:
        for match in _IGNORE_COMMENT.finditer(comment):
            found.update(part for part in re.split(r"[,\s]+", match.group(1)) if part)
    return frozenset(found)


_CALLER_ACCOUNT = "data.aws_caller_identity.current.account_id"

#: `count = var.enabled ? 1 : 0`, as modules turn a resource off: a (negated, compared)
#: variable or local, and two whole numbers.
_CONDITIONAL_COUNT = re.compile(
    r"\s*(?P<not>!)?\s*(?P<name>(?:var|local)\.[A-Za-z_][A-Za-z0-9_-]*)\s*"
    r"(?:(?P<operator>==|!=)\s*(?P<compared>true|false)\s*)?"
    r"\?\s*(?P<then>[0-9]+)\s*:\s*(?P<otherwise>[0-9]+)\s*"
)


def decided_by_default(variables: str) -> str:
    """What findings say of a value a variable's default decided."""
    return (
        f"as decided by the default of variable {variables}; a .tfvars file or -var may "
        "set another value"
    )


def module_links(files: Sequence[ModuleFile], tfvars: Mapping[str, Any] = {}) -> list[Link]:
    """The module's resources as the cross-resource rules see them."""
    module = _Module(files, tfvars)
    links = []
    for index, file in enumerate(files):
        for kind, name, body in walk_blocks(file.data, "resource"):
            found = LINK_ATTRIBUTES.get(kind)
            if found is None or not isinstance(body, dict):
                continue
            link_kind, key = found
            if module.creates_none(body, file.native):
                continue
            at: Parts = ("resource", kind, name)
            raw = body.get(key)
            if not file.native and isinstance(raw, str):
                raw = template_of(raw)
            value: Any
            if raw is None:
                value = ACCOUNT if link_kind == "catalog-settings" else None
            elif (
                isinstance(raw, Reference)
                and len(raw.names) == 3
                and raw.names[0] == "aws_glue_security_configuration"
                and raw.names[2] in ("name", "id")
            ):
                value = Target(f"aws_glue_security_configuration.{raw.names[1]}")
            elif isinstance(raw, Reference) and raw.text == _CALLER_ACCOUNT:
                value = ACCOUNT
            else:
                module.defaults_used = {}
                value = module.value(raw, file.native)
                if value is not None and not isinstance(value, (str, Unknown)):
                    value = Unknown("not a string")
            note = None
            if module.defaults_used:
                variables = ", ".join(sorted(set(module.defaults_used.values())))
                note = decided_by_default(variables)
                module.defaults_used = {}
            path = "$"
            if key in body:
                at, path = (*at, key), f"$.{key}"
            ignore = _ignored(_comments(file, ("resource", kind, name), body))
            job = None
            if link_kind == "job":
                command = module.value(_first_block(body.get("command")), file.native)
                arguments = module.value(body.get("default_arguments"), file.native)
                job = job_facts(
                    command.get("name") if isinstance(command, dict) else None, arguments
                )
            link = Link(link_kind, f"{kind}.{name}", value, at, index, ignore, path, note, job)
            links.append(link)
    return links


def module_subjects(
    files: Sequence[ModuleFile], tfvars: Mapping[str, Any] = {}
) -> Iterator[tuple[int, Subject, Mapping[Parts, str]]]:
    """(file index, subject, where a variable's default decided a value: the attribute's
    path and the variable) for each Glue resource of the module."""
    module = _Module(files, tfvars)
    types: dict[str, type[Model]] = resource_types()
    for index, file in enumerate(files):
        for kind, name, body in walk_blocks(file.data, "resource"):
            model = types.get(kind)
            if model is None or not isinstance(body, dict):
                continue
            if module.creates_none(body, file.native):
                continue
            at: Parts = ("resource", kind, name)
            module.defaults_used = {}
            decided = module.value(body, file.native, 0, at)
            if not isinstance(decided, dict):
                continue
            mapper = Mapper(FORMAT if file.native else JSON_FORMAT)
            payload = mapper.structure(model, _with_defaults(kind, decided), (), at)
            subject = Subject(
                model,
                without_nulls(payload),
                "terraform",
                resource=f"{kind}.{name}",
                locations=mapper.locations,
                ignore=_ignored(_comments(file, at, body)),
                problems=tuple(mapper.problems),
            )
            yield index, subject, dict(module.defaults_used)
