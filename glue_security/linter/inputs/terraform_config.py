"""Terraform configurations (`.tf`, `.tf.json`): every file of a directory as one module.

The files' data come in Terraform's JSON layout (`documents.hcl` reads `.tf` into it).
Each Glue resource becomes a `Subject`, its values decided where the module alone decides
them and `Unknown` elsewhere:

- a literal is itself; a `.tf.json` string with `${...}` is a template, as Terraform reads it;
- `var.NAME` is the variable's `default` where no `.tfvars` file of the module sets it (the
  finding then says that the default decided it), or in a called module the caller's
  argument; otherwise unknown;
- `local.NAME` is the local's value, decided the same way;
- `jsonencode(...)` of a decided value is its JSON text; a template of decided parts is
  their text; `data.aws_iam_policy_document.NAME.json` is the policy that data source
  writes, where each of its statements is decided;
- any other reference (another resource's attribute, a data source) is unknown;
- a resource whose `count` is decided 0 is not created, and has nothing to check;
- a local module's call (`source = "../modules/job"`) sets that module's variables: its
  resources are checked as the call sets them (`module_calls`, which the command follows).

How values are decided is `terraform_values`.

The provider's own defaults count, as the provider fills them in before calling the API;
each is named with its source below. Suppression: a comment `# glue-security:ignore GS203`
(ids or prefixes, comma- or space-separated) anywhere in the resource's block; in `.tf.json`,
the block's comment property, `"//": "glue-security:ignore GS203"`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from ...documents.envelope import TERRAFORM_BLOCKS
from ...documents.hcl import Reference
from ...documents.hcl_json import template_of, walk_blocks
from ...models.base import Model
from ..subject import ACCOUNT, Link, Subject, Target, Unknown, job_facts
from .mapping import Mapper
from .terraform import FORMAT, LINK_ATTRIBUTES, resource_types, without_nulls
from .terraform_values import ModuleFile, ModuleValues, decided_by_default

__all__ = [
    "ModuleCall",
    "ModuleFile",
    "configuration_subjects",
    "decided_by_default",
    "is_configuration",
    "module_calls",
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


#: `.tf.json` files: Terraform's JSON syntax writes a nested block as an array of objects or,
#: for one block, as the object alone (CDK for Terraform writes that form). Native syntax
#: has no such form (`name = {...}` there is an argument, which Terraform rejects).
JSON_FORMAT = attrs.evolve(FORMAT, single_blocks=True)

_IGNORE_COMMENT = re.compile(r"glue-security:ignore\s+([A-Za-z0-9_, ]+)")


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


@attrs.frozen
class ModuleCall:
    """A call of a local module (`source = "../modules/job"`): the file it is in (an index
    of the module's files), its name, its source, and its arguments, each decided in the
    caller (an `Unknown` where not)."""

    file: int
    name: str
    source: str
    arguments: Mapping[str, Any]

    @property
    def at(self) -> Parts:
        return ("module", self.name)


#: A module call's meta-arguments: not the called module's variables.
_MODULE_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})
_LOCAL_SOURCE = ("./", "../")


def _first_block(blocks: Any) -> Any:
    """A nested block that appears at most once (`command`): a list of one body in `.tf`
    read as Terraform's JSON layout, or the body itself in `.tf.json`."""
    return blocks[0] if isinstance(blocks, list) and blocks else blocks


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

def module_calls(
    files: Sequence[ModuleFile],
    tfvars: Mapping[str, Any] = {},
    arguments: Mapping[str, Any] | None = None,
) -> Iterator[ModuleCall]:
    """The module's calls of local modules (a `source` of `./` or `../`; a registry's or a
    repository's module is not on disk), but those whose `count` is decided 0."""
    module = ModuleValues(files, tfvars, arguments)
    for index, file in enumerate(files):
        calls = file.data.get("module")
        if not isinstance(calls, dict):
            continue
        for name, body in calls.items():
            if isinstance(body, list) and len(body) == 1:  # `.tf.json` may wrap it
                body = body[0]
            if name == "//" or not isinstance(body, dict):
                continue
            source = body.get("source")
            if not isinstance(source, str) or not source.startswith(_LOCAL_SOURCE):
                continue
            if module.creates_none(body, file.native):
                continue
            given = {
                str(key): module.value(value, file.native)
                for key, value in body.items()
                if key not in _MODULE_META and key != "//"
            }
            yield ModuleCall(index, str(name), source, given)


def module_links(
    files: Sequence[ModuleFile],
    tfvars: Mapping[str, Any] = {},
    arguments: Mapping[str, Any] | None = None,
) -> list[Link]:
    """The module's resources as the cross-resource rules see them (`arguments`: a called
    module's variables, as its caller sets them)."""
    module = ModuleValues(files, tfvars, arguments)
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
    files: Sequence[ModuleFile],
    tfvars: Mapping[str, Any] = {},
    arguments: Mapping[str, Any] | None = None,
) -> Iterator[tuple[int, Subject, Mapping[Parts, str]]]:
    """(file index, subject, where a variable's default decided a value: the attribute's
    path and the variable) for each Glue resource of the module (`arguments`: a called
    module's variables, as its caller sets them)."""
    module = ModuleValues(files, tfvars, arguments)
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
