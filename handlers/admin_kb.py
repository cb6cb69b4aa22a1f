"""Buttons of the administration area: roles, invitations, staff, audit log."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.geo import sorted_countries
from bot.users.roles import Convention, Role, ordered
from handlers.common import CONVENTION_LABELS, role_label
from handlers.filters import protect
from handlers.menu import MenuCb

CONVENTION_CODES = {"s": Convention.STOCKHOLM, "b": Convention.BASEL, "r": Convention.ROTTERDAM}


class AdminCb(CallbackData, prefix="adm"):
    action: str  # home | grant | revoke | invite | staff | audit


class RoleDraftCb(CallbackData, prefix="admd"):
    """One step of building a grant or an invite: who (0 for an invite), role, country, conv."""

    purpose: str  # grant | invite
    user_id: int = 0
    role: str = ""
    country: str = ""
    conv: str = ""  # letters of CONVENTION_CODES
    step: str = "role"  # role | country | conv | toggle | done


class RevokeCb(CallbackData, prefix="admr"):
    user_id: int
    role: str = ""


protect(AdminCb, RoleDraftCb, RevokeCb, roles=(Role.ADMIN,), commands=("admin",))


def admin_home_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("Grant a role"), callback_data=AdminCb(action="grant"))
    kb.button(text=_("Revoke a role"), callback_data=AdminCb(action="revoke"))
    kb.button(text=_("Create an invitation"), callback_data=AdminCb(action="invite"))
    kb.button(text=_("Staff list"), callback_data=AdminCb(action="staff"))
    kb.button(text=_("Audit log"), callback_data=AdminCb(action="audit"))
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    kb.adjust(1)
    return kb.as_markup()


def back_to_admin_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("« Administration"), callback_data=AdminCb(action="home"))
    return kb.as_markup()


def role_choice_markup(draft: RoleDraftCb) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for role in Role:
        kb.button(
            text=role_label(role),
            callback_data=draft.model_copy(update={"role": role.value, "step": "country"}),
        )
    kb.button(text=_("« Administration"), callback_data=AdminCb(action="home"))
    kb.adjust(2)
    return kb.as_markup()


def country_choice_markup(draft: RoleDraftCb, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code, name in sorted_countries(locale):
        kb.button(
            text=name, callback_data=draft.model_copy(update={"country": code, "step": "conv"})
        )
    kb.adjust(2)
    return kb.as_markup()


def conventions_markup(draft: RoleDraftCb) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for letter, convention in CONVENTION_CODES.items():
        chosen = letter in draft.conv
        toggled = draft.conv.replace(letter, "") if chosen else draft.conv + letter
        kb.button(
            text=("✅ " if chosen else "▫️ ") + str(CONVENTION_LABELS[convention]),
            callback_data=draft.model_copy(update={"conv": toggled, "step": "conv"}),
        )
    if draft.conv:
        kb.button(text=_("Confirm"), callback_data=draft.model_copy(update={"step": "done"}))
    kb.adjust(3, 1)
    return kb.as_markup()


def conventions_of(letters: str) -> tuple[Convention, ...]:
    return ordered(CONVENTION_CODES[ch] for ch in letters if ch in CONVENTION_CODES)
