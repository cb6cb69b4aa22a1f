"""Turn errors into a clear answer in the user's language; the conversation state is untouched.

Domain errors are expected (a role missing, a value refused) and answered plainly. Anything
else is a bug: logged with the update id only (never the user's text), answered with an apology,
and swallowed, so one bad update never stops the bot or blocks the chat.
"""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent
from aiogram.utils.i18n import gettext as _

from bot.errors import InvalidInput, NotFound, PermissionDenied
from db.models import User
from handlers.common import not_allowed_text

log = logging.getLogger(__name__)
router = Router(name="errors")


async def tell(event: ErrorEvent, text: str) -> None:
    """Answer where the failing update came from: a toast for a button, a message otherwise."""
    update = event.update
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text[:200], show_alert=True)
        elif update.message is not None:
            await update.message.answer(text)
    except TelegramAPIError as exc:  # the answer itself failed: nothing more to do
        log.warning("could not answer update %s: %s", update.update_id, exc)


@router.errors(ExceptionTypeFilter(PermissionDenied))
async def permission_denied(event: ErrorEvent, user: User | None = None) -> bool:
    if user is not None and user.onboarded_at is None:
        await tell(event, _("Please finish setting up first: send /start."))
    else:
        await tell(event, not_allowed_text())
    return True


@router.errors(ExceptionTypeFilter(InvalidInput))
async def invalid_input(event: ErrorEvent) -> bool:
    reason = getattr(event.exception, "reason", "")
    texts = {
        "last_admin": _("This is the last administrator; grant the role to someone else first."),
        "required_for_focal_point": _("A focal point needs a country."),
    }
    await tell(event, texts.get(reason, _("That value is not valid. Please check it and retry.")))
    return True


@router.errors(ExceptionTypeFilter(NotFound))
async def not_found(event: ErrorEvent) -> bool:
    await tell(event, _("That no longer exists. Send /menu to start again."))
    return True


@router.errors()
async def unexpected(event: ErrorEvent) -> bool:
    log.error(
        "update %s failed: %s",
        event.update.update_id,
        type(event.exception).__name__,
        exc_info=event.exception,
    )
    await tell(
        event,
        _(
            "Sorry, something went wrong on our side. What you entered so far is kept; "
            "please try again in a moment."
        ),
    )
    return True
