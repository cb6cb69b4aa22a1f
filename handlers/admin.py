"""Administration in the bot: grant and revoke roles, invitations, staff list, audit log.

The parent router only lets admins in; every action also goes through a service that checks
the role again, so a forged or stale button cannot do what the menu would not show.
"""

from __future__ import annotations

from datetime import timedelta

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.timefmt import short_datetime
from bot.users import grants, invites
from bot.users.roles import Actor, Grant, Role
from db.models import User
from handlers.admin_kb import (
    AdminCb,
    RevokeCb,
    RoleDraftCb,
    admin_home_markup,
    back_to_admin_markup,
    conventions_markup,
    conventions_of,
    country_choice_markup,
    role_choice_markup,
)
from handlers.common import PLAIN_TEXT, conventions_label, country_html, quote, role_label, show
from handlers.deps import Services
from handlers.filters import HasRole
from handlers.menu import MenuCb
from handlers.states import AdminInput

router = Router(name="admin")
router.message.filter(HasRole(Role.ADMIN))
router.callback_query.filter(HasRole(Role.ADMIN))


def _describe(user: User) -> str:
    parts = []
    for grant in user.roles:
        text = role_label(grant.role)
        if grant.country:
            text += f" ({grant.country}"
            text += f"; {conventions_label(grant.conventions)})" if grant.conventions else ")"
        parts.append(text)
    handle = f" @{user.username}" if user.username else ""
    return (
        f"{quote(user.display_name, 60)}{quote(handle)} · <code>{user.id}</code> · "
        + ", ".join(parts)
    )


@router.message(Command("admin"))
async def cmd_admin(message: Message) -> None:
    await message.answer(_("<b>Administration</b>"), reply_markup=admin_home_markup())


@router.callback_query(MenuCb.filter(F.action == "admin"))
@router.callback_query(AdminCb.filter(F.action == "home"))
async def admin_home(query: CallbackQuery, state: FSMContext) -> None:
    await state.clear()
    await show(query, _("<b>Administration</b>"), admin_home_markup())


