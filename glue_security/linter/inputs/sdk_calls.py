"""Glue API calls that a template makes through a custom resource: the AWS CDK's
`AwsCustomResource` (`Custom::AWS`), which is how CDK apps set what CloudFormation has no
resource type for, the Data Catalog's resource policy above all.

Such a resource holds each call (`Create`, `Update`) as JSON text: `{"service": "Glue",
"action": "putResourcePolicy", "parameters": {...}}`. Where the text holds a deploy-time
value (the CDK writes it as `Fn::Join` around a `Ref`), each such part is read as
`DEPLOY_TIME`; a parameter that then holds one is unknown, except a policy document, whose
other parts still decide what the policy grants.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ...models.operations import OPERATIONS
from ..subject import DEPLOY_TIME, Parts, Subject, Unknown

__all__ = ["call_subjects", "is_custom_resource"]

#: The properties of `AwsCustomResource` that hold a call, in the order CloudFormation runs them.
CALL_PROPERTIES = ("Create", "Update")
#: Parameters that are JSON documents: kept as text, deploy-time parts marked.
DOCUMENT_PARAMETERS = frozenset({"PolicyInJson"})
_MAX_DEPTH = 16  # deeper than any request's structure


def is_custom_resource(resource_type: str) -> bool:
    return resource_type.startswith("Custom::") or resource_type == (
        "AWS::CloudFormation::CustomResource"
    )


def _text(value: Any) -> str | None:
    """The JSON text of a call: a string, or an `Fn::Join` of strings and deploy-time
    values (each read as `DEPLOY_TIME`); None for anything else."""
    if isinstance(value, str):
        return value
    if not (isinstance(value, dict) and len(value) == 1 and "Fn::Join" in value):
        return None
    arguments = value["Fn::Join"]
    if not (isinstance(arguments, list) and len(arguments) == 2):
        return None
    delimiter, parts = arguments
    if not isinstance(delimiter, str) or not isinstance(parts, list):
        return None
    return delimiter.join(part if isinstance(part, str) else DEPLOY_TIME for part in parts)


def _operation_name(service: Any, action: Any) -> str | None:
    """The Glue operation a call names, as the CDK accepts it: service `Glue`, `glue` or
    `@aws-sdk/client-glue`; action `putResourcePolicy`, `PutResourcePolicy` or
    `PutResourcePolicyCommand`."""
    if not isinstance(service, str) or not isinstance(action, str):
        return None
    if service.lower().removeprefix("@aws-sdk/client-") != "glue" or not action:
        return None
    name = action.removesuffix("Command")
    name = name[:1].upper() + name[1:]
    return name if name in OPERATIONS else None


def _parameters(value: Any, name: str | None = None, depth: int = 0) -> Any:
    """The call's parameters with each value that holds a deploy-time part unknown (down to
    `_MAX_DEPTH`: below it the schema check reports the value whatever it holds)."""
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, dict):
        return {key: _parameters(item, str(key), depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_parameters(item, name, depth + 1) for item in value]
    if isinstance(value, str) and DEPLOY_TIME in value and name not in DOCUMENT_PARAMETERS:
        return Unknown("Fn::Join")
    return value


def call_subjects(
    logical_id: str,
    properties: Mapping[str, Any],
    ignore: frozenset[str],
    place: Parts | None = None,
) -> Iterator[Subject]:
    """One subject per Glue call of a custom resource (an `Update` the same as its `Create`
    is checked once); `place` is where the resource is (a loop's, for one it makes)."""
    seen: list[str] = []
    for key in CALL_PROPERTIES:
        text = _text(properties.get(key))
        if text is None or text in seen:
            continue
        seen.append(text)
        try:
            call = json.loads(text)
        except (ValueError, RecursionError):
            continue  # a deploy-time part outside a string: not decidable
        if not isinstance(call, dict):
            continue
        name = _operation_name(call.get("service"), call.get("action"))
        parameters = call.get("parameters", {})
        if name is None or not isinstance(parameters, dict):
            continue
        at: Parts = (*(place or ("Resources", logical_id)), "Properties", key)
        yield Subject(
            OPERATIONS[name].input,
            _parameters(parameters),
            "api",
            resource=logical_id,
            base=at,
            locations={(): at},
            ignore=ignore,
        )
