"""What an operator does to the outbox from the shell (the system actor: no role check)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from db.repositories import outbox as repo


async def retry_failed(session: AsyncSession, clock: Clock, purpose_prefix: str = "") -> int:
    """Put failed rows back in the queue, due now, with a fresh attempt budget (after the
    cause was fixed: a message corrected, Telegram reachable again); returns how many."""
    count = await repo.requeue_failed(session, now=clock.now(), purpose_prefix=purpose_prefix)
    await session.commit()
    return count
