"""A Data Catalog resource policy as the service takes it: the check behind the
`CatalogPolicy` rules of `models.service_rules`. docs/semantics.md says where each rule
comes from.

The developer guide's page on Glue resource policies ("AWS Glue resource policies for access
control") lists where a catalog policy differs from an IAM policy; docs/semantics.md quotes
it. The checks here are the ones that can be made without IAM:

- each statement has a `Principal` or `NotPrincipal`;
- a principal ARN holds no wildcard pattern (`arn:aws:iam::111122223333:user/*`); `"*"` alone
  is a principal the service takes;
- every ARN in `Resource` (and `NotResource`) matches `arn:PARTITION:glue:REGION:ACCOUNT:`
  followed by `*` or a resource type (`catalog`, `database/...`), with the region and
  account of the catalog the policy is attached to; a bare `*` is refused.

Whether principals exist is not checked: nothing here knows IAM.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..validation.error import cut_text

__all__ = ["catalog_policy_problems"]

#: The page's pattern after `arn:aws:glue:REGION:ACCOUNT:`.
_RESOURCE_TAIL = re.compile(r"(\*|[a-zA-Z*]+/?.*)", re.S)
_MOST_PROBLEMS = 10


def catalog_policy_problems(text: str, prefix: str) -> list[str]:
    """Why the service would refuse `text` as the policy of the catalog whose resources'
    ARNs start with `prefix` (`arn:aws:glue:REGION:ACCOUNT:`, from `glue_arn`); empty: it
    would take it. `text` is already known to be a JSON object."""
    try:
        document = json.loads(text)
    except ValueError:
        return ["PolicyInJson is not JSON"]
    if not isinstance(document, dict):
        return ["PolicyInJson is not a JSON object"]
    statements = document.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        return ["the policy has no Statement"]
    problems: list[str] = []
    for index, statement in enumerate(statements):
        where = f"Statement[{index}]"
        if not isinstance(statement, dict):
            problems.append(f"{where} is not an object")
            continue
        principal = statement.get("Principal", statement.get("NotPrincipal"))
        if principal is None:
            problems.append(f"{where} has no Principal or NotPrincipal block")
        else:
            problems.extend(f"{where}: {p}" for p in _principal_problems(principal))
        resources = [statement[key] for key in ("Resource", "NotResource") if key in statement]
        if not resources:
            problems.append(f"{where} has no Resource block")
        for resource in resources:
            for arn in resource if isinstance(resource, list) else [resource]:
                problem = _resource_problem(arn, prefix)
                if problem:
                    problems.append(f"{where}: {problem}")
        if len(problems) >= _MOST_PROBLEMS:
            break
    return problems[:_MOST_PROBLEMS]


def _principal_problems(principal: Any) -> list[str]:
    if principal == "*":
        return []
    if not isinstance(principal, dict) or not principal:
        return [f"Principal {cut_text(json.dumps(principal))} is neither \"*\" nor a map"]
    problems = []
    for values in principal.values():
        for value in values if isinstance(values, list) else [values]:
            if not isinstance(value, str) or not value:
                problems.append(f"principal {cut_text(json.dumps(value))} is not a name")
            elif value != "*" and "*" in value:
                problems.append(f"principal {cut_text(value)} is a wildcard pattern, not allowed")
    return problems


def _resource_problem(arn: Any, prefix: str) -> str | None:
    if not isinstance(arn, str):
        return f"resource {cut_text(json.dumps(arn))} is not an ARN"
    if not arn.startswith(prefix) or not _RESOURCE_TAIL.fullmatch(arn[len(prefix) :]):
        return (
            f"resource {cut_text(arn)} is not a Glue ARN of this catalog "
            f"({prefix}* or {prefix}TYPE/...)"
        )
    return None
