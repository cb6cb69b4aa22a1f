"""A focal point (or admin, or the regional fallback contact) handling a case: the case card,
acknowledge, ask the reporter, close with an outcome, reassign.

No role filter on this router: the regional fallback contact needs no role, and every action
goes through `bot.cases` services that check who may act on which case.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import labels, queues, render, work
from bot.cases.values import Outcome
from bot.errors import InvalidInput
from bot.users.roles import Actor
from db.models import User
from handlers.cases_common import CaseStates, policy_of, refusing
from handlers.cases_kb import CloseCb, QueueCb, ReassignCb, WorkCb, one_button
from handlers.cases_texts import refusal
from handlers.common import PLAIN_TEXT, quote, show
from handlers.deps import Services

router = Router(name="cases_work")


def actions_markup(view: work.CaseView) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    case = view.case
    if view.can_handle and case.status != "closed":
        if case.acknowledged_at is None:
            kb.button(
                text=_("✅ Acknowledge"), callback_data=WorkCb(action="ack", case_id=case.id)
            )
        kb.button(
            text=_("❓ Request information"), callback_data=WorkCb(action="info", case_id=case.id)
        )
        kb.button(text=_("✔️ Close case"), callback_data=WorkCb(action="close", case_id=case.id))
        kb.button(text=_("↪️ Reassign"), callback_data=WorkCb(action="reassign", case_id=case.id))
    kb.button(text=_("« Cases"), callback_data=QueueCb(view="open"))
    kb.adjust(1)
    return kb.as_markup()


async def card(
    event: Message | CallbackQuery, session: AsyncSession, actor: Actor, user: User,
    services: Services, case_id: int, before: str = "",
) -> None:  # fmt: skip
    view = await work.view(session, actor, case_id, policy_of(services))
    text = render.card(view.case, view.messages, user.language, user.timezone, services.catalogue)
    await show(event, (f"{before}\n\n{text}" if before else text)[:4000], actions_markup(view))


@router.callback_query(WorkCb.filter(F.action == "open"))
@refusing
async def open_case(
    query: CallbackQuery, callback_data: WorkCb, session: AsyncSession, actor: Actor,
    user: User, services: Services, state: FSMContext,
) -> None:  # fmt: skip
    await state.clear()
    await card(query, session, actor, user, services, callback_data.case_id)


@router.callback_query(WorkCb.filter(F.action == "ack"))
@refusing
async def acknowledge(
    query: CallbackQuery, callback_data: WorkCb, session: AsyncSession, actor: Actor,
    user: User, services: Services,
) -> None:  # fmt: skip
    case = await work.acknowledge(
        session, actor, callback_data.case_id, policy=policy_of(services),
        now=services.clock.now(),
    )  # fmt: skip
    services.wake_delivery()
    done = _("✅ Acknowledged: the officer has been told.")
    if case.status == "closed":
        done = _("This case is closed.")
    await card(query, session, actor, user, services, case.id, done)


@router.callback_query(WorkCb.filter(F.action == "info"))
@refusing
async def ask_question(
    query: CallbackQuery, callback_data: WorkCb, session: AsyncSession, actor: Actor,
    services: Services, state: FSMContext,
) -> None:  # fmt: skip
    case = await work.handling(session, actor, callback_data.case_id, policy_of(services))
    await state.set_state(CaseStates.question)
    await state.update_data(case_id=case.id)
    text = _(
        "Case {reference}: type your question for the officer who reported it. They can "
        "answer with text, photos and documents."
    ).format(reference=case.reference)
    await show(query, text, _back(case.id))


def _back(case_id: int) -> InlineKeyboardMarkup:
    return one_button(_("« Back to the case"), WorkCb(action="open", case_id=case_id))


@router.message(CaseStates.question, PLAIN_TEXT)
async def question_typed(
    message: Message, session: AsyncSession, actor: Actor, user: User, services: Services,
    state: FSMContext,
) -> None:  # fmt: skip
    case_id = int((await state.get_data()).get("case_id", 0))
    try:
        await work.request_info(
            session, actor, case_id, message.text or "", policy=policy_of(services),
            now=services.clock.now(),
        )  # fmt: skip
    except InvalidInput as error:
        await message.answer("⚠️ " + refusal(error))
        return
    services.wake_delivery()
    await state.clear()
    sent = _("✉️ Question sent to the officer. Their answers will come to you here.")
    await card(message, session, actor, user, services, case_id, sent)


@router.message(CaseStates.question)
async def question_not_text(message: Message) -> None:
    await message.answer(_("Please type the question as text."))


@router.callback_query(WorkCb.filter(F.action == "close"))
@refusing
async def close_pick(
    query: CallbackQuery, callback_data: WorkCb, session: AsyncSession, actor: Actor,
    user: User, services: Services,
) -> None:  # fmt: skip
    case = await work.handling(session, actor, callback_data.case_id, policy_of(services))
    kb = InlineKeyboardBuilder()
    for outcome in Outcome:
        label = labels.outcome_label(outcome.value, user.language)
        kb.button(text=label, callback_data=CloseCb(case_id=case.id, outcome=outcome.value))
    kb.button(text=_("« Back to the case"), callback_data=WorkCb(action="open", case_id=case.id))
    kb.adjust(1)
    text = _("Close case {reference}: what is the outcome?").format(reference=case.reference)
    await show(query, text, kb.as_markup())


@router.callback_query(CloseCb.filter(~F.now))
@refusing
async def close_note_ask(
    query: CallbackQuery, callback_data: CloseCb, session: AsyncSession, actor: Actor,
    user: User, services: Services, state: FSMContext,
) -> None:  # fmt: skip
    await work.handling(session, actor, callback_data.case_id, policy_of(services))
    await state.set_state(CaseStates.close_note)
    await state.update_data(case_id=callback_data.case_id, outcome=callback_data.outcome)
    text = _(
        "Outcome: {outcome}. Type a short note for the record (for example the authority it "
        "was referred to, or the laboratory result), or close without a note."
    ).format(outcome=labels.outcome_label(callback_data.outcome, user.language))
    now = callback_data.model_copy(update={"now": True})
    await show(query, text, one_button(_("Close without a note"), now))


async def _close(
    event: Message | CallbackQuery, session: AsyncSession, actor: Actor, user: User,
    services: Services, state: FSMContext, case_id: int, outcome: str, note: str = "",
) -> None:  # fmt: skip
    try:
        await work.close(
            session, actor, case_id, outcome, note, policy=policy_of(services),
            now=services.clock.now(),
        )  # fmt: skip
    except InvalidInput as error:
        if isinstance(event, Message) and error.field == "note":
            await event.answer("⚠️ " + refusal(error))
            return
        raise
    services.wake_delivery()
    await state.clear()
    closed = _("✔️ Case closed: the officer has been told.")
    await card(event, session, actor, user, services, case_id, closed)


@router.callback_query(CloseCb.filter(F.now))
@refusing
async def close_now(
    query: CallbackQuery, callback_data: CloseCb, session: AsyncSession, actor: Actor,
    user: User, services: Services, state: FSMContext,
) -> None:  # fmt: skip
    await _close(query, session, actor, user, services, state, callback_data.case_id,
                 callback_data.outcome)  # fmt: skip


@router.message(CaseStates.close_note, PLAIN_TEXT)
async def close_note_typed(
    message: Message, session: AsyncSession, actor: Actor, user: User, services: Services,
    state: FSMContext,
) -> None:  # fmt: skip
    data = await state.get_data()
    await _close(message, session, actor, user, services, state, int(data.get("case_id", 0)),
                 str(data.get("outcome", "")), message.text or "")  # fmt: skip


@router.callback_query(WorkCb.filter(F.action == "reassign"))
@refusing
async def reassign_pick(
    query: CallbackQuery, callback_data: WorkCb, session: AsyncSession, actor: Actor,
    user: User, services: Services,
) -> None:  # fmt: skip
    targets = await queues.targets(session, actor, callback_data.case_id, policy_of(services))
    kb = InlineKeyboardBuilder()
    for target in targets:
        conventions = ", ".join(
            labels.convention_label(c, user.language) for c in target.conventions
        )
        label = f"{target.name[:40]}" + (f" · {conventions}" if conventions else "")
        kb.button(
            text=label,
            callback_data=ReassignCb(case_id=callback_data.case_id, user_id=target.user_id),
        )
    back = WorkCb(action="open", case_id=callback_data.case_id)
    kb.button(text=_("« Back to the case"), callback_data=back)
    kb.adjust(1)
    text = _("Reassign to whom?") if targets else _("Nobody else can receive this case.")
    await show(query, text, kb.as_markup())


@router.callback_query(ReassignCb.filter())
@refusing
async def reassign(
    query: CallbackQuery, callback_data: ReassignCb, session: AsyncSession, actor: Actor,
    user: User, services: Services,
) -> None:  # fmt: skip
    case = await queues.reassign(
        session, actor, callback_data.case_id, callback_data.user_id,
        policy=policy_of(services), catalogue=services.catalogue, now=services.clock.now(),
    )  # fmt: skip
    services.wake_delivery()
    text = _("↪️ Case {reference} was reassigned and the new focal point alerted.").format(
        reference=quote(case.reference)
    )
    await show(query, text, one_button(_("« Cases"), QueueCb(view="open")))
