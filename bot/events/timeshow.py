"""When an event happens, in the reader's zone and language (Babel/CLDR).

"jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia), hasta las 12:00": the CLDR full
date, a 24-hour time (unambiguous for an international audience), and the zone as a place the
reader recognises. The glue words are gettext templates, so translators decide them. Every
phrase is safe Telegram HTML ('Trinidad &amp; Tobago Time'), since it always lands in one. The
offset in force is taken at the event's own time, never at "now", so a reminder sent before a
DST change shows the time that will be true on the day.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_timezone_location

from bot.geo import utc_offset
from bot.i18n import translator

_UTC_NAMES = {"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Universal", "Zulu"}


def zone_place(zone: str, locale: str) -> str:
    """'hora de Bolivia', 'Bolivia Time'; plain 'UTC' where CLDR knows no place."""
    if zone in _UTC_NAMES:
        return "UTC"
    return escape(str(get_timezone_location(zone, locale=locale)), quote=False)


def zone_city(zone: str, locale: str, at: datetime) -> str:
    """'Madrid, UTC+2': short, for the event's own zone next to the reader's."""
    if zone in _UTC_NAMES:
        return "UTC"
    city = escape(str(get_timezone_location(zone, locale=locale, return_city=True)), quote=False)
    return f"{city}, {utc_offset(at, zone)}"


def day(at: datetime, zone: str, locale: str) -> str:
    return str(format_date(at.astimezone(ZoneInfo(zone)), format="full", locale=locale))


def clock(at: datetime, zone: str, locale: str) -> str:
    return str(format_time(at, format="HH:mm", tzinfo=ZoneInfo(zone), locale=locale))


def same_day(a: datetime, b: datetime, zone: str) -> bool:
    tz = ZoneInfo(zone)
    return a.astimezone(tz).date() == b.astimezone(tz).date()


def start_phrase(start: datetime, zone: str, locale: str) -> str:
    """'jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia)'."""
    _ = translator(locale).gettext
    return _("{date}, {time} ({zone})").format(
        date=day(start, zone, locale),
        time=clock(start, zone, locale),
        zone=zone_place(zone, locale),
    )


def when(start: datetime, end: datetime, zone: str, locale: str) -> str:
    """Start with date and zone, then the end: its time, or its date too when another day."""
    _ = translator(locale).gettext
    begins = start_phrase(start, zone, locale)
    if same_day(start, end, zone):
        return _("{start}, until {time}").format(start=begins, time=clock(end, zone, locale))
    return _("{start}, until {date}, {time}").format(
        start=begins, date=day(end, zone, locale), time=clock(end, zone, locale)
    )


def differs(start: datetime, reader_zone: str, event_zone: str) -> bool:
    """Show the event's own zone only when its clock reads differently from the reader's."""
    return (
        start.astimezone(ZoneInfo(reader_zone)).utcoffset()
        != start.astimezone(ZoneInfo(event_zone)).utcoffset()
    )


def own_zone_line(start: datetime, end: datetime, reader_zone: str, zone: str, locale: str) -> str:
    """'16:00–18:00 (Madrid, UTC+2)', with dates where the days differ from the reader's."""
    _ = translator(locale).gettext
    span = f"{clock(start, zone, locale)}–{clock(end, zone, locale)}"
    if not same_day(start, end, zone):
        span = (
            f"{day(start, zone, locale)}, {clock(start, zone, locale)} – "
            f"{day(end, zone, locale)}, {clock(end, zone, locale)}"
        )
    elif start.astimezone(ZoneInfo(zone)).date() != start.astimezone(ZoneInfo(reader_zone)).date():
        span = f"{day(start, zone, locale)}, {span}"
    return _("In the event's time zone: {span} ({zone})").format(
        span=span, zone=zone_city(zone, locale, start)
    )
