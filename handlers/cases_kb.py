"""Button data and keyboards of case reports: the officer's report, the focal point's work on
a case, the officer's own cases, and the admins' focal point directory.

`WorkCb` and `MineCb` read the data of buttons the services put on queued messages
(`bot.cases.callbacks`); their shape must stay the same as that module's.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.cases.callbacks import MINE_PREFIX, WORK_PREFIX
from bot.users.roles import Role
from handlers.filters import protect
from handlers.menu import MenuCb


class ReportCb(CallbackData, prefix="rp"):
    action: str  # resume | restart | discard | edit | submit
    group: str = ""  # for edit: a key of bot.cases.steps.GROUPS


class StepCb(CallbackData, prefix="rs"):
    """An answer given with a button: the question it answers, and the value."""

    step: str
    value: str  # a value code, an ISO country code or a knowledge entry id (<= 24 chars)


class WorkCb(CallbackData, prefix=WORK_PREFIX):
    action: str  # open | ack | info | close | reassign
    case_id: int


class MineCb(CallbackData, prefix=MINE_PREFIX):
    action: str  # open | answer | done
    case_id: int


class CloseCb(CallbackData, prefix="cwc"):
    case_id: int
    outcome: str
    now: bool = False  # True: close without a note


class ReassignCb(CallbackData, prefix="cwr"):
    case_id: int
    user_id: int


class QueueCb(CallbackData, prefix="cq"):
    view: str  # open | closed | csv | xlsx | mine


class DirectoryCb(CallbackData, prefix="fpd"):
    action: str  # home | country | remove | confirm | add
    country: str = ""
    user_id: int = 0


protect(ReportCb, StepCb, MineCb, roles=(Role.OFFICER,), commands=("report", "mycases"))
protect(DirectoryCb, roles=(Role.ADMIN,))


def one_button(text: str, data: CallbackData) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=text, callback_data=data)
    return kb.as_markup()


def resume_markup() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("▶️ Continue the report"), callback_data=ReportCb(action="resume"))
    kb.button(text=_("🗑 Discard it and start again"), callback_data=ReportCb(action="restart"))
    kb.adjust(1)
    return kb.as_markup()


def review_markup(locale_groups: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Submit, an edit button per field group, discard."""
    kb = InlineKeyboardBuilder()
    kb.button(text=_("✅ Submit the report"), callback_data=ReportCb(action="submit"))
    for group, label in locale_groups:
        kb.button(text="✏️ " + label, callback_data=ReportCb(action="edit", group=group))
    kb.button(text=_("🗑 Discard the report"), callback_data=ReportCb(action="discard"))
    kb.adjust(1, 2)
    return kb.as_markup()


def queue_markup(rows: list[tuple[str, int]], *, closed: bool) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for label, case_id in rows:
        kb.button(text=label[:60], callback_data=WorkCb(action="open", case_id=case_id))
    other = QueueCb(view="open" if closed else "closed")
    kb.button(text=_("Open cases") if closed else _("Closed cases"), callback_data=other)
    kb.button(text=_("⬇️ Export (Excel)"), callback_data=QueueCb(view="xlsx"))
    kb.button(text=_("⬇️ Export (CSV)"), callback_data=QueueCb(view="csv"))
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    kb.adjust(*([1] * len(rows)), 1, 2, 1)
    return kb.as_markup()
