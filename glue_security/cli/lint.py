"""`glue-security lint` and `glue-security rules`: a thin layer over the lint engine.

Files are read as `validate` reads them (the same options, positions and report formats),
and CloudFormation's short-form YAML tags are read too. Settings come from the command
line and from a `[tool.glue-security]` table in the nearest `pyproject.toml`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

import attrs

from .._version import __version__
from ..documents.findings import SEVERITIES, Severity
from ..documents.sources import FORMATS, LINT_FORMATS
from ..models.operations import operation
from ..models.registry import shape
from .common import (
    ERROR_CODE_RULES,
    EXIT_INVALID,
    EXIT_VALID,
    UsageError,
    add_file_arguments,
    check_files,
    use_color,
)
from .report import FileResult, Tool, write_report

if TYPE_CHECKING:
    from ..linter.rules import Rule

# The linter (its rules, engine and input readers) is imported where a command runs it:
# building the parser for `glue-security validate` must not pay for it.

__all__ = ["FAIL_ON", "add_lint_commands", "exit_status"]

FailOn = Literal["error", "warning", "note", "never"]
FAIL_ON: tuple[FailOn, ...] = ("error", "warning", "note", "never")

FILE_LEVEL_CODES = {
    **{
        code: ERROR_CODE_RULES[code]
        for code in ("json", "yaml", "read", "size", "yaml-support", "duplicate", "range")
    },
    "input": "A file lint cannot read as an envelope, AWS CLI output, a CloudFormation "
    "template, a Terraform configuration, plan or state.",
    "hcl": "Text that is not valid HCL (Terraform's native syntax).",
    "hcl-support": "A .tf file, where python-hcl2 is not installed.",
}
#: GitHub code scanning ranks alerts by `security-severity` (0.1-3.9 low, 4-6.9 medium,
#: 7-8.9 high, 9+ critical): each rule's from its severity.
SECURITY_SEVERITY: dict[Severity, str] = {"error": "7.5", "warning": "5.0", "note": "2.0"}


def _sarif_rule(rule: Rule, rules_url: str | None) -> dict[str, Any]:
    """A rule's SARIF record: its page (`helpUri`, where the pages' address is known), its
    text, and what code scanning ranks it by."""
    text = f"{rule.rationale}\n\nFix:\n{rule.fix}"
    markdown = f"{rule.rationale}\n\n**Fix**\n\n```\n{rule.fix}\n```"
    page = {}
    if rules_url:
        uri = f"{rules_url.rstrip('/')}/{rule.id}.md"
        markdown += f"\n\n[{rule.id}]({uri})"
        page["helpUri"] = uri
    tags = ["security", rule.kind] if rule.kind in ("posture", "service") else [rule.kind]
    return {
        **page,
        "help": {"text": text, "markdown": markdown},
        "properties": {
            "tags": tags,
            "security-severity": SECURITY_SEVERITY[rule.severity],
            "precision": "very-high" if rule.kind == "schema" else "high",
        },
    }


@cache
def report_tool(rules_url: str | None = None) -> Tool:
    """The report's tool: every rule's id, title, level and SARIF record (linking to its
    page under `rules_url`, the address of docs/rules/), and the file-level codes."""
    from ..linter.rules import RULES

    return Tool(
        "glue-security",
        __version__,
        {**{rule.id: rule.title for rule in RULES.values()}, **FILE_LEVEL_CODES},
        levels={rule.id: rule.severity for rule in RULES.values()},
        sarif_rules={rule.id: _sarif_rule(rule, rules_url) for rule in RULES.values()},
    )


LINT_HELP = """\
Each file is one of:
  an envelope file, as validate reads it ({"Operation": ..., "Request": {...}});
  AWS CLI or boto3 output of a Get operation (aws glue get-security-configurations);
  a CloudFormation template, JSON or YAML (short-form tags such as !Ref and !GetAtt
    are read): AWS::Glue::SecurityConfiguration, AWS::Glue::DataCatalogEncryptionSettings;
  a Terraform plan or state (terraform show -json): aws_glue_security_configuration,
    aws_glue_data_catalog_encryption_settings, aws_glue_resource_policy;
  CloudTrail: log files ({"Records": [...]}, .json.gz too), single or EventBridge
    events, aws cloudtrail lookup-events output, JSON Lines exports (.jsonl): the ten
    operations' requests;
  a Terraform configuration (.tf, .tf.json; .tf needs glue-security[hcl]): the files
    of a directory are read together as one module; variables' defaults decide values
    where no .tfvars file sets them. Suppress rules in a resource block with
    # glue-security:ignore GS203
