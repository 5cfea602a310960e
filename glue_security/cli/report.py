"""Report formats for the command line: text, json, sarif and github.

They take generic findings, not `ValidationError`: a `Finding` is one problem (message,
code, wire path, line and column, severity), a `FileResult` is what one file gave (its
findings, the shapes it held, or a file-level error where it could not be checked), and a
`Tool` names the program and describes its codes (one SARIF rule per code). Any checker
that produces findings can report through `write_report`.
"""

from __future__ import annotations

import codecs
import json
import operator
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TextIO, TypeVar

import attrs

from ..documents.findings import Severity, display_name, printable

__all__ = [
    "FORMATS",
    "FileResult",
    "Finding",
    "Tool",
    "write_json",
    "write_report",
]


ResultClass = TypeVar("ResultClass", bound=type)


def _pickled_as_fields(cls: ResultClass) -> ResultClass:
    """`cls` pickled as its fields in order, a plain tuple: the results a forked worker
    sends back (cli.parallel) cost half what attrs' state dicts do."""
    names = [field.name for field in attrs.fields(cls)]
    fields = operator.attrgetter(*names)
    assert len(names) > 1  # attrgetter gives one name's value alone, not in a tuple

    def reduce(self: object) -> tuple[type, tuple[Any, ...]]:
        return cls, fields(self)

    setattr(cls, "__reduce__", reduce)  # noqa: B010 (a method added to a built class)
    return cls


@_pickled_as_fields
@attrs.frozen
class Finding:
    """One problem, where it is: `path` is the wire path within the document (`$.Name`),
    `document` the index of the document in a file that holds a list of them, `resource`
    the template resource (logical id or plan address) it belongs to, if any."""

    message: str
    code: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    document: int | None = None
    severity: Severity = "error"
    resource: str | None = None

    def where(self) -> str | None:
        """The resource and the path, as reports show them before the message (the
        resource quoted where it could forge a line or a workflow command)."""
        if self.resource is None:
            return self.path
        resource = display_name(self.resource)
        return resource if self.path is None else f"{resource} {self.path}"

    def located_message(self) -> str:
        """The message, after its resource and path where it has them."""
        where = self.where()
        return self.message if where is None else f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "document": self.document,
            "severity": self.severity,
            **({} if self.resource is None else {"resource": self.resource}),
        }


@_pickled_as_fields
@attrs.frozen
class FileResult:
    """What checking one file gave. `error` is set when the file could not be checked at
    all (unreadable, too large, no envelope); `findings` are the problems in its content."""

    file: str
    findings: tuple[Finding, ...] = ()
    shapes: tuple[str, ...] = ()
    error: Finding | None = None

    @property
    def valid(self) -> bool:
        return self.error is None and not any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "valid": self.valid,
            "shapes": list(self.shapes),
            "errors": [finding.to_dict() for finding in self.findings],
            "error": None if self.error is None else self.error.to_dict(),
        }

    def all_findings(self) -> tuple[Finding, ...]:
        return self.findings if self.error is None else (self.error, *self.findings)


@attrs.frozen
class Tool:
    """The program that found the problems, and a one-line description of each code."""

    name: str
    version: str
    rules: Mapping[str, str]
    #: Each code's default level where it is not "error" (SARIF's defaultConfiguration).
    levels: Mapping[str, Severity] = attrs.field(factory=dict)
    #: More of each code's SARIF reportingDescriptor: `helpUri`, `help`, `properties`
    #: (`tags`, `security-severity`, which GitHub code scanning ranks alerts by).
    sarif_rules: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)


# -- text ------------------------------------------------------------------------------------

_STYLES = {"file": "1", "path": "36", "error": "31", "warning": "33", "note": "34", "ok": "32"}


def _text(
    results: Sequence[FileResult], out: TextIO, tool: Tool, *, quiet: bool, color: bool
) -> None:
    def style(kind: str, text: str) -> str:
        return f"\x1b[{_STYLES[kind]}m{text}\x1b[0m" if color else text

    for result in results:
        name = display_name(result.file)
        if result.valid and not result.findings:
            if not quiet:
                # Shapes, or a template's logical ids and a plan's addresses: names too.
                shapes = ", ".join(map(display_name, result.shapes)) or "nothing to check"
                out.write(f"{style('file', name)}: {style('ok', 'ok')} ({shapes})\n")
            continue
        for finding in result.all_findings():
            where = name
            if finding.line is not None:
                where += f":{finding.line}"
                if finding.column is not None:
                    where += f":{finding.column}"
            located = finding.where()
            path = f"{style('path', printable(located))}: " if located is not None else ""
            code = style(finding.severity, f"[{printable(finding.code)}]")
            out.write(f"{style('file', where)}: {path}{printable(finding.message)} {code}\n")


# -- json ------------------------------------------------------------------------------------


