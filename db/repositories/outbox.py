"""SQL for the sending side of the outbox: claim, record, report. Flushes, never commits.

Claiming is one statement: `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT n)
RETURNING ...`. On PostgreSQL the row locks make concurrent claimers skip each other's rows;
SQLite has no FOR UPDATE (SQLAlchemy leaves it out) and serialises writers, which is enough for
the one process SQLite supports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, and_, bindparam, case, func, literal_column, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models.outbox import FAILED, PENDING, SENDING, SKIPPED, OutboxMessage
from db.models.users import User

OUTBOX = cast(Table, OutboxMessage.__table__)
UNREACHABLE_PREFIX = "unreachable"


class ClaimedRow(NamedTuple):
    id: int
    purpose: str
    recipient_id: int
    payload: dict[str, Any]
    parts_sent: int
    attempts: int
    due_at: datetime
    expires_at: datetime | None


class Recipient(NamedTuple):
    language: str
    unreachable_at: datetime | None


async def release_expired_leases(session: AsyncSession, now: datetime) -> int:
    """Rows whose claimer died (lease over) go back to pending for anyone to claim."""
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.status == SENDING, OutboxMessage.lease_until <= now)
        .values(status=PENDING, lease_until=None)
    )
    result = await session.execute(stmt)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def skip_expired(session: AsyncSession, now: datetime) -> int:
    """Due pending rows past their expiry will never be sent: skipped, with the reason.

    Only due rows are looked at (the (status, due_at) index), so 100,000 future reminders
    cost nothing here; a row that expires before it is due is skipped when it comes due.
    """
    stmt = (
        update(OutboxMessage)
        .where(
            OutboxMessage.status == PENDING,
            OutboxMessage.due_at <= now,
            OutboxMessage.expires_at <= now,
        )
        .values(status=SKIPPED, last_error="expired before it could be sent")
    )
    result = await session.execute(stmt)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def claim(
    session: AsyncSession, *, now: datetime, limit: int, lease_until: datetime, worker: str
) -> list[ClaimedRow]:
    """Lease up to `limit` due pending rows to `worker`, oldest due first."""
    due = (
        select(OutboxMessage.id)
        .where(OutboxMessage.status == PENDING, OutboxMessage.due_at <= now)
        .order_by(OutboxMessage.due_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due.scalar_subquery()))
        .values(
            status=SENDING,
            lease_until=lease_until,
            leased_by=worker,
            attempts=OutboxMessage.attempts + 1,
        )
        .returning(*(getattr(OutboxMessage, name) for name in ClaimedRow._fields))
        .execution_options(synchronize_session=False)
    )
    rows = [ClaimedRow(*row) for row in (await session.execute(stmt)).all()]
    rows.sort(key=lambda row: (row.due_at, row.id))
    return rows


async def recipients(session: AsyncSession, ids: Iterable[int]) -> dict[int, Recipient]:
    """Language and reachability of the users among `ids` (absent ids have no profile)."""
    wanted = list(set(ids))
    found: dict[int, Recipient] = {}
    for start in range(0, len(wanted), 1000):
        stmt = select(User.id, User.language, User.unreachable_at).where(
            User.id.in_(wanted[start : start + 1000])
        )
        for user_id, language, unreachable_at in await session.execute(stmt):
            found[user_id] = Recipient(language, unreachable_at)
    return found


_RECORD = (
    update(OUTBOX)
    .where(
        OUTBOX.c.id == bindparam("b_id"),
        OUTBOX.c.status == SENDING,
        OUTBOX.c.leased_by == bindparam("b_worker"),
    )
    .values(
        status=bindparam("b_status"),
        parts_sent=bindparam("b_parts_sent"),
        sent_message_id=bindparam("b_sent_message_id"),
        sent_at=bindparam("b_sent_at"),
        last_error=bindparam("b_last_error"),
        due_at=bindparam("b_due_at"),
        attempts=bindparam("b_attempts"),
        lease_until=bindparam("b_lease_until"),
    )
)
RECORD_FIELDS = tuple(name[2:] for name in _RECORD.compile().params if name.startswith("b_"))


async def record(session: AsyncSession, changes: Sequence[dict[str, Any]]) -> None:
    """Write the outcome of many claimed rows at once (one executemany).

    Each dict carries every name in RECORD_FIELDS; a row no longer leased by `worker` (its
    lease ran out and someone else took it) is left alone.
    """
    if changes:
        params = [{f"b_{key}": value for key, value in change.items()} for change in changes]
        await session.execute(_RECORD, params)


async def renew_leases(
    session: AsyncSession, ids: Sequence[int], *, worker: str, lease_until: datetime
) -> set[int]:
    """Extend the leases `worker` still holds among `ids`; returns the ids it still holds."""
    stmt = (
        update(OutboxMessage)
        .where(
            OutboxMessage.id.in_(ids),
            OutboxMessage.status == SENDING,
            OutboxMessage.leased_by == worker,
        )
        .values(lease_until=lease_until)
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    )
    return set((await session.execute(stmt)).scalars())


async def mark_unreachable(session: AsyncSession, user_ids: Iterable[int], at: datetime) -> None:
    """Remember that Telegram refused these users (403); users we never met stay unknown."""
    ids = list(set(user_ids))
    if ids:
        stmt = (
            update(User)
            .where(User.id.in_(ids), User.unreachable_at.is_(None))
            .values(unreachable_at=at)
        )
        await session.execute(stmt.execution_options(synchronize_session=False))


async def set_unreachable(session: AsyncSession, user_id: int, at: datetime | None) -> None:
    stmt = update(User).where(User.id == user_id).values(unreachable_at=at)
    await session.execute(stmt.execution_options(synchronize_session=False))


async def next_due(session: AsyncSession) -> datetime | None:
    """When the sender must next look: the earliest pending due time or lease end."""
    pending = select(func.min(OutboxMessage.due_at)).where(OutboxMessage.status == PENDING)
    leased = select(func.min(OutboxMessage.lease_until)).where(OutboxMessage.status == SENDING)
    times = [await session.scalar(pending), await session.scalar(leased)]
    present = [t for t in times if t is not None]
    return min(present) if present else None


def _reported_status() -> Any:
    """The status, except `unreachable` for rows skipped because Telegram refused the user."""
    # Literal SQL, not bound parameters: PostgreSQL only matches the GROUP BY expression with
    # the selected one when both are textually identical.
    unreachable = and_(
        OutboxMessage.status == literal_column(f"'{SKIPPED}'"),
        OutboxMessage.last_error.like(literal_column(f"'{UNREACHABLE_PREFIX}%'")),
    )
    return case(
        (unreachable, literal_column(f"'{UNREACHABLE_PREFIX}'")), else_=OutboxMessage.status
    )


async def counts(session: AsyncSession, purpose_prefix: str = "") -> list[tuple[str, str, int]]:
    """(purpose, status, count) for purposes starting with the prefix; status `unreachable`
    stands for rows skipped because the recipient blocked the bot or was deactivated."""
    status = _reported_status()
    stmt = select(OutboxMessage.purpose, status, func.count()).group_by(
        OutboxMessage.purpose, status
    )
    if purpose_prefix:
        stmt = stmt.where(OutboxMessage.purpose.startswith(purpose_prefix, autoescape=True))
    rows = await session.execute(stmt.order_by(OutboxMessage.purpose))
    return [(purpose, state, int(n)) for purpose, state, n in rows]


async def requeue_failed(session: AsyncSession, *, now: datetime, purpose_prefix: str = "") -> int:
    """Failed rows become pending again, due now, with a fresh attempt budget."""
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.status == FAILED)
        .values(status=PENDING, due_at=now, attempts=0, lease_until=None)
    )
    if purpose_prefix:
        stmt = stmt.where(OutboxMessage.purpose.startswith(purpose_prefix, autoescape=True))
    result = await session.execute(stmt)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