A directory is searched for .json, .yaml, .yml, .tf, .tfvars, .jsonl, .json.gz and
.jsonl.gz files.
A value known only at deploy (an intrinsic function, a Terraform unknown) is never a
finding by itself; --verbose lists them. Suppress rules for one template resource with
  Metadata: {glue-security: {ignore: [GS203]}}
and for a project in pyproject.toml:
  [tool.glue-security]
  ignore = ["GS208"]
  severity = "warning"
  fail-on = "error"
  exclude = ["drafts/*"]"""

LINT_EXAMPLES = """\
examples:
  glue-security lint template.yaml
  cdk synth > stack.json && glue-security lint stack.json --format github
  terraform show -json plan.out | glue-security lint --stdin-filename plan.json -
  aws glue get-security-configurations | glue-security lint -
  glue-security lint infra/ --severity warning --ignore GS208 --format sarif
  glue-security rules

exit status: 1 a finding at or above --fail-on (default: any finding) or an unreadable
file, 0 otherwise, 2 a wrong command line
"""


@attrs.frozen
class Config:
    """Settings from `[tool.glue-security]`: rules to ignore, the severity threshold, paths
    to exclude and the severity that fails the run (`fail-on`)."""

    ignore: tuple[str, ...] = ()
    severity: Severity | None = None
    exclude: tuple[str, ...] = ()
    path: str | None = None
    fail_on: FailOn | None = None


_CONFIG_KEYS = {"ignore", "severity", "exclude", "fail-on"}


def _toml() -> Any:
    for name in ("tomllib", "tomli"):  # tomllib from Python 3.11; tomli before
        try:
            return importlib.import_module(name)
        except ImportError:
            pass
    raise UsageError(
        "reading pyproject.toml on Python 3.10 needs tomli: pip install 'glue-security[toml]'"
    )


def find_pyproject(start: Path) -> Path | None:
    """The nearest `pyproject.toml` in `start` or a directory above it."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


#: A line that can set `tool.glue-security` (TOML keys and table headers start a line): the
#: table's header, a dotted key, or a `[tool]` table or `tool = {...}` that may hold it.
_MAY_CONFIGURE = re.compile(
    rb"""^[ \t]*(?:\[{1,2}[ \t]*)?["']?tool["']?[ \t]*(?:\]|=|\.[ \t]*["']?glue-security)""",
    re.MULTILINE,
)


def read_config(path: Path | None) -> Config:
    """The `[tool.glue-security]` table of `path` (a missing table is an empty one).
    A malformed file or table is a usage error."""
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if _MAY_CONFIGURE.search(raw) is None:  # most projects' files: no TOML parse
        return Config(path=str(path))
    toml = _toml()
    try:
        document = toml.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    table = document.get("tool", {}).get("glue-security", {})
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.glue-security] is not a table")
    unknown = sorted(set(table) - _CONFIG_KEYS)
    if unknown:
        raise UsageError(
            f"{path}: [tool.glue-security] has no setting {', '.join(map(repr, unknown))}; "
            f"it has {', '.join(sorted(_CONFIG_KEYS))}"
        )
    severity = table.get("severity")
    if severity is not None and severity not in SEVERITIES:
        raise UsageError(f"{path}: severity must be one of {', '.join(SEVERITIES)}")
    lists = {}
    for key in ("ignore", "exclude"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise UsageError(f"{path}: {key} must be a list of strings")
        lists[key] = tuple(value)
    _check_rule_ids(lists["ignore"], f"{path}: ignore")
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"{path}: fail-on must be one of {', '.join(FAIL_ON)}")
    return Config(lists["ignore"], severity, lists["exclude"], str(path), fail_on)


