"""ISO-8601 durations for reminder offsets and follow-up delays: P7D, PT1H, PT30S, P1DT12H.

Years and months are refused: their length depends on the calendar, and "1 month before" a
workshop is rarely what an organizer means. Weeks are accepted (P1W = P7D).
"""

from __future__ import annotations

import re
from datetime import timedelta

_DURATION = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$"
)
MAX_DURATION = timedelta(days=366)


def parse_duration(text: str) -> timedelta:
    """A positive duration of at most a year; ValueError with a short reason otherwise."""
    cleaned = text.strip().upper()
    match = _DURATION.match(cleaned)
    if not match or cleaned in ("P", "PT") or cleaned.endswith("T"):
        raise ValueError(f"not an ISO-8601 duration such as P7D or PT1H: {text!r}")
    parts = {key: int(value or 0) for key, value in match.groupdict().items()}
    value = timedelta(
        weeks=parts["w"], days=parts["d"], hours=parts["h"], minutes=parts["m"], seconds=parts["s"]
    )
    if value <= timedelta(0) or value > MAX_DURATION:
        raise ValueError(f"duration must be more than zero and at most a year: {text!r}")
    return value


def format_duration(value: timedelta) -> str:
    """The canonical spelling: P7D, PT1H, P1DT12H, PT30S (weeks are written as days)."""
    total = int(value.total_seconds())
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    date = f"{days}D" if days else ""
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return "P" + date + (f"T{time}" if time else "")


def normalize_offsets(values: list[str]) -> list[str]:
    """Canonical, unique offsets, longest first (the order reminders arrive in)."""
    parsed = {parse_duration(value) for value in values}
    return [format_duration(value) for value in sorted(parsed, reverse=True)]
