"""Why the event dialog refused an answer, in the organizer's language."""

from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _

from bot.errors import InvalidInput
from bot.events.spec import MAX_DESCRIPTION, MAX_PLACE, MAX_TITLE
from handlers.common import quote
from handlers.events_text import refusal


def draft_refusal(error: InvalidInput, draft: dict[str, Any]) -> str:
    limits = {"title": MAX_TITLE, "description": MAX_DESCRIPTION, "place": MAX_PLACE}
    key = (error.field, error.reason)
    if error.reason == "too_long" and error.field in limits:
        return _("That is too long: at most {limit} characters.").format(limit=limits[error.field])
    texts = {
        ("title", "empty"): _("The title can't be empty. Please send the event's title."),
        ("description", "empty"): _("The description can't be empty. Send it, or press Skip."),
        ("place", "empty"): _("Please send a link or an address, or press Skip."),
        ("timezone", "unknown"): _("I don't know that time zone."),
        ("start", "format"): _("I couldn't read that date and time."),
        ("end", "format"): _("I couldn't read that date and time."),
        ("start", "nonexistent"): _(
            "That time does not exist in {zone}: the clocks change then. Please choose another."
        ).format(zone=quote(draft.get("timezone", ""))),
        ("end", "nonexistent"): _(
            "That time does not exist in {zone}: the clocks change then. Please choose another."
        ).format(zone=quote(draft.get("timezone", ""))),
        ("end", "before_start"): _("The end must be after the start."),
        ("end", "too_long"): _("An event can last at most 31 days."),
        ("place", "url"): _(
            "That link doesn't look right. Please send a link starting with https://"
        ),
        ("registration_url", "url"): _(
            "That link doesn't look right. Please send a link starting with https://"
        ),
        ("followup", "url"): _(
            "That link doesn't look right. Please send a link starting with https://"
        ),
        ("reminders", "format"): _(
            "I couldn't read those times. Use ISO-8601 durations such as P7D, PT1H or PT30S, "
            "separated by commas."
        ),
        ("followup", "delay"): _(
            "I couldn't read that delay. Use an ISO-8601 duration such as PT3H or P2D."
        ),
        ("countries", "unknown"): _(
            "I don't know some of those countries. Use codes such as PE or names such as Peru, "
            "separated by commas."
        ),
        ("draft", "incomplete"): _("The title and the time are still missing."),
        ("draft", "invalid"): _("Something in this event is not valid. Please check it."),
    }
    return texts.get(key) or refusal(error)
