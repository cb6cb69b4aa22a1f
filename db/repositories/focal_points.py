"""The focal point directory."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FocalPoint, RoleGrant


async def get(session: AsyncSession, user_id: int) -> FocalPoint | None:
    return await session.get(FocalPoint, user_id)


async def add(session: AsyncSession, entry: FocalPoint) -> FocalPoint:
    session.add(entry)
    await session.flush()
    return entry


async def delete(session: AsyncSession, entry: FocalPoint) -> None:
    await session.delete(entry)
    await session.flush()


async def listing(session: AsyncSession, country: str | None = None) -> Sequence[FocalPoint]:
    stmt = select(FocalPoint)
    if country:
        stmt = stmt.where(FocalPoint.country == country)
    stmt = stmt.order_by(FocalPoint.country, FocalPoint.user_id)
    return (await session.execute(stmt)).scalars().all()


async def routable(session: AsyncSession, country: str) -> Sequence[FocalPoint]:
    """Entries of `country` whose person still holds the focal point role: a role revoked in
    /admin stops the alerts even if the directory entry was left behind."""
    stmt = (
        select(FocalPoint)
        .join(
            RoleGrant,
            (RoleGrant.user_id == FocalPoint.user_id) & (RoleGrant.role == "focal_point"),
        )
        .where(FocalPoint.country == country)
        .order_by(FocalPoint.user_id)
    )
    return (await session.execute(stmt)).scalars().all()
