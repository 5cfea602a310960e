"""Time on the wire: reading ISO-8601 text, and the epoch seconds the JSON protocol sends."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Final

__all__ = ["EPOCH", "epoch_seconds", "parse_iso8601"]

EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)

# Our own reading of ISO 8601 (date, optional time with any fraction, optional Z or offset),
# so that every supported Python accepts the same strings (3.10's fromisoformat is narrower).
# ASCII digits only: without re.ASCII, \d matches every Unicode digit ('２０２４').
_ISO8601 = (
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))?"
)


def parse_iso8601(text: str) -> datetime | None:
    """The datetime an ISO-8601 string names (naive when it has no offset), or None."""
    match = re.fullmatch(_ISO8601, text, re.ASCII)  # compiled on first use, then cached by re
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    try:
        offset = None
        if zulu:
            offset = timezone.utc
        elif sign:
            delta = timedelta(hours=int(off_h), minutes=int(off_m))
            offset = timezone(-delta if sign == "-" else delta)
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=offset,
        )
    except ValueError:  # e.g. month 13, or an offset of a day or more
        return None


def epoch_seconds(value: datetime) -> int | float:
    """Exact epoch seconds: an int when whole, else the float nearest the microsecond value."""
    delta = value - EPOCH
    seconds = delta.days * 86_400 + delta.seconds
    if delta.microseconds == 0:
        return seconds
    return (seconds * 1_000_000 + delta.microseconds) / 1_000_000
