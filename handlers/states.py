"""Conversation states of the foundation flows (feature modules declare their own)."""

from aiogram.fsm.state import State, StatesGroup


class Onboarding(StatesGroup):
    language = State()
    country = State()
    timezone = State()


class ZoneInput(StatesGroup):
    """Waiting for a typed time zone name; `flow` in the data says where to go next."""

    waiting = State()


class AdminInput(StatesGroup):
    grant_user = State()
    revoke_user = State()
