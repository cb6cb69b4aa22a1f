"""Buttons under knowledge answers: more sections, did-you-mean choices, asking organizers."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.knowledge.answer import AnswerButton


class SectionCb(CallbackData, prefix="kb"):
    entry: str  # content ids are at most 24 ASCII characters
    section: str


class ForwardCb(CallbackData, prefix="kbq"):
    question_id: int


def answer_markup(
    buttons: list[AnswerButton], question_id: int | None = None
) -> InlineKeyboardMarkup | None:
    kb = InlineKeyboardBuilder()
    for button in buttons:
        kb.button(
            text=button.label,
            callback_data=SectionCb(entry=button.entry_id, section=button.section),
        )
    if question_id is not None:
        kb.button(text=_("✉️ Ask the organizers"), callback_data=ForwardCb(question_id=question_id))
    if not buttons and question_id is None:
        return None
    kb.adjust(2)
    return kb.as_markup()
