"""Invites: created by admins, redeemed at most once, atomically."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Invite


async def add(session: AsyncSession, invite: Invite) -> Invite:
    session.add(invite)
    await session.flush()
    return invite


async def get(session: AsyncSession, code: str) -> Invite | None:
    return await session.get(Invite, code)


async def mark_redeemed(session: AsyncSession, code: str, user_id: int, now: datetime) -> bool:
    """Claim the invite in one statement, so two users pressing at once cannot both win."""
    stmt = (
        update(Invite)
        .where(Invite.code == code, Invite.redeemed_at.is_(None), Invite.expires_at > now)
        .values(redeemed_by=user_id, redeemed_at=now)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(stmt)
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def open_invites(session: AsyncSession, now: datetime, limit: int = 50) -> Sequence[Invite]:
    stmt = (
        select(Invite)
        .where(Invite.redeemed_at.is_(None), Invite.expires_at > now)
        .order_by(Invite.created_at.desc())
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()
