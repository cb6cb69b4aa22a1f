"""/language, /country, /timezone, the settings screen, and the time zone step of onboarding."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.events.registration import follow_zone_change
from bot.geo import OTHER_COUNTRY, countries, country_name, resolve_zone
from bot.users import profiles
from db.models import User
from handlers.common import LANGUAGE_NAMES, PLAIN_TEXT, country_html, quote, show
from handlers.deps import Services
from handlers.menu import MenuCb
from handlers.onboarding import finish_onboarding, zone_prompt
from handlers.onboarding_kb import (
    TYPE_ZONE,
    CountryCb,
    Flow,
    LanguageCb,
    ZoneCb,
    country_keyboard,
    language_keyboard,
    zone_keyboard,
)
from handlers.states import ZoneInput

router = Router(name="settings")


class SettingsCb(CallbackData, prefix="set"):
    what: str  # language | country | timezone


def _settings_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("Language"), callback_data=SettingsCb(what="language"))
    kb.button(text=_("Country"), callback_data=SettingsCb(what="country"))
    kb.button(text=_("Time zone"), callback_data=SettingsCb(what="timezone"))
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    kb.adjust(3, 1)
    return kb.as_markup()


def _summary(user: User) -> str:
    return _(
        "<b>Settings</b>\nLanguage: {language}\nCountry: {country}\nTime zone: {zone}"
    ).format(
        language=LANGUAGE_NAMES[user.language],
        country=quote(country_name(user.country or OTHER_COUNTRY, user.language)),
        zone=quote(user.timezone),
    )


@router.callback_query(MenuCb.filter(F.action == "settings"))
async def settings_screen(query: CallbackQuery, user: User) -> None:
    await show(query, _summary(user), _settings_markup())


async def _ask_language(event: Message | CallbackQuery) -> None:
    await show(event, _("Choose your language:"), language_keyboard("set"))


async def _ask_country(event: Message | CallbackQuery, user: User) -> None:
    await show(event, _("Choose your country:"), country_keyboard(user.language, "set"))


async def _ask_zone(event: Message | CallbackQuery, user: User, services: Services) -> None:
    zones = countries()[user.country].zones if user.country in countries() else ()
    text = _("Your time zone is <b>{zone}</b>. Choose another one:").format(zone=user.timezone)
    now = services.clock.now()
    await show(event, text, zone_keyboard(zones, user.language, "set", now))


@router.message(Command("language"))
async def cmd_language(message: Message) -> None:
    await _ask_language(message)


@router.message(Command("country"))
async def cmd_country(message: Message, user: User) -> None:
    await _ask_country(message, user)


@router.message(Command("timezone"))
async def cmd_timezone(message: Message, user: User, services: Services) -> None:
    await _ask_zone(message, user, services)


@router.callback_query(SettingsCb.filter())
async def settings_choice(
    query: CallbackQuery, callback_data: SettingsCb, user: User, services: Services
) -> None:
    if callback_data.what == "language":
        await _ask_language(query)
    elif callback_data.what == "country":
        await _ask_country(query, user)
    else:
        await _ask_zone(query, user, services)


@router.callback_query(LanguageCb.filter(F.flow == "set"))
async def language_chosen(
    query: CallbackQuery, callback_data: LanguageCb, session: AsyncSession, user: User, i18n: I18n
) -> None:
    await profiles.set_language(session, user, callback_data.code)
    with i18n.use_locale(user.language):
        await show(query, _summary(user), _settings_markup())


@router.callback_query(CountryCb.filter(F.flow == "set"))
async def country_chosen(
    query: CallbackQuery,
    callback_data: CountryCb,
    session: AsyncSession,
    user: User,
    services: Services,
    state: FSMContext,
) -> None:
    zone_before = user.timezone
    zones = await profiles.set_country(session, user, callback_data.code)
    if user.timezone != zone_before:
        await follow_zone_change(session, user, services.clock)
    if callback_data.code == OTHER_COUNTRY:
        await state.set_state(ZoneInput.waiting)
        await state.update_data(flow="set")
        await show(query, zone_prompt())
    elif zones:
        await show(
            query,
            _("Which time zone of {country}?").format(
                country=country_html(callback_data.code, user.language)
            ),
            zone_keyboard(zones, user.language, "set", services.clock.now()),
        )
    else:
        await show(query, _summary(user), _settings_markup())


@router.callback_query(ZoneCb.filter(F.zone == TYPE_ZONE))
async def zone_to_type(query: CallbackQuery, callback_data: ZoneCb, state: FSMContext) -> None:
    await state.set_state(ZoneInput.waiting)
    await state.update_data(flow=callback_data.flow)
    await show(query, zone_prompt())


@router.callback_query(ZoneCb.filter())
async def zone_chosen(
    query: CallbackQuery,
    callback_data: ZoneCb,
    session: AsyncSession,
    user: User,
    services: Services,
    state: FSMContext,
) -> None:
    await profiles.set_timezone(session, user, callback_data.zone)
    await _after_zone(query, callback_data.flow, session, user, services, state)


@router.message(ZoneInput.waiting, PLAIN_TEXT)
async def zone_typed(
    message: Message, session: AsyncSession, user: User, services: Services, state: FSMContext
) -> None:
    zone = resolve_zone(message.text or "")
    if zone is None:
        await message.answer(
            _("I don't know the time zone «{text}».").format(text=quote(message.text, 60))
            + "\n\n"
            + zone_prompt()
        )
        return
    await profiles.set_timezone(session, user, zone)
    flow: Flow = (await state.get_data()).get("flow", "set")
    await _after_zone(message, flow, session, user, services, state)


@router.message(ZoneInput.waiting, ~F.text)
async def zone_not_text(message: Message) -> None:
    await message.answer(zone_prompt())


async def _after_zone(
    event: Message | CallbackQuery,
    flow: Flow,
    session: AsyncSession,
    user: User,
    services: Services,
    state: FSMContext,
) -> None:
    if flow == "onb" and user.onboarded_at is None:
        await finish_onboarding(event, session, user, services, state)
        return
    await follow_zone_change(session, user, services.clock)  # reminders show the new zone
    await state.clear()
    await show(event, _summary(user), _settings_markup())
