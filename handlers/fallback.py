"""What nobody else handled: unknown commands, stale buttons, unexpected messages.

Every answer says what to do next and leaves the conversation state as it was.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.users.roles import Actor
from handlers.common import not_allowed_text, quote
from handlers.filters import allowed_for, is_protected_command

router = Router(name="fallback")


@router.message(F.text.startswith("/"))
async def unknown_command(message: Message) -> None:
    command = (message.text or "").split(maxsplit=1)[0]
    name = command[1:].split("@", 1)[0].lower()
    if is_protected_command(name):  # the role's router did not take it: the role is missing
        await message.answer(not_allowed_text())
        return
    await message.answer(
        _("I don't know the command {command}. Send /help to see what I can do.").format(
            command=quote(command, 40)
        )
    )


@router.callback_query()
async def stale_button(query: CallbackQuery, actor: Actor | None = None) -> None:
    prefix = (query.data or "").split(":", 1)[0]
    if not allowed_for(prefix, actor):
        await query.answer(not_allowed_text(), show_alert=True)
        return
    await query.answer(
        _("This button is no longer active. Send /menu to start again."), show_alert=True
    )


@router.message(~StateFilter(None))
async def unexpected_in_conversation(message: Message) -> None:
    await message.answer(
        _(
            "I was expecting something else here. Please answer the question above, "
            "or send /cancel to stop."
        )
    )


@router.message(F.text)
async def unexpected_text(message: Message) -> None:
    await message.answer(_("I didn't understand that. Send /menu to see what I can do."))


@router.message()
async def unexpected_content(message: Message) -> None:
    await message.answer(_("I can only read text messages here. Send /menu to see what I can do."))
