"""The broadcast composer: audience, text (one version per language), a preview exactly as a
recipient sees it, confirmation, optional scheduling; then the live delivery report.

The composition lives in the conversation data until confirmed; the services check the
organizer role (and the right to an event's registrants) again when counting and queuing.
"""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InvalidInput
from bot.events import broadcasts, manage
from bot.events.audience import parse_audience
from bot.events.broadcast_text import audience_label
from bot.events.render import language_names, title
from bot.users.roles import Actor, Role
from db.models import User
from handlers.broadcast_kb import (
    BroadcastCb,
    events_markup,
    kinds_markup,
    languages_markup,
    preview_markup,
    registrants_markup,
    roles_markup,
    version_markup,
)
from handlers.common import PLAIN_TEXT, show
from handlers.deps import Services
from handlers.events_org_kb import OrgCb
from handlers.events_states import BroadcastStates as S
from handlers.events_text import refusal
from handlers.filters import HasRole
from handlers.menu import MenuCb
from handlers.text_match import match_country

router = Router(name="broadcast")
router.message.filter(HasRole(Role.ORGANIZER))
router.callback_query.filter(HasRole(Role.ORGANIZER))
Composition = dict[str, Any]


async def load(state: FSMContext) -> Composition | None:
    return (await state.get_data()).get("bc")


async def keep(state: FSMContext, bc: Composition) -> None:
    await state.update_data(bc=bc)


def stale() -> str:
    return _("This button is no longer active. Send /menu to start again.")


@router.callback_query(MenuCb.filter(F.action == "broadcast"))
@router.callback_query(BroadcastCb.filter(F.action == "start"))
async def start(query: CallbackQuery, user: User, state: FSMContext) -> None:
    await state.set_state(S.audience)
    await state.set_data({"bc": {"audience": None, "texts": {}, "lang": user.language}})
    await show(query, _("<b>New broadcast</b>\nWho should receive it?"), kinds_markup())


@router.callback_query(OrgCb.filter(F.action == "message"))
async def from_event(
    query: CallbackQuery, callback_data: OrgCb, session: AsyncSession, actor: Actor, user: User,
    state: FSMContext,
) -> None:  # fmt: skip
    event = await manage.managed_event(session, actor, callback_data.code)
    await state.set_state(S.audience)
    await state.set_data({"bc": {"audience": None, "texts": {}, "lang": user.language}})
    text = _("Message the registrants of <b>{title}</b>: which of them?").format(
        title=title(event, user.language)
    )
    await show(query, text, registrants_markup(event.code))


@router.callback_query(S.audience, BroadcastCb.filter(F.action == "kind"))
async def pick_kind(
    query: CallbackQuery, callback_data: BroadcastCb, session: AsyncSession, actor: Actor,
    user: User, state: FSMContext, services: Services,
) -> None:  # fmt: skip
    kind = callback_data.kind
    if kind == "role":
        await show(query, _("Which role?"), roles_markup())
    elif kind == "language":
        await show(query, _("Readers of which language?"), languages_markup())
    elif kind == "country":
        await state.set_state(S.countries)
        await show(query, countries_prompt())
    elif kind == "event":
        events = await manage.managed_events(session, actor, services.clock)
        items = [(e.code, title(e, user.language)) for e in events]
        await show(query, _("Registrants of which event?"), events_markup(items))
    else:  # "pick": an event was chosen
        await show(query, _("Which of its registrants?"), registrants_markup(callback_data.value))


def countries_prompt() -> str:
    return _("Send the countries, separated by commas (for example <code>PE, BO, Uruguay</code>).")


@router.message(S.countries, PLAIN_TEXT)
async def countries_typed(
    message: Message, session: AsyncSession, actor: Actor, user: User, state: FSMContext
) -> None:
    parts = [part for part in (message.text or "").split(",") if part.strip()]
    codes = [match_country(part, user.language) for part in parts]
    if not codes or any(code is None for code in codes):
        await message.answer(
            _("I don't know some of those countries. Use codes such as PE or names such as Peru.")
            + "\n\n"
            + countries_prompt()
        )
        return
    spec = "country:" + ",".join(dict.fromkeys(code for code in codes if code))
    await chosen(message, spec, session, actor, user, state)


