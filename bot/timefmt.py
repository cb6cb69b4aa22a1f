"""Times shown to people: stored in UTC, shown in the reader's zone and language (Babel)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime


def local_datetime(at: datetime, zone: str, locale: str, fmt: str = "medium") -> str:
    """'26 nov 2026, 10:03:00' style, in `zone`; `fmt` is a Babel width or pattern."""
    return format_datetime(at, format=fmt, tzinfo=ZoneInfo(zone), locale=locale)


def short_datetime(at: datetime, zone: str, locale: str) -> str:
    """Date and minutes, no seconds: what a phone screen needs."""
    return format_datetime(at, format="d MMM y, HH:mm", tzinfo=ZoneInfo(zone), locale=locale)