# Problems of a file's text that lint reports beside its rules, and that can be ignored
# as a rule is (by the whole code): the other file-level codes say a file went unchecked.
IGNORABLE_CODES = ("duplicate", "range")


def _check_rule_ids(ids: Sequence[str], where: str) -> None:
    from ..linter.rules import RULES

    for rule_id in ids:
        if not rule_id.strip():  # as a prefix, it would start every id: nothing checked
            raise UsageError(f"{where}: an empty rule id (it would ignore every rule)")
        if rule_id in IGNORABLE_CODES:
            continue
        if not any(known.startswith(rule_id) for known in RULES):
            raise UsageError(f"{where}: no rule {rule_id!r} (see glue-security rules)")


def _ignore_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _lint(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .lint_files import TerraformModules, is_terraform_name, lint_file

    try:
        if args.shape is not None:
            shape(args.shape)
        if args.operation is not None:
            operation(args.operation)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    config = read_config(
        Path(args.config) if args.config else find_pyproject(Path(os.getcwd()).resolve())
    )
    ignore = [*config.ignore, *(i for text in args.ignore or () for i in _ignore_list(text))]
    _check_rule_ids(ignore, "--ignore")
    args.ignore = tuple(ignore)
    args.severity = args.severity or config.severity or "note"
    args.fail_on = args.fail_on or config.fail_on or "note"
    args.exclude = [*config.exclude, *(args.exclude or ())]
    modules = TerraformModules(args)

    def check(path: str) -> FileResult:
        name = args.stdin_filename if path == "-" and args.stdin_filename else path
        return modules.result(path) if is_terraform_name(name) else lint_file(path, args)

    def module(path: str) -> str:  # a module's files are linted together, in one process
        return os.path.dirname(path) if is_terraform_name(path) else path

    results = check_files(args, err, check, (*FORMATS, *LINT_FORMATS), together=module)
    if args.baseline is not None:
        results = _with_baseline(args, results, err)
    status = exit_status(results, args.fail_on)
    shown = [_shown(result, args.severity, args.verbose) for result in results]
    if args.output is None:
        write_report(
            args.format,
            shown,
            out,
            report_tool(args.rules_url),
            quiet=args.quiet,
            color=use_color(args, out),
        )
        return status
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as handle:
            write_report(args.format, shown, handle, report_tool(args.rules_url), quiet=args.quiet)
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return status


def exit_status(results: Sequence[FileResult], fail_on: FailOn) -> int:
    """1 where a file could not be checked, or a finding is at least as severe as
    `fail_on` (the notes on what the input leaves unchecked never count); else 0. Nothing
    else (what is shown, `--verbose`, `--severity`) changes it."""
    from ..linter.rules import UNCHECKED_NOTES

    if fail_on == "never":
        return EXIT_VALID
    threshold = SEVERITIES.index(fail_on)
    for result in results:
        if result.error is not None:
            return EXIT_INVALID
        for finding in result.findings:
            if (
                finding.code not in UNCHECKED_NOTES
                and SEVERITIES.index(finding.severity) <= threshold
            ):
                return EXIT_INVALID
    return EXIT_VALID


def _shown(result: FileResult, severity: Severity, verbose: bool) -> FileResult:
    """The findings a report shows: at least as severe as `severity`; the unknown values'
    notes only with `verbose`."""
    from ..linter.rules import UNKNOWN_VALUE

    threshold = SEVERITIES.index(severity)
    kept = tuple(
        finding
        for finding in result.findings
        if SEVERITIES.index(finding.severity) <= threshold
        and (verbose or finding.code != UNKNOWN_VALUE)
    )
    return result if len(kept) == len(result.findings) else attrs.evolve(result, findings=kept)


def _with_baseline(
    args: argparse.Namespace, results: list[FileResult], err: TextIO
) -> list[FileResult]:
    """Record the findings where the baseline file does not exist yet (or with
    `--update-baseline`); otherwise leave out those it records."""
    from .baseline import Baseline, BaselineError, write_baseline  # hashlib: only here

    path = args.baseline
    try:
        if args.update_baseline or not os.path.exists(path):
            count = write_baseline(path, results)
            err.write(f"glue-security: recorded {count} findings in the baseline {path}\n")
            return [FileResult(result.file, shapes=result.shapes) for result in results]
        kept, left_out = Baseline.read(path).new_only(results)
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    if left_out:
        err.write(f"glue-security: {left_out} findings recorded in {path} are not shown\n")
    return kept


def _rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..linter.rules import RULES

    for rule in RULES.values():
        out.write(f"{rule.id}\t{rule.severity}\t{rule.kind}\t{rule.title}\n")
    return EXIT_VALID


def add_lint_commands(commands: Any) -> None:
    lint = commands.add_parser(
        "lint",
        help="check API payloads, CloudFormation templates and Terraform plans against "
        "the service's rules and security posture",
        description="Report schema problems, service rules the model does not state, and "
        "security posture, as FILE:LINE:COLUMN: RESOURCE $.path: message [GS...].\n\n" + LINT_HELP,
        epilog=LINT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_file_arguments(lint)
    lint.add_argument(
        "--severity",
        choices=SEVERITIES,
        help="report findings of this severity and above (default: note, everything)",
    )
    lint.add_argument(
        "--ignore",
        action="append",
        metavar="GS...",
        help="leave out these rules: ids or prefixes, comma-separated (GS208,GS2), or the "
        f"codes {' and '.join(IGNORABLE_CODES)}; repeatable",
    )
    lint.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also list each value not known until deploy, which was not checked (GS900); "
        "never changes the exit status",
    )
    lint.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        help="exit 1 when a finding of this severity or above is found (default: note, any "
        "finding; never: exit 0 whatever is found). Only this decides the exit status: "
        "--severity only hides findings",
    )
    lint.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE rather than stdout"
    )
    lint.add_argument(
        "--rules-url",
        metavar="URL",
        help="the address of the rule pages (docs/rules/ of glue-security's repository, at "
        "the version you run): each SARIF rule then links to its page (helpUri). The GitHub "
        "Action sets it",
    )
    lint.add_argument(
        "--baseline",
        metavar="FILE",
        help="leave out (and do not fail on) the findings recorded in FILE; where FILE does "
        "not exist, record today's findings in it. Findings are matched by rule, file, "
        "resource and path, not by line",
    )
    lint.add_argument(
        "--update-baseline",
        action="store_true",
        help="with --baseline: record today's findings in FILE, replacing what it holds",
    )
    lint.add_argument(
        "--skip-unknown-files",
        action="store_true",
        help="pass over files that are none of the kinds lint reads, rather than report "
        "them (for a pre-commit hook over every JSON and YAML file)",
    )
    lint.add_argument(
        "--config",
        metavar="PYPROJECT",
        help="read [tool.glue-security] from this file (default: the nearest pyproject.toml)",
    )
    lint.set_defaults(run=_lint)

    rules = commands.add_parser(
        "rules",
        help="list the lint rules",
        description="List the lint rules, one a line: ID<TAB>SEVERITY<TAB>KIND<TAB>TITLE. "
        "docs/rules/ has a page for each.",
    )
    rules.set_defaults(run=_rules)
