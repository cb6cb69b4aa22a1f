"""Reading what a case queued and recorded."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.messages import OutboundMessage
from db.models import Case, OutboxMessage
from db.repositories import audit as audit_repo


async def queued(session: AsyncSession, prefix: str = "case.") -> list[tuple[str, int]]:
    """(purpose, recipient) of pending outbox rows whose purpose starts with `prefix`."""
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.purpose.startswith(prefix), OutboxMessage.status == "pending")
        .order_by(OutboxMessage.id)
    )
    return [(row.purpose, row.recipient_id) for row in (await session.execute(stmt)).scalars()]


async def message(session: AsyncSession, purpose: str, recipient: int) -> OutboundMessage:
    stmt = select(OutboxMessage).where(
        OutboxMessage.purpose == purpose, OutboxMessage.recipient_id == recipient
    )
    row = (await session.execute(stmt)).scalars().one()
    return OutboundMessage.from_payload(row.payload)


async def trail(session: AsyncSession, case: Case) -> list[str]:
    entries = await audit_repo.for_subject(session, "case", case.reference or "")
    return [entry.action for entry in entries]


def recipients(rows: list[tuple[str, int]], purpose: str) -> set[int]:
    return {recipient for p, recipient in rows if p == purpose}
