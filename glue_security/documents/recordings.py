"""Recorded responses: API calls that placebo (and Cloud Custodian's tests, which use it)
saved as JSON, one call a file.

    glue.GetResourcePolicy_1.json:  {"status_code": 200, "data": {"PolicyInJson": ...}}

The file's name says the call, `<service>.<Operation>_<n>.json`; `data` is the response as
boto3 returned it, `ResponseMetadata` included, with each `datetime` written as an object
of its parts (`{"__class__": "datetime", "year": 2020, ...}`, in UTC).
"""

from __future__ import annotations

import datetime
import os
import re
from typing import Any

__all__ = ["Recording", "decoded", "recording", "recording_call"]

#: The keys placebo writes, and nothing else.
RECORDING_KEYS = frozenset({"status_code", "data"})
#: placebo's form of a `datetime`: its class name and these parts.
_DATETIME_PARTS = ("year", "month", "day", "hour", "minute", "second", "microsecond")
_DATETIME_KEYS = frozenset({"__class__", *_DATETIME_PARTS})
_MAX_DEPTH = 32  # a response's members nest a few levels; a policy is JSON text
#: placebo's `<service>.<Operation>_<n>.json`, at the end of a name (a copy may carry a prefix,
#: `test_encryption__glue.GetResourcePolicy_1.json`).
_FILE_NAME = re.compile(
    r"(?<![a-z0-9-])(?P<service>[a-z0-9-]+)\.(?P<operation>[A-Za-z0-9]+)_[0-9]+\.json\Z"
)


class Recording:
    """One recorded call: its HTTP status and its response (`data`)."""

    __slots__ = ("data", "status_code")

    def __init__(self, status_code: int, data: dict[str, Any]) -> None:
        self.status_code = status_code
        self.data = data

    @property
    def succeeded(self) -> bool:
        """Whether the call succeeded (a failed call's `data` is the error, not a response)."""
        return 200 <= self.status_code < 300


def recording(data: Any) -> Recording | None:
    """The recorded call `data` is, or None for any other document."""
    if type(data) is not dict or data.keys() != RECORDING_KEYS:
        return None
    status, response = data["status_code"], data["data"]
    if type(status) is not int or type(response) is not dict:
        return None
    return Recording(status, response)


def recording_call(name: str | None) -> tuple[str, str] | None:
    """The service and operation a recording's file name says (`glue.GetResourcePolicy_1.json`
    gives `("glue", "GetResourcePolicy")`), or None for another name."""
    if name is None:
        return None
    found = _FILE_NAME.search(os.path.basename(name))
    return (found["service"], found["operation"]) if found else None


def decoded(value: Any, depth: int = 0) -> Any:
    """`value` with each of placebo's `datetime` objects turned into epoch seconds (the wire
    form of a timestamp); an object that is not a valid date is left as it is, for the
    checks to report, and so is anything nested deeper than any response goes."""
    if depth > _MAX_DEPTH:
        return value
    if type(value) is dict:
        if value.keys() == _DATETIME_KEYS and value["__class__"] == "datetime":
            return _epoch_seconds(value)
        return {key: decoded(item, depth + 1) for key, item in value.items()}
    if type(value) is list:
        return [decoded(item, depth + 1) for item in value]
    return value


def _epoch_seconds(parts: dict[str, Any]) -> Any:
    numbers = {name: parts[name] for name in _DATETIME_PARTS}
    if not all(type(number) is int for number in numbers.values()):
        return parts
    try:
        moment = datetime.datetime(**numbers, tzinfo=datetime.timezone.utc)
    except (ValueError, OverflowError):
        return parts
    return moment.timestamp()
