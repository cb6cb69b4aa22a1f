"""A case as Telegram HTML in one reader's language and time zone.

Used for the officer's review screen, the focal point's alert and case card, and exports'
labels. Everything a person typed is escaped and cut to a length a phone screen can take.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from babel.dates import format_date
from babel.numbers import format_decimal

from bot.cases import labels
from bot.cases.values import UNKNOWN_COUNTRY, format_hs
from bot.geo import country_name
from bot.knowledge.catalogue import Catalogue
from bot.timefmt import short_datetime
from db.models import Case, CaseMessage

DASH = "—"


def clip(text: str | None, limit: int) -> str:
    """User text, escaped for HTML and cut to `limit` characters."""
    text = text or ""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return escape(text, quote=False)


def country(code: str | None, lang: str) -> str:
    if not code:
        return DASH
    if code == UNKNOWN_COUNTRY:
        return labels.gettext_for(lang)("unknown")
    return escape(country_name(code, lang))


def substance(case: Case, lang: str, catalogue: Catalogue | None) -> str:
    """The matched entry's name in the reader's language (with CAS), and what was typed."""
    _ = labels.gettext_for(lang)
    typed = clip(case.substance_text, 120)
    entry = catalogue.entries.get(case.substance_id) if catalogue and case.substance_id else None
    if entry is None:
        return f"«{typed}»" if typed else _("not known")
    name = escape(entry.names.get(lang)[0])
    cas = [c.number for c in getattr(entry, "cas", [])][:2]
    text = f"<b>{name}</b>" + (f" (CAS {', '.join(cas)})" if cas else "")
    if typed and typed.casefold() != name.casefold():
        text += " " + _("(typed: «{text}»)").format(text=typed)
    return text


def quantity(case: Case, lang: str) -> str:
    if case.quantity is None:
        return DASH
    number = format_decimal(case.quantity, locale=lang)
    return f"{number} {labels.unit_label(case.unit, lang)}".strip()


def hs(code: str | None) -> str:
    return f"<code>{format_hs(code)}</code>" if code else DASH


def route(case: Case, lang: str) -> str:
    if not case.direction:
        return DASH
    direction = labels.direction_label(case.direction, lang)
    return f"{direction}: {country(case.origin, lang)} → {country(case.destination, lang)}"


def place(case: Case, lang: str) -> str:
    text = clip(case.place, 120) or DASH
    if case.latitude is not None and case.longitude is not None:
        text += f" · 📍 {case.latitude:.5f}, {case.longitude:.5f}"
    return text


def when(case: Case, lang: str) -> str:
    return format_date(case.occurred_on, "medium", locale=lang) if case.occurred_on else DASH


def actions(case: Case, lang: str) -> str:
    return ", ".join(labels.action_label(a, lang) for a in case.actions) or DASH


def files(case: Case, lang: str) -> str:
    _ = labels.gettext_for(lang)
    count = len([a for a in case.attachments if a.message_id is None])
    return _("{count} attached").format(count=count) if count else DASH


def summary_lines(case: Case, lang: str, catalogue: Catalogue | None) -> list[str]:
    """One line per field, in the order the officer answered them."""
    _ = labels.gettext_for(lang)
    return [
        _("<b>Country:</b> {value}").format(value=country(case.country, lang)),
        _("<b>What:</b> {value}").format(value=labels.kind_label(case.kind, lang)),
        _("<b>Substance or product:</b> {value}").format(value=substance(case, lang, catalogue)),
        _("<b>HS code declared:</b> {value}").format(value=hs(case.hs_declared)),
        _("<b>HS code suspected:</b> {value}").format(value=hs(case.hs_suspected)),
        _("<b>Quantity:</b> {value}").format(value=quantity(case, lang)),
        _("<b>Packaging and labels:</b> {value}").format(value=clip(case.packaging, 300) or DASH),
        _("<b>Route:</b> {value}").format(value=route(case, lang)),
        _("<b>Where:</b> {value}").format(value=place(case, lang)),
        _("<b>When:</b> {value}").format(value=when(case, lang)),
        _("<b>Action taken:</b> {value}").format(value=actions(case, lang)),
        _("<b>Photos and documents:</b> {value}").format(value=files(case, lang)),
        _("<b>Notes:</b> {value}").format(value=clip(case.notes, 800) or DASH),
    ]


def header(case: Case, lang: str, zone: str) -> str:
    _ = labels.gettext_for(lang)
    text = _("<b>Case {reference}</b> · {status}").format(
        reference=case.reference, status=labels.status_label(case.status, lang)
    )
    if case.submitted_at:
        text += "\n" + _("Reported: {at}").format(at=stamp(case.submitted_at, zone, lang))
    if case.status == "closed":
        text += "\n" + _("Outcome: {outcome}").format(
            outcome=labels.outcome_label(case.outcome, lang)
        )
        if case.outcome_note:
            text += f" · {clip(case.outcome_note, 300)}"
    return text


def stamp(at: datetime, zone: str, lang: str) -> str:
    return short_datetime(at, zone, lang)


def history(messages: Sequence[CaseMessage], lang: str, zone: str, limit: int = 6) -> list[str]:
    """The latest questions and answers of the case, oldest first."""
    _ = labels.gettext_for(lang)
    lines = []
    for message in list(messages)[-limit:]:
        who = _("Question") if message.direction == "question" else _("Answer")
        body = clip(message.body, 300) or _("(photo or document)")
        lines.append(f"<i>{stamp(message.created_at, zone, lang)} · {who}:</i> {body}")
    return lines


def card(
    case: Case,
    messages: Sequence[CaseMessage],
    lang: str,
    zone: str,
    catalogue: Catalogue | None,
) -> str:
    """The whole case for someone following it: header, fields, latest messages."""
    parts = [header(case, lang, zone), "", *summary_lines(case, lang, catalogue)]
    talk = history(messages, lang, zone)
    if talk:
        parts += ["", *talk]
    return "\n".join(parts)[:4000]
