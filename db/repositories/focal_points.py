"""The focal point directory."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Routable:
    """A focal point as routing sees them: the role decides country and conventions."""

    user_id: int
    conventions: tuple[str, ...]
    name: str


async def routable(session: AsyncSession, country: str) -> list[Routable]:
    """Everyone holding the focal point role for `country`, with the conventions of their role.

    The role is the authority: one granted in /admin, with `popsbot users grant` or by an
    invitation routes cases at once, and a revoked role stops them even if a directory entry
    was left behind. The directory adds details (name here; OCP/NFP, languages and backup
    elsewhere).
    """
    stmt = (
        select(RoleGrant, FocalPoint.name)
        .outerjoin(FocalPoint, FocalPoint.user_id == RoleGrant.user_id)
        .where(RoleGrant.role == "focal_point", RoleGrant.country == country)
        .order_by(RoleGrant.user_id)
    )
    rows = (await session.execute(stmt)).all()
    return [Routable(g.user_id, tuple(g.conventions or ()), name or "") for g, name in rows]
