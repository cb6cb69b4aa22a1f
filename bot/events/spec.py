"""What an event is made of, validated once for every way in: YAML import, the bot's dialog,
and edits. Times are given as wall-clock times in the event's own zone, as organizers think
of them; the service stores them in UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.events.durations import normalize_offsets, parse_duration
from bot.geo import countries
from bot.i18n import SUPPORTED_LOCALES
from bot.users.roles import Role

Locale = Literal["en", "es", "fr", "pt"]
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{2,31}$")
DEFAULT_REMINDERS = ("P7D", "P1D", "PT1H")
MAX_TITLE, MAX_DESCRIPTION, MAX_URL, MAX_PLACE = 200, 2500, 500, 300


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _texts(value: dict[str, str], limit: int, *, required: bool) -> dict[str, str]:
    cleaned = {lang: text.strip() for lang, text in value.items() if text and text.strip()}
    if required and not cleaned:
        raise ValueError("needs a text in at least one language")
    for lang, text in cleaned.items():
        if lang not in SUPPORTED_LOCALES:
            raise ValueError(f"unsupported language {lang!r}")
        if len(text) > limit:
            raise ValueError(f"{lang}: longer than {limit} characters")
    return cleaned


def _url(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not re.match(r"^https?://[^\s<>\"]+\.[^\s<>\"]+$", value) or len(value) > MAX_URL:
        raise ValueError("must be a web address starting with https://")
    return value


class FollowUpSpec(Strict):
    """A message after the event: the materials, a survey, or a free text."""

    kind: Literal["materials", "survey", "message"]
    after: str = "PT2H"  # delay after the end
    url: str | None = None
    text: dict[str, str] = Field(default_factory=dict)

    @field_validator("after")
    @classmethod
    def _after(cls, value: str) -> str:
        return normalize_offsets([value])[0]

    @field_validator("url")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        return _url(value)

    @field_validator("text")
    @classmethod
    def _text(cls, value: dict[str, str]) -> dict[str, str]:
        return _texts(value, 1000, required=False)

    @model_validator(mode="after")
    def _says_something(self) -> FollowUpSpec:
        if self.url is None and not self.text:
            raise ValueError("a follow-up needs a url or a text")
        return self

    @property
    def delay(self) -> timedelta:
        return parse_duration(self.after)


class AudienceSpec(Strict):
    """Who the event is for; empty lists mean everyone."""

    countries: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)

    @field_validator("countries")
    @classmethod
    def _countries(cls, value: list[str]) -> list[str]:
        codes = [code.strip().upper() for code in value]
        unknown = [code for code in codes if code not in countries()]
        if unknown:
            raise ValueError(f"unknown country codes: {', '.join(unknown)}")
        return list(dict.fromkeys(codes))


class EventSpec(Strict):
    code: str
    title: dict[str, str]
    description: dict[str, str] = Field(default_factory=dict)
    organizer: str | None = Field(default=None, max_length=200)
    timezone: str
    start: datetime  # wall-clock time in `timezone` (an offset, if given, is honoured)
    end: datetime
    languages: list[Locale] = Field(default_factory=lambda: list[Locale](["en"]))
    interpretation: list[Locale] = Field(default_factory=list)
    online_url: str | None = None
    venue: str | None = Field(default=None, max_length=MAX_PLACE)
    registration: bool = True  # registration in the bot
    registration_url: str | None = None
    audience: AudienceSpec = Field(default_factory=AudienceSpec)
    reminders: list[str] = Field(default_factory=lambda: list(DEFAULT_REMINDERS))
    followups: list[FollowUpSpec] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)  # where the facts come from (not shown)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not CODE_RE.match(value):
            raise ValueError("3-32 letters, digits or dashes, starting with a letter or digit")
        return value

    @field_validator("title")
    @classmethod
    def _title(cls, value: dict[str, str]) -> dict[str, str]:
        return _texts(value, MAX_TITLE, required=True)

    @field_validator("description")
    @classmethod
    def _description(cls, value: dict[str, str]) -> dict[str, str]:
        return _texts(value, MAX_DESCRIPTION, required=False)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("online_url", "registration_url")
    @classmethod
    def _links(cls, value: str | None) -> str | None:
        return _url(value)

    @field_validator("reminders")
    @classmethod
    def _reminders(cls, value: list[str]) -> list[str]:
        if len(value) > 10:
            raise ValueError("at most 10 reminders")
        return normalize_offsets(value)

    @model_validator(mode="after")
    def _times(self) -> EventSpec:
        if self.ends_at <= self.starts_at:
            raise ValueError("the end must be after the start")
        if self.ends_at - self.starts_at > timedelta(days=31):
            raise ValueError("an event lasts at most 31 days")
        if len(self.followups) > 5:
            raise ValueError("at most 5 follow-ups")
        return self

    @property
    def starts_at(self) -> datetime:
        return to_utc(self.start, self.timezone)

    @property
    def ends_at(self) -> datetime:
        return to_utc(self.end, self.timezone)


def to_utc(local: datetime, zone: str) -> datetime:
    """A wall-clock time in `zone` as aware UTC; a time skipped by a DST change is refused."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    tz = ZoneInfo(zone)
    aware = local.replace(tzinfo=tz)
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != local:
        raise ValueError(f"{local:%Y-%m-%d %H:%M} does not exist in {zone} (clocks change)")
    return aware.astimezone(UTC)


def local_wall_time(at: datetime, zone: str) -> datetime:
    """The naive wall-clock time of `at` in `zone`: what a spec stores and a dialog shows."""
    return at.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
