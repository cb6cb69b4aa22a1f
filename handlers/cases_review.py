"""The review screen of a report: change one group of answers, submit, or discard."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import drafts, render, submission
from bot.errors import InvalidInput, NotFound
from bot.users.roles import Actor, Role
from db.models import User
from handlers.cases_common import ReportStates, policy_of, refusing
from handlers.cases_kb import MineCb, ReportCb, one_button
from handlers.cases_report import ask
from handlers.cases_texts import refusal
from handlers.common import show
from handlers.deps import Services
from handlers.filters import HasRole

router = Router(name="cases_review")
router.callback_query.filter(HasRole(Role.OFFICER))


@router.callback_query(ReportCb.filter(F.action == "edit"))
@refusing
async def edit(
    query: CallbackQuery, callback_data: ReportCb, session: AsyncSession, actor: Actor,
    user: User, services: Services, state: FSMContext,
) -> None:  # fmt: skip
    draft = await drafts.edit(session, actor, callback_data.group)
    await state.set_state(ReportStates.filling)
    await ask(query, draft, user, services)


@router.callback_query(ReportCb.filter(F.action == "submit"))
async def submit(
    query: CallbackQuery, session: AsyncSession, actor: Actor, user: User, services: Services,
    state: FSMContext,
) -> None:  # fmt: skip
    try:
        case = await submission.submit(
            session, actor, policy=policy_of(services), catalogue=services.catalogue,
            now=services.clock.now(),
        )  # fmt: skip
    except NotFound:  # a second tap on Submit
        await query.answer(_("This report was already submitted: /mycases."), show_alert=True)
        return
    except InvalidInput as error:
        draft = await drafts.require(session, actor)
        await ask(query, draft, user, services, "⚠️ " + refusal(error))
        return
    services.wake_delivery()
    await state.clear()
    text = _(
        "✅ Report submitted: <b>{reference}</b>.\nIt was sent to the focal points in charge "
        "for {country}. You will be told of every change of status; /mycases shows your reports."
    ).format(reference=case.reference, country=render.country(case.country, user.language))
    await show(
        query, text, one_button(_("📄 View the case"), MineCb(action="open", case_id=case.id))
    )
