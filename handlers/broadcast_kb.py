"""Buttons of the broadcast composer and of the live delivery report (organizers only)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import SUPPORTED_LOCALES, translator
from bot.users.roles import Role
from handlers.common import LANGUAGE_NAMES, role_label
from handlers.filters import protect
from handlers.menu import MenuCb


class BroadcastCb(CallbackData, prefix="bc"):
    action: str  # kind | aud | lang | preview | now | schedule | send | report | stop
    kind: str = ""  # an audience kind, or a language
    value: str = ""  # the audience's value (a role, an event code), or a broadcast id


protect(BroadcastCb, roles=(Role.ORGANIZER,))


def kinds_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("Everyone"), callback_data=BroadcastCb(action="aud", kind="all"))
    kb.button(text=_("By role"), callback_data=BroadcastCb(action="kind", kind="role"))
    kb.button(text=_("By country"), callback_data=BroadcastCb(action="kind", kind="country"))
    kb.button(text=_("By language"), callback_data=BroadcastCb(action="kind", kind="language"))
    kb.button(
        text=_("Registrants of an event"), callback_data=BroadcastCb(action="kind", kind="event")
    )
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    kb.adjust(1)
    return kb.as_markup()


def roles_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for role in Role:
        kb.button(
            text=role_label(role),
            callback_data=BroadcastCb(action="aud", kind="role", value=role.value),
        )
    kb.adjust(2)
    return kb.as_markup()


def languages_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code in SUPPORTED_LOCALES:
        kb.button(
            text=LANGUAGE_NAMES[code],
            callback_data=BroadcastCb(action="aud", kind="language", value=code),
        )
    kb.adjust(2)
    return kb.as_markup()


def events_markup(items: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code, label in items:
        kb.button(
            text=label[:60], callback_data=BroadcastCb(action="kind", kind="pick", value=code)
        )
    kb.button(text=_("« Back"), callback_data=BroadcastCb(action="start"))
    kb.adjust(1)
    return kb.as_markup()


def registrants_markup(code: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for kind, label in (
        ("event", _("All registrants")),
        ("confirmed", _("Those who confirmed attendance")),
        ("unconfirmed", _("Those who did not confirm")),
    ):
        kb.button(text=label, callback_data=BroadcastCb(action="aud", kind=kind, value=code))
    kb.adjust(1)
    return kb.as_markup()


def preview_markup(versions: list[str]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("📤 Send now"), callback_data=BroadcastCb(action="now"))
    kb.button(text=_("🕒 Schedule"), callback_data=BroadcastCb(action="schedule"))
    kb.button(text=_("🌐 Add a language version"), callback_data=BroadcastCb(action="langs"))
    for code in versions:
        kb.button(
            text=_("👁 Preview: {language}").format(language=LANGUAGE_NAMES[code]),
            callback_data=BroadcastCb(action="preview", kind=code),
        )
    kb.button(text=_("✖️ Discard"), callback_data=BroadcastCb(action="discard"))
    kb.adjust(2, 1)
    return kb.as_markup()


def version_markup(present: list[str]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code in SUPPORTED_LOCALES:
        mark = "✅ " if code in present else ""
        kb.button(
            text=mark + LANGUAGE_NAMES[code], callback_data=BroadcastCb(action="lang", kind=code)
        )
    kb.adjust(2)
    return kb.as_markup()


def confirm_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("✅ Confirm"), callback_data=BroadcastCb(action="send"))
    kb.button(text=_("« Back"), callback_data=BroadcastCb(action="back"))
    kb.adjust(1)
    return kb.as_markup()


def report_markup(broadcast_id: int, *, running: bool, locale: str) -> InlineKeyboardMarkup:
    """Explicit locale: the live-report job renders it outside any conversation."""
    _ = translator(locale).gettext
    kb = InlineKeyboardBuilder()
    value = str(broadcast_id)
    kb.button(text=_("🔄 Refresh"), callback_data=BroadcastCb(action="report", value=value))
    if running:
        kb.button(text=_("✖️ Stop the rest"), callback_data=BroadcastCb(action="stop", value=value))
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    kb.adjust(2, 1)
    return kb.as_markup()
