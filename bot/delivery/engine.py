"""The sending pipeline: claim due rows in batches, send them with bounded concurrency under
the rate limits, record each outcome before moving on.

Rows for one recipient are sent one after another in queue order (also across batches), so
a chat never sees its messages overtake each other; different recipients proceed in
parallel, up to `concurrency` sends in flight. The next batch is claimed while the current
one is still being sent, so the pipe never runs dry; claimed-but-unsent rows stay few, so a
lease is never held long and memory does not grow with the size of the queue.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import timedelta

from aiogram import Bot

from bot.clock import Clock
from bot.config import Settings
from bot.delivery import claims
from bot.delivery.claims import Claim
from bot.delivery.limiter import ChatPacer, GlobalLimiter, LocalLimiter
from bot.delivery.recorder import Recorder
from bot.delivery.sending import deliver
from handlers.deps import Services

log = logging.getLogger(__name__)


def worker_name() -> str:
    """host:pid:random, recorded in `leased_by` so a report shows who sent what."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass
class Pacing:
    limiter: GlobalLimiter
    chats: ChatPacer

    @classmethod
    def local(cls, settings: Settings) -> Pacing:
        return cls(
            LocalLimiter(settings.delivery_rate),
            ChatPacer(settings.delivery_chat_interval, settings.delivery_chat_burst),
        )


class Engine:
    def __init__(
        self, services: Services, bot: Bot, pacing: Pacing, *, worker: str | None = None
    ) -> None:
        self.services = services
        self.bot = bot
        self.pacing = pacing
        self.worker = worker or worker_name()
        # One session at a time: the pipeline's claims and commits never overlap, which is all
        # SQLite allows anyway, and lets tests bind every session to one connection.
        self.db_lock = asyncio.Lock()
        self.recorder = Recorder(services.sessionmaker, self.db_lock)
        settings = services.settings
        self._lease = timedelta(seconds=settings.delivery_lease_seconds)
        self._batch = settings.delivery_batch
        self._concurrency = settings.delivery_concurrency
        self._slots = asyncio.Semaphore(self._concurrency)
        self._tails: dict[int, asyncio.Task[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._held = 0
        self._room = asyncio.Condition()
        self.stopping = False
        self.unreachable: set[int] = set()

    @property
    def clock(self) -> Clock:
        return self.services.clock

    async def run_until_empty(self, limit: int | None = None) -> int:
        """Send everything due now (at most `limit` rows); returns how many rows were handled,
        counting those skipped because they expired."""
        self.recorder.start()
        handled = await self._prepare()
        claimed = 0
        while not self.stopping and (limit is None or claimed < limit):
            await self._wait_for_room()
            want = self._batch if limit is None else min(self._batch, limit - claimed)
            batch = await self._claim(want)
            if not batch:
                break
            claimed += len(batch)
            self._dispatch(batch)
        await self._finish()
        return handled + claimed

    async def _prepare(self) -> int:
        async with self.db_lock, self.services.sessionmaker() as session:
            expired = await claims.prepare(session, self.clock.now())
            await session.commit()
        return expired

    async def _claim(self, limit: int) -> list[Claim]:
        async with self.db_lock, self.services.sessionmaker() as session:
            batch = await claims.claim(
                session, now=self.clock.now(), limit=limit, lease=self._lease, worker=self.worker
            )
            await session.commit()
        if batch:
            log.debug("delivery: claimed %d rows", len(batch))
        return batch

    async def _wait_for_room(self) -> None:
        """Claim again when what is in hand is down to about one batch's last stretch."""
        low_water = max(self._concurrency, self._batch // 2, 1)
        async with self._room:
            await self._room.wait_for(lambda: self._held <= low_water or self.stopping)

    def _dispatch(self, batch: list[Claim]) -> None:
        groups: dict[int, list[Claim]] = {}
        for claim in batch:
            groups.setdefault(claim.recipient_id, []).append(claim)
        self._held += len(batch)
        for chat_id, rows in groups.items():
            task = asyncio.create_task(self._run_chat(rows, self._tails.get(chat_id)))
            self._tails[chat_id] = task
            self._tasks.add(task)
            task.add_done_callback(functools.partial(self._forget, chat_id))

    def _forget(self, chat_id: int, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if self._tails.get(chat_id) is task:
            del self._tails[chat_id]

    async def _run_chat(self, rows: list[Claim], before: asyncio.Task[None] | None) -> None:
        if before is not None:
            await asyncio.wait([before])
        for claim in rows:
            try:
                async with self._slots:
                    await deliver(self, claim)
            except Exception:
                log.exception("delivery: row %s left to its lease", claim.id)
            finally:
                await self._done_one()

    async def _done_one(self) -> None:
        async with self._room:
            self._held -= 1
            self._room.notify_all()

    async def _finish(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        self.stopping = True
        async with self._room:
            self._room.notify_all()
        await self._finish()
        await self.recorder.close()
