"""A format's names mapped onto the models: how CloudFormation and Terraform spell each
member, and the walk that turns one of their resources into the API's wire payload.

The mapping walks the models' member metadata (`members`), so member names are not
restated; only the names a format spells differently are. A value that is not known
until deploy (an intrinsic function) becomes an `Unknown`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ...models.base import Model
from ...models.registry import MODELS
from ...spec.kinds import (
    SCALAR_KINDS,
    BooleanShape,
    EnumShape,
    ListShape,
    Member,
    Shape,
    StringShape,
    StructureShape,
    assert_never,
)
from ...spec.plan import model_plan
from ...validation.suggestions import close_matches, did_you_mean
from ..rules.schema import SCHEMA_RULES
from ..subject import InputFinding, InputKind, ParameterDefault, Parts, Unknown
from .cfn_values import decide

__all__ = [
    "ABSENT",
    "INTRINSIC_FUNCTIONS",
    "Format",
    "KnownStart",
    "Mapper",
    "known",
    "wire_name_of",
]


@attrs.frozen
class KnownStart(Unknown):
    """A value known only at deploy time whose form is documented: what it is, how it can
    start, and what gives the value that belongs where it cannot (a Terraform reference to
    a KMS key's `id`, its key ID, where a key ARN belongs: `.arn` gives that)."""

    what: str = ""
    starts: tuple[str, ...] = ()
    hint: str = ""


@attrs.frozen
class Format:
    """How one input kind names the models' members."""

    input: InputKind
    #: The name the format gives a member, by (model name, attribute name); None where
    #: the format cannot express it. Members not listed keep a default name.
    names: Mapping[tuple[str, str], str | None]
    default_name: Callable[[str, str], str]
    #: Terraform writes a nested structure as a block: a list of at most one object.
    blocks: bool
    #: CloudFormation reports a property it does not know; Terraform's schema is fixed.
    report_unknown: bool
    #: Terraform's JSON syntax may also write one block of a nested block type as an object
    #: instead of an array of objects (as CDK for Terraform does).
    single_blocks: bool = False
    #: CloudFormation's values: intrinsic functions (known at deploy, an unknown one an
    #: error), and a number or boolean given to a string property passed as its text.
    cloudformation_values: bool = False
    _by_name: dict[type[Model], dict[str, Member]] = attrs.field(factory=dict, init=False)

    def members_by_name(self, model: type[Model]) -> dict[str, Member]:
        """The model's members by the names this format gives them (worked out once)."""
        found = self._by_name.get(model)
        if found is None:
            found = self._by_name[model] = {}
            for attribute, spec in model_plan(model).members.items():
                name = self.names.get(
                    (model.__name__, attribute), self.default_name(model.__name__, attribute)
                )
                if name is not None:
                    found[name] = spec
        return found


def wire_name_of(model_name: str, attribute: str) -> str:
    """The wire name of a member, by model name and attribute: a format's default name
    where it spells members as the API does."""
    return model_plan(MODELS[model_name]).members[attribute].wire_name


class Mapper:
    """One resource's walk: its wire payload, where each wire path sits in the document
    (`locations`), and the properties the format does not know (`problems`)."""

    def __init__(self, format: Format, template: Mapping[str, Any] | None = None) -> None:
        self.format = format
        #: A CloudFormation template, whose intrinsic functions are decided where it
        #: decides them (`cfn_values`).
        self.template = template
        self.locations: dict[Parts, Parts] = {}
        self.problems: list[InputFinding] = []

    def known(self, value: Any, wire: Parts, at: Parts) -> Any:
        """`value`, or what stands for it until deploy (`known`); an object that looks
        like a function CloudFormation does not have is reported, and taken as unknown."""
        if not self.format.cloudformation_values:
            return value
        value = known(value)
        if isinstance(value, Unknown) and value.why not in INTRINSIC_FUNCTIONS:
            suggestion = did_you_mean(close_matches(value.why, sorted(INTRINSIC_FUNCTIONS)))
            self.problems.append(
                InputFinding(
                    SCHEMA_RULES["unknown"],
                    f"{value.why!r} is not an intrinsic function of CloudFormation, which "
                    f"rejects the template{suggestion}",
                    wire,
                    at,
                )
            )
        return value

    def known_start(self, value: KnownStart, shape: Shape, wire: Parts, at: Parts) -> None:
        """A pattern error where every start the value can have is one no match has."""
        pattern = shape.pattern if isinstance(shape, StringShape) else None
        if pattern is None or not value.starts:
            return
        if all(pattern.admits_start(start) is False for start in value.starts):
            article = "an" if pattern.name[:1].lower() in "aeiou" else "a"
            self.problems.append(
                InputFinding(
                    SCHEMA_RULES["pattern"],
                    f"{value.why} can never be {article} {pattern.name}: it gives "
                    f"{value.what}{value.hint}",
                    wire,
                    at,
                )
            )

    def structure(self, model: type[Model], value: Any, wire: Parts, at: Parts) -> Any:
        # A Terraform block is located at its name, not at the object inside its list.
        self.locations.setdefault(wire, at)
        value = self.known(value, wire, at)
        if isinstance(value, Unknown) or not isinstance(value, dict):
            return value
        by_name = self.format.members_by_name(model)
        payload: dict[str, Any] = {}
        for name, item in value.items():
            found = by_name.get(name)
            if found is None:
                if self.format.report_unknown:
                    self.problems.append(
                        InputFinding(
                            SCHEMA_RULES["unknown"],
                            f"{model.__name__} has no property {name!r} in this format; "
                            f"it has {', '.join(map(repr, by_name)) or 'none'}",
                            wire,
                            (*at, name),
                        )
                    )
                continue
            mapped = self.member(found.shape, item, (*wire, found.wire_name), (*at, name))
            if mapped is not ABSENT:
                payload[found.wire_name] = mapped
        return payload

    def member(self, member_shape: Shape, value: Any, wire: Parts, at: Parts) -> Any:
        given, value = value, self.known(value, wire, at)
        if value is ABSENT or (self.format.blocks and value is None):
            return ABSENT
        self.locations[wire] = at
        if self.template is not None and isinstance(member_shape, (StringShape, EnumShape)):
            decided = decide(given, member_shape, at, self.template)
            for problem in decided.problems:
                rule = problem.rule or SCHEMA_RULES[problem.code or "type"]
                self.problems.append(InputFinding(rule, problem.message, wire, problem.at))
            if decided.default is not None:
                return ParameterDefault(decided.why or "Ref", *decided.default)
            if decided.why is not None:
                return Unknown(decided.why)
        if isinstance(value, KnownStart):
            self.known_start(value, member_shape, wire, at)
        if isinstance(value, Unknown):
            return value
        if isinstance(member_shape, StructureShape):
            if self.format.blocks and isinstance(value, list):
                if not value:
                    return ABSENT
                return self.structure(member_shape.model, value[0], wire, (*at, 0))
            return self.structure(member_shape.model, value, wire, at)
        if isinstance(member_shape, ListShape):
            if (
                self.format.single_blocks
                and isinstance(value, dict)
                and isinstance(member_shape.item, StructureShape)
            ):
                # One block, located at its name as a block in an array is.
                item = self.member(member_shape.item, value, (*wire, 0), at)
                return [] if item is ABSENT else [item]
            if not isinstance(value, list):
                return value
            items = (
                self.member(member_shape.item, item, (*wire, index), (*at, index))
                for index, item in enumerate(value)
            )
            return [item for item in items if item is not ABSENT]
        if isinstance(member_shape, BooleanShape):
            # CloudFormation reads "true" as true
            return value == "true" if value in ("true", "false") else value
        if (
            isinstance(member_shape, StringShape)
            and self.format.cloudformation_values
            and type(value) in (int, float, bool)
        ):
            # CloudFormation passes a scalar to a string property as its text
            # (`CatalogId: 123456789012`, unquoted in YAML, is the string).
            return ("true" if value else "false") if type(value) is bool else str(value)
        if isinstance(member_shape, SCALAR_KINDS):
            return value
        assert_never(member_shape)


#: A member the document removes (`!Ref AWS::NoValue`), or a Terraform block left empty.
ABSENT: Any = object()

#: The intrinsic functions CloudFormation has (its intrinsic function reference, with the
#: condition functions and the `AWS::LanguageExtensions` ones): a fixed set. An object of
#: one `Fn::` key outside it is an error, not a value known at deploy.
INTRINSIC_FUNCTIONS = frozenset(
    {
        "Ref",
        "Fn::And",
        "Fn::Base64",
        "Fn::Cidr",
        "Fn::Equals",
        "Fn::FindInMap",
        "Fn::GetAZs",
        "Fn::GetAtt",
        "Fn::If",
        "Fn::ImportValue",
        "Fn::Join",
        "Fn::Length",
        "Fn::Not",
        "Fn::Or",
        "Fn::Select",
        "Fn::Split",
        "Fn::Sub",
        "Fn::ToJsonString",
        "Fn::Transform",
    }
)


def known(value: Any) -> Any:
    """`value`, or an `Unknown` for a CloudFormation intrinsic function (its `why`, the
    function's name, may be one CloudFormation does not have: see `INTRINSIC_FUNCTIONS`);
    `ABSENT` for `!Ref AWS::NoValue`, which removes the property."""
    if isinstance(value, dict) and len(value) == 1:
        (key,) = value
        if key == "Ref":
            return ABSENT if value[key] == "AWS::NoValue" else Unknown("Ref")
        if isinstance(key, str) and key.startswith("Fn::"):
            return Unknown(key)
    return value
