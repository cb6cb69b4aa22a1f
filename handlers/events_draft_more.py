"""The event dialog's summary: change any detail, add a language, the languages spoken,
the audience and the reminders (registration, follow-ups and saving: events_draft_finish)."""

from __future__ import annotations

import re
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.errors import InvalidInput
from bot.events import drafts
from bot.events.spec import DEFAULT_REMINDERS
from bot.users.roles import Role
from db.models import User
from handlers.common import PLAIN_TEXT, show
from handlers.deps import Services
from handlers.events_draft import ask, load, save
from handlers.events_draft_text import draft_refusal
from handlers.events_org_kb import (
    DraftCb,
    audience_markup,
    languages_pick_markup,
    reminders_markup,
    spoken_markup,
)
from handlers.events_states import EventDraftStates as S
from handlers.filters import HasRole
from handlers.text_match import match_country

router = Router(name="events_draft_more")
router.message.filter(HasRole(Role.ORGANIZER))
router.callback_query.filter(HasRole(Role.ORGANIZER))
Draft = dict[str, Any]


def stale() -> str:
    return _("This button is no longer active. Send /menu to start again.")


async def with_draft(query: CallbackQuery, state: FSMContext) -> Draft | None:
    draft = await load(state)
    if draft is None:
        await query.answer(stale(), show_alert=True)
    return draft


async def screen(
    query: CallbackQuery, state: FSMContext, draft: Draft, text: str,
    markup: InlineKeyboardMarkup | None, step: Any = S.summary,
) -> None:  # fmt: skip
    await save(state, draft)
    await state.set_state(step)
    await show(query, text, markup)


@router.callback_query(StateFilter(S), DraftCb.filter(F.action == "summary"))
async def to_summary(
    query: CallbackQuery, state: FSMContext, user: User, services: Services
) -> None:
    if await with_draft(query, state) is not None:
        await ask(query, state, "summary", user, services)


@router.callback_query(
    StateFilter(S), DraftCb.filter(F.action.in_({"title", "description", "time", "place"}))
)
async def change_detail(
    query: CallbackQuery, callback_data: DraftCb, state: FSMContext, user: User,
    services: Services,
) -> None:  # fmt: skip
    draft = await with_draft(query, state)
    if draft is None:
        return
    draft.update(ret=True, lang=user.language)
    await save(state, draft)
    step = {"time": "timezone"}.get(callback_data.action, callback_data.action)
    await ask(query, state, step, user, services)


@router.callback_query(StateFilter(S), DraftCb.filter(F.action == "translate"))
async def pick_language(query: CallbackQuery, state: FSMContext) -> None:
    draft = await with_draft(query, state)
    if draft is not None:
        text = _("Which language do you want to write the title and description in?")
        await screen(query, state, draft, text, languages_pick_markup(list(draft["title"])))


@router.callback_query(StateFilter(S), DraftCb.filter(F.action == "tr"))
async def translate(
    query: CallbackQuery, callback_data: DraftCb, state: FSMContext, user: User,
    services: Services,
) -> None:  # fmt: skip
    draft = await with_draft(query, state)
    if draft is None:
        return
    draft.update(ret=True, translating=True, lang=callback_data.value)
    await save(state, draft)
    await ask(query, state, "title", user, services)


@router.callback_query(StateFilter(S), DraftCb.filter(F.action.in_({"languages", "sp", "ip"})))
async def languages(query: CallbackQuery, callback_data: DraftCb, state: FSMContext) -> None:
    draft = await with_draft(query, state)
    if draft is None:
        return
    key = {"sp": "languages", "ip": "interpretation"}.get(callback_data.action)
    if key is not None:
        chosen: list[str] = draft[key]
        code = callback_data.value
        draft[key] = [c for c in chosen if c != code] if code in chosen else [*chosen, code]
    text = _("Languages spoken at the event (✅) and simultaneous interpretation (🎧):")
    await screen(
        query, state, draft, text, spoken_markup(draft["languages"], draft["interpretation"])
    )


@router.callback_query(StateFilter(S), DraftCb.filter(F.action.in_({"audience", "role"})))
async def audience(query: CallbackQuery, callback_data: DraftCb, state: FSMContext) -> None:
    draft = await with_draft(query, state)
    if draft is None:
        return
    if callback_data.action == "role":
        roles: list[str] = draft["roles"]
        value = callback_data.value
        draft["roles"] = [r for r in roles if r != value] if value in roles else [*roles, value]
    text = _(
        "Who is this event for? With no role and no country chosen, it is for everyone. "
        "The audience decides whose event list shows it; anyone with the link may register."
    )
    await screen(query, state, draft, text, audience_markup(draft["roles"]))


@router.callback_query(StateFilter(S), DraftCb.filter(F.action == "countries"))
async def countries_ask(query: CallbackQuery, state: FSMContext) -> None:
    draft = await with_draft(query, state)
    if draft is not None:
        await screen(query, state, draft, countries_prompt(), None, S.countries)


def countries_prompt() -> str:
    return _(
        "Send the countries, separated by commas (for example <code>PE, BO, Uruguay</code>), "
        "or <code>all</code> for every country."
    )


def parse_countries(text: str, locale: str) -> list[str]:
    parts = [part for part in re.split(r"[,;\n]+", text) if part.strip()]
    if len(parts) == 1 and parts[0].strip().lower() in ("all", "todos", "tous", "todas"):
        return []
    codes = [match_country(part, locale) for part in parts]
    if not parts or any(code is None for code in codes):
        raise InvalidInput("countries", "unknown")
    return list(dict.fromkeys(code for code in codes if code))


@router.message(S.countries, PLAIN_TEXT)
async def countries_typed(message: Message, state: FSMContext, user: User) -> None:
    draft = await load(state)
    if draft is None:
        await state.clear()
        return
    try:
        draft["countries"] = parse_countries(message.text or "", user.language)
    except InvalidInput as error:
        await message.answer(draft_refusal(error, draft) + "\n\n" + countries_prompt())
        return
    await save(state, draft)
    await state.set_state(S.summary)
    await message.answer(_("Audience updated."), reply_markup=audience_markup(draft["roles"]))


def reminders_prompt() -> str:
    return _(
        "When should registrants be reminded? Send times before the start as ISO-8601 "
        "durations separated by commas, for example <code>P7D, P1D, PT1H</code> (7 days, "
        "1 day, 1 hour) or <code>PT30M</code>."
    )


@router.callback_query(
    StateFilter(S), DraftCb.filter(F.action.in_({"reminders", "rdef", "rnone"}))
)
async def reminders(
    query: CallbackQuery, callback_data: DraftCb, state: FSMContext, user: User,
    services: Services,
) -> None:  # fmt: skip
    draft = await with_draft(query, state)
    if draft is None:
        return
    if callback_data.action == "reminders":
        await screen(query, state, draft, reminders_prompt(), reminders_markup(), S.reminders)
        return
    draft["reminders"] = list(DEFAULT_REMINDERS) if callback_data.action == "rdef" else []
    await save(state, draft)
    await ask(query, state, "summary", user, services)


@router.message(S.reminders, PLAIN_TEXT)
async def reminders_typed(
    message: Message, state: FSMContext, user: User, services: Services
) -> None:
    draft = await load(state)
    if draft is None:
        await state.clear()
        return
    try:
        draft["reminders"] = drafts.parse_offsets(message.text or "")
    except InvalidInput as error:
        text = draft_refusal(error, draft) + "\n\n" + reminders_prompt()
        await message.answer(text, reply_markup=reminders_markup())
        return
    await save(state, draft)
    await ask(message, state, "summary", user, services)
