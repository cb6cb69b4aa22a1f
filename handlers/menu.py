"""The main menu (what the user's roles allow), /menu, /help and /cancel.

Features add one MenuItem each to MENU_ITEMS; the services behind each item check the role
again, so the menu only decides what is shown, never what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import lazy_gettext as __
from aiogram.utils.i18n.lazy_proxy import LazyProxy
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.geo import OTHER_COUNTRY, country_name
from bot.users.roles import Actor, Role
from db.models import User
from handlers.common import quote, role_label, show


class MenuCb(CallbackData, prefix="menu"):
    action: str


@dataclass(frozen=True)
class MenuItem:
    action: str
    label: LazyProxy
    roles: tuple[Role, ...] = ()  # empty: every onboarded user


MENU_ITEMS: list[MenuItem] = [
    MenuItem("ask", __("🔎 Ask about a substance or HS code")),
    MenuItem("report", __("📝 Report a case"), (Role.OFFICER,)),
    MenuItem("mycases", __("📂 My reports"), (Role.OFFICER,)),
    MenuItem("cases", __("📥 Cases to handle"), (Role.FOCAL_POINT, Role.ADMIN)),
    MenuItem("events", __("📅 Events")),
    MenuItem("organize", __("🗂 Organize events"), (Role.ORGANIZER, Role.ADMIN)),
    MenuItem("broadcast", __("📢 Broadcast"), (Role.ORGANIZER, Role.ADMIN)),
    MenuItem("settings", __("⚙️ Settings")),
    MenuItem("admin", __("🛡 Administration"), (Role.ADMIN,)),
    MenuItem("focal_points", __("📇 Focal point directory"), (Role.ADMIN,)),
]

router = Router(name="menu")


def visible_items(actor: Actor) -> list[MenuItem]:
    return [item for item in MENU_ITEMS if not item.roles or any(actor.has(r) for r in item.roles)]


def main_menu_markup(actor: Actor) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for item in visible_items(actor):
        kb.button(text=str(item.label), callback_data=MenuCb(action=item.action))
    kb.adjust(1)
    return kb.as_markup()


def main_menu_text(actor: Actor, user: User) -> str:
    roles = ", ".join(role_label(role) for role in actor.grants) or _("no role yet")
    return _(
        "<b>Main menu</b>\nYou are: {roles}\nCountry: {country} · Time zone: {zone}\n\n"
        "You can also type a substance, a CAS number or an HS code at any time."
    ).format(
        roles=roles,
        country=quote(country_name(user.country or OTHER_COUNTRY, user.language)),
        zone=quote(user.timezone),
    )


async def send_main_menu(
    event: Message | CallbackQuery, actor: Actor, user: User, *, edit: bool = False
) -> None:
    """Show the menu: as an edit when a menu button was pressed, else as a new message.

    A button press is answered only when editing; callers that already answered it (with
    `show`) ask for a new message, since Telegram refuses a second answer.
    """
    text, markup = main_menu_text(actor, user), main_menu_markup(actor)
    if edit and isinstance(event, CallbackQuery):
        await show(event, text, markup)
        return
    message = event.message if isinstance(event, CallbackQuery) else event
    if isinstance(message, Message):
        await message.answer(text, reply_markup=markup)


def back_to_menu_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    return kb.as_markup()


@router.message(Command("menu"))
async def cmd_menu(message: Message, actor: Actor, user: User) -> None:
    await send_main_menu(message, actor, user)


@router.callback_query(MenuCb.filter(F.action == "home"))
async def menu_home(query: CallbackQuery, actor: Actor, user: User, state: FSMContext) -> None:
    await state.clear()
    await send_main_menu(query, actor, user, edit=True)


@router.message(Command("help"))
async def cmd_help(message: Message, actor: Actor) -> None:
    lines = [
        _(
            "<b>popsbot</b> answers questions on persistent organic pollutants (POPs) and their "
            "HS codes, from curated and sourced content."
        ),
        "",
        _("/menu: what you can do"),
        _("/events: upcoming events, registration and reminders"),
        _("/language: change language"),
        _("/country: change country"),
        _("/timezone: change time zone"),
        _("/cancel: stop what you are doing"),
    ]
    if actor.has(Role.OFFICER):
        lines.append(_("/report: report suspected illegal traffic of POPs"))
        lines.append(_("/mycases: your reports and their status"))
    if actor.has(Role.FOCAL_POINT) or actor.has(Role.ADMIN):
        lines.append(_("/cases: the cases you handle"))
    if actor.has(Role.ADMIN):
        lines.append(_("/admin: grant roles, create invitations, see the audit log"))
    await message.answer("\n".join(lines), reply_markup=back_to_menu_markup())


@router.message(Command("cancel"))
async def cmd_cancel(message: Message, state: FSMContext) -> None:
    had_state = await state.get_state() is not None
    await state.clear()
    text = (
        _("Stopped. Send /menu to see what you can do.")
        if had_state
        else _("There is nothing to stop. Send /menu to see what you can do.")
    )
    await message.answer(text)
