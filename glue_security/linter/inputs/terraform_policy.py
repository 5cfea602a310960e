"""Policies in a Terraform module: an `aws_iam_policy_document` data source as the JSON the
provider writes, and a policy whose parts are partly known only at plan or apply time.

A resource policy built with `jsonencode(...)` or a policy document often holds references
(`data.aws_caller_identity.current.account_id` in a resource ARN): such a part is read as
`DEPLOY_TIME`, as the CloudFormation inputs read a deploy-time part of a policy's text, so
that the decided parts (the principal, the conditions) still decide what the policy grants.
Where an unknown part decides that itself (a statement, a principal, a condition), the whole
policy stays unknown.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from ..subject import DEPLOY_TIME, Unknown

__all__ = [
    "POLICY_DOCUMENT_EFFECT",
    "POLICY_DOCUMENT_VERSION",
    "PartlyKnown",
    "Undecided",
    "blocks",
    "policy_text",
    "statement_json",
    "with_deploy_time",
]

#: aws_iam_policy_document's defaults (website/docs/d/iam_policy_document.html.markdown):
#: `version` "2012-10-17", a statement's `effect` "Allow".
POLICY_DOCUMENT_VERSION = "2012-10-17"
POLICY_DOCUMENT_EFFECT = "Allow"

#: Where an unknown value decides what a policy grants, by the key that holds it: in IAM
#: JSON (`jsonencode`) and in a policy document's blocks. Below `Condition`, each operator's
#: test decides too (its keys say which condition applies).
_DECIDING = frozenset(
    {
        *("Statement", "Principal", "NotPrincipal", "Condition"),
        *("statement", "principals", "not_principals", "condition", "test", "variable", "type"),
    }
)


@attrs.frozen
class PartlyKnown(Unknown):
    """A template some of whose parts are known only at plan or apply time: its text, with
    `DEPLOY_TIME` for each such part."""

    text: str = ""


class Undecided(Exception):
    """An unknown value where it decides what the policy grants."""


def with_deploy_time(value: Any, path: tuple[str, ...] = ()) -> Any:
    """`value` with each unknown part read as `DEPLOY_TIME` (a template's as its text);
    raises `Undecided` where an unknown part decides what the policy grants."""
    if isinstance(value, Unknown):
        keys = [key for key in path if key != "[]"]
        if not keys or keys[-1] in _DECIDING or (len(keys) >= 2 and keys[-2] == "Condition"):
            raise Undecided
        return value.text if isinstance(value, PartlyKnown) else DEPLOY_TIME
    if isinstance(value, dict):
        return {key: with_deploy_time(item, (*path, str(key))) for key, item in value.items()}
    if isinstance(value, list):
        return [with_deploy_time(item, (*path, "[]")) for item in value]
    return value


def policy_text(policy: Any) -> str:
    """A policy's JSON text, compact, as `jsonencode` writes it."""
    return json.dumps(policy, separators=(",", ":"), ensure_ascii=False)


def blocks(value: Any) -> list[Any]:
    """The blocks of a nested block type: an array of objects or, in Terraform's JSON
    syntax, one object alone."""
    if isinstance(value, dict):
        return [value]
    return value if isinstance(value, list) else []


def statement_json(block: Any) -> dict[str, Any]:
    """One `statement` block as IAM JSON, as the provider writes it."""
    out: dict[str, Any] = {}
    if not isinstance(block, dict):
        return out
    if "sid" in block:
        out["Sid"] = block["sid"]
    out["Effect"] = block.get("effect", POLICY_DOCUMENT_EFFECT)
    for name, key in (
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ):
        if name in block:
            out[key] = block[name]
    for name, key in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
        if name in block:
            principals: dict[str, Any] = {}
            for item in blocks(block[name]):
                identifiers = item.get("identifiers", []) if isinstance(item, dict) else []
                kind = item.get("type") if isinstance(item, dict) else None
                if kind == "*" and identifiers == ["*"]:
                    out[key] = "*"
                    break
                principals.setdefault(str(kind), []).extend(identifiers)
            else:
                out[key] = principals
    if "condition" in block:
        conditions: dict[str, Any] = {}
        for item in blocks(block["condition"]):
            if isinstance(item, dict):
                test = conditions.setdefault(str(item.get("test")), {})
                test[str(item.get("variable"))] = item.get("values")
        out["Condition"] = conditions
    return out
