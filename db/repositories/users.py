"""Queries and writes on users and their roles."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RoleGrant, User


async def get(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def by_username(session: AsyncSession, username: str) -> User | None:
    stmt = select(User).where(func.lower(User.username) == username.lstrip("@").lower())
    return (await session.execute(stmt)).scalars().first()


async def add(session: AsyncSession, user: User) -> User:
    session.add(user)
    await session.flush()
    return user


async def grant_of(session: AsyncSession, user_id: int, role: str) -> RoleGrant | None:
    stmt = select(RoleGrant).where(RoleGrant.user_id == user_id, RoleGrant.role == role)
    return (await session.execute(stmt)).scalars().first()


async def add_grant(session: AsyncSession, grant: RoleGrant) -> RoleGrant:
    session.add(grant)
    await session.flush()
    return grant


async def delete_grant(session: AsyncSession, grant: RoleGrant) -> None:
    await session.delete(grant)
    await session.flush()


async def count_role(session: AsyncSession, role: str) -> int:
    stmt = select(func.count()).select_from(RoleGrant).where(RoleGrant.role == role)
    return int((await session.execute(stmt)).scalar_one())


async def with_roles(
    session: AsyncSession, *, role: str | None = None, limit: int = 50, offset: int = 0
) -> Sequence[User]:
    """Users holding any role (or `role`), newest grants first, for admin lists."""
    stmt = select(User).join(RoleGrant).group_by(User.id)
    if role:
        stmt = stmt.where(RoleGrant.role == role)
    stmt = (
        stmt.order_by(func.max(RoleGrant.granted_at).desc(), User.id).limit(limit).offset(offset)
    )
    return (await session.execute(stmt)).scalars().all()
