"""An .ics file for one event, in the reader's language: calendars show it in their own zone.

Times are UTC (the calendar converts them); the UID is stable per event, so adding the file
again after an edit updates the entry instead of duplicating it, and SEQUENCE tells which is
newer. The online link is included only for registrants (as on the card).
"""

from __future__ import annotations

import re
from datetime import datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from bot.events.render import content
from db.models import Event
from db.models.events import CANCELLED

UID_DOMAIN = "events.popsbot"


def uid(event: Event) -> str:
    return f"{event.code.lower()}@{UID_DOMAIN}"


def filename(event: Event) -> str:
    return re.sub(r"[^A-Za-z0-9-]", "", event.code) + ".ics"


def ics_bytes(event: Event, locale: str, stamp: datetime, *, show_link: bool) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//popsbot//events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    item = CalendarEvent()
    item.add("uid", uid(event))
    item.add("dtstamp", stamp)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("sequence", event.revision)
    item.add("summary", content(event.title, locale)[0])
    description = content(event.description, locale)[0]
    if event.online_url and show_link:
        description = f"{description}\n\n{event.online_url}".strip()
        item.add("url", event.online_url)
    if description:
        item.add("description", description)
    location = event.online_url if (event.online_url and show_link) else event.venue
    if location:
        item.add("location", location)
    item.add("status", "CANCELLED" if event.status == CANCELLED else "CONFIRMED")
    calendar.add_component(item)
    return bytes(calendar.to_ical())
