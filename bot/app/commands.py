"""The command menu Telegram shows next to the text box, in each of our languages."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand

from bot.i18n import SUPPORTED_LOCALES, translator


def commands_for(locale: str) -> list[BotCommand]:
    _ = translator(locale).gettext
    return [
        BotCommand(command="menu", description=_("Main menu")),
        BotCommand(command="help", description=_("What popsbot can do")),
        BotCommand(command="report", description=_("Report a case")),
        BotCommand(command="mycases", description=_("My reports")),
        BotCommand(command="events", description=_("Upcoming events")),
        BotCommand(command="language", description=_("Change language")),
        BotCommand(command="country", description=_("Change country")),
        BotCommand(command="timezone", description=_("Change time zone")),
        BotCommand(command="cancel", description=_("Stop the current step")),
    ]


async def publish_commands(bot: Bot, default_locale: str) -> None:
    """One list per language, plus the default list for every other language."""
    await bot.set_my_commands(commands_for(default_locale))
    for locale in SUPPORTED_LOCALES:
        await bot.set_my_commands(commands_for(locale), language_code=locale)
