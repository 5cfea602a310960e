"""Time on the wire: reading ISO-8601 text, and the epoch seconds the JSON protocol sends."""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone
from typing import Final

__all__ = ["EPOCH", "EPOCH_SECONDS_END", "EPOCH_SECONDS_MIN", "epoch_seconds", "parse_iso8601"]

EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)
_SECOND: Final = timedelta(seconds=1)
#: Epoch seconds of 0001-01-01T00:00:00Z, the first instant a datetime holds (inclusive).
EPOCH_SECONDS_MIN: Final = (datetime.min.replace(tzinfo=timezone.utc) - EPOCH) // _SECOND
#: Epoch seconds of 10000-01-01T00:00:00Z, the first instant past the last a datetime holds
#: (exclusive): every number below it, and at or above the minimum, is a timestamp.
EPOCH_SECONDS_END: Final = (datetime.max.replace(tzinfo=timezone.utc) - EPOCH) // _SECOND + 1

# Our own reading of ISO 8601 (date, optional time with any fraction, optional Z or offset),
# so that every supported Python accepts the same strings (3.10's fromisoformat is narrower).
# Both the extended format (2024-05-06T07:08:09Z) and the basic one (20240506T070809Z).
_ISO8601_EXTENDED = (
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?)?"
    r"(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))?"
)
_ISO8601_BASIC = (
    r"([0-9]{4})([0-9]{2})([0-9]{2})"
    r"(?:[Tt]([0-9]{2})([0-9]{2})(?:([0-9]{2})(?:[.,]([0-9]+))?)?)?"
    r"(?:([Zz])|([+-])([0-9]{2})([0-9]{2}))?"
)


def parse_iso8601(text: str) -> datetime | None:
    """The datetime an ISO-8601 string names (naive when it has no offset), or None."""
    # Compiled on first use, then cached by re.
    match = re.fullmatch(_ISO8601_EXTENDED, text) or re.fullmatch(_ISO8601_BASIC, text)
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
    """Exact epoch seconds: an int when whole, else the float nearest the microsecond value.

    Near the end of year 9999 the nearest float can be the end itself, which no datetime
    holds: the float below it is written instead, so that what validated parses again.
    """
    delta = value - EPOCH
    seconds = delta.days * 86_400 + delta.seconds
    if delta.microseconds == 0:
        return seconds
    nearest = (seconds * 1_000_000 + delta.microseconds) / 1_000_000
    if nearest >= EPOCH_SECONDS_END:
        return math.nextafter(float(EPOCH_SECONDS_END), 0.0)
    return nearest
