"""What the inputs hand the engine: a `Subject` (one payload to lint), the values known only
at deploy (`Unknown`), and the input kinds a rule can fire for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

from ..models.base import Model

__all__ = [
    "ACCOUNT",
    "DEPLOY_TIME",
    "ENCRYPTION_TYPE_ARGUMENT",
    "INPUTS",
    "NOT_RECORDED",
    "InputError",
    "InputFinding",
    "InputKind",
    "JobFacts",
    "Link",
    "LinkKind",
    "ParameterDefault",
    "Parts",
    "Subject",
    "Target",
    "Unknown",
    "job_facts",
]

Parts = tuple[str | int, ...]

#: The `why` of a member an input does not record (a CloudTrail event): absent or not.
NOT_RECORDED = "not recorded in the input"

InputKind = Literal["api", "cloudformation", "terraform"]
#: What a resource is to the rules across resources (`rules.cross`).
LinkKind = Literal["security-configuration", "catalog-settings", "job", "crawler", "dev-endpoint"]
INPUTS: tuple[InputKind, ...] = ("api", "cloudformation", "terraform")


#: Stands, inside a text, for a part known only at deploy time (a `Ref` in the `Fn::Join`
#: that builds a JSON document): a value that holds it is not decided. A character of Unicode's
#: private use area, so no template writes it.
DEPLOY_TIME = "\ue000"


@attrs.frozen
class Unknown:
    """A value known only at deploy time; `why` says what it is (`Fn::GetAtt`)."""

    why: str


@attrs.frozen
class ParameterDefault(Unknown):
    """A template parameter's value (`!Ref Parameter`): known at deploy, its `default`
    unless the deploy passes another; the rules that read it say which parameter."""

    parameter: str = ""
    default: str = ""


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
    #: What decided the payload, where an assumption did (a parameter's default), for its
    #: findings to say.
    note: str | None = None

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


@attrs.frozen
class Target:
    """A reference to another resource of the same input (`!Ref Conf`,
    `aws_glue_security_configuration.conf.name`)."""

    resource: str


class _Account:
    """The caller's own account: an omitted CatalogId, or `!Ref AWS::AccountId`."""

    def __repr__(self) -> str:
        return "ACCOUNT"


ACCOUNT: Any = _Account()


@attrs.frozen
class Link:
    """One resource as the cross-resource rules see it. `value` is a security
    configuration's name, a catalog setting's catalog (`ACCOUNT` for the caller's), or the
    security configuration a job, crawler or endpoint names (None for none); a `str`, a
    `Target`, or an `Unknown`. `at` is where to report about the value (the resource's
    place where the value is absent); `file` the file of a module it is in."""

    kind: LinkKind
    resource: str
    value: Any
    at: Parts
    file: int = 0
    ignore: frozenset[str] = frozenset()
    #: The value's member (`$.SecurityConfiguration`), or `$` where it is absent.
    path: str = "$"
    #: What decided the value, where an assumption did (a variable's default), for the
    #: findings about it to say.
    note: str | None = None
    #: A job's facts that decide what its security configuration covers (`job_facts`).
    job: JobFacts | None = None
    #: The resources never deployed with this one (their CloudFormation conditions exclude
    #: each other's), which no rule across resources pairs it with.
    never_with: frozenset[str] = frozenset()


@attrs.frozen
class JobFacts:
    """What a job's own definition says about what it writes: its command's name (`glueray`
    for a Ray job, which takes no security configuration), and whether its default
    arguments ask for SSE-S3 (`--encryption-type sse-s3`) for its Amazon S3 output."""

    command: str | None = None
    sse_s3_argument: bool = False


#: The job argument that asks AWS Glue to write Amazon S3 output with SSE-S3.
ENCRYPTION_TYPE_ARGUMENT = "--encryption-type"


def job_facts(command_name: Any, default_arguments: Any) -> JobFacts:
    """A job's facts, from its command's name and its default arguments as the input
    writes them (either may be absent, or known only at deploy)."""
    arguments = default_arguments if isinstance(default_arguments, Mapping) else {}
    encryption = arguments.get(ENCRYPTION_TYPE_ARGUMENT)
    return JobFacts(
        command_name if isinstance(command_name, str) else None,
        isinstance(encryption, str) and encryption.lower() == "sse-s3",
    )
