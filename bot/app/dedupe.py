"""Telegram may deliver a webhook update more than once; each update id is handled once.

With Redis the mark is shared by every process behind the load balancer; without it the
database table `processed_updates` does the same job.
"""

from __future__ import annotations

from datetime import timedelta

from redis.asyncio import Redis
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from db.models import ProcessedUpdate

KEEP = timedelta(days=2)  # Telegram stops redelivering after 24 hours


class UpdateDeduplicator:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], redis: Redis | None, clock: Clock
    ) -> None:
        self._sessionmaker = sessionmaker
        self._redis = redis
        self._clock = clock

    async def first_time(self, update_id: int) -> bool:
        """Record the id; False when some process already recorded it."""
        if self._redis is not None:
            key = f"popsbot:update:{update_id}"
            return bool(await self._redis.set(key, b"1", nx=True, ex=int(KEEP.total_seconds())))
        async with self._sessionmaker() as session:
            session.add(ProcessedUpdate(update_id=update_id, received_at=self._clock.now()))
            try:
                await session.commit()
            except IntegrityError:
                return False
        return True

    async def prune(self) -> int:
        async with self._sessionmaker() as session:
            cutoff = self._clock.now() - KEEP
            stmt = delete(ProcessedUpdate).where(ProcessedUpdate.received_at < cutoff)
            result = await session.execute(stmt)
            await session.commit()
            return int(result.rowcount or 0)  # type: ignore[attr-defined]
