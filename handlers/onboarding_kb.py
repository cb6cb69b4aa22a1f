"""Buttons for choosing language, country and time zone (onboarding and settings share them)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.geo import OTHER_COUNTRY, sorted_countries, zone_label
from bot.i18n import SUPPORTED_LOCALES
from handlers.common import LANGUAGE_NAMES

Flow = Literal["onb", "set"]  # first-time onboarding, or a change from settings


class LanguageCb(CallbackData, prefix="lang"):
    code: str
    flow: Flow


class CountryCb(CallbackData, prefix="ctry"):
    code: str
    flow: Flow


class ZoneCb(CallbackData, prefix="tz"):
    zone: str  # an IANA name, or "type" to type one
    flow: Flow


TYPE_ZONE = "type"


def language_keyboard(flow: Flow) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code in SUPPORTED_LOCALES:
        kb.button(text=LANGUAGE_NAMES[code], callback_data=LanguageCb(code=code, flow=flow))
    kb.adjust(2)
    return kb.as_markup()


def country_keyboard(locale: str, flow: Flow) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code, name in sorted_countries(locale):
        kb.button(text=name, callback_data=CountryCb(code=code, flow=flow))
    kb.button(text=_("Other country"), callback_data=CountryCb(code=OTHER_COUNTRY, flow=flow))
    kb.adjust(2)
    return kb.as_markup()


def zone_keyboard(
    zones: tuple[str, ...], locale: str, flow: Flow, now: datetime
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for zone in zones:
        kb.button(text=zone_label(zone, locale, now), callback_data=ZoneCb(zone=zone, flow=flow))
    kb.button(
        text=_("Another time zone (type it)"), callback_data=ZoneCb(zone=TYPE_ZONE, flow=flow)
    )
    kb.adjust(1)
    return kb.as_markup()
