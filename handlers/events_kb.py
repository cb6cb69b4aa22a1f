"""Buttons of the participants' events area. `EventCb` packs as 'ev:<action>:<code>', the
format bot.events.links writes into reminders queued in the outbox."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.events import links
from handlers.events_org_kb import OrgCb
from handlers.menu import MenuCb


class EventCb(CallbackData, prefix=links.CALLBACK_PREFIX):
    action: str  # list | show | reg | unreg | att | ics
    code: str = ""


def list_markup(items: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One button per event (code, label), then back to the menu."""
    kb = InlineKeyboardBuilder()
    for code, label in items:
        kb.button(text=label[:60], callback_data=EventCb(action="show", code=code))
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    kb.adjust(1)
    return kb.as_markup()


def card_markup(
    code: str,
    *,
    can_register: bool,
    registered: bool,
    confirmed: bool,
    external_url: str | None,
    manage: bool,
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if can_register and not registered:
        kb.button(text=_("✅ Register"), callback_data=EventCb(action="reg", code=code))
    if registered and can_register and not confirmed:
        kb.button(text=_("✅ I'll attend"), callback_data=EventCb(action="att", code=code))
    if registered:
        kb.button(text=_("Unregister"), callback_data=EventCb(action="unreg", code=code))
    if external_url:
        kb.button(text=_("🔗 Registration on the organizer's site"), url=external_url)
    kb.button(text=_("📆 Add to calendar (.ics)"), callback_data=EventCb(action="ics", code=code))
    if manage:
        kb.button(text=_("⚙️ Manage"), callback_data=OrgCb(action="show", code=code))
    kb.button(text=_("« Events"), callback_data=EventCb(action="list"))
    kb.adjust(1)
    return kb.as_markup()
