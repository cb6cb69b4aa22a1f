"""Conversation states of the events areas: the event dialog and the broadcast composer."""

from aiogram.fsm.state import State, StatesGroup


class EventDraftStates(StatesGroup):
    title = State()
    description = State()
    timezone = State()
    start = State()
    end = State()
    place = State()
    summary = State()
    countries = State()
    reminders = State()
    reg_url = State()
    fu_url = State()
    fu_delay = State()


class BroadcastStates(StatesGroup):
    audience = State()
    countries = State()
    text = State()
    preview = State()
    at = State()
