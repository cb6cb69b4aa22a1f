"""Pieces every handler module uses: escaping, role names, answering a message or a button."""

from __future__ import annotations

from html import escape

from aiogram import F
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import lazy_gettext as __

from bot.geo import country_name
from bot.users.roles import Convention, Role

ROLE_LABELS = {
    Role.OFFICER: __("customs officer"),
    Role.FOCAL_POINT: __("focal point"),
    Role.ORGANIZER: __("organizer"),
    Role.ADMIN: __("administrator"),
}
CONVENTION_LABELS = {
    Convention.STOCKHOLM: __("Stockholm"),
    Convention.BASEL: __("Basel"),
    Convention.ROTTERDAM: __("Rotterdam"),
}
# What a person typed as an answer: text that is not a command (commands keep working mid-step).
PLAIN_TEXT = F.text & ~F.text.startswith("/")

LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}


def quote(text: str | None, limit: int = 200) -> str:
    """User-supplied text made safe for HTML and short enough to echo back."""
    text = text or ""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return escape(text, quote=False)


def country_html(code: str, locale: str) -> str:
    """A localized country name ready for HTML: CLDR names contain '&' ('Trinidad & Tobago')."""
    return quote(country_name(code, locale))


def role_label(role: Role | str) -> str:
    return str(ROLE_LABELS[Role(role)])


def conventions_label(values: list[str] | tuple[str, ...]) -> str:
    return ", ".join(str(CONVENTION_LABELS[Convention(v)]) for v in values)


async def show(
    event: Message | CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Answer a message with a new one; answer a button by editing the message it sits on.

    Editing keeps the chat short on a phone. When the message can no longer be edited (too old,
    or it was a photo), a new message is sent instead.
    """
    if isinstance(event, CallbackQuery):
        target = event.message
        await event.answer()
        if isinstance(target, Message) and target.text is not None:
            try:
                await target.edit_text(text, reply_markup=markup)
            except TelegramBadRequest as exc:
                if "message is not modified" not in str(exc):  # a double tap changes nothing
                    raise
            return
        if target is not None and event.bot is not None:
            await event.bot.send_message(target.chat.id, text, reply_markup=markup)
        return
    await event.answer(text, reply_markup=markup)


def not_allowed_text() -> str:
    return _(
        "You don't have permission to do that. If you think you should, ask an administrator."
    )
