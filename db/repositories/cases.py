"""Cases, their files, assignments and messages, and the yearly reference counter."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Case, CaseAssignment, CaseAttachment, CaseCounter, CaseMessage

DRAFT, SUBMITTED = "draft", "submitted"


async def add(session: AsyncSession, row: object) -> None:
    session.add(row)
    await session.flush()


async def delete(session: AsyncSession, row: object) -> None:
    await session.delete(row)
    await session.flush()


async def get(session: AsyncSession, case_id: int) -> Case | None:
    return await session.get(Case, case_id)


async def draft_of(session: AsyncSession, reporter_id: int) -> Case | None:
    stmt = select(Case).where(Case.reporter_id == reporter_id, Case.status == DRAFT)
    return (await session.execute(stmt)).scalars().first()


async def next_number(session: AsyncSession, year: int) -> int:
    """Take the next number of `year` in one statement: concurrent submissions serialize on the
    counter row (PostgreSQL row lock, SQLite's single writer), so no two get the same one."""
    dialect = session.get_bind().dialect.name
    insert = (pg_insert if dialect == "postgresql" else sqlite_insert)(CaseCounter)
    stmt = (
        insert.values(year=year, last=1)
        .on_conflict_do_update(index_elements=["year"], set_={"last": CaseCounter.last + 1})
        .returning(CaseCounter.last)
    )
    return int((await session.execute(stmt)).scalar_one())


async def attachments_of(
    session: AsyncSession, case_id: int, message_id: int | None = None
) -> Sequence[CaseAttachment]:
    stmt = select(CaseAttachment).where(CaseAttachment.case_id == case_id)
    if message_id is not None:
        stmt = stmt.where(CaseAttachment.message_id == message_id)
    return (await session.execute(stmt.order_by(CaseAttachment.id))).scalars().all()


async def messages_of(session: AsyncSession, case_id: int) -> Sequence[CaseMessage]:
    stmt = select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(CaseMessage.id)
    return (await session.execute(stmt)).scalars().all()


async def reporter_cases(
    session: AsyncSession, reporter_id: int, limit: int = 30
) -> Sequence[Case]:
    stmt = (
        select(Case)
        .where(Case.reporter_id == reporter_id, Case.status != DRAFT)
        .order_by(Case.submitted_at.desc(), Case.id.desc())
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def visible_cases(
    session: AsyncSession,
    *,
    user_id: int | None,
    country: str | None,
    statuses: Sequence[str],
    limit: int = 30,
) -> Sequence[Case]:
    """Submitted cases in `statuses`: all of them (user_id None and country None), or those
    actively assigned to `user_id`, or of `country`."""
    stmt = select(Case).where(Case.status.in_(list(statuses)))
    clauses: list[ColumnElement[bool]] = []
    if user_id is not None:
        assigned = exists().where(
            CaseAssignment.case_id == Case.id,
            CaseAssignment.user_id == user_id,
            CaseAssignment.active.is_(True),
        )
        clauses.append(assigned)
    if country is not None:
        clauses.append(Case.country == country)
    if clauses:
        stmt = stmt.where(or_(*clauses))
    stmt = stmt.order_by(Case.submitted_at.desc(), Case.id.desc()).limit(limit)
    return (await session.execute(stmt)).scalars().all()


async def due_for_acknowledgement(session: AsyncSession, now: datetime) -> Sequence[Case]:
    stmt = (
        select(Case)
        .where(Case.status == SUBMITTED, Case.ack_due_at.is_not(None), Case.ack_due_at <= now)
        .order_by(Case.ack_due_at)
        .limit(200)
    )
    return (await session.execute(stmt)).scalars().all()


async def advance_stage(
    session: AsyncSession, case_id: int, stage: int, next_due: datetime | None
) -> bool:
    """Move a case from escalation `stage` to the next one, unless another process already did
    (the condition on the old stage makes the step happen once)."""
    stmt = (
        update(Case)
        .where(Case.id == case_id, Case.escalation_stage == stage, Case.status == SUBMITTED)
        .values(escalation_stage=stage + 1, ack_due_at=next_due)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(stmt)
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def for_export(
    session: AsyncSession,
    *,
    country: str | None,
    since: datetime | None,
    until: datetime | None,
) -> Sequence[Case]:
    conditions = [Case.status != DRAFT]
    if country:
        conditions.append(Case.country == country)
    if since is not None:
        conditions.append(Case.submitted_at >= since)
    if until is not None:
        conditions.append(Case.submitted_at < until)
    stmt = select(Case).where(and_(*conditions)).order_by(Case.submitted_at, Case.id)
    return (await session.execute(stmt)).scalars().all()