@router.callback_query(AdminCb.filter(F.action == "grant"))
async def grant_ask_user(query: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(AdminInput.grant_user)
    await show(
        query,
        _(
            "Send the person's Telegram user ID (digits) or @username. A @username works only "
            "once they have opened popsbot."
        ),
        back_to_admin_markup(),
    )


@router.message(AdminInput.grant_user, PLAIN_TEXT)
async def grant_user_given(
    message: Message, actor: Actor, session: AsyncSession, state: FSMContext
) -> None:
    text = (message.text or "").strip()
    user_id = await grants.find_person(session, actor, text)
    if user_id is None:
        await message.answer(
            _(
                "I can't find «{text}». Send a numeric Telegram ID, or ask the person to send "
                "/start to popsbot first and then use their @username."
            ).format(text=quote(text, 64))
        )
        return
    await state.clear()
    await message.answer(
        _("Which role for <code>{user_id}</code>?").format(user_id=user_id),
        reply_markup=role_choice_markup(RoleDraftCb(purpose="grant", user_id=user_id)),
    )


@router.callback_query(AdminCb.filter(F.action == "invite"))
async def invite_ask_role(query: CallbackQuery) -> None:
    await show(
        query,
        _("Which role will the invitation grant?"),
        role_choice_markup(RoleDraftCb(purpose="invite")),
    )


@router.callback_query(RoleDraftCb.filter(F.step == "country"))
async def draft_country(
    query: CallbackQuery,
    callback_data: RoleDraftCb,
    actor: Actor,
    session: AsyncSession,
    user: User,
    services: Services,
) -> None:
    if callback_data.role != Role.FOCAL_POINT:
        await _finish_draft(query, callback_data, actor, session, user, services)
        return
    await show(
        query,
        _("Focal point for which country?"),
        country_choice_markup(callback_data.model_copy(update={"conv": "s"}), user.language),
    )


@router.callback_query(RoleDraftCb.filter(F.step == "conv"))
async def draft_conventions(query: CallbackQuery, callback_data: RoleDraftCb, user: User) -> None:
    await show(
        query,
        _("Focal point for {country}: which conventions?").format(
            country=country_html(callback_data.country, user.language)
        ),
        conventions_markup(callback_data),
    )


@router.callback_query(RoleDraftCb.filter(F.step == "done"))
async def draft_done(
    query: CallbackQuery,
    callback_data: RoleDraftCb,
    actor: Actor,
    session: AsyncSession,
    user: User,
    services: Services,
) -> None:
    await _finish_draft(query, callback_data, actor, session, user, services)


async def _finish_draft(
    query: CallbackQuery,
    draft: RoleDraftCb,
    actor: Actor,
    session: AsyncSession,
    user: User,
    services: Services,
) -> None:
    grant = Grant(Role(draft.role), draft.country or None, conventions_of(draft.conv))
    what = role_label(grant.role)
    if grant.country:
        what += " · " + country_html(grant.country, user.language)
        what += " · " + conventions_label(grant.conventions or ("stockholm",))
    if draft.purpose == "grant":
        await grants.grant_role(session, actor, draft.user_id, grant)
        text = _("Done: <code>{user_id}</code> is now {what}.").format(
            user_id=draft.user_id, what=what
        )
    else:
        ttl = timedelta(hours=services.settings.invite_ttl_hours)
        invite = await invites.create_invite(session, actor, grant, ttl=ttl, clock=services.clock)
        text = _(
            "Invitation for: {what}\nValid once, until {until}.\n\nShare this link:\n{link}"
        ).format(
            what=what,
            until=short_datetime(invite.expires_at, user.timezone, user.language),
            link=invites.deep_link(services.bot_username, invite.code),
        )
    await show(query, text, back_to_admin_markup())


@router.callback_query(AdminCb.filter(F.action == "revoke"))
async def revoke_pick_user(query: CallbackQuery, actor: Actor, session: AsyncSession) -> None:
    staff = await grants.list_staff(session, actor, limit=30)
    kb = InlineKeyboardBuilder()
    for person in staff:
        roles = ", ".join(role_label(grant.role) for grant in person.roles)
        label = f"{person.display_name[:30]} · {person.id} · {roles}"
        kb.button(text=label[:60], callback_data=RevokeCb(user_id=person.id))
    kb.button(text=_("« Administration"), callback_data=AdminCb(action="home"))
    kb.adjust(1)
    await show(query, _("Whose role do you want to revoke?"), kb.as_markup())


@router.callback_query(RevokeCb.filter(F.role == ""))
async def revoke_pick_role(
    query: CallbackQuery, callback_data: RevokeCb, actor: Actor, session: AsyncSession
) -> None:
    person = await grants.person(session, actor, callback_data.user_id)
    if person is None or not person.roles:
        await show(query, _("This person has no role any more."), back_to_admin_markup())
        return
    kb = InlineKeyboardBuilder()
    for grant in person.roles:
        kb.button(
            text=_("Revoke: {role}").format(role=role_label(grant.role)),
            callback_data=RevokeCb(user_id=person.id, role=grant.role),
        )
    kb.button(text=_("« Administration"), callback_data=AdminCb(action="home"))
    kb.adjust(1)
    await show(query, _describe(person), kb.as_markup())


@router.callback_query(RevokeCb.filter())
async def revoke_role(
    query: CallbackQuery, callback_data: RevokeCb, actor: Actor, session: AsyncSession
) -> None:
    await grants.revoke_role(session, actor, callback_data.user_id, Role(callback_data.role))
    await show(
        query,
        _("Done: the role {role} was revoked from <code>{user_id}</code>.").format(
            role=role_label(callback_data.role), user_id=callback_data.user_id
        ),
        back_to_admin_markup(),
    )


@router.callback_query(AdminCb.filter(F.action == "staff"))
async def staff_list(query: CallbackQuery, actor: Actor, session: AsyncSession) -> None:
    staff = await grants.list_staff(session, actor, limit=40)
    lines = [_("<b>People with roles</b>")] + [_describe(person) for person in staff]
    await show(query, "\n".join(lines)[:4000], back_to_admin_markup())


@router.callback_query(AdminCb.filter(F.action == "audit"))
async def audit_log(query: CallbackQuery, actor: Actor, session: AsyncSession, user: User) -> None:
    entries = await grants.recent_changes(session, actor)
    lines = [_("<b>Latest changes</b> (your time)")]
    for entry in entries:
        who = str(entry.actor_id) if entry.actor_id else entry.actor_label
        lines.append(
            f"{short_datetime(entry.at, user.timezone, user.language)} · {quote(who)} · "
            f"{quote(entry.action)} · {quote(entry.subject_type)} {quote(entry.subject_id)}"
        )
    await show(query, "\n".join(lines)[:4000], back_to_admin_markup())
