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
    for key, body in resources.items():
        if isinstance(key, str) and key.startswith(LOOP):
            yield from _expand(key, body, ("Resources", key), {}, template, None)
        else:
            yield Resource(str(key), body, ("Resources", key))


def _expand(
    key: str,
    loop: Any,
    at: Parts,
    bindings: Mapping[str, str],
    template: Mapping[str, Any],
    note: str | None,
) -> Iterator[Resource | Unexpanded]:
    if not (isinstance(loop, list) and len(loop) == 3 and isinstance(loop[0], str)):
        yield Unexpanded(key, at, "it is not [identifier, collection, output]", ())
        return
    identifier, collection, output = loop
    if not isinstance(output, dict):
        yield Unexpanded(key, at, "its output is not an object", ())
        return
    items, how = _collection(key, _substitute(collection, bindings), template)
    if items is None:
        yield Unexpanded(key, at, how, tuple(_types(output)))
        return
    if how:
        note = f"{note}; {how}" if note else how
    for item in items:
        inner = {**bindings, identifier: item}
        for output_key, body in output.items():
            place: Parts = (*at, 2, output_key)
            if isinstance(output_key, str) and output_key.startswith(LOOP):
                yield from _expand(output_key, body, place, inner, template, note)
            else:
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
    a `Fn::Sub` left with no placeholder is its text."""
    if not bindings:
        return value
    if isinstance(value, list):
        return [_substitute(item, bindings) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, argument),) = value.items()
        if key == "Ref" and isinstance(argument, str) and argument in bindings:
            return bindings[argument]
        if key == "Fn::Sub":
            return _sub(argument, bindings)
    return {key: _substitute(item, bindings) for key, item in value.items()}


def _sub(argument: Any, bindings: Mapping[str, str]) -> Any:
    variables: Any = {}
    text = argument
    if isinstance(argument, list) and len(argument) == 2 and isinstance(argument[1], dict):
        text, variables = argument[0], _substitute(argument[1], bindings)
    if not isinstance(text, str):
        return {"Fn::Sub": _substitute(argument, bindings)}
    for name, item in bindings.items():
        if name not in variables:  # a variable of the Sub's own hides the loop's
            text = text.replace("${" + name + "}", item)
    if "${" not in text and not variables:
        return text
    return {"Fn::Sub": [text, variables] if variables else text}


def _types(output: Mapping[str, Any]) -> Iterator[str]:
    for key, body in output.items():
        if isinstance(key, str) and key.startswith(LOOP):
            if isinstance(body, list) and len(body) == 3 and isinstance(body[2], dict):
                yield from _types(body[2])
        elif isinstance(body, dict) and isinstance(body.get("Type"), str):
            yield body["Type"]
