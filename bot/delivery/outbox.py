"""Queue messages in the caller's transaction (a transactional outbox).

A service that decides "X must be told Y" calls `enqueue` before it commits its own change, so
both happen or neither does. The (purpose, recipient) pair is unique: queuing the same thing
twice is a no-op, which makes retries of the calling code harmless.

Purposes read `<area>.<kind>:<key>`, for example `case.alert:CR-2026-000123`,
`event.reminder:WS2025:P1D`, `broadcast:17`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.messages import OutboundMessage
from db.models.outbox import PENDING, SKIPPED, OutboxMessage

MAX_PURPOSE = 128
CHUNK = 1000


def _check(purpose: str, due_at: datetime) -> None:
    if not purpose or len(purpose) > MAX_PURPOSE:
        raise ValueError(f"purpose must be 1-{MAX_PURPOSE} characters")
    if due_at.tzinfo is None:
        raise ValueError("due_at must be timezone-aware")


def _insert(session: AsyncSession) -> Any:
    """INSERT with ON CONFLICT DO NOTHING support: both dialects have it, spelled apart."""
    dialect = session.get_bind().dialect.name
    return (pg_insert if dialect == "postgresql" else sqlite_insert)(OutboxMessage)


async def enqueue_many(
    session: AsyncSession,
    *,
    purpose: str,
    recipient_ids: Iterable[int],
    message: OutboundMessage,
    due_at: datetime,
    expires_at: datetime | None = None,
) -> int:
    """Queue one message for each recipient not queued yet under `purpose`; returns how many.

    Does not commit: the caller's transaction decides.
    """
    _check(purpose, due_at)
    payload = message.to_payload()
    base = {"purpose": purpose, "payload": payload, "status": PENDING, "due_at": due_at,
            "expires_at": expires_at, "attempts": 0, "parts_sent": 0}  # fmt: skip
    ids = list(dict.fromkeys(recipient_ids))
    added = 0
    for start in range(0, len(ids), CHUNK):
        rows = [{**base, "recipient_id": rid} for rid in ids[start : start + CHUNK]]
        stmt = (
            _insert(session)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["purpose", "recipient_id"])
        )
        result = await session.execute(stmt)
        added += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return added


async def enqueue(
    session: AsyncSession,
    *,
    purpose: str,
    recipient_id: int,
    message: OutboundMessage,
    due_at: datetime,
    expires_at: datetime | None = None,
) -> bool:
    """Queue one message; False when (purpose, recipient) was already queued."""
    added = await enqueue_many(
        session,
        purpose=purpose,
        recipient_ids=[recipient_id],
        message=message,
        due_at=due_at,
        expires_at=expires_at,
    )
    return added == 1


async def reschedule(
    session: AsyncSession,
    *,
    purpose: str,
    due_at: datetime,
    message: OutboundMessage | None = None,
    expires_at: datetime | None = None,
    recipient_id: int | None = None,
) -> int:
    """Move (and optionally reword) messages of `purpose` not sent yet; returns how many.

    Used when an event is edited: reminders follow the new time. Sent ones are history.
    """
    _check(purpose, due_at)
    values: dict[str, object] = {"due_at": due_at, "expires_at": expires_at}
    if message is not None:
        values["payload"] = message.to_payload()
    stmt = update(OutboxMessage).where(
        OutboxMessage.purpose == purpose, OutboxMessage.status == PENDING
    )
    if recipient_id is not None:
        stmt = stmt.where(OutboxMessage.recipient_id == recipient_id)
    result = await session.execute(stmt.values(**values))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def cancel(
    session: AsyncSession, *, purpose_prefix: str, reason: str, recipient_id: int | None = None
) -> int:
    """Skip pending messages whose purpose starts with `purpose_prefix` (for example every
    reminder of a cancelled event); returns how many."""
    stmt = update(OutboxMessage).where(
        OutboxMessage.purpose.startswith(purpose_prefix, autoescape=True),
        OutboxMessage.status == PENDING,
    )
    if recipient_id is not None:
        stmt = stmt.where(OutboxMessage.recipient_id == recipient_id)
    result = await session.execute(stmt.values(status=SKIPPED, last_error=reason[:500]))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
