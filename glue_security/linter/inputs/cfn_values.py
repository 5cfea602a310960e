"""CloudFormation values decided where the template decides them.

An intrinsic function is a deploy-time value, but the template often says enough to tell
that a value can never be valid:

- a dynamic reference (`{{resolve:ssm:/path}}`) is a deploy-time value, never a fault,
  even where a `!Sub` builds its path (`{{resolve:ssm:/kms/${Env}/key}}`);
- `!If` is checked branch by branch: a branch that can never be valid is a finding on that
  branch, the others stay unknown;
- `!Sub` and `!Join` are checked where their literal parts alone decide: an enum value, or
  the start of a pattern (`arn:${AWS::Partition}:s3:::...` can never be a KMS key ARN);
  `${AWS::Partition}` and `${AWS::URLSuffix}` stand for each of their few values, a
  parameter with `AllowedValues` for each allowed value, anything else for any text (a
  message shows the first ones by a label, `<partition>`, never one value of theirs);
- `!Ref` to a parameter with a `Default` or `AllowedValues` is checked against each, as a
  warning that names the parameter (a deploy may pass another value);
- `!Ref` to a resource whose `Ref` has a documented form (a KMS key's is its key ID, never
  its ARN) is checked where that form alone decides a pattern.

Nothing that depends on a truly unknown value is reported as an error: a finding here
holds whatever the unknown parts turn out to be.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from ...spec.kinds import EnumShape, StringShape
from ...validation.checks import STRICT, check_value
from ...validation.error import ErrorDetail
from ..rules.service import GS113

__all__ = ["PARAMETER_VALUE", "Decided", "Problem", "decide", "is_dynamic_reference"]

#: The rule of a parameter's default or allowed value that the property would reject.
PARAMETER_VALUE = GS113.id

#: The values of pseudo parameters that have few: a template may use any of them.
PSEUDO_VALUES: Mapping[str, tuple[str, ...]] = {
    "AWS::Partition": (
        *("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f"),
        "aws-eusc",
    ),
    "AWS::URLSuffix": ("amazonaws.com", "amazonaws.com.cn", "c2s.ic.gov", "sc2s.sgov.gov"),
}
#: What `Ref` returns for the resource types whose value has a documented form (each
#: type's "Return values" in the CloudFormation User Guide): what it is, and how it can
#: start. A key ID is a UUID in lower-case hexadecimal (its first two characters are any
#: two digits), `mrk-` and hexadecimal digits for a multi-Region key (a replica always is
#: one); an alias's is its name, `alias/...`.
_HEX = "0123456789abcdef"
RESOURCE_REFS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "AWS::KMS::Key": ("key ID", (*(a + b for a in _HEX for b in _HEX), "mrk-")),
    "AWS::KMS::ReplicaKey": ("key ID", ("mrk-",)),
    "AWS::KMS::Alias": ("alias name", ("alias/",)),
}
#: The resource types above with an `Arn` attribute, what a reader who wrote `Ref` meant.
_HAS_ARN = frozenset({"AWS::KMS::Key", "AWS::KMS::ReplicaKey"})
#: A dynamic reference; its path may hold `${Var}` of the `!Sub` around it.
_DYNAMIC = re.compile(r"\{\{resolve:(?:\$\{[^}]*\}|[^}])*\}\}")
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")
_MAX_ALTERNATIVES = 64  # expansions of finite placeholders tried, at most
_SHOWN = 60

Parts = tuple[str | int, ...]
Template = tuple[Any, ...]  # literal strings, `Choices`, or None (any text)


@attrs.frozen
class Choices:
    """A placeholder of a few known values; `label` shows it in a message (`<partition>`)."""

    label: str
    values: tuple[str, ...]


#: How a message shows the pseudo parameters of a few values.
_LABELS: Mapping[str, str] = {"AWS::Partition": "<partition>", "AWS::URLSuffix": "<URL suffix>"}


@attrs.frozen
class Problem:
    """A finding on a value: `code` is a schema rule's error code (`pattern`, `enum`) or
    `rule` a rule id; `at` is where in the template."""

    message: str
    at: Parts
    code: str | None = None
    rule: str | None = None


@attrs.frozen
class Decided:
    """What the template says about a value: `value` itself where known (else None),
    `why` the function that makes it a deploy-time value, and the problems found."""

    why: str | None
    value: Any = None
    problems: tuple[Problem, ...] = ()
    #: For `!Ref` of a parameter with a string `Default`: the parameter and its default.
    default: tuple[str, str] | None = None


def is_dynamic_reference(text: str) -> bool:
    """Whether a string holds a dynamic reference, a value CloudFormation resolves at deploy."""
    return _DYNAMIC.search(text) is not None


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def decide(value: Any, shape: Any, at: Parts, template: Mapping[str, Any]) -> Decided:
    """What the template decides about `value`, a member of `shape` at `at`."""
    if isinstance(value, str):
        if _DYNAMIC.search(value) is None:
            return Decided(None, value)
        parts = _split(value, _DYNAMIC, lambda _: None)
        return Decided("dynamic reference", None, tuple(_check_template(parts, shape, at, value)))
    if not (isinstance(value, dict) and len(value) == 1):
        return Decided(None, value)
    ((key, argument),) = value.items()
    if key == "Fn::If" and isinstance(argument, list) and len(argument) == 3:
        problems: list[Problem] = []
        for index in (1, 2):
            branch_at: Parts = (*at, key, index)
            branch = decide(argument[index], shape, branch_at, template)
            problems.extend(branch.problems)
            if branch.why is None and branch.value is not None and not _is_no_value(
                argument[index]
            ):
                problems.extend(_literal_problems(branch.value, shape, branch_at, "this branch"))
        return Decided("Fn::If", None, tuple(problems))
    if key == "Fn::Sub":
        text, variables = (argument, {}) if isinstance(argument, str) else _sub_form(argument)
        if not isinstance(text, str):
            return Decided(key)
        subbed: list[Any] = []
        for part in _split(text, _DYNAMIC, lambda _: None):
            if not isinstance(part, str):
                subbed.append(part)  # a dynamic reference, whatever `${Var}` its path holds
                continue
            subbed.extend(
                _split(part, _PLACEHOLDER, lambda name: _placeholder(name, variables, template))
            )
        return _decided_template(key, tuple(subbed), shape, (*at, key), text)
    if key == "Fn::Join" and isinstance(argument, list) and len(argument) == 2:
        separator, items = argument
        if not isinstance(separator, str) or not isinstance(items, list):
            return Decided(key)
        pieces: list[Any] = []
        for index, item in enumerate(items):
            if index:
                pieces.append(separator)
            pieces.append(item if isinstance(item, str) else _ref_values(item, template))
        text = separator.join(item if isinstance(item, str) else "${...}" for item in items)
        return _decided_template(key, _with_dynamic(tuple(pieces)), shape, (*at, key), text)
    if key == "Ref" and isinstance(argument, str):
        problems = [
            *_parameter_problems(argument, shape, at, template),
            *_resource_ref_problems(argument, shape, at, template),
        ]
        return Decided("Ref", None, tuple(problems), _string_default(argument, template))
    return Decided(key if isinstance(key, str) else "intrinsic")


def _with_dynamic(parts: Template) -> Template:
    """`parts` with each dynamic reference in their literal text as any text."""
    out: list[Any] = []
    for part in parts:
        out.extend(_split(part, _DYNAMIC, lambda _: None) if isinstance(part, str) else [part])
    return tuple(out)


def _is_no_value(value: Any) -> bool:
    return isinstance(value, dict) and value.get("Ref") == "AWS::NoValue"


def _sub_form(argument: Any) -> tuple[Any, Mapping[str, Any]]:
    if isinstance(argument, list) and len(argument) == 2 and isinstance(argument[1], dict):
        return argument[0], argument[1]
    return None, {}


def _split(text: str, pattern: re.Pattern[str], value: Any) -> Template:
    parts: list[Any] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(text[last : match.start()])
        name = match.group(1) if match.groups() else match.group()
        if name.startswith("!"):  # ${!Literal} is the text ${Literal}
            parts.append("${" + name[1:] + "}")
        else:
            parts.append(value(name))
        last = match.end()
    parts.append(text[last:])
    return tuple(parts)


def _placeholder(name: str, variables: Mapping[str, Any], template: Mapping[str, Any]) -> Any:
    if name in variables:
        given = variables[name]
        return Choices(given, (given,)) if isinstance(given, str) else _ref_values(given, template)
    return _ref_values({"Ref": name}, template)


def _ref_values(value: Any, template: Mapping[str, Any]) -> Choices | None:
    """The values a `Ref` can have where the template says (None: any text)."""
    if not (isinstance(value, dict) and len(value) == 1 and isinstance(value.get("Ref"), str)):
        return None
    name = value["Ref"]
    if name in PSEUDO_VALUES:
        return Choices(_LABELS[name], PSEUDO_VALUES[name])
    parameters = template.get("Parameters")
    parameter = parameters.get(name) if isinstance(parameters, dict) else None
    allowed = parameter.get("AllowedValues") if isinstance(parameter, dict) else None
    if isinstance(allowed, list) and allowed and all(isinstance(a, str) for a in allowed):
        return Choices(f"<{name}>", tuple(allowed))
    return None


def _alternatives(parts: Template) -> Iterator[Template]:
    """Each expansion of the finite placeholders (a None stays: any text)."""
    choices = [[p] if isinstance(p, str) or p is None else list(p.values) for p in parts]
    return itertools.islice(itertools.product(*choices), _MAX_ALTERNATIVES)


def _decided_template(
    why: str, parts: Template, shape: Any, at: Parts, text: str
) -> Decided:
    if any(part is None for part in parts):
        return Decided(why, None, tuple(_check_template(parts, shape, at, text)))
    first: list[Problem] = []
    for alternative in _alternatives(parts):
        found = _literal_problems("".join(alternative), shape, at, f"{why} {_short(text)!r}")
        if not found:
            return Decided(why)  # one valid expansion: the rest are the deploy's choice
        first = first or found
    return Decided(why, None, tuple(first[:1]))


def _check_template(parts: Template, shape: Any, at: Parts, text: str) -> Iterator[Problem]:
    """A problem where no value the template can make is valid, judged by its literal
    parts (a None part is any text)."""
    shown = _short(text)
    if isinstance(shape, EnumShape):
        values = shape.enum.wire_values()
        for alternative in _alternatives(parts):
            regex = "".join(".*" if p is None else re.escape(p) for p in alternative)
            if any(re.fullmatch(regex, value, re.DOTALL) for value in values):
                return
        yield Problem(
            f"{shown!r} can never be one of {', '.join(map(repr, values))}", at, code="enum"
        )
        return
    pattern = shape.pattern if isinstance(shape, StringShape) else None
    if pattern is None:
        return
    starts = set()
    for alternative in _alternatives(parts):
        start = ""
        for part in alternative:
            if part is None:
                break
            start += part
        starts.add(start)
    verdicts = [pattern.admits_start(start) for start in sorted(starts)]
    if verdicts and all(verdict is False for verdict in verdicts):
        yield Problem(
            f"{shown!r} can never be {_a(pattern.name)}: every value it can take starts "
            f"{_known_start(parts)!r}, which no {pattern.name} does",
            at,
            code="pattern",
        )


def _known_start(parts: Template) -> str:
    """The literal start every value of `parts` has, a placeholder of a few values shown by
    its label (`arn:<partition>:s3:::`), never one of its values as if it were the only one."""
    start = ""
    for part in parts:
        if part is None:
            break
        start += part if isinstance(part, str) else part.label
    return start


def _a(name: str) -> str:
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def _literal_problems(value: Any, shape: Any, at: Parts, what: str) -> list[Problem]:
    errors: list[ErrorDetail] = []
    check_value(shape, value, "$", errors, STRICT)
    return [Problem(f"{what}: {error.message}", at, code=error.code) for error in errors]


def _parameter_problems(
    name: str, shape: Any, at: Parts, template: Mapping[str, Any]
) -> Iterator[Problem]:
    parameters = template.get("Parameters")
    parameter = parameters.get(name) if isinstance(parameters, dict) else None
    if not isinstance(parameter, dict):
        return
    values: list[tuple[str, Any]] = []
    if "Default" in parameter:
        values.append(("default", parameter["Default"]))
    allowed = parameter.get("AllowedValues")
    if isinstance(allowed, list):
        values.extend(("allowed value", item) for item in allowed)
    for what, value in values:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # CloudFormation passes parameters as strings
        for problem in _literal_problems(value, shape, at, f"parameter {name}'s {what}"):
            yield attrs.evolve(problem, code=None, rule=PARAMETER_VALUE)


def _string_default(name: str, template: Mapping[str, Any]) -> tuple[str, str] | None:
    parameters = template.get("Parameters")
    parameter = parameters.get(name) if isinstance(parameters, dict) else None
    default = parameter.get("Default") if isinstance(parameter, dict) else None
    return (name, default) if isinstance(default, str) else None


def _resource_ref_problems(
    name: str, shape: Any, at: Parts, template: Mapping[str, Any]
) -> Iterator[Problem]:
    """A problem where `Ref` of a resource of the template can never match the pattern:
    every form its value can take starts where no match does."""
    resources = template.get("Resources")
    resource = resources.get(name) if isinstance(resources, dict) else None
    kind = resource.get("Type") if isinstance(resource, dict) else None
    found = RESOURCE_REFS.get(kind) if isinstance(kind, str) else None
    pattern = shape.pattern if isinstance(shape, StringShape) else None
    if found is None or pattern is None:
        return
    what, starts = found
    if all(pattern.admits_start(start) is False for start in starts):
        hint = f"; Fn::GetAtt {name}.Arn gives its ARN" if kind in _HAS_ARN else ""
        yield Problem(
            f"Ref {name} can never be {_a(pattern.name)}: it gives the {kind}'s {what}{hint}",
            at,
            code="pattern",
        )
