"""Answers for the refusals of the events services (InvalidInput reasons), in the reader's
language. One table, so the participant, organizer and broadcast handlers say the same."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.errors import InvalidInput


def refusal(error: InvalidInput) -> str:
    texts = {
        ("user", "not_onboarded"): _("Please finish setting up first: send /start."),
        ("event", "cancelled"): _("This event has been cancelled."),
        ("event", "over"): _("This event is over; registration is closed."),
        ("event", "no_registration"): _(
            "Registration for this event is not done in popsbot: please use the organizer's "
            "registration link."
        ),
        ("start", "past"): _("That time has already passed. Please give a time in the future."),
        ("code", "taken"): _("An event with this code already exists."),
        ("at", "past"): _("That time has already passed. Please give a time in the future."),
        ("audience", "empty"): _("Nobody is in this audience yet, so there is nobody to send to."),
        ("text", "empty"): _("The message is empty. Please write something."),
        ("text", "too_long"): _(
            "That is too long: please keep each version under 3,500 characters."
        ),
    }
    return texts.get(
        (error.field, error.reason), _("That value is not valid. Please check it and retry.")
    )
