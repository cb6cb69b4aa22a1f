"""Organizers' events area: their events, one event's screen (registrations, CSV, share
link), cancelling. The parent router lets organizers (and admins) in; every action goes
through a service that checks the role and the ownership again."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.events import links, manage, reports
from bot.events.render import card, title
from bot.events.timeshow import start_phrase
from bot.geo import country_name
from bot.users.roles import Actor, Role
from db.models import User
from db.models.events import CANCELLED
from db.repositories import events as repo
from handlers.common import quote, role_label, show
from handlers.deps import Services
from handlers.events_org_kb import (
    OrgCb,
    back_markup,
    confirm_cancel_markup,
    event_markup,
    home_markup,
)
from handlers.filters import HasRole
from handlers.menu import MenuCb

router = Router(name="events_org")
router.message.filter(HasRole(Role.ORGANIZER))
router.callback_query.filter(HasRole(Role.ORGANIZER))


@router.callback_query(MenuCb.filter(F.action == "organize"))
@router.callback_query(OrgCb.filter(F.action == "home"))
async def organizer_home(
    query: CallbackQuery, session: AsyncSession, actor: Actor, user: User, services: Services,
    state: FSMContext,
) -> None:  # fmt: skip
    await state.clear()
    events = await manage.managed_events(session, actor, services.clock)
    lines = [_("<b>Your events</b>")]
    if not events:
        lines.append(_("You have no events yet. Create one, or import one from a file."))
    items = []
    for event in events:
        mark = " ❌" if event.status == CANCELLED else ""
        lines.append(
            f"• <b>{title(event, user.language)}</b>{mark}\n  "
            + start_phrase(event.starts_at, user.timezone, user.language)
        )
        items.append((event.code, title(event, user.language)))
    await show(query, "\n".join(lines), home_markup(items))


async def event_screen(
    session: AsyncSession, actor: Actor, user: User, services: Services, code: str
) -> tuple[str, InlineKeyboardMarkup]:
    event = await manage.managed_event(session, actor, code)
    count = await repo.count_registered(session, event.id)
    text = card(event, user.language, user.timezone, show_link=True)
    text += "\n\n" + _("Registered: <b>{count}</b>").format(count=count)
    text += "\n" + _("Link to share: {link}").format(
        link=links.deep_link(services.bot_username, event.code)
    )
    active = event.status != CANCELLED and event.ends_at > services.clock.now()
    return text, event_markup(event.code, active=active)


@router.callback_query(OrgCb.filter(F.action == "show"))
async def show_event(
    query: CallbackQuery, callback_data: OrgCb, session: AsyncSession, actor: Actor, user: User,
    services: Services, state: FSMContext,
) -> None:  # fmt: skip
    await state.clear()
    text, markup = await event_screen(session, actor, user, services, callback_data.code)
    await show(query, text, markup)


@router.callback_query(OrgCb.filter(F.action == "stats"))
async def stats(
    query: CallbackQuery, callback_data: OrgCb, session: AsyncSession, actor: Actor, user: User
) -> None:
    found = await reports.summary(session, actor, callback_data.code)
    lines = [
        f"<b>{title(found.event, user.language)}</b>",
        _("Registered: <b>{count}</b> · confirmed attendance: <b>{confirmed}</b>").format(
            count=found.total, confirmed=found.confirmed
        ),
        "",
        _("<b>By country</b>"),
    ]
    for code, count in found.by_country:
        lines.append(f"{quote(country_name(code, user.language)) if code else '—'}: {count}")
    lines += ["", _("<b>By role</b>")]
    lines += [f"{role_label(role)}: {count}" for role, count in found.by_role]
    await show(query, "\n".join(lines)[:4000], back_markup(callback_data.code))


@router.callback_query(OrgCb.filter(F.action == "csv"))
async def csv_file(
    query: CallbackQuery, callback_data: OrgCb, session: AsyncSession, actor: Actor
) -> None:
    data = await reports.registrations_csv(session, actor, callback_data.code)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer_document(
            BufferedInputFile(data, filename=f"registrations-{callback_data.code}.csv"),
            caption=_("Registrations of {code} (times in UTC).").format(code=callback_data.code),
        )


@router.callback_query(OrgCb.filter(F.action == "cancel"))
async def cancel_ask(
    query: CallbackQuery, callback_data: OrgCb, session: AsyncSession, actor: Actor
) -> None:
    event = await manage.managed_event(session, actor, callback_data.code)
    count = await repo.count_registered(session, event.id)
    await show(
        query,
        _(
            "Cancel this event? The {count} registered people will be told, and no more "
            "reminders will be sent."
        ).format(count=count),
        confirm_cancel_markup(event.code),
    )


@router.callback_query(OrgCb.filter(F.action == "cancel_ok"))
async def cancel_done(
    query: CallbackQuery, callback_data: OrgCb, session: AsyncSession, actor: Actor, user: User,
    services: Services,
) -> None:  # fmt: skip
    notified = await manage.cancel_event(session, actor, callback_data.code, services.clock)
    services.wake_delivery()
    text, markup = await event_screen(session, actor, user, services, callback_data.code)
    note = _("The event is cancelled; {count} people are being told.").format(count=notified)
    await show(query, note + "\n\n" + text, markup)
