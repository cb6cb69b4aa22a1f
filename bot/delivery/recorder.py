"""Writing outcomes back: every change is committed before the sender moves on.

Each send awaits the commit of its own outcome, which bounds the exactly-once window (see
docs/delivery.md) to "Telegram answered, the commit is not done yet". Changes that arrive
while a commit runs are written together by the next one (group commit): at 30 msg/s every
outcome has its own transaction, at 1,000 msg/s a transaction carries dozens, with no timer
adding delay.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.repositories import outbox as repo

log = logging.getLogger(__name__)
COMMIT_TRIES = 4


class Recorder:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], db_lock: asyncio.Lock
    ) -> None:
        self._sessionmaker = sessionmaker
        self._db_lock = db_lock
        self._queue: list[tuple[dict[str, Any], int | None, asyncio.Future[None]]] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.commits = 0

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="delivery-recorder")

    async def close(self) -> None:
        """Stop; call it once every `record` has returned (the engine waits for its sends)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self._flush()

    async def record(
        self, change: dict[str, Any], *, unreachable: int | None = None, at: datetime | None = None
    ) -> None:
        """Queue one row change (and optionally a user Telegram refused); returns once it is
        committed, raises if it could not be."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if unreachable is not None:
            change = {**change, "_unreachable_at": at}
        self._queue.append((change, unreachable, future))
        self._wake.set()
        await future

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            await self._flush()

    async def _flush(self) -> None:
        batch, self._queue = self._queue, []
        if batch:
            try:
                await self._commit([(change, user) for change, user, _ in batch])
            except Exception as exc:
                log.exception("delivery: could not record %d outcomes", len(batch))
                _settle(batch, exc)
                return
            _settle(batch, None)

    async def _commit(self, batch: Sequence[tuple[dict[str, Any], int | None]]) -> None:
        changes = [{k: v for k, v in c.items() if not k.startswith("_")} for c, _ in batch]
        refused = [(user, c["_unreachable_at"]) for c, user in batch if user is not None]
        for attempt in range(1, COMMIT_TRIES + 1):
            try:
                async with self._db_lock, self._sessionmaker() as session:
                    await repo.record(session, changes)
                    for user, at in refused:
                        await repo.mark_unreachable(session, [user], at)
                    await session.commit()
                self.commits += 1
                return
            except Exception:
                if attempt == COMMIT_TRIES:
                    raise
                log.warning("delivery: recording failed (try %d), retrying", attempt)
                await asyncio.sleep(0.2 * 2**attempt)


def _settle(batch: list[tuple[Any, Any, asyncio.Future[None]]], exc: Exception | None) -> None:
    for *_, future in batch:
        if future.done():
            continue
        if exc is None:
            future.set_result(None)
        else:
            future.set_exception(exc)
