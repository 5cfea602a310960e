"""The lint engine: schema, service and posture rules over wire payloads.

`lint(obj)` takes a model, a wire payload (an envelope, AWS CLI output of a Get
operation, or any payload with `operation=` / `shape=`), a parsed CloudFormation template
or a Terraform plan, and returns every finding as a frozen `LintFinding`. The rules are
data (`_lint_rules.RULES`); the checks here walk a payload by the models' member metadata
and read enum values from the enums, so no constraint is restated.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

import attrs

from ..codec.convert import from_wire, to_wire
from ..documents.findings import SEVERITIES, Severity
from ..models.base import Model
from ..models.data_types import (
    ConnectionPasswordEncryption,
    DataCatalogEncryptionSettings,
    EncryptionAtRest,
    EncryptionConfiguration,
    GluePolicy,
)
from ..models.enums import CatalogEncryptionMode, ExistCondition
from ..models.operations import operation
from ..models.service_rules import INTERNAL_MEMBERS, ITEM_LIMITS, KEYED_MODES, ROLE_MODES
from ..spec.kinds import ListShape, StructureShape, WireEnum
from ..spec.plan import model_plan
from ..validation.error import ValidationError
from ..validation.paths import split_path, wire_path
from .inputs import InputError, Subject, Unknown, subjects
from .rules import RULES, SCHEMA_RULES, UNKNOWN_VALUE

__all__ = ["LintFinding", "lint", "lint_subjects"]

Parts = tuple[str | int, ...]


@attrs.frozen
class LintFinding:
    """One finding: the `rule` (`GS102`), its severity, a message, the wire `path`
    (`$.EncryptionConfiguration.S3Encryption[0].KmsKeyArn`), the `resource` (a template's
    logical id or a plan's address) and `location`, the path of the value in the input
    document (line and column, where the command knows the file)."""

    rule: str
    severity: Severity
    message: str
    path: str
    resource: str | None = None
    location: Parts = ()
    line: int | None = None
    column: int | None = None


def selected(
    rule_id: str,
    *,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> bool:
    """Whether a finding of `rule_id` is reported: not ignored (an entry ignores every id
    it starts, so `GS2` ignores the posture rules), at or above `severity`, and the
    unknown-value notes only when `verbose`."""
    if rule_id == UNKNOWN_VALUE and not verbose:
        return False
    if any(rule_id.startswith(prefix) for prefix in ignore):
        return False
    rule_severity = RULES[rule_id].severity if rule_id in RULES else "error"
    return SEVERITIES.index(rule_severity) <= SEVERITIES.index(severity)


def lint(
    obj: Any,
    *,
    operation: str | None = None,
    response: bool = False,
    shape: str | None = None,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> tuple[LintFinding, ...]:
    """Lint a model instance, a wire payload, a parsed CloudFormation template or a
    Terraform plan (`terraform show -json`), and return the findings.

    A wire payload is recognised as an envelope or as AWS CLI output of a Get operation,
    or named with `operation=` (its request; with `response=True`, its response) or
    `shape=`. `ignore` leaves out rule ids (or prefixes), `severity` is the least severe
    level kept, and `verbose` adds a note for each value not known until deploy. Raises
    `ValueError` for input of no known kind, or an unknown operation or shape name.
    """
    if isinstance(obj, Model):
        obj, shape = to_wire(obj), type(obj).__name__
    try:
        found = list(subjects(obj, operation_name=operation, response=response, shape_name=shape))
    except InputError as exc:
        raise ValueError(exc.message) from None
    problems = [item for item in found if isinstance(item, InputError)]
    if problems:
        raise ValueError(problems[0].message)
    return tuple(
        lint_subjects(
            [item for item in found if isinstance(item, Subject)],
            ignore=ignore,
            severity=severity,
            verbose=verbose,
        )
    )


def lint_subjects(
    items: Iterable[Subject],
    *,
    ignore: Collection[str] = (),
    severity: Severity = "note",
    verbose: bool = False,
) -> Iterator[LintFinding]:
    """The findings of each subject that pass the filters (see `selected`)."""
    for subject in items:
        for finding in _Linter(subject).run():
            if finding.rule not in subject.ignore and selected(
                finding.rule, ignore=ignore, severity=severity, verbose=verbose
            ):
                yield finding


# -- the walk ----------------------------------------------------------------------------------


def _is_known(value: Any) -> bool:
    return not isinstance(value, Unknown)


class _Linter:
    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self.findings: list[LintFinding] = []
        self.unknown: list[Parts] = []

    def add(self, rule_id: str, message: str, wire: Parts, at: Parts | None = None) -> None:
        rule = RULES[rule_id]
        if self.subject.input not in rule.inputs:
            return
        self.findings.append(
            LintFinding(
                rule_id,
                rule.severity,
                message,
                wire_path(wire),
                self.subject.resource,
                self.subject.locate(wire) if at is None else at,
            )
        )

    def run(self) -> list[LintFinding]:
        subject = self.subject
        for problem in subject.problems:
            self.add(problem.rule, problem.message, problem.wire, problem.at)
        clean, index_maps = self.strip_unknown(subject.payload, ())
        self.schema(clean, index_maps)
        self.walk(subject.model, subject.payload, (), None)
        for wire in self.unknown:
            self.add(
                UNKNOWN_VALUE,
                "not known until deploy; constraints on it are skipped and posture rules "
                "treat it as unknown",
                wire,
            )
        return self.findings

    # Unknown values are taken out before the schema check, and a list that held one is
    # renumbered: `index_maps` turns a cleaned list's index back into the original one.
    # The inputs put them only at members' places, so the walk follows the model (and so
    # costs no more depth than the model has, whatever the input nests).
    def strip_unknown(self, value: Any, wire: Parts) -> tuple[Any, dict[Parts, list[int]]]:
        maps: dict[Parts, list[int]] = {}

        def strip(model: type[Model], value: Any, wire: Parts) -> Any:
            if not isinstance(value, dict):
                return value
            cleaned = dict(value)
            for spec in model_plan(model).members.values():
                name = spec.wire_name
                if name not in value:
                    continue
                item, at, shape = value[name], (*wire, name), spec.shape
                if isinstance(item, Unknown):
                    self.unknown.append(at)
                    del cleaned[name]
                elif isinstance(shape, StructureShape):
                    cleaned[name] = strip(shape.model, item, at)
                elif isinstance(shape, ListShape) and isinstance(item, list):
                    kept = [i for i, element in enumerate(item) if _is_known(element)]
                    self.unknown.extend((*at, i) for i in range(len(item)) if i not in kept)
                    if len(kept) != len(item):
                        maps[at] = kept
                    inner = shape.item
                    cleaned[name] = [
                        strip(inner.model, item[i], (*at, i))
                        if isinstance(inner, StructureShape)
                        else item[i]
                        for i in kept
                    ]
            return cleaned

        if isinstance(value, Unknown):
            self.unknown.append(wire)
            return {}, maps
        return strip(self.subject.model, value, wire), maps

    def schema(self, clean: Any, index_maps: dict[Parts, list[int]]) -> None:
        try:
            from_wire(self.subject.model, clean)
        except ValidationError as exc:
            for error in exc.errors:
                parts = _renumbered(split_path(error.path), index_maps)
                if error.code == "required" and parts in self.unknown:
                    continue  # the member is there, with a value known only at deploy
                self.add(SCHEMA_RULES[error.code], error.message, parts)

    def walk(self, model: type[Model], value: Any, wire: Parts, parent: type[Model] | None) -> None:
        """Run each model's checks on the payload, then go down into its members."""
        if not isinstance(value, dict):
            return
        check = _CHECKS.get(model)
        if check is not None:
            check(self, model, value, wire, parent)
        for spec in model_plan(model).members.values():
            child = value.get(spec.wire_name)
            shape = spec.shape
            if isinstance(shape, StructureShape):
                self.walk(shape.model, child, (*wire, spec.wire_name), model)
            elif (
                isinstance(shape, ListShape)
                and isinstance(shape.item, StructureShape)
                and isinstance(child, list)
            ):
                for index, item in enumerate(child):
                    self.walk(shape.item.model, item, (*wire, spec.wire_name, index), model)


def _renumbered(parts: Parts, index_maps: dict[Parts, list[int]]) -> Parts:
    out: list[str | int] = []
    for part in parts:
        kept = index_maps.get(tuple(out))
        if kept is not None and isinstance(part, int) and 0 <= part < len(kept):
            part = kept[part]
        out.append(part)
    return tuple(out)


# -- encryption blocks ---------------------------------------------------------------------------


def _wire(model: type[Model], attribute: str) -> str:
    return model_plan(model).members[attribute].wire_name


@attrs.frozen
class _Block:
    """An encryption setting as lint reads it: a service rule's `KeyedMode` with its
    members' wire names."""

    model: type[Model]
    mode: str
    key: str
    kms_modes: frozenset[WireEnum]
    disabled: WireEnum


# The settings come from the service rules (`models.service_rules`), as the in-memory
# service and the strategies read them.
_BLOCKS = {
    rule.model: _Block(
        rule.model,
        _wire(rule.model, rule.mode),
        _wire(rule.model, rule.key),
        rule.kms_modes,
        rule.disabled,
    )
    for rule in KEYED_MODES
}
_ROLES = {rule.model: rule for rule in ROLE_MODES}
_ITEM_LIMITS = {rule.model: rule for rule in ITEM_LIMITS}
_INTERNAL = {rule.model: rule.member for rule in INTERNAL_MEMBERS}


def _given(value: Any) -> bool:
    """Whether a member is given a value: a non-empty string, or one known only at deploy
    (except a condition's, which may turn out to be no value at all)."""
    if isinstance(value, Unknown):
        return value.why != "Fn::If"
    return isinstance(value, str) and value != ""


def _mode(block: _Block, value: dict[str, Any]) -> WireEnum | Unknown | None:
    """The block's mode as its enum member; DISABLED where left out (the service's
    default); an `Unknown` where not known; None where not a valid mode (a schema rule
    reports that)."""
    mode = value.get(block.mode)
    if isinstance(mode, Unknown):
        return mode
    if mode is None:
        return block.disabled
    enum = type(block.disabled)
    return enum(mode) if isinstance(mode, str) and mode in enum.wire_values() else None


Check = Callable[["_Linter", type[Model], dict[str, Any], Parts, Any], None]


def _check_block(
    linter: _Linter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    block = _BLOCKS[model]
    mode = _mode(block, value)
    if mode is None or isinstance(mode, Unknown):
        return
    key = value.get(block.key)
    if mode in block.kms_modes and (key is None or key == ""):
        which = "an empty key" if key == "" else f"no {block.key}"
        linter.add(
            "GS102",
            f"{block.mode} {mode.value} with {which}: give the ARN of the KMS key to use",
            (*wire, block.key) if key == "" else wire,
        )
    elif mode not in block.kms_modes and _given(key):
        linter.add(
            "GS103",
            f"{block.key} is ignored with {block.mode} {mode.value}",
            (*wire, block.key),
        )


def _check_at_rest(
    linter: _Linter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    _check_block(linter, model, value, wire, parent)
    block, rule = _BLOCKS[model], _ROLES[model]
    mode = _mode(block, value)
    role_member = _wire(model, rule.role)
    role = value.get(role_member)
    if mode is None or isinstance(mode, Unknown):
        return
    if mode in rule.role_modes and (role is None or role == ""):
        linter.add("GS104", f"{block.mode} {mode.value} needs {role_member}", wire)
    elif mode not in rule.role_modes and _given(role):
        uses = " or ".join(sorted(str(m.value) for m in rule.role_modes))
        linter.add(
            "GS105",
            f"{role_member} is used only with {block.mode} {uses}, not {mode.value}",
            (*wire, role_member),
        )


def _check_password(
    linter: _Linter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    flag = value.get(_wire(ConnectionPasswordEncryption, "return_connection_password_encrypted"))
    key_member = _wire(ConnectionPasswordEncryption, "aws_kms_key_id")
    key = value.get(key_member)
    if flag is True and (key is None or key == ""):
        linter.add(
            "GS107",
            f"password encryption is on without {key_member}: the service fills in its "
            "default key, which then shows as drift",
            wire,
        )


def _check_catalog(
    linter: _Linter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    at_rest_member = _wire(DataCatalogEncryptionSettings, "encryption_at_rest")
    password_member = _wire(DataCatalogEncryptionSettings, "connection_password_encryption")
    at_rest, password = value.get(at_rest_member), value.get(password_member)
    if parent is operation("PutDataCatalogEncryptionSettings").input:
        for member_name, member_value in ((at_rest_member, at_rest), (password_member, password)):
            if member_value is None:
                linter.add(
                    "GS106",
                    f"{member_name} is left out: PutDataCatalogEncryptionSettings replaces "
                    "the whole document, so it will be reset",
                    wire,
                )
    # Catalog metadata: both SSE-KMS modes count as encrypted.
    if not isinstance(at_rest, Unknown):
        mode = (
            _mode(_BLOCKS[EncryptionAtRest], at_rest)
            if isinstance(at_rest, dict)
            else CatalogEncryptionMode.DISABLED
        )
        if mode is CatalogEncryptionMode.DISABLED:
            where = (*wire, at_rest_member) if at_rest is not None else wire
            linter.add("GS201", "catalog metadata is not encrypted", where)
    if not isinstance(password, Unknown):
        flag_member = _wire(ConnectionPasswordEncryption, "return_connection_password_encrypted")
        flag = password.get(flag_member) if isinstance(password, dict) else False
        if flag is False:
            where = (*wire, password_member) if password is not None else wire
            linter.add("GS202", "connection passwords are not encrypted", where)


# -- security configurations ------------------------------------------------------------------

_TARGETS: tuple[tuple[str, str, str], ...] = (
    ("GS203", _wire(EncryptionConfiguration, "s3_encryption"), "Amazon S3"),
    ("GS204", _wire(EncryptionConfiguration, "cloud_watch_encryption"), "CloudWatch logs"),
    ("GS205", _wire(EncryptionConfiguration, "job_bookmarks_encryption"), "job bookmark"),
    ("GS206", _wire(EncryptionConfiguration, "data_quality_encryption"), "data-quality"),
)


def _target_model(shape: Any) -> type[Model]:
    """The model of an `EncryptionConfiguration` member (of its items, for a list)."""
    return _target_model(shape.item) if isinstance(shape, ListShape) else shape.model


_TARGET_MODELS: dict[str, type[Model]] = {
    spec.wire_name: _target_model(spec.shape)
    for spec in model_plan(EncryptionConfiguration).members.values()
}

Verdict = str  # "encrypted", "disabled", "absent", "unknown" or "invalid"


def target_verdict(configuration: dict[str, Any], target: str) -> Verdict:
    """Whether an `EncryptionConfiguration` payload encrypts `target` (a member's wire
    name): "encrypted", "disabled", "absent", "unknown" (not known until deploy) or
    "invalid" (a mode the enum does not have, which a schema rule reports)."""
    value = configuration.get(target)
    if isinstance(value, Unknown):
        return "unknown"
    block = _BLOCKS[_TARGET_MODELS[target]]
    if isinstance(value, list):  # S3Encryption: one item, or (wrongly) more
        if not value:
            return "absent"
        verdicts = {
            "unknown" if isinstance(item, Unknown) else _block_verdict(block, item)
            for item in value
        }
        for verdict in ("invalid", "unknown", "encrypted"):
            if verdict in verdicts:
                return verdict
        return "disabled"
    if value is None:
        return "absent"
    return _block_verdict(block, value)


def _block_verdict(block: _Block, value: Any) -> Verdict:
    if not isinstance(value, dict):
        return "invalid"
    mode = _mode(block, value)
    if mode is None:
        return "invalid"
    if isinstance(mode, Unknown):
        return "unknown"
    return "disabled" if mode is block.disabled else "encrypted"


def _check_configuration(
    linter: _Linter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    limit = _ITEM_LIMITS.get(model)
    if limit is not None:
        name = _wire(model, limit.member)
        items = value.get(name)
        if isinstance(items, list) and len(items) > limit.most:
            most = "one" if limit.most == 1 else str(limit.most)
            linter.add(
                "GS101",
                f"{name} holds {len(items)} items; the service takes {most}",
                (*wire, name),
            )
    for rule_id, target, what in _TARGETS:
        verdict = target_verdict(value, target)
        if verdict in ("disabled", "absent"):
            where = (*wire, target) if verdict == "disabled" else wire
            linter.add(rule_id, f"{what} encryption is {verdict}", where)


# -- resource policies ---------------------------------------------------------------------------

POLICY_VERSION = "2012-10-17"
EFFECTS = ("Allow", "Deny")
#: Condition keys that restrict a grant to an account or organisation (lower case).
RESTRICTING_KEYS = frozenset(
    key.lower()
    for key in (
        "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
        "aws:SourceOwner",
    )
)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _account_of(principal: str) -> str | None:
    if len(principal) == 12 and principal.isdigit():
        return principal
    fields = principal.split(":")
    if len(fields) >= 6 and fields[0] == "arn" and fields[4].isdigit():
        return fields[4]
    return None


def _aws_principals(principal: Any) -> list[str]:
    if principal == "*":
        return ["*"]
    if isinstance(principal, dict):
        return [p for p in _as_list(principal.get("AWS")) if isinstance(p, str)]
    return []


def _restricted(condition: Any) -> bool:
    if not isinstance(condition, dict):
        return False
    for test in condition.values():
        if isinstance(test, dict):
            for key, expected in test.items():
                values = _as_list(expected)
                if (
                    isinstance(key, str)
                    and key.lower() in RESTRICTING_KEYS
                    and values
                    and "*" not in values
                ):
                    return True
    return False


def _check_policy_text(linter: _Linter, text: Any, wire: Parts) -> None:
    if not isinstance(text, str):
        return
    try:
        policy = json.loads(text)
    except (ValueError, RecursionError):
        return  # a schema rule reports it
    if not isinstance(policy, dict):
        return
    version = policy.get("Version")
    if version != POLICY_VERSION:
        got = "no Version" if version is None else f"Version {version!r}"
        linter.add("GS209", f"the policy has {got}, not {POLICY_VERSION!r}", wire)
    for index, statement in enumerate(_as_list(policy.get("Statement"))):
        if isinstance(statement, dict):
            _check_statement(linter, statement, f"Statement[{index}]", wire)


def _check_statement(linter: _Linter, statement: dict[str, Any], name: str, wire: Parts) -> None:
    effect = statement.get("Effect")
    if effect not in EFFECTS:
        linter.add("GS210", f"{name}: Effect {effect!r} is neither 'Allow' nor 'Deny'", wire)
    for key in ("Action", "NotAction"):
        for action in _as_list(statement.get(key, [])):
            if isinstance(action, str) and action != "*" and not action.lower().startswith("glue:"):
                linter.add("GS211", f"{name}: {key} {action!r} is not a Glue action", wire)
    if effect != "Allow":
        return
    principals = _aws_principals(statement.get("Principal"))
    if "*" in principals and not _restricted(statement.get("Condition")):
        linter.add(
            "GS207",
            f'{name} allows every principal ("*") with no condition restricting it to an '
            "account or organisation",
            wire,
        )
    owners = {
        account
        for resource in _as_list(statement.get("Resource", []))
        if isinstance(resource, str)
        for account in [_account_of(resource)]
        if account is not None
    }
    if owners:
        for principal in principals:
            account = _account_of(principal)
            if account is not None and account not in owners:
                linter.add(
                    "GS208",
                    f"{name} grants to account {account}, which does not own its resources",
                    wire,
                )


def _check_put_policy(
    linter: _Linter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    arn = _wire(model, _INTERNAL[model])
    if value.get(arn) is not None:
        message = f"{arn} on PutResourcePolicy is documented as 'do not use'"
        linter.add("GS108", message, (*wire, arn))
    exists, hash_condition = (
        _wire(model, "policy_exists_condition"),
        _wire(model, "policy_hash_condition"),
    )
    if value.get(exists) in (None, ExistCondition.NONE.value) and value.get(hash_condition) is None:
        conditions = f"{ExistCondition.MUST_EXIST.value} or {ExistCondition.NOT_EXIST.value}"
        linter.add(
            "GS109",
            f"neither {exists} ({conditions}) nor {hash_condition}: the put "
            "overwrites any policy written since it was read",
            wire,
        )
    policy = _wire(model, "policy_in_json")
    _check_policy_text(linter, value.get(policy), (*wire, policy))


def _check_policy(
    linter: _Linter, model: type[Model], value: dict[str, Any], wire: Parts, parent: Any
) -> None:
    name = _wire(model, "policy_in_json")
    _check_policy_text(linter, value.get(name), (*wire, name))


def _checks() -> dict[type[Model], Check]:
    checks: dict[type[Model], Check] = {model: _check_block for model in _BLOCKS}
    for model in _ROLES:
        checks[model] = _check_at_rest
    checks[ConnectionPasswordEncryption] = _check_password
    checks[DataCatalogEncryptionSettings] = _check_catalog
    checks[EncryptionConfiguration] = _check_configuration
    checks[operation("PutResourcePolicy").input] = _check_put_policy
    checks[operation("GetResourcePolicy").output] = _check_policy
    checks[GluePolicy] = _check_policy
    return checks


_CHECKS = _checks()
