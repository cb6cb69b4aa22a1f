"""/mycases: an officer's own reports, and answering a focal point's questions on them."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import labels, queues, relay, render, work
from bot.errors import InvalidInput
from bot.users.roles import Actor
from db.models import Case, User
from handlers.cases_common import CaseStates, file_of, policy_of, refusing
from handlers.cases_kb import MineCb, QueueCb, one_button
from handlers.cases_texts import refusal
from handlers.common import PLAIN_TEXT, show
from handlers.deps import Services
from handlers.menu import MenuCb

router = Router(name="cases_mine")


def line(case: Case, lang: str, services: Services) -> str:
    what = render.substance(case, lang, services.catalogue)
    return f"{case.reference} · {labels.status_label(case.status, lang)} · {what}"


@router.message(Command("mycases"))
@router.callback_query(MenuCb.filter(F.action == "mycases"))
@router.callback_query(QueueCb.filter(F.view == "mine"))
async def my_cases(
    event: Message | CallbackQuery, session: AsyncSession, actor: Actor, user: User,
    services: Services,
) -> None:  # fmt: skip
    cases = await queues.my_reports(session, actor)
    if not cases:
        await show(event, _("You have not submitted a report yet. /report starts one."))
        return
    kb = InlineKeyboardBuilder()
    for case in cases:
        label = f"{case.reference} · {labels.status_label(case.status, user.language)}"
        kb.button(text=label[:60], callback_data=MineCb(action="open", case_id=case.id))
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    kb.adjust(1)
    lines = [_("<b>Your reports</b>")] + [line(c, user.language, services) for c in cases]
    await show(event, "\n".join(lines)[:4000], kb.as_markup())


def _mine_markup(case: Case) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if case.status == "info_requested":
        kb.button(text=_("✍️ Answer"), callback_data=MineCb(action="answer", case_id=case.id))
    kb.button(text=_("« Your reports"), callback_data=QueueCb(view="mine"))
    kb.adjust(1)
    return kb.as_markup()


@router.callback_query(MineCb.filter(F.action == "open"))
@refusing
async def open_mine(
    query: CallbackQuery, callback_data: MineCb, session: AsyncSession, actor: Actor,
    user: User, services: Services,
) -> None:  # fmt: skip
    view = await work.view(session, actor, callback_data.case_id, policy_of(services))
    text = render.card(view.case, view.messages, user.language, user.timezone, services.catalogue)
    await show(query, text, _mine_markup(view.case))


def _done_markup(case_id: int) -> InlineKeyboardMarkup:
    return one_button(_("✅ Done"), MineCb(action="done", case_id=case_id))


@router.callback_query(MineCb.filter(F.action == "answer"))
@refusing
async def start_answer(
    query: CallbackQuery, callback_data: MineCb, session: AsyncSession, actor: Actor,
    state: FSMContext,
) -> None:  # fmt: skip
    question = await relay.open_question(session, actor, callback_data.case_id)
    await state.set_state(CaseStates.answering)
    await state.update_data(case_id=callback_data.case_id)
    text = _(
        "The question:\n«{question}»\n\nType your answer, or send photos or documents; each "
        "message is passed on to the focal point. Press Done when you have finished."
    ).format(question=render.clip(question.body, 1500))
    await show(query, text, _done_markup(callback_data.case_id))


async def _relay(
    message: Message, session: AsyncSession, actor: Actor, services: Services,
    state: FSMContext, **content: object,
) -> None:  # fmt: skip
    case_id = int((await state.get_data()).get("case_id", 0))
    try:
        await relay.answer(
            session, actor, case_id, policy=policy_of(services), now=services.clock.now(),
            **content,  # type: ignore[arg-type]
        )  # fmt: skip
    except InvalidInput as error:
        if error.reason == "closed":
            await state.clear()
        await message.answer("⚠️ " + refusal(error, max_mb=services.settings.case_max_file_mb))
        return
    services.wake_delivery()
    await message.answer(
        _("✉️ Passed on to the focal point. Send more, or press Done."),
        reply_markup=_done_markup(case_id),
    )


@router.message(CaseStates.answering, PLAIN_TEXT)
async def answer_text(
    message: Message, session: AsyncSession, actor: Actor, services: Services, state: FSMContext
) -> None:
    await _relay(message, session, actor, services, state, text=message.text or "")


@router.message(CaseStates.answering, F.photo | F.document)
async def answer_file(
    message: Message, session: AsyncSession, actor: Actor, services: Services, state: FSMContext
) -> None:
    await _relay(
        message, session, actor, services, state, file=file_of(message),
        text=message.caption or "",
    )  # fmt: skip


@router.message(CaseStates.answering, ~F.text)
async def answer_other(message: Message) -> None:
    await message.answer(_("Please send text, photos or documents, or press Done."))


@router.callback_query(MineCb.filter(F.action == "done"))
async def answer_done(query: CallbackQuery, state: FSMContext) -> None:
    await state.clear()
    await show(
        query, _("Thank you. Your answer is with the focal point; /mycases shows the case.")
    )
