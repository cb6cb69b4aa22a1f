"""Questions the curated content could not answer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RoleGrant, UnansweredQuestion


async def add(session: AsyncSession, question: UnansweredQuestion) -> UnansweredQuestion:
    session.add(question)
    await session.flush()
    return question


async def get(session: AsyncSession, question_id: int) -> UnansweredQuestion | None:
    return await session.get(UnansweredQuestion, question_id)


async def grouped(
    session: AsyncSession, since: datetime | None, limit: int
) -> Sequence[tuple[str, int, str, datetime]]:
    """(normalized text, times asked, one original wording, last asked), most asked first."""
    stmt = select(
        UnansweredQuestion.normalized,
        func.count(),
        func.min(UnansweredQuestion.text),
        func.max(UnansweredQuestion.asked_at),
    ).group_by(UnansweredQuestion.normalized)
    if since is not None:
        stmt = stmt.where(UnansweredQuestion.asked_at >= since)
    stmt = stmt.order_by(func.count().desc(), func.max(UnansweredQuestion.asked_at).desc())
    rows = (await session.execute(stmt.limit(limit))).all()
    return [(str(r[0]), int(r[1]), str(r[2]), r[3]) for r in rows]


async def holders_of(session: AsyncSession, role: str) -> list[int]:
    stmt = select(RoleGrant.user_id).where(RoleGrant.role == role).order_by(RoleGrant.user_id)
    return list((await session.execute(stmt)).scalars())
