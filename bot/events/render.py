"""Event texts for one reader: their language, their zone. Used for direct answers (the
handlers pass the user's language) and for outbox messages (rendered once per language).

Titles and descriptions are content with their own language fields; a missing language falls
back to English (else the first written), and the card says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from babel import Locale

from bot.events.timeshow import differs, own_zone_line, when
from bot.i18n import SUPPORTED_LOCALES, translator
from db.models import Event
from db.models.events import CANCELLED

MAX_DESCRIPTION_SHOWN = 1800


def content(texts: Mapping[str, str], locale: str) -> tuple[str, bool]:
    """(text, True when it is not in `locale`): the reader's language, English, the first."""
    if texts.get(locale):
        return texts[locale], False
    if texts.get("en"):
        return texts["en"], True
    return (next(iter(texts.values())), True) if texts else ("", False)


def title(event: Event, locale: str) -> str:
    return escape(content(event.title, locale)[0], quote=False)


def language_names(codes: list[str], locale: str) -> str:
    names = Locale.parse(locale).languages
    return ", ".join(str(names.get(code, code)) for code in codes)


def when_lines(event: Event, zone: str, locale: str) -> list[str]:
    lines = ["🗓 " + when(event.starts_at, event.ends_at, zone, locale)]
    if differs(event.starts_at, zone, event.timezone):
        lines.append(
            "🌍 " + own_zone_line(event.starts_at, event.ends_at, zone, event.timezone, locale)
        )
    return lines


def place_line(event: Event, locale: str, *, show_link: bool) -> str | None:
    _ = translator(locale).gettext
    if event.online_url and show_link:
        return _("💻 Online: {link}").format(link=escape(event.online_url))
    if event.online_url:
        return _("💻 Online (the link is shown once you register)")
    if event.venue:
        return _("📍 {venue}").format(venue=escape(event.venue, quote=False))
    return None


def language_line(event: Event, locale: str) -> str | None:
    _ = translator(locale).gettext
    if not event.languages:
        return None
    spoken = language_names(event.languages, locale)
    if event.interpretation:
        return _("🗣 In {languages}, with simultaneous interpretation into {interpreted}").format(
            languages=spoken, interpreted=language_names(event.interpretation, locale)
        )
    return _("🗣 In {languages}").format(languages=spoken)


def card(event: Event, locale: str, zone: str, *, show_link: bool) -> str:
    """The event as a participant sees it (status lines are added by the caller)."""
    _ = translator(locale).gettext
    lines = [f"📅 <b>{title(event, locale)}</b>", *when_lines(event, zone, locale)]
    lines += [line for line in (language_line(event, locale),) if line]
    place = place_line(event, locale, show_link=show_link)
    lines += [place] if place else []
    if event.organizer:
        lines.append(_("👥 Organized by {organizer}").format(organizer=escape(event.organizer)))
    text, fallback = content(event.description, locale)
    if text:
        if len(text) > MAX_DESCRIPTION_SHOWN:
            text = text[: MAX_DESCRIPTION_SHOWN - 1] + "…"
        lines += ["", escape(text, quote=False)]
    if fallback or content(event.title, locale)[1]:
        lines += ["", _("<i>Not available in your language yet: shown in English.</i>")]
    if event.status == CANCELLED:
        lines += ["", _("❌ <b>This event has been cancelled.</b>")]
    return "\n".join(lines)


def reminder(event: Event, locale: str, zone: str) -> str:
    _ = translator(locale).gettext
    lines = [_("⏰ <b>Reminder</b>"), f"<b>{title(event, locale)}</b>"]
    lines += when_lines(event, zone, locale)
    place = place_line(event, locale, show_link=True)
    lines += [place] if place else []
    return "\n".join(lines)


def followup(event: Event, item: Mapping[str, object], locale: str) -> str:
    _ = translator(locale).gettext
    heads = {
        "materials": _("📎 The materials of <b>{title}</b> are available."),
        "survey": _("📝 Thank you for taking part in <b>{title}</b>. Please tell us how it went."),
        "message": _("✉️ About <b>{title}</b>:"),
    }
    lines = [heads[str(item["kind"])].format(title=title(event, locale))]
    texts = item.get("text") or {}
    if isinstance(texts, Mapping) and texts:
        lines.append(escape(content(texts, locale)[0], quote=False))
    if item.get("url"):
        lines.append(escape(str(item["url"])))
    return "\n".join(lines)


def time_changed(event: Event, before: str, locale: str, zone: str) -> str:
    _ = translator(locale).gettext
    lines = [
        _("🕒 <b>New time</b> for <b>{title}</b>:").format(title=title(event, locale)),
        *when_lines(event, zone, locale),
        _("Before: {before}").format(before=before),
        _("You are still registered. Send /events to unregister."),
    ]
    return "\n".join(lines)


def cancelled(event: Event, locale: str, zone: str) -> str:
    _ = translator(locale).gettext
    return "\n".join(
        [
            _("❌ <b>{title}</b> has been cancelled.").format(title=title(event, locale)),
            *when_lines(event, zone, locale),
            _("You don't need to do anything; there will be no more reminders."),
        ]
    )


def every_language(render: Callable[[str], str]) -> dict[str, str]:
    """One text per language popsbot speaks, for an outbox message."""
    return {locale: render(locale) for locale in SUPPORTED_LOCALES}


def label(text: Callable[[Callable[[str], str]], str]) -> dict[str, str]:
    """A button label in every language, from a function given each language's gettext."""
    return {locale: text(translator(locale).gettext) for locale in SUPPORTED_LOCALES}