@router.callback_query(S.audience, BroadcastCb.filter(F.action == "aud"))
async def audience_pressed(
    query: CallbackQuery, callback_data: BroadcastCb, session: AsyncSession, actor: Actor,
    user: User, state: FSMContext,
) -> None:  # fmt: skip
    spec = callback_data.kind + (f":{callback_data.value}" if callback_data.value else "")
    await chosen(query, spec, session, actor, user, state)


async def chosen(
    event: Message | CallbackQuery, spec: str, session: AsyncSession, actor: Actor, user: User,
    state: FSMContext,
) -> None:  # fmt: skip
    """The audience is known: count it, then ask for the text."""
    bc = await load(state)
    if bc is None:
        await show(event, stale())
        return
    audience = parse_audience(spec)
    count = len(await broadcasts.recipients(session, actor, audience))
    if count == 0:
        await state.set_state(S.audience)
        text = refusal(InvalidInput("audience", "empty")) + "\n\n" + _("Who should receive it?")
        await show(event, text, kinds_markup())
        return
    bc.update(audience=audience.spec, count=count, lang=user.language)
    await keep(state, bc)
    await state.set_state(S.text)
    await show(event, _("{audience}: {count} people.").format(
        audience=audience_label(audience, user.language), count=count
    ) + "\n\n" + text_prompt(user.language))  # fmt: skip


def text_prompt(lang: str) -> str:
    return _(
        "Send the message in {language}. Bold, italics and links are kept. I will show you a "
        "preview before anything is sent."
    ).format(language=language_names([lang], get_i18n().current_locale))


@router.message(S.text, PLAIN_TEXT)
async def text_typed(message: Message, user: User, state: FSMContext) -> None:
    bc = await load(state)
    if bc is None:
        await state.clear()
        return
    try:
        texts = broadcasts.check_texts({**bc["texts"], bc["lang"]: message.html_text})
    except InvalidInput as error:
        await message.answer(refusal(error) + "\n\n" + text_prompt(bc["lang"]))
        return
    bc["texts"] = texts
    await keep(state, bc)
    await send_preview(message, bc, user.language, state)


@router.message(S.text, ~F.text)
async def text_missing(message: Message, state: FSMContext) -> None:
    bc = await load(state) or {"lang": "en"}
    await message.answer(
        _("Please answer with a text message.") + "\n\n" + text_prompt(bc["lang"])
    )


async def send_preview(
    event: Message | CallbackQuery, bc: Composition, locale: str, state: FSMContext
) -> None:
    """The message exactly as a reader of `locale` gets it, then the choices under it."""
    await state.set_state(S.preview)
    message = event if isinstance(event, Message) else event.message
    if isinstance(event, CallbackQuery):
        await event.answer()
    if not isinstance(message, Message):
        return
    await message.answer(broadcasts.rendered(bc["texts"], locale))
    reader = get_i18n().current_locale
    versions = language_names(list(bc["texts"]), reader)
    await message.answer(
        _(
            "⬆️ Preview for a reader of {language}. Versions: {versions}. "
            "Readers of another language get the English version (else the first one)."
        ).format(language=language_names([locale], reader), versions=versions),
        reply_markup=preview_markup(list(bc["texts"])),
    )


@router.callback_query(S.preview, BroadcastCb.filter(F.action == "preview"))
async def preview_language(
    query: CallbackQuery, callback_data: BroadcastCb, state: FSMContext
) -> None:
    bc = await load(state)
    if bc is None:
        await query.answer(stale(), show_alert=True)
        return
    await send_preview(query, bc, callback_data.kind, state)


@router.callback_query(S.preview, BroadcastCb.filter(F.action == "langs"))
async def pick_version(query: CallbackQuery, state: FSMContext) -> None:
    bc = await load(state) or {"texts": {}}
    await show(
        query, _("Which language is the new version in?"), version_markup(list(bc["texts"]))
    )


@router.callback_query(S.preview, BroadcastCb.filter(F.action == "lang"))
async def version_language(
    query: CallbackQuery, callback_data: BroadcastCb, state: FSMContext
) -> None:
    bc = await load(state)
    if bc is None:
        await query.answer(stale(), show_alert=True)
        return
    bc["lang"] = callback_data.kind
    await keep(state, bc)
    await state.set_state(S.text)
    await show(query, text_prompt(callback_data.kind))


@router.callback_query(S.preview, BroadcastCb.filter(F.action == "discard"))
async def discard(query: CallbackQuery, state: FSMContext) -> None:
    await state.clear()
    await show(query, _("Discarded. Nothing was sent."))
