"""/events for everyone: upcoming events in the reader's zone and language, the event card,
registering and withdrawing with one button or a deep link (/start ev_<code>), confirming
attendance (the button in reminders), and an .ics file for the calendar (a direct reply)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InvalidInput, NotFound
from bot.events import ics, links, registration
from bot.events.manage import can_manage
from bot.events.render import card, title
from bot.events.timeshow import start_phrase, zone_place
from bot.users.roles import Actor
from db.models import Event, User
from handlers.common import show
from handlers.deps import Services
from handlers.events_kb import EventCb, card_markup, list_markup
from handlers.events_text import refusal
from handlers.menu import MenuCb

router = Router(name="events")


async def _list_text(
    session: AsyncSession, user: User, services: Services
) -> tuple[str, list[tuple[str, str]]]:
    listed = await registration.upcoming_for(session, user, services.clock)
    if not listed:
        return _("There are no upcoming events right now. Send /events again later."), []
    lines = [
        _("<b>Upcoming events</b> (times in {zone})").format(
            zone=zone_place(user.timezone, user.language)
        )
    ]
    buttons = []
    for number, item in enumerate(listed, 1):
        mark = " ✅" if item.registered else ""
        when = start_phrase(item.event.starts_at, user.timezone, user.language)
        lines.append(f"\n{number}. <b>{title(item.event, user.language)}</b>{mark}\n🗓 {when}")
        buttons.append((item.event.code, f"{number}. {title(item.event, user.language)}"))
    return "\n".join(lines), buttons


@router.message(Command("events"))
async def cmd_events(
    message: Message, session: AsyncSession, user: User, services: Services
) -> None:
    text, buttons = await _list_text(session, user, services)
    await message.answer(text, reply_markup=list_markup(buttons))


@router.callback_query(MenuCb.filter(F.action == "events"))
@router.callback_query(EventCb.filter(F.action == "list"))
async def list_events(
    query: CallbackQuery, session: AsyncSession, user: User, services: Services
) -> None:
    text, buttons = await _list_text(session, user, services)
    await show(query, text, list_markup(buttons))


async def render_card(
    session: AsyncSession, event: Event, user: User, actor: Actor, services: Services
) -> tuple[str, InlineKeyboardMarkup]:
    found = await registration.registration_of(session, event, user)
    manager = can_manage(actor, event)
    text = card(event, user.language, user.timezone, show_link=bool(found) or manager)
    open_ = event.registration_open and event.status != "cancelled"
    open_ = open_ and event.ends_at > services.clock.now()
    if found is not None:
        text += "\n\n" + _("✅ <b>You are registered.</b>")
        if found.confirmed_at is not None:
            text += " " + _("You confirmed you will attend.")
    markup = card_markup(
        event.code,
        can_register=open_,
        registered=found is not None,
        confirmed=found is not None and found.confirmed_at is not None,
        external_url=event.registration_url,
        manage=manager,
    )
    return text, markup


@router.callback_query(EventCb.filter(F.action == "show"))
async def show_event(
    query: CallbackQuery,
    callback_data: EventCb,
    session: AsyncSession,
    user: User,
    actor: Actor,
    services: Services,
) -> None:
    event = await registration.event_for(session, callback_data.code)
    text, markup = await render_card(session, event, user, actor, services)
    await show(query, text, markup)


@router.message(CommandStart(deep_link=True, magic=F.args.startswith(links.DEEP_LINK_PREFIX)))
async def start_with_event(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    user: User,
    actor: Actor,
    services: Services,
) -> None:
    """t.me/<bot>?start=ev_<code>: the card, one tap from registering (after onboarding)."""
    code = (command.args or "").removeprefix(links.DEEP_LINK_PREFIX)
    try:
        event = await registration.event_for(session, code)
    except NotFound:
        await message.answer(_("I can't find this event. Send /events to see upcoming events."))
        return
    text, markup = await render_card(session, event, user, actor, services)
    if user.onboarded_at is None:
        text += "\n\n" + _(
            "To register, first tell me your language and country: send /start, then open "
            "this link again."
        )
    await message.answer(text, reply_markup=markup)


@router.callback_query(EventCb.filter(F.action.in_({"reg", "unreg"})))
async def toggle_registration(
    query: CallbackQuery,
    callback_data: EventCb,
    session: AsyncSession,
    user: User,
    actor: Actor,
    services: Services,
) -> None:
    code = callback_data.code
    try:
        if callback_data.action == "reg":
            await registration.register(session, user, code, services.clock)
            services.wake_delivery()
        else:
            await registration.unregister(session, user, code, services.clock)
    except InvalidInput as error:
        await query.answer(refusal(error), show_alert=True)
        return
    event = await registration.event_for(session, code)
    text, markup = await render_card(session, event, user, actor, services)
    await show(query, text, markup)


@router.callback_query(EventCb.filter(F.action == "att"))
async def confirm_attendance(
    query: CallbackQuery, callback_data: EventCb, session: AsyncSession, user: User,
    services: Services,
) -> None:  # fmt: skip
    """Pressed in a reminder (or on the card): recorded, the message itself stays as it is."""
    try:
        done = await registration.confirm_attendance(
            session, user, callback_data.code, services.clock
        )
    except InvalidInput as error:
        await query.answer(refusal(error), show_alert=True)
        return
    if done:
        await query.answer(_("Thank you! Your attendance is confirmed."), show_alert=True)
    else:
        await query.answer(
            _("You are not registered for this event. Send /events to register."), show_alert=True
        )


@router.callback_query(EventCb.filter(F.action == "ics"))
async def send_ics(
    query: CallbackQuery,
    callback_data: EventCb,
    session: AsyncSession,
    user: User,
    actor: Actor,
    services: Services,
) -> None:
    event = await registration.event_for(session, callback_data.code)
    registered = await registration.registration_of(session, event, user) is not None
    data = ics.ics_bytes(
        event,
        user.language,
        services.clock.now(),
        show_link=registered or can_manage(actor, event),
    )
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer_document(
            BufferedInputFile(data, filename=ics.filename(event)),
            caption=_("Open this file to add the event to your calendar."),
        )
