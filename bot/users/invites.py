"""Single-use, expiring invites; the invitee opens t.me/<bot>?start=inv_<code>."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.errors import InviteError
from bot.users.grants import apply_grant, validate_grant
from bot.users.roles import Actor, Convention, Grant, Role
from db.models import Invite, RoleGrant, User
from db.repositories import audit as audit_repo
from db.repositories import invites as invites_repo

DEEP_LINK_PREFIX = "inv_"


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={DEEP_LINK_PREFIX}{code}"


async def create_invite(
    session: AsyncSession, actor: Actor, grant: Grant, *, ttl: timedelta, clock: Clock
) -> Invite:
    actor.require(Role.ADMIN)
    grant = validate_grant(grant)
    now = clock.now()
    invite = Invite(
        code=secrets.token_urlsafe(9),  # 12 URL-safe characters, 72 bits
        role=grant.role.value,
        country=grant.country,
        conventions=[c.value for c in grant.conventions],
        created_by=actor.user_id,
        created_at=now,
        expires_at=now + ttl,
    )
    await invites_repo.add(session, invite)
    await audit_repo.append(
        session,
        actor_id=actor.user_id,
        actor_label=actor.label,
        action="invite.created",
        subject_type="invite",
        subject_id=invite.code,
        details={
            "role": invite.role,
            "country": invite.country,
            "expires_at": invite.expires_at.isoformat(),
        },
    )
    await session.commit()
    return invite


async def redeem_invite(session: AsyncSession, user: User, code: str, clock: Clock) -> RoleGrant:
    """Grant the invite's role to `user`; raises InviteError('unknown'|'expired'|'used')."""
    invite = await invites_repo.get(session, code)
    if invite is None:
        raise InviteError("unknown")
    now = clock.now()
    if invite.redeemed_at is not None:
        raise InviteError("used")
    if invite.expires_at <= now:
        raise InviteError("expired")
    if not await invites_repo.mark_redeemed(session, code, user.id, now):
        # Someone redeemed it a moment ago. End the failed write transaction (on SQLite it
        # holds the database lock) and reload the caller's user, which the rollback expired.
        await session.rollback()
        await session.refresh(user)
        raise InviteError("used")
    grant = Grant(
        Role(invite.role), invite.country, tuple(Convention(c) for c in invite.conventions)
    )
    result = await apply_grant(session, user, grant, actor_id=user.id, actor_label="invite")
    await audit_repo.append(
        session,
        actor_id=user.id,
        actor_label="invite",
        action="invite.redeemed",
        subject_type="invite",
        subject_id=code,
        details={"role": invite.role, "created_by": invite.created_by},
    )
    await session.commit()
    return result


async def open_invites(session: AsyncSession, actor: Actor, clock: Clock) -> Sequence[Invite]:
    actor.require(Role.ADMIN)
    return await invites_repo.open_invites(session, clock.now())
