"""Confirming a broadcast (now or at a time), and its live delivery report.

The report message is kept current by the live-report job (bot.events.live) and can be
refreshed by hand; "Stop the rest" skips what was not sent yet.
"""

from __future__ import annotations

from datetime import datetime

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InvalidInput
from bot.events import broadcasts, drafts
from bot.events.audience import parse_audience
from bot.events.broadcast_text import audience_label, report_text
from bot.events.spec import to_utc
from bot.events.timeshow import start_phrase
from bot.users.roles import Actor, Role
from db.models import User
from handlers.broadcast import keep, load, send_preview, stale
from handlers.broadcast_kb import BroadcastCb, confirm_markup, report_markup
from handlers.common import PLAIN_TEXT, quote, show
from handlers.deps import Services
from handlers.events_states import BroadcastStates as S
from handlers.events_text import refusal
from handlers.filters import HasRole

router = Router(name="broadcast_send")
router.message.filter(HasRole(Role.ORGANIZER))
router.callback_query.filter(HasRole(Role.ORGANIZER))


def confirm_text(bc: dict, user: User) -> str:
    audience = audience_label(parse_audience(bc["audience"]), user.language)
    if bc.get("at"):
        when = start_phrase(datetime.fromisoformat(bc["at"]), user.timezone, user.language)
        return _("Send it on {when} to {audience} ({count} people)?").format(
            when=when, audience=audience, count=bc["count"]
        )
    return _("Send it now to {audience} ({count} people)?").format(
        audience=audience, count=bc["count"]
    )


@router.callback_query(S.preview, BroadcastCb.filter(F.action == "now"))
async def send_now(query: CallbackQuery, user: User, state: FSMContext) -> None:
    bc = await load(state)
    if bc is None:
        await query.answer(stale(), show_alert=True)
        return
    bc["at"] = None
    await keep(state, bc)
    await show(query, confirm_text(bc, user), confirm_markup())


def at_prompt(user: User) -> str:
    return _(
        "When should it be sent? Send the date and time in your time zone ({zone}), for "
        "example <code>2026-12-01 09:00</code>."
    ).format(zone=quote(user.timezone))


@router.callback_query(S.preview, BroadcastCb.filter(F.action == "schedule"))
async def schedule(query: CallbackQuery, user: User, state: FSMContext) -> None:
    await state.set_state(S.at)
    await show(query, at_prompt(user))


@router.message(S.at, PLAIN_TEXT)
async def at_typed(message: Message, user: User, state: FSMContext, services: Services) -> None:
    bc = await load(state)
    if bc is None:
        await state.clear()
        return
    try:
        local = drafts.parse_start(message.text or "", user.timezone, services.clock.now())
    except InvalidInput as error:
        reason = (
            refusal(InvalidInput("at", "past"))
            if error.reason == "past"
            else _("I couldn't read that date and time.")
        )
        await message.answer(reason + "\n\n" + at_prompt(user))
        return
    bc["at"] = to_utc(local, user.timezone).isoformat()
    await keep(state, bc)
    await state.set_state(S.preview)
    await message.answer(confirm_text(bc, user), reply_markup=confirm_markup())


@router.callback_query(S.preview, BroadcastCb.filter(F.action == "back"))
async def back(query: CallbackQuery, user: User, state: FSMContext) -> None:
    bc = await load(state)
    if bc is None:
        await query.answer(stale(), show_alert=True)
        return
    await send_preview(query, bc, user.language, state)


@router.callback_query(S.preview, BroadcastCb.filter(F.action == "send"))
async def send(
    query: CallbackQuery, session: AsyncSession, actor: Actor, user: User, state: FSMContext,
    services: Services,
) -> None:  # fmt: skip
    bc = await load(state)
    if bc is None:
        await query.answer(stale(), show_alert=True)
        return
    at = datetime.fromisoformat(bc["at"]) if bc.get("at") else None
    try:
        item = await broadcasts.queue_broadcast(
            session, actor, parse_audience(bc["audience"]), bc["texts"], services.clock, at
        )
    except InvalidInput as error:
        await query.answer(refusal(error)[:200], show_alert=True)
        return
    services.wake_delivery()
    await state.clear()
    await refresh(query, session, actor, user, services, item.id, follow=True)


async def refresh(
    query: CallbackQuery, session: AsyncSession, actor: Actor, user: User, services: Services,
    broadcast_id: int, *, follow: bool = False,
) -> None:  # fmt: skip
    item, report = await broadcasts.report(session, actor, broadcast_id)
    running = item.status != "cancelled" and not report.done
    text = report_text(item, report, user.language, user.timezone, services.clock.now())
    await show(query, text, report_markup(item.id, running=running, locale=user.language))
    message = query.message
    if follow and isinstance(message, Message):
        await broadcasts.follow_report(
            session, actor, item.id, message.chat.id, message.message_id
        )


def _number(value: str) -> int:
    return int(value) if value.isdigit() and len(value) < 19 else 0  # forged data: not found


@router.callback_query(BroadcastCb.filter(F.action == "report"))
async def report_pressed(
    query: CallbackQuery, callback_data: BroadcastCb, session: AsyncSession, actor: Actor,
    user: User, services: Services,
) -> None:  # fmt: skip
    await refresh(query, session, actor, user, services, _number(callback_data.value))


@router.callback_query(BroadcastCb.filter(F.action == "stop"))
async def stop(
    query: CallbackQuery, callback_data: BroadcastCb, session: AsyncSession, actor: Actor,
    user: User, services: Services,
) -> None:  # fmt: skip
    await broadcasts.cancel_broadcast(session, actor, _number(callback_data.value))
    await refresh(query, session, actor, user, services, _number(callback_data.value))
