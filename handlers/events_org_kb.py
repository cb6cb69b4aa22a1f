"""Buttons of the organizers' events area: their events, one event's management screen, and
the event dialog (create or edit). Both prefixes belong to organizers (admins pass too)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import SUPPORTED_LOCALES
from bot.users.roles import Role
from handlers.common import LANGUAGE_NAMES, role_label
from handlers.filters import protect
from handlers.menu import MenuCb


class OrgCb(CallbackData, prefix="evo"):
    action: str  # home | new | show | stats | csv | edit | cancel | cancel_ok | message
    code: str = ""


class DraftCb(CallbackData, prefix="evd"):
    """One button of the event dialog; `value` is the choice (a zone, a language, a role)."""

    action: str
    value: str = ""


protect(OrgCb, DraftCb, roles=(Role.ORGANIZER,))

AUDIENCE_ROLES = (Role.OFFICER, Role.FOCAL_POINT)


def home_markup(items: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("➕ New event"), callback_data=OrgCb(action="new"))
    for code, label in items:
        kb.button(text=label[:60], callback_data=OrgCb(action="show", code=code))
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    kb.adjust(1)
    return kb.as_markup()


def event_markup(code: str, *, active: bool) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("📊 Registrations"), callback_data=OrgCb(action="stats", code=code))
    kb.button(text=_("⬇️ Registrations (CSV)"), callback_data=OrgCb(action="csv", code=code))
    if active:
        kb.button(text=_("✏️ Edit"), callback_data=OrgCb(action="edit", code=code))
        kb.button(
            text=_("📢 Message registrants"), callback_data=OrgCb(action="message", code=code)
        )
        kb.button(text=_("❌ Cancel the event"), callback_data=OrgCb(action="cancel", code=code))
    kb.button(text=_("« My events"), callback_data=OrgCb(action="home"))
    kb.adjust(2, 1)
    return kb.as_markup()


def back_markup(code: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("« Back"), callback_data=OrgCb(action="show", code=code))
    return kb.as_markup()


def confirm_cancel_markup(code: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("Yes, cancel it"), callback_data=OrgCb(action="cancel_ok", code=code))
    kb.button(text=_("No, keep it"), callback_data=OrgCb(action="show", code=code))
    kb.adjust(1)
    return kb.as_markup()


def one_button(text: str, action: str, value: str = "") -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=text, callback_data=DraftCb(action=action, value=value))
    return kb.as_markup()


def zone_markup(zone: str) -> InlineKeyboardMarkup:
    return one_button(_("Use {zone}").format(zone=zone), "zone", zone)


def summary_markup(mode: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for action, label in (
        ("title", _("✏️ Title")),
        ("description", _("✏️ Description")),
        ("time", _("🕒 Time")),
        ("place", _("📍 Place")),
        ("translate", _("🌐 Add a language")),
        ("languages", _("🗣 Languages")),
        ("audience", _("👥 Audience")),
        ("reminders", _("⏰ Reminders")),
        ("registration", _("📝 Registration")),
        ("followup", _("📎 Follow-ups")),
    ):
        kb.button(text=label, callback_data=DraftCb(action=action))
    save = _("✅ Create the event") if mode == "new" else _("💾 Save changes")
    kb.button(text=save, callback_data=DraftCb(action="save"))
    kb.button(text=_("✖️ Discard"), callback_data=DraftCb(action="discard"))
    kb.adjust(2, 2, 2, 2, 2, 1, 1)
    return kb.as_markup()


def languages_pick_markup(present: list[str]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code in SUPPORTED_LOCALES:
        mark = "✅ " if code in present else ""
        kb.button(text=mark + LANGUAGE_NAMES[code], callback_data=DraftCb(action="tr", value=code))
    kb.button(text=_("« Back"), callback_data=DraftCb(action="summary"))
    kb.adjust(2, 2, 1)
    return kb.as_markup()


def spoken_markup(spoken: list[str], interpreted: list[str]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code in SUPPORTED_LOCALES:
        mark = "✅ " if code in spoken else "▫️ "
        kb.button(text=mark + LANGUAGE_NAMES[code], callback_data=DraftCb(action="sp", value=code))
    for code in SUPPORTED_LOCALES:
        mark = "🎧 " if code in interpreted else "▫️ "
        kb.button(text=mark + LANGUAGE_NAMES[code], callback_data=DraftCb(action="ip", value=code))
    kb.button(text=_("Done"), callback_data=DraftCb(action="summary"))
    kb.adjust(4, 4, 1)
    return kb.as_markup()


def audience_markup(roles: list[str]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for role in AUDIENCE_ROLES:
        mark = "✅ " if role.value in roles else "▫️ "
        kb.button(text=mark + role_label(role), callback_data=DraftCb(action="role", value=role))
    kb.button(text=_("🌎 Countries"), callback_data=DraftCb(action="countries"))
    kb.button(text=_("Done"), callback_data=DraftCb(action="summary"))
    kb.adjust(2, 1, 1)
    return kb.as_markup()


def reminders_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("7 days, 1 day and 1 hour before"), callback_data=DraftCb(action="rdef"))
    kb.button(text=_("No reminders"), callback_data=DraftCb(action="rnone"))
    kb.button(text=_("« Back"), callback_data=DraftCb(action="summary"))
    kb.adjust(1)
    return kb.as_markup()


def registration_markup(in_bot: bool, has_url: bool) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    toggle = _("Turn off registration in popsbot") if in_bot else _("Register in popsbot")
    kb.button(text=toggle, callback_data=DraftCb(action="regbot"))
    kb.button(text=_("🔗 External registration link"), callback_data=DraftCb(action="regurl"))
    if has_url:
        kb.button(text=_("Remove the link"), callback_data=DraftCb(action="regurl_rm"))
    kb.button(text=_("Done"), callback_data=DraftCb(action="summary"))
    kb.adjust(1)
    return kb.as_markup()


def followup_markup(count: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("➕ Materials link"), callback_data=DraftCb(action="fu", value="materials"))
    kb.button(text=_("➕ Survey link"), callback_data=DraftCb(action="fu", value="survey"))
    if count:
        kb.button(text=_("Remove all follow-ups"), callback_data=DraftCb(action="fu_clear"))
    kb.button(text=_("Done"), callback_data=DraftCb(action="summary"))
    kb.adjust(2, 1, 1)
    return kb.as_markup()


def delay_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("2 hours after the end"), callback_data=DraftCb(action="fu_at", value="PT2H"))
    kb.button(text=_("1 day after the end"), callback_data=DraftCb(action="fu_at", value="P1D"))
    kb.adjust(1)
    return kb.as_markup()


def skip_markup(action: str = "skip") -> InlineKeyboardMarkup:
    return one_button(_("Skip"), action)
