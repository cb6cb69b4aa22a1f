"""What the officer and the focal point are told when an answer cannot be taken."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.errors import InvalidInput


def refusal(error: InvalidInput, *, max_mb: int = 20) -> str:
    """A clear sentence for each (field, reason) the case services refuse with."""
    by_reason = {
        "hs_code": _(
            "That is not an HS code: type 6 to 10 digits, e.g. <code>3808.52</code> or "
            "<code>3808.52.10.00</code>."
        ),
        "number": _("Please type a quantity as a number and a unit, e.g. <code>200 kg</code>."),
        "country": _("I don't know that country. Type its name, e.g. «China» or «Brasil»."),
        "not_served": _(
            "popsbot serves Latin America and the Caribbean: choose one of the countries."
        ),
        "date": _("Please type a date as day/month/year, e.g. <code>25/11/2026</code>."),
        "future": _("That date is in the future. When did it happen?"),
        "too_old": _("That date is more than five years ago. Please check it."),
        "empty": _("Please type an answer, or use the buttons."),
        "too_long": _("That is too long. Please shorten it and send it again."),
        "buttons_only": _("Please answer with the buttons above."),
        "none_chosen": _("Choose at least one action, then press Continue."),
        "stale": _("This question was already answered. Use the review screen to change answers."),
        "unknown_entry": _("That choice is no longer offered. Please answer the question again."),
        "type": _(
            "I can't take this kind of file. Send photos, PDF, images, Office or text "
            "documents; never programs or archives."
        ),
        "too_big": _("This file is larger than {mb} MB. Please send a smaller one.").format(
            mb=max_mb
        ),
        "too_many": _("This report already has as many files as it can take."),
        "invalid": _("That location is not valid."),
        "closed": _("This case is closed."),
        "no_question": _("Nobody has asked a question on this case."),
        "not_reviewed": _("Please review the report first."),
        "incomplete": _("The report is missing an answer: please answer this question."),
        "unknown": _("That choice is not valid."),
        "not_allowed": _("That person cannot receive this case."),
    }
    return by_reason.get(error.reason, _("That value is not valid. Please check it and retry."))
