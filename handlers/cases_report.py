"""/report: the officer's guided report, one question at a time, saved answer by answer.

Every answer goes to `bot.cases.drafts`, which stores it at once and says which question
comes next; a refused answer is explained and the same question asked again. Buttons of a
question already answered are refused as stale, never applied to another question.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import drafts
from bot.cases.drafts import DraftReply
from bot.errors import InvalidInput
from bot.timefmt import short_datetime
from bot.users.roles import Actor, Role
from db.models import Case, User
from handlers.cases_common import ReportStates, file_of, policy_of
from handlers.cases_kb import ReportCb, StepCb, resume_markup
from handlers.cases_prompts import prompt, substance_choices
from handlers.cases_texts import refusal
from handlers.common import PLAIN_TEXT, quote, show
from handlers.deps import Services
from handlers.filters import HasRole
from handlers.menu import MenuCb

router = Router(name="cases_report")
router.message.filter(HasRole(Role.OFFICER))
router.callback_query.filter(HasRole(Role.OFFICER))


def _notice(reply: DraftReply) -> str:
    case = reply.case
    if reply.notice == "not_in_catalogue":
        return _("«{text}» is not in the curated content; it is kept as you typed it.").format(
            text=quote(case.substance_text, 100)
        )
    if reply.notice == "file_added":
        return _("📎 File added ({count} in this report).").format(count=len(case.attachments))
    if reply.notice == "location_saved":
        return _("📍 Location saved.")
    return ""


async def ask(
    event: Message | CallbackQuery, case: Case, user: User, services: Services, before: str = ""
) -> None:
    """Show the question the draft waits for, after an optional line (a notice, a refusal)."""
    text, markup = prompt(case, user.language, services.catalogue)
    await show(event, f"{before}\n\n{text}" if before else text, markup)


async def _answered(
    event: Message | CallbackQuery, reply: DraftReply, user: User, services: Services
) -> None:
    if reply.candidates:
        text, markup = substance_choices(
            reply.case, user.language, reply.candidates, services.catalogue
        )
        await show(event, text, markup)
        return
    await ask(event, reply.case, user, services, _notice(reply))


@router.message(Command("report"))
@router.callback_query(MenuCb.filter(F.action == "report"))
async def report(
    event: Message | CallbackQuery,
    session: AsyncSession,
    actor: Actor,
    user: User,
    services: Services,
    state: FSMContext,
) -> None:
    draft = await drafts.current(session, actor)
    if draft is not None:
        text = _("You have an unfinished report, started {at}. Continue it or discard it?")
        await show(
            event,
            text.format(at=short_datetime(draft.created_at, user.timezone, user.language)),
            resume_markup(),
        )
        return
    draft = await drafts.start(session, actor, services.clock.now())
    await state.set_state(ReportStates.filling)
    await ask(event, draft, user, services)


@router.callback_query(ReportCb.filter(F.action == "resume"))
async def resume(
    query: CallbackQuery, session: AsyncSession, actor: Actor, user: User, services: Services,
    state: FSMContext,
) -> None:  # fmt: skip
    draft = await drafts.require(session, actor)
    await state.set_state(ReportStates.filling)
    await ask(query, draft, user, services)


@router.callback_query(ReportCb.filter(F.action.in_({"discard", "restart"})))
async def discard(
    query: CallbackQuery, callback_data: ReportCb, session: AsyncSession, actor: Actor,
    user: User, services: Services, state: FSMContext,
) -> None:  # fmt: skip
    await drafts.discard(session, actor)
    await state.clear()
    if callback_data.action == "restart":
        draft = await drafts.start(session, actor, services.clock.now())
        await state.set_state(ReportStates.filling)
        await ask(query, draft, user, services, _("The old report was discarded."))
        return
    await show(query, _("The report was discarded. Send /report to start a new one."))


@router.message(ReportStates.filling, PLAIN_TEXT)
async def typed(
    message: Message, session: AsyncSession, actor: Actor, user: User, services: Services
) -> None:
    try:
        reply = await drafts.answer_text(
            session, actor, message.text or "", catalogue=services.catalogue,
            now=services.clock.now(),
        )  # fmt: skip
    except InvalidInput as error:
        draft = await drafts.require(session, actor)
        await ask(message, draft, user, services, "⚠️ " + refusal(error))
        return
    await _answered(message, reply, user, services)


@router.callback_query(StepCb.filter())
async def chosen(
    query: CallbackQuery, callback_data: StepCb, session: AsyncSession, actor: Actor,
    user: User, services: Services, state: FSMContext,
) -> None:  # fmt: skip
    try:
        reply = await drafts.answer_choice(
            session, actor, callback_data.step, callback_data.value,
            catalogue=services.catalogue, now=services.clock.now(),
        )  # fmt: skip
    except InvalidInput as error:
        await query.answer(refusal(error)[:200], show_alert=True)
        return
    await state.set_state(ReportStates.filling)  # also after a lost conversation state
    await _answered(query, reply, user, services)


@router.message(ReportStates.filling, F.photo | F.document)
async def file_sent(
    message: Message, session: AsyncSession, actor: Actor, user: User, services: Services
) -> None:
    policy = policy_of(services)
    info = file_of(message)
    if info is None:  # the filter lets only photos and documents in
        return
    try:
        reply = await drafts.add_file(session, actor, info, max_bytes=policy.max_file_bytes)
    except InvalidInput as error:
        draft = await drafts.require(session, actor)
        mb = services.settings.case_max_file_mb
        await ask(message, draft, user, services, "⚠️ " + refusal(error, max_mb=mb))
        return
    await _answered(message, reply, user, services)


@router.message(ReportStates.filling, F.location)
async def location_sent(
    message: Message, session: AsyncSession, actor: Actor, user: User, services: Services
) -> None:
    spot = message.location
    assert spot is not None
    reply = await drafts.set_location(session, actor, spot.latitude, spot.longitude)
    await _answered(message, reply, user, services)


@router.message(ReportStates.filling, ~F.text)
async def unusable(
    message: Message, session: AsyncSession, actor: Actor, user: User, services: Services
) -> None:
    """Voice notes, stickers, videos: say what the report can take, ask again."""
    draft = await drafts.require(session, actor)
    text = _("A report can take text, photos, documents and a location.")
    await ask(message, draft, user, services, "⚠️ " + text)
