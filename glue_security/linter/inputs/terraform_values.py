"""The values of a Terraform module's expressions, decided where the module alone decides
them (`terraform_config` says which forms are): literals, templates, variables (their
defaults, or a caller's arguments), locals, `jsonencode`, policy documents, and resources'
`count`; `Unknown` elsewhere."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ...documents.hcl import Call, Expression, Reference, Template
from ...documents.hcl_json import template_of, walk_blocks
from ..subject import DEPLOY_TIME, Unknown
from .cfn_values import RESOURCE_REFS
from .mapping import KnownStart
from .terraform_policy import (
    POLICY_DOCUMENT_VERSION,
    PartlyKnown,
    Undecided,
    blocks,
    policy_text,
    statement_json,
    with_deploy_time,
)

__all__ = ["DOCUMENTED_FORMS", "ModuleFile", "ModuleValues", "decided_by_default"]

Parts = tuple[str | int, ...]

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

#: Values that decide nothing further: themselves, in either syntax (a `.tf.json` string
#: may be a template, so strings are not among them).
_LITERALS = frozenset({int, float, bool, type(None)})
_MAX_DEPTH = 32  # references followed through locals and variables

#: `count = var.enabled ? 1 : 0`, as modules turn a resource off: a (negated, compared)
#: variable or local, and two whole numbers.
_CONDITIONAL_COUNT = re.compile(
    r"\s*(?P<not>!)?\s*(?P<name>(?:var|local)\.[A-Za-z_][A-Za-z0-9_-]*)\s*"
    r"(?:(?P<operator>==|!=)\s*(?P<compared>true|false)\s*)?"
    r"\?\s*(?P<then>[0-9]+)\s*:\s*(?P<otherwise>[0-9]+)\s*"
)


@attrs.frozen
class ModuleFile:
    """One file of a module: its data in Terraform's JSON layout, whether it came from
    native syntax, and its top-level blocks' comments (`.tf` only)."""

    data: Mapping[str, Any]
    native: bool = True
    comments: Mapping[Parts, tuple[str, ...]] = attrs.field(factory=dict)


class ModuleValues:
    """Decides the values of one module's expressions, as far as the module alone decides
    them (see `terraform_config`)."""

    def __init__(
        self,
        files: Sequence[ModuleFile],
        tfvars: Mapping[str, Any],
        arguments: Mapping[str, Any] | None = None,
    ) -> None:
        self.files = files
        self.tfvars = tfvars
        #: A called module's variables, as its caller set them (None: a root module).
        self.arguments = arguments
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
        # Most items are literals, which are themselves: kept without a call.
        if isinstance(value, list):
            items = []
            for index, item in enumerate(value):
                if type(item) in _LITERALS or (native and type(item) is str):
                    items.append(item)
                else:
                    item_at = None if at is None else (*at, index)
                    items.append(self.value(item, native, depth + 1, item_at))
            return items
        if isinstance(value, dict):
            members = {}
            for key, item in value.items():
                if type(item) in _LITERALS or (native and type(item) is str):
                    members[key] = item
                else:
                    item_at = None if at is None else (*at, key)
                    members[key] = self.value(item, native, depth + 1, item_at)
            return members
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
            if self.arguments is not None and name in self.arguments:
                given = self.arguments[name]
                return given if given is None else self.traverse(given, names[2:], ref)
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


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def decided_by_default(variables: str) -> str:
    """What findings say of a value a variable's default decided."""
    return (
        f"as decided by the default of variable {variables}; a .tfvars file or -var may "
        "set another value"
    )
