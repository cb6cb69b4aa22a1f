"""/start: greet in the user's language, confirm language and country (and zone), show the menu.

Invite deep links (/start inv_<code>) grant their role first, then onboarding continues.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InviteError
from bot.geo import OTHER_COUNTRY
from bot.users import profiles
from bot.users.invites import DEEP_LINK_PREFIX, redeem_invite
from bot.users.roles import Role
from db.models import User
from handlers.common import (
    LANGUAGE_NAMES,
    PLAIN_TEXT,
    conventions_label,
    country_html,
    quote,
    role_label,
    show,
)
from handlers.deps import Services
from handlers.menu import send_main_menu
from handlers.onboarding_kb import (
    CountryCb,
    LanguageCb,
    country_keyboard,
    language_keyboard,
    zone_keyboard,
)
from handlers.states import Onboarding, ZoneInput
from handlers.text_match import match_country

router = Router(name="onboarding")


def _welcome(user: User) -> str:
    return _(
        "👋 Welcome to <b>popsbot</b>, {name}!\n\n"
        "I help customs officers, Stockholm Convention focal points and event organizers in "
        "Latin America and the Caribbean with persistent organic pollutants (POPs) at the "
        "border.\n\nFirst, which language do you prefer?"
    ).format(name=quote(user.first_name or user.display_name, 64))


async def ask_language(event: Message | CallbackQuery, user: User, state: FSMContext) -> None:
    await state.set_state(Onboarding.language)
    await show(event, _welcome(user), language_keyboard("onb"))


async def ask_country(event: Message | CallbackQuery, user: User, state: FSMContext) -> None:
    await state.set_state(Onboarding.country)
    text = _("Language: <b>{language}</b>.\n\nWhich country do you work in?").format(
        language=LANGUAGE_NAMES[user.language]
    )
    await show(event, text, country_keyboard(user.language, "onb"))


async def finish_onboarding(
    event: Message | CallbackQuery,
    session: AsyncSession,
    user: User,
    services: Services,
    state: FSMContext,
) -> None:
    await profiles.complete_onboarding(session, user, services.clock)
    await state.clear()
    await show(
        event,
        _("All set! Country: <b>{country}</b>, time zone: <b>{zone}</b>.").format(
            country=country_html(user.country or OTHER_COUNTRY, user.language),
            zone=quote(user.timezone),
        ),
    )
    await send_main_menu(event, profiles.actor_of(user), user)


def _invite_error(reason: str) -> str:
    texts = {
        "unknown": _("This invitation link is not valid. Please ask for a new one."),
        "expired": _("This invitation has expired. Please ask an administrator for a new one."),
        "used": _("This invitation has already been used. Each invitation works only once."),
    }
    return texts.get(reason, texts["unknown"])


@router.message(CommandStart(deep_link=True, magic=F.args.startswith(DEEP_LINK_PREFIX)))
async def start_with_invite(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    user: User,
    services: Services,
    state: FSMContext,
) -> None:
    code = (command.args or "").removeprefix(DEEP_LINK_PREFIX)
    try:
        grant = await redeem_invite(session, user, code, services.clock)
    except InviteError as error:
        await message.answer(_invite_error(error.reason))
    else:
        text = _("Invitation accepted: your role is now <b>{role}</b>.").format(
            role=role_label(grant.role)
        )
        if grant.role == Role.FOCAL_POINT:
            text += "\n" + _("Country: {country}. Conventions: {conventions}.").format(
                country=country_html(grant.country or "", user.language),
                conventions=conventions_label(grant.conventions),
            )
        await message.answer(text)
    if user.onboarded_at is None:
        await ask_language(message, user, state)
    else:
        await send_main_menu(message, profiles.actor_of(user), user)


@router.message(CommandStart())
async def start(message: Message, user: User, state: FSMContext) -> None:
    await state.clear()
    if user.onboarded_at is None:
        await ask_language(message, user, state)
        return
    await message.answer(
        _("Welcome back, {name}!").format(name=quote(user.first_name or user.display_name, 64))
    )
    await send_main_menu(message, profiles.actor_of(user), user)


@router.callback_query(LanguageCb.filter(F.flow == "onb"))
async def onboarding_language(
    query: CallbackQuery,
    callback_data: LanguageCb,
    session: AsyncSession,
    user: User,
    state: FSMContext,
    i18n: I18n,
) -> None:
    await profiles.set_language(session, user, callback_data.code)
    with i18n.use_locale(user.language):  # answer in the language just chosen
        await ask_country(query, user, state)


@router.callback_query(CountryCb.filter(F.flow == "onb"))
async def onboarding_country(
    query: CallbackQuery,
    callback_data: CountryCb,
    session: AsyncSession,
    user: User,
    services: Services,
    state: FSMContext,
) -> None:
    await _set_country_and_continue(query, callback_data.code, session, user, services, state)


@router.message(Onboarding.country, PLAIN_TEXT)
async def onboarding_country_typed(
    message: Message, session: AsyncSession, user: User, services: Services, state: FSMContext
) -> None:
    code = match_country(message.text or "", user.language)
    if code is None:
        await message.answer(
            _("I couldn't find that country. Please choose it from the buttons above.")
        )
        return
    await _set_country_and_continue(message, code, session, user, services, state)


async def _set_country_and_continue(
    event: Message | CallbackQuery,
    code: str,
    session: AsyncSession,
    user: User,
    services: Services,
    state: FSMContext,
) -> None:
    zones = await profiles.set_country(session, user, code)
    if code == OTHER_COUNTRY:
        await state.set_state(ZoneInput.waiting)
        await state.update_data(flow="onb")
        await show(event, zone_prompt())
        return
    if zones:
        await state.set_state(Onboarding.timezone)
        text = _("{country} has several time zones. Which one is yours?").format(
            country=country_html(code, user.language)
        )
        await show(event, text, zone_keyboard(zones, user.language, "onb", services.clock.now()))
        return
    await finish_onboarding(event, session, user, services, state)


def zone_prompt() -> str:
    return _(
        "Please type your time zone, for example <code>America/Bogota</code>, "
        "<code>Europe/Madrid</code> or just a city such as <code>Lima</code>."
    )
