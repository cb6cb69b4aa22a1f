"""The event dialog's answers, checked one at a time, and the draft they build.

The draft is a plain JSON-able dict kept in the conversation (FSM) data, so a restart or a
mistyped answer loses nothing; each parser raises InvalidInput(field, reason) with a stable
reason the handler turns into a sentence, and the dialog stays at its step.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from bot.errors import InvalidInput
from bot.events.durations import normalize_offsets
from bot.events.spec import (
    DEFAULT_REMINDERS,
    MAX_DESCRIPTION,
    MAX_PLACE,
    MAX_TITLE,
    EventSpec,
    to_utc,
)

Draft = dict[str, Any]
_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M")
_TIME = re.compile(r"^(\d{1,2})[:h.](\d{2})$")
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed from paper


def parse_text(text: str, field: str, limit: int) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(field, "empty")
    if len(cleaned) > limit:
        raise InvalidInput(field, "too_long")
    return cleaned


def parse_title(text: str) -> str:
    return parse_text(text, "title", MAX_TITLE)


def parse_description(text: str) -> str:
    return parse_text(text, "description", MAX_DESCRIPTION)


def parse_local(text: str, field: str) -> datetime:
    cleaned = " ".join(text.strip().split())
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    raise InvalidInput(field, "format")


def _utc(local: datetime, zone: str, field: str) -> datetime:
    try:
        return to_utc(local, zone)
    except ValueError:
        raise InvalidInput(field, "nonexistent") from None


def parse_start(text: str, zone: str, now: datetime) -> datetime:
    """A wall-clock start in `zone`, in the future."""
    local = parse_local(text, "start")
    if _utc(local, zone, "start") <= now:
        raise InvalidInput("start", "past")
    return local


def parse_end(text: str, zone: str, start: datetime) -> datetime:
    """'18:00' (the start's day) or a date and time; after the start, within 31 days."""
    match = _TIME.match(text.strip())
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        local = datetime.combine(start.date(), time(int(match[1]), int(match[2])))
    else:
        local = parse_local(text, "end")
    end_utc, start_utc = _utc(local, zone, "end"), to_utc(start, zone)
    if end_utc <= start_utc:
        raise InvalidInput("end", "before_start")
    if end_utc - start_utc > timedelta(days=31):
        raise InvalidInput("end", "too_long")
    return local


def parse_place(text: str) -> tuple[str, str]:
    """('online_url', link) for a web address, else ('venue', text)."""
    cleaned = text.strip()
    if re.match(r"^https?://\S+\.\S+$", cleaned) and len(cleaned) <= 500:
        return "online_url", cleaned
    if cleaned.lower().startswith(("http:", "https:", "www.")):
        raise InvalidInput("place", "url")
    return "venue", parse_text(cleaned, "place", MAX_PLACE)


def parse_url(text: str, field: str) -> str:
    cleaned = text.strip()
    if not re.match(r"^https?://\S+\.\S+$", cleaned) or len(cleaned) > 500:
        raise InvalidInput(field, "url")
    return cleaned


def parse_offsets(text: str) -> list[str]:
    parts = [part for part in re.split(r"[,;\s]+", text.strip()) if part]
    if not parts or len(parts) > 10:
        raise InvalidInput("reminders", "format")
    try:
        return normalize_offsets(parts)
    except ValueError:
        raise InvalidInput("reminders", "format") from None


def new_code(start: datetime) -> str:
    """'2026-K7QF2M': the year people know it by, and six unambiguous characters."""
    return f"{start.year}-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))


def new_draft(zone: str, language: str) -> Draft:
    return {
        "mode": "new", "code": "", "title": {}, "description": {}, "timezone": zone,
        "start": None, "end": None, "online_url": None, "venue": None, "registration": True,
        "registration_url": None, "countries": [], "roles": [],
        "reminders": list(DEFAULT_REMINDERS), "followups": [], "languages": [language],
        "interpretation": [], "lang": language,
    }  # fmt: skip


def draft_from_spec(spec: EventSpec) -> Draft:
    data = spec.model_dump(mode="json", exclude={"audience", "sources"})
    data.update(
        mode="edit",
        start=spec.start.strftime("%Y-%m-%dT%H:%M"),
        end=spec.end.strftime("%Y-%m-%dT%H:%M"),
        countries=list(spec.audience.countries),
        roles=[role.value for role in spec.audience.roles],
    )
    return data


def spec_from_draft(draft: Draft) -> EventSpec:
    """The validated event; InvalidInput('draft', 'incomplete') while a step is missing."""
    if not draft.get("title") or not draft.get("start") or not draft.get("end"):
        raise InvalidInput("draft", "incomplete")
    fields = {key: value for key, value in draft.items() if key in EventSpec.model_fields}
    fields["audience"] = {"countries": draft["countries"], "roles": draft["roles"]}
    if not fields.get("code"):
        fields["code"] = new_code(datetime.fromisoformat(draft["start"]))
    try:
        return EventSpec.model_validate(fields)
    except ValidationError:
        raise InvalidInput("draft", "invalid") from None
