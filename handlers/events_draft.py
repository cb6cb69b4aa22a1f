"""The event dialog (create, or edit an existing event): a few questions in order, then a
summary where every detail can be changed before saving.

The draft lives in the conversation data (stored in the database on SQLite), so nothing typed
is lost to a restart or a mistake; a refused answer gets a reason and the same question.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InvalidInput
from bot.events import drafts, manage
from bot.geo import resolve_zone
from bot.users.roles import Actor, Role
from db.models import User
from handlers.common import PLAIN_TEXT, show
from handlers.deps import Services
from handlers.events_draft_text import draft_refusal
from handlers.events_draft_view import prompt, summary
from handlers.events_org_kb import DraftCb, OrgCb
from handlers.events_states import EventDraftStates as S
from handlers.filters import HasRole

router = Router(name="events_draft")
router.message.filter(HasRole(Role.ORGANIZER))
router.callback_query.filter(HasRole(Role.ORGANIZER))

Event = Message | CallbackQuery
LINEAR = {"title": "description", "description": "timezone", "timezone": "start",
          "start": "end", "end": "place", "place": "summary"}  # fmt: skip


async def load(state: FSMContext) -> dict[str, Any] | None:
    return (await state.get_data()).get("draft")


async def save(state: FSMContext, draft: dict[str, Any]) -> None:
    await state.update_data(draft=draft)


async def ask(event: Event, state: FSMContext, step: str, user: User, services: Services) -> None:
    """Show the question of `step` (or the summary) and wait for its answer."""
    draft = await load(state) or {}
    markup: InlineKeyboardMarkup | None
    if step == "summary":
        text, markup = summary(draft, user)
    else:
        text, markup = prompt(step, draft, user, services.clock.now())
    await state.set_state(getattr(S, step))
    await show(event, text, markup)


async def advance(
    event: Event, state: FSMContext, draft: dict[str, Any], step: str, user: User,
    services: Services,
) -> None:  # fmt: skip
    """After `step`: the next question of a new draft, or back to the summary."""
    await save(state, draft)
    following = LINEAR[step]
    if step == "title" and draft.get("translating"):
        following = "description"
    elif draft.get("ret") and step not in ("timezone", "start"):
        following = "summary"
    if following == "summary":
        draft.pop("translating", None)
        draft["lang"] = user.language
        await save(state, draft)
    await ask(event, state, following, user, services)


@router.callback_query(OrgCb.filter(F.action == "new"))
async def new_event(
    query: CallbackQuery, user: User, state: FSMContext, services: Services
) -> None:
    await state.set_data({"draft": drafts.new_draft(user.timezone, user.language)})
    await ask(query, state, "title", user, services)


@router.callback_query(OrgCb.filter(F.action == "edit"))
async def edit_event(
    query: CallbackQuery, callback_data: OrgCb, session: AsyncSession, actor: Actor, user: User,
    state: FSMContext, services: Services,
) -> None:  # fmt: skip
    event = await manage.managed_event(session, actor, callback_data.code)
    draft = drafts.draft_from_spec(manage.spec_of(event))
    draft.update(ret=True, lang=user.language)
    await state.set_data({"draft": draft})
    await ask(query, state, "summary", user, services)


async def typed(
    message: Message, state: FSMContext, user: User, services: Services, step: str, parse: Any
) -> None:
    """Apply a typed answer with `parse(draft, text)`; refuse it and ask again on error."""
    draft = await load(state)
    if draft is None:
        await state.clear()
        await message.answer(_("This dialog has expired. Send /menu to start again."))
        return
    try:
        parse(draft, message.text or "")
    except InvalidInput as error:
        text, markup = prompt(step, draft, user, services.clock.now())
        await message.answer(draft_refusal(error, draft) + "\n\n" + text, reply_markup=markup)
        return
    await advance(message, state, draft, step, user, services)


def _set_title(draft: dict[str, Any], text: str) -> None:
    draft["title"][draft.get("lang", "en")] = drafts.parse_title(text)


def _set_description(draft: dict[str, Any], text: str) -> None:
    draft["description"][draft.get("lang", "en")] = drafts.parse_description(text)


def _set_zone(draft: dict[str, Any], text: str) -> None:
    zone = resolve_zone(text)
    if zone is None:
        raise InvalidInput("timezone", "unknown")
    draft["timezone"] = zone


def _set_place(draft: dict[str, Any], text: str) -> None:
    field, value = drafts.parse_place(text)
    draft["online_url"], draft["venue"] = (value, None) if field == "online_url" else (None, value)


@router.message(S.title, PLAIN_TEXT)
async def title_typed(message: Message, state: FSMContext, user: User, services: Services) -> None:
    await typed(message, state, user, services, "title", _set_title)


@router.message(S.description, PLAIN_TEXT)
async def description_typed(
    message: Message, state: FSMContext, user: User, services: Services
) -> None:
    await typed(message, state, user, services, "description", _set_description)


@router.message(S.timezone, PLAIN_TEXT)
async def zone_typed(message: Message, state: FSMContext, user: User, services: Services) -> None:
    await typed(message, state, user, services, "timezone", _set_zone)


@router.message(S.start, PLAIN_TEXT)
async def start_typed(message: Message, state: FSMContext, user: User, services: Services) -> None:
    def parse(draft: dict[str, Any], text: str) -> None:
        local = drafts.parse_start(text, draft["timezone"], services.clock.now())
        draft["start"] = local.isoformat(timespec="minutes")

    await typed(message, state, user, services, "start", parse)


@router.message(S.end, PLAIN_TEXT)
async def end_typed(message: Message, state: FSMContext, user: User, services: Services) -> None:
    def parse(draft: dict[str, Any], text: str) -> None:
        start = datetime.fromisoformat(draft["start"])
        draft["end"] = drafts.parse_end(text, draft["timezone"], start).isoformat(
            timespec="minutes"
        )

    await typed(message, state, user, services, "end", parse)


@router.message(S.place, PLAIN_TEXT)
async def place_typed(message: Message, state: FSMContext, user: User, services: Services) -> None:
    await typed(message, state, user, services, "place", _set_place)


@router.callback_query(S.description, DraftCb.filter(F.action == "skip"))
@router.callback_query(S.place, DraftCb.filter(F.action == "skip"))
async def skipped(query: CallbackQuery, state: FSMContext, user: User, services: Services) -> None:
    draft = await load(state)
    step = (await state.get_state() or "").rsplit(":", 1)[-1]
    if draft is None or step not in LINEAR:
        await query.answer(_("This button is no longer active. Send /menu to start again."))
        return
    await advance(query, state, draft, step, user, services)


@router.callback_query(S.timezone, DraftCb.filter(F.action == "zone"))
async def zone_pressed(
    query: CallbackQuery, callback_data: DraftCb, state: FSMContext, user: User,
    services: Services,
) -> None:  # fmt: skip
    draft = await load(state)
    if draft is None:
        await query.answer(_("This button is no longer active. Send /menu to start again."))
        return
    draft["timezone"] = resolve_zone(callback_data.value) or draft["timezone"]
    await advance(query, state, draft, "timezone", user, services)


@router.message(StateFilter(S), ~F.text)
async def not_text(message: Message, state: FSMContext, user: User, services: Services) -> None:
    """A photo, a file or a sticker at a question: say what is expected, ask again."""
    step = (await state.get_state() or "").rsplit(":", 1)[-1]
    draft = await load(state) or {}
    text = _("Please answer with a text message.")
    if step in LINEAR:
        question, markup = prompt(step, draft, user, services.clock.now())
        await message.answer(text + "\n\n" + question, reply_markup=markup)
        return
    await message.answer(text)
