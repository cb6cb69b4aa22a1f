"""The event dialog's last screens: registration (in popsbot, an external link), follow-ups
after the event, then save (create or update, telling registrants of a new time) or discard."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InvalidInput
from bot.events import drafts, manage
from bot.events.durations import normalize_offsets
from bot.users.roles import Actor, Role
from db.models import User
from handlers.common import PLAIN_TEXT, show
from handlers.deps import Services
from handlers.events_draft import load, save
from handlers.events_draft_more import screen, with_draft
from handlers.events_draft_text import draft_refusal
from handlers.events_draft_view import followup_lines
from handlers.events_org import event_screen
from handlers.events_org_kb import (
    DraftCb,
    OrgCb,
    delay_markup,
    followup_markup,
    registration_markup,
)
from handlers.events_states import EventDraftStates as S
from handlers.filters import HasRole

router = Router(name="events_draft_finish")
router.message.filter(HasRole(Role.ORGANIZER))
router.callback_query.filter(HasRole(Role.ORGANIZER))
Draft = dict[str, Any]


@router.callback_query(
    StateFilter(S), DraftCb.filter(F.action.in_({"registration", "regbot", "regurl_rm"}))
)
async def registration(query: CallbackQuery, callback_data: DraftCb, state: FSMContext) -> None:
    draft = await with_draft(query, state)
    if draft is None:
        return
    if callback_data.action == "regbot":
        draft["registration"] = not draft["registration"]
    elif callback_data.action == "regurl_rm":
        draft["registration_url"] = None
    text = _(
        "Registration: people register in popsbot with one button (and get reminders), and/or "
        "on the organizer's own site with a link shown on the event."
    )
    markup = registration_markup(draft["registration"], bool(draft.get("registration_url")))
    await screen(query, state, draft, text, markup)


@router.callback_query(StateFilter(S), DraftCb.filter(F.action == "regurl"))
async def registration_url_ask(query: CallbackQuery, state: FSMContext) -> None:
    draft = await with_draft(query, state)
    if draft is not None:
        text = _("Send the link of the external registration page (https://…).")
        await screen(query, state, draft, text, None, S.reg_url)


@router.message(S.reg_url, PLAIN_TEXT)
async def registration_url_typed(message: Message, state: FSMContext) -> None:
    draft = await load(state)
    if draft is None:
        await state.clear()
        return
    try:
        draft["registration_url"] = drafts.parse_url(message.text or "", "registration_url")
    except InvalidInput as error:
        await message.answer(draft_refusal(error, draft))
        return
    await save(state, draft)
    await state.set_state(S.summary)
    markup = registration_markup(draft["registration"], True)
    await message.answer(_("Registration link saved."), reply_markup=markup)


@router.callback_query(StateFilter(S), DraftCb.filter(F.action.in_({"followup", "fu_clear"})))
async def followups(
    query: CallbackQuery, callback_data: DraftCb, state: FSMContext, user: User
) -> None:
    draft = await with_draft(query, state)
    if draft is None:
        return
    if callback_data.action == "fu_clear":
        draft["followups"] = []
    text = followup_lines(draft, user.language)
    await screen(query, state, draft, text, followup_markup(len(draft["followups"])))


@router.callback_query(StateFilter(S), DraftCb.filter(F.action == "fu"))
async def followup_url_ask(
    query: CallbackQuery, callback_data: DraftCb, state: FSMContext
) -> None:
    draft = await with_draft(query, state)
    if draft is None:
        return
    if len(draft["followups"]) >= 5:
        await query.answer(_("An event can have at most 5 follow-ups."), show_alert=True)
        return
    draft["fu_kind"] = callback_data.value
    await screen(query, state, draft, _("Send the link (https://…)."), None, S.fu_url)


@router.message(S.fu_url, PLAIN_TEXT)
async def followup_url_typed(message: Message, state: FSMContext) -> None:
    draft = await load(state)
    if draft is None:
        await state.clear()
        return
    try:
        draft["fu_url"] = drafts.parse_url(message.text or "", "followup")
    except InvalidInput as error:
        await message.answer(draft_refusal(error, draft))
        return
    await save(state, draft)
    await state.set_state(S.fu_delay)
    await message.answer(delay_prompt(), reply_markup=delay_markup())


def delay_prompt() -> str:
    return _(
        "When should it be sent? Press a button, or send a delay after the end such as "
        "<code>PT3H</code> (3 hours) or <code>P2D</code> (2 days)."
    )


async def add_followup(event: Message | CallbackQuery, state: FSMContext, draft: Draft,
                       after: str, user: User) -> None:  # fmt: skip
    item = {"kind": draft.pop("fu_kind", "materials"), "after": after,
            "url": draft.pop("fu_url", None), "text": {}}  # fmt: skip
    draft["followups"] = [*draft["followups"], item]
    await save(state, draft)
    await state.set_state(S.summary)
    await show(
        event, followup_lines(draft, user.language), followup_markup(len(draft["followups"]))
    )


@router.callback_query(S.fu_delay, DraftCb.filter(F.action == "fu_at"))
async def followup_delay_pressed(
    query: CallbackQuery, callback_data: DraftCb, state: FSMContext, user: User
) -> None:
    draft = await with_draft(query, state)
    if draft is not None:
        await add_followup(query, state, draft, callback_data.value, user)


@router.message(S.fu_delay, PLAIN_TEXT)
async def followup_delay_typed(message: Message, state: FSMContext, user: User) -> None:
    draft = await load(state)
    if draft is None:
        await state.clear()
        return
    try:
        after = normalize_offsets([message.text or ""])[0]
    except ValueError:
        error = InvalidInput("followup", "delay")
        await message.answer(draft_refusal(error, draft), reply_markup=delay_markup())
        return
    await add_followup(message, state, draft, after, user)


@router.callback_query(StateFilter(S), DraftCb.filter(F.action == "save"))
async def save_event(
    query: CallbackQuery, session: AsyncSession, actor: Actor, user: User, state: FSMContext,
    services: Services,
) -> None:  # fmt: skip
    draft = await with_draft(query, state)
    if draft is None:
        return
    try:
        spec = drafts.spec_from_draft(draft)
        if draft["mode"] == "new":
            event = await manage.create_event(session, actor, spec, services.clock)
            note = _("✅ The event is created. Share its link so people can register.")
        else:
            result = await manage.update_event(session, actor, spec, services.clock)
            event = result.event
            note = _("💾 Saved.")
            if result.time_changed:
                note += " " + _("The {count} registrants are being told of the new time.").format(
                    count=result.notified
                )
    except InvalidInput as error:
        await query.answer(draft_refusal(error, draft)[:200], show_alert=True)
        return
    services.wake_delivery()
    await state.clear()
    text, markup = await event_screen(session, actor, user, services, event.code)
    await show(query, note + "\n\n" + text, markup)


@router.callback_query(StateFilter(S), DraftCb.filter(F.action == "discard"))
async def discard(query: CallbackQuery, state: FSMContext) -> None:
    await state.clear()
    kb = InlineKeyboardBuilder()
    kb.button(text=_("« My events"), callback_data=OrgCb(action="home"))
    await show(query, _("Discarded. Nothing was saved."), kb.as_markup())
