"""What the event dialog shows: each step's question and the draft's summary."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from babel.dates import format_timedelta

from bot.events.drafts import Draft
from bot.events.durations import format_duration, parse_duration
from bot.events.render import language_names
from bot.events.spec import to_utc
from bot.events.timeshow import when
from bot.geo import country_name
from db.models import User
from handlers.common import quote, role_label
from handlers.events_org_kb import skip_markup, summary_markup, zone_markup


def offset_label(iso: str, locale: str) -> str:
    """'1 week', '30 seconds'; the ISO form where Babel's phrase would round (P10D, P1DT12H)."""
    value = parse_duration(iso)
    seconds = int(value.total_seconds())
    if seconds >= 30 * 86400:  # Babel would start counting months
        return iso
    for size in (604800, 86400, 3600, 60, 1):
        if seconds >= size:
            if seconds % size:
                return iso
            break
    return str(format_timedelta(value, threshold=1, locale=locale))


def example_start(now: datetime) -> str:
    return (now + timedelta(days=14)).strftime("%Y-%m-%d 16:00")


def prompt(
    step: str, draft: Draft, user: User, now: datetime
) -> tuple[str, InlineKeyboardMarkup | None]:
    lang = language_names([draft.get("lang") or user.language], user.language)
    zone = draft.get("timezone") or user.timezone
    texts: dict[str, tuple[str, InlineKeyboardMarkup | None]] = {
        "title": (_("Send the event's title in {language}.").format(language=lang), None),
        "description": (
            _(
                "Send the description in {language}: objectives and audience, in a few lines."
            ).format(language=lang),
            skip_markup(),
        ),
        "timezone": (
            _(
                "Which time zone will you give the times in? Press the button or type one "
                "(for example <code>Europe/Madrid</code> or <code>Lima</code>)."
            ),
            zone_markup(user.timezone),
        ),
        "start": (
            _(
                "When does it start? Send the date and time in {zone}, for example "
                "<code>{example}</code>."
            ).format(zone=quote(zone), example=example_start(now)),
            None,
        ),
        "end": (
            _(
                "When does it end? Send the time (for example <code>18:00</code>) or a date "
                "and time."
            ),
            None,
        ),
        "place": (
            _("Where? Send the online meeting link (https://…) or the venue's address."),
            skip_markup(),
        ),
    }
    return texts[step]


def _times(draft: Draft, locale: str) -> str:
    if not draft.get("start") or not draft.get("end"):
        return _("not given yet")
    zone = draft["timezone"]
    start = to_utc(datetime.fromisoformat(draft["start"]), zone)
    end = to_utc(datetime.fromisoformat(draft["end"]), zone)
    return when(start, end, zone, locale)


def _audience(draft: Draft, locale: str) -> str:
    countries = ", ".join(quote(country_name(code, locale)) for code in draft["countries"])
    roles = ", ".join(role_label(role) for role in draft["roles"])
    return " · ".join(part for part in (countries, roles) if part) or _("everyone")


def summary_text(draft: Draft, user: User) -> str:
    locale = user.language
    head = (
        _("<b>New event</b>")
        if draft["mode"] == "new"
        else _("<b>Editing {code}</b>").format(code=quote(draft["code"]))
    )
    titles = "\n".join(f"  {code}: {quote(text)}" for code, text in draft["title"].items())
    described = ", ".join(draft["description"]) or _("none")
    place = draft.get("online_url") or draft.get("venue")
    reminders = ", ".join(offset_label(o, locale) for o in draft["reminders"]) or _("none")
    registration = _("in popsbot") if draft["registration"] else _("not in popsbot")
    if draft.get("registration_url"):
        registration += " · " + escape(draft["registration_url"])
    spoken = language_names(draft["languages"], locale) or "—"
    if draft["interpretation"]:
        spoken += " · 🎧 " + language_names(draft["interpretation"], locale)
    lines = [
        head,
        _("Title:") + "\n" + titles,
        _("Description: {languages}").format(languages=described),
        _("When: {when}").format(when=_times(draft, locale)),
        _("Where: {place}").format(place=quote(place) if place else _("not given yet")),
        _("Languages: {languages}").format(languages=spoken),
        _("Audience: {audience}").format(audience=_audience(draft, locale)),
        _("Reminders before the start: {reminders}").format(reminders=reminders),
        _("Registration: {registration}").format(registration=registration),
        _("Follow-ups: {count}").format(count=len(draft["followups"])),
    ]
    return "\n".join(lines)


def summary(draft: Draft, user: User) -> tuple[str, InlineKeyboardMarkup]:
    return summary_text(draft, user), summary_markup(draft["mode"])


def followup_lines(draft: Draft, locale: str) -> str:
    kinds = {"materials": _("Materials"), "survey": _("Survey"), "message": _("Message")}
    lines = [_("<b>Follow-ups</b> (sent to registrants after the end)")]
    for item in draft["followups"]:
        after = offset_label(format_duration(parse_duration(item["after"])), locale)
        lines.append(
            _("{kind}, {after} after the end: {url}").format(
                kind=kinds[item["kind"]], after=after, url=escape(item.get("url") or "")
            )
        )
    return "\n".join(lines)