def _json(
    results: Sequence[FileResult], out: TextIO, tool: Tool, *, quiet: bool, color: bool
) -> None:
    shown = [r.to_dict() for r in results if not (quiet and r.valid and not r.findings)]
    write_json(shown, out)


def write_json(document: object, out: TextIO) -> None:
    """JSON text that stays valid JSON whatever `out` encodes to: non-ASCII characters as
    they are where `out` takes any of them (UTF-8, or a text buffer), escaped otherwise
    (a cp1252 console would turn them into backslash escapes that JSON does not have)."""
    json.dump(document, out, indent=2, ensure_ascii=not _takes_unicode(out))
    out.write("\n")


def _takes_unicode(out: TextIO) -> bool:
    encoding = getattr(out, "encoding", None)
    if encoding is None:  # a text buffer such as io.StringIO
        return True
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32")
    except LookupError:
        return False


# -- sarif -----------------------------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVELS: dict[Severity, str] = {"error": "error", "warning": "warning", "note": "note"}


def _uri(name: str) -> str:
    """A file name as a SARIF artifact URI: relative names stay relative (GitHub reads them
    from the repository root), absolute ones become file: URIs."""
    # The file system's bytes, so that a name that is not UTF-8 (read with surrogate
    # escapes) is quoted byte for byte rather than failing to encode.
    from urllib.parse import quote  # SARIF only: the other formats start without it

    path = os.fsencode(name.replace(os.sep, "/"))
    if os.path.isabs(name):
        return "file://" + quote(path)
    return quote(path)


def _sarif_rule(tool: Tool, code: str, description: str) -> dict[str, Any]:
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": description},
        "defaultConfiguration": {"level": _SARIF_LEVELS[tool.levels.get(code, "error")]},
        **tool.sarif_rules.get(code, {}),
    }


def _sarif(
    results: Sequence[FileResult], out: TextIO, tool: Tool, *, quiet: bool, color: bool
) -> None:
    rules = dict(tool.rules)
    for result in results:
        for finding in result.all_findings():
            rules.setdefault(finding.code, finding.code)
    index = {code: i for i, code in enumerate(rules)}
    sarif_results = []
    for result in results:
        for finding in result.all_findings():
            location: dict[str, Any] = {"artifactLocation": {"uri": _uri(result.file)}}
            if finding.line is not None:
                region = {"startLine": finding.line}
                if finding.column is not None:
                    region["startColumn"] = finding.column
                location["region"] = region
            entry: dict[str, Any] = {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": _SARIF_LEVELS[finding.severity],
                "message": {"text": finding.located_message()},
                "locations": [{"physicalLocation": location}],
            }
            if finding.path is not None:
                entry["locations"][0]["logicalLocations"] = [
                    {"fullyQualifiedName": finding.path, "kind": "member"}
                ]
            if finding.resource is not None:
                entry.setdefault("properties", {})["resource"] = finding.resource
            sarif_results.append(entry)
    driver: dict[str, Any] = {
        "name": tool.name,
        "version": tool.version,
        "semanticVersion": tool.version,
        "rules": [_sarif_rule(tool, code, description) for code, description in rules.items()],
    }
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    write_json(document, out)


# -- github ----------------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    """Text as an annotation's message: percent-encoded as GitHub's workflow-command docs
    say (GitHub decodes %25, %0D and %0A), and every other unprintable character (ESC,
    BEL, DEL, a bidirectional control, U+2028) escaped, since GitHub would keep it."""
    encoded = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(encoded)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_COMMANDS: dict[Severity, str] = {"error": "error", "warning": "warning", "note": "notice"}


def _github(
    results: Sequence[FileResult], out: TextIO, tool: Tool, *, quiet: bool, color: bool
) -> None:
    """GitHub Actions workflow commands: one annotation per problem."""
    for result in results:
        for finding in result.all_findings():
            properties = [f"file={_escape_property(result.file)}"]
            if finding.line is not None:
                properties.append(f"line={finding.line}")
                if finding.column is not None:
                    properties.append(f"col={finding.column}")
            properties.append(f"title={_escape_property(f'{tool.name} [{finding.code}]')}")
            message = finding.located_message()
            command = _GITHUB_COMMANDS[finding.severity]
            out.write(f"::{command} {','.join(properties)}::{_escape_data(message)}\n")


Formatter = Callable[..., None]
FORMATS: dict[str, Formatter] = {"text": _text, "json": _json, "sarif": _sarif, "github": _github}


def write_report(
    format: str,
    results: Iterable[FileResult],
    out: TextIO,
    tool: Tool,
    *,
    quiet: bool = False,
    color: bool = False,
) -> None:
    """Write `results` to `out` in `format` (a key of `FORMATS`). `quiet` leaves out files
    with nothing to report (text and json); `color` styles text for a terminal."""
    FORMATS[format](list(results), out, tool, quiet=quiet, color=color)
