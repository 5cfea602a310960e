"""A template's resources with its `Fn::ForEach` loops (the `AWS::LanguageExtensions`
transform) expanded where the template decides them.

A loop `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: Resource}]` makes one
resource per item of the collection. The collection is decided when it is a list of strings,
or `!Ref` of a `CommaDelimitedList` parameter with a `Default` (then each resource it makes
carries a note saying so: a deploy may pass another list). The item replaces `${Identifier}`
and `&{Identifier}` (its alphanumeric characters only) in the output key, and in the
resource `!Ref Identifier` and `${Identifier}` in `Fn::Sub` strings; loops nested in the
output are expanded alike. Each resource made keeps the loop's place in the file, so that
findings point at the loop.

A loop whose collection is not decided is kept as an `Unexpanded` loop, with the Glue
resource types it makes, so that lint can say they were not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from ..rules.notes import MOST_NESTED, MOST_RESOURCES
from ..subject import Parts

__all__ = ["LOOP", "Resource", "Unexpanded", "template_resources"]

#: How a loop's key starts, in `Resources` and in a loop's output.
LOOP = "Fn::ForEach::"


@attrs.frozen
class Resource:
    """One resource of a template: its logical id, its body (a loop's identifiers put in),
    where it is in the file, and what decided it, where an assumption did."""

    logical_id: str
    body: Any
    at: Parts
    note: str | None = None


@attrs.frozen
class Unexpanded:
    """A loop whose collection the template does not decide: its key, where it is, why,
    and the types of the resources it makes."""

    key: str
    at: Parts
    why: str
    types: tuple[str, ...]




def template_resources(template: Mapping[str, Any]) -> Iterator[Resource | Unexpanded]:
    """Each resource of the template, each loop's expanded (or the loop, unexpanded)."""
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        return
    made = [0]  # resources loops made so far
    for key, body in resources.items():
        if isinstance(key, str) and key.startswith(LOOP):
            yield from _expand(_Loop(key, ("Resources", key), {}, None, 1), body, template, made)
        else:
            yield Resource(str(key), body, ("Resources", key))


@attrs.frozen
class _Loop:
    key: str
    at: Parts
    bindings: Mapping[str, str]
    note: str | None
    depth: int


def _expand(
    loop: _Loop, given: Any, template: Mapping[str, Any], made: list[int]
) -> Iterator[Resource | Unexpanded]:
    key, at = loop.key, loop.at
    if not (isinstance(given, list) and len(given) == 3 and isinstance(given[0], str)):
        yield Unexpanded(key, at, "it is not [identifier, collection, output]", ())
        return
    identifier, collection, output = given
    if not isinstance(output, dict):
        yield Unexpanded(key, at, "its output is not an object", ())
        return
    types = tuple(_types(output))
    if loop.depth > MOST_NESTED:
        yield Unexpanded(key, at, f"it is nested in more than {MOST_NESTED - 1} loops", types)
        return
    items, how = _collection(key, _substitute(collection, loop.bindings), template)
    if items is None:
        yield Unexpanded(key, at, how, types)
        return
    note = loop.note
    if how:
        note = f"{note}; {how}" if note else how
    for item in items:
        inner = {**loop.bindings, identifier: item}
        for output_key, body in output.items():
            place: Parts = (*at, 2, output_key)
            if isinstance(output_key, str) and output_key.startswith(LOOP):
                nested = _Loop(output_key, place, inner, note, loop.depth + 1)
                yield from _expand(nested, body, template, made)
                if made[0] > MOST_RESOURCES:
                    return  # the nested loop said so
                continue
            made[0] += 1
            if made[0] > MOST_RESOURCES:
                yield Unexpanded(
                    key,
                    at,
                    f"the loops make more than {MOST_RESOURCES} resources, the most a "
                    "template may hold",
                    types,
                )
                return
            logical_id = _output_key(str(output_key), inner)
            yield Resource(logical_id, _substitute(body, inner), place, note)


def _collection(
    key: str, value: Any, template: Mapping[str, Any]
) -> tuple[list[str] | None, str]:
    """The items of a loop's collection and, where a parameter's default decided them, a
    note saying so; or None, and why not."""
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return list(value), ""
        return None, "its collection holds a value known only at deploy"
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("Ref"), str):
        name = value["Ref"]
        parameters = template.get("Parameters")
        parameter = parameters.get(name) if isinstance(parameters, dict) else None
        if not isinstance(parameter, dict):
            return None, f"its collection is Ref {name}, no parameter of this template"
        default = parameter.get("Default")
        if parameter.get("Type") == "CommaDelimitedList" and isinstance(default, str):
            return (
                [item.strip() for item in default.split(",")],
                f"made by {key} over the default of parameter {name}; a deploy may pass "
                "another list",
            )
        if "Default" not in parameter:
            return None, f"its collection is parameter {name}, which has no Default"
        return None, f"its collection is parameter {name}, not a CommaDelimitedList"
    if isinstance(value, dict) and len(value) == 1:
        return None, f"its collection is {next(iter(value))}, known only at deploy"
    return None, "its collection is not a list"


def _output_key(key: str, bindings: Mapping[str, str]) -> str:
    for name, item in bindings.items():
        key = key.replace("${" + name + "}", item)
        key = key.replace("&{" + name + "}", re.sub(r"[^A-Za-z0-9]", "", item))
    return key


def _substitute(value: Any, bindings: Mapping[str, str]) -> Any:
    """`value` with `Ref` of each identifier and its `${...}` in `Fn::Sub` strings put in;
    a `Fn::Sub` left with no placeholder is its text. A copy, made without recursion."""
    if not bindings:
        return value
    root = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        container, key = stack.pop()
        node = container[key]
        if isinstance(node, list):
            container[key] = copy = list(node)
            stack.extend((copy, index) for index in range(len(copy)))
            continue
        if not isinstance(node, dict):
            continue
        if len(node) == 1:
            ((function, argument),) = node.items()
            if function == "Ref" and isinstance(argument, str) and argument in bindings:
                container[key] = bindings[argument]
                continue
            if function == "Fn::Sub":
                container[key] = replaced = _sub(argument, bindings)
                if isinstance(replaced, dict):
                    stack.append((replaced, "Fn::Sub"))
                continue
        container[key] = members = dict(node)
        stack.extend((members, name) for name in members)
    return root[0]


def _sub(argument: Any, bindings: Mapping[str, str]) -> Any:
    """A `Fn::Sub` with the loop's identifiers put in its text (its own variables, left to
    the caller, hide the loop's of the same name)."""
    variables: Any = {}
    text = argument
    if isinstance(argument, list) and len(argument) == 2 and isinstance(argument[1], dict):
        text, variables = argument[0], argument[1]
    if not isinstance(text, str):
        return {"Fn::Sub": argument}
    for name, item in bindings.items():
        if name not in variables:
            text = text.replace("${" + name + "}", item)
    if "${" not in text and not variables:
        return text
    return {"Fn::Sub": [text, dict(variables)] if variables else text}


def _types(output: Mapping[str, Any]) -> Iterator[str]:
    """The resource types a loop's output makes, its nested loops' included (a walk without
    recursion: a file may nest loops deeper than CloudFormation allows)."""
    outputs = [output]
    while outputs:
        for key, body in outputs.pop().items():
            if isinstance(key, str) and key.startswith(LOOP):
                if isinstance(body, list) and len(body) == 3 and isinstance(body[2], dict):
                    outputs.append(body[2])
            elif isinstance(body, dict) and isinstance(body.get("Type"), str):
                yield body["Type"]
