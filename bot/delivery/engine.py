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
import logging
import os
import secrets
import socket
from collections import deque
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
from bot.delivery.telegram import SEND_TIMEOUT, transport_for
from bot.delivery.window import Windows
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
        lease = services.settings.delivery_lease_seconds
        # A request may take a third of the lease; none starts with less than half left.
        self.transport = transport_for(
            bot,
            timeout=min(SEND_TIMEOUT, lease / 3),
            connections=services.settings.delivery_concurrency + 10,
        )
        self.lease_margin = timedelta(seconds=min(SEND_TIMEOUT, lease / 3) * 1.5)
        self.pacing = pacing
        self.worker = worker or worker_name()
        # One session at a time: the pipeline's claims and commits never overlap, which is all
        # SQLite allows anyway, and lets tests bind every session to one connection.
        self.db_lock = asyncio.Lock()
        self.recorder = Recorder(services.sessionmaker, self.db_lock)
        self.windows = Windows()
        settings = services.settings
        self._lease = timedelta(seconds=settings.delivery_lease_seconds)
        self._batch = settings.delivery_batch
        self._concurrency = settings.delivery_concurrency
        self._low_water = max(self._concurrency, self._batch // 2)
        self._ready: asyncio.Queue[int] = asyncio.Queue()  # chats with rows, in claim order
        self._chats: dict[int, deque[Claim]] = {}  # rows in hand per chat, oldest first
        self._held = 0
        self._room = asyncio.Event()
        self._idle = asyncio.Event()
        self._workers: list[asyncio.Task[None]] = []
        self._renewing = asyncio.Lock()
        self.stopping = False
        self.unreachable: set[int] = set()

    @property
    def clock(self) -> Clock:
        return self.services.clock

    async def run_until_empty(self, limit: int | None = None) -> int:
        """Send everything due now (at most `limit` rows); returns how many rows were handled,
        counting those skipped because they expired."""
        self._start()
        self.unreachable.clear()  # refusals seen this cycle; the database remembers the rest
        handled = await self._prepare()
        claimed = 0
        while not self.stopping and (limit is None or claimed < limit):
            await self._room.wait()
            want = self._batch if limit is None else min(self._batch, limit - claimed)
            batch = await self._claim(want)
            if not batch:
                break
            claimed += len(batch)
            self._dispatch(batch)
        await self._idle.wait()
        return handled + claimed

    def _start(self) -> None:
        self.recorder.start()
        if not self._workers:
            self._room.set()
            self._idle.set()
            self._workers = [
                asyncio.create_task(self._work(), name=f"delivery-send-{n}")
                for n in range(self._concurrency)
            ]

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

    async def keep_lease(self, claim: Claim) -> bool:
        """Whether `claim` may start one more send: its lease has at least `lease_margin` left,
        if need be after renewing the leases of every row in hand (a slow line, a 429 pause).
        False when shutting down or when the row is no longer ours."""
        if self.stopping:
            return False
        if claim.lease_until - self.clock.now() >= self.lease_margin:
            return True
        async with self._renewing:  # one renewal for every sender that ran low at once
            if claim.lease_until - self.clock.now() < self.lease_margin:
                await self._renew()
        return claim.lease_until - self.clock.now() >= self.lease_margin

    async def _renew(self) -> None:
        held = [claim for rows in self._chats.values() for claim in rows]
        until = self.clock.now() + self._lease
        try:
            async with self.db_lock, self.services.sessionmaker() as session:
                kept = await claims.renew(session, [c.id for c in held], self.worker, until)
                await session.commit()
        except Exception:
            log.warning("delivery: could not renew %d leases", len(held), exc_info=True)
            return
        for claim in held:
            if claim.id in kept:
                claim.lease_until = until

    def _dispatch(self, batch: list[Claim]) -> None:
        """Rows join their chat's line; a chat already in hand keeps its place and order."""
        self._held += len(batch)
        self._idle.clear()
        if self._held > self._low_water:
            self._room.clear()
        for claim in batch:
            rows = self._chats.get(claim.recipient_id)
            if rows is None:
                self._chats[claim.recipient_id] = deque([claim])
                self._ready.put_nowait(claim.recipient_id)
            else:
                rows.append(claim)

    async def _work(self) -> None:
        """One of `concurrency` senders: takes a chat and sends its rows one by one."""
        while True:
            chat_id = await self._ready.get()
            rows = self._chats[chat_id]
            while rows:
                claim = rows[0]
                try:
                    await deliver(self, claim)
                except Exception:
                    log.exception("delivery: row %s left to its lease", claim.id)
                rows.popleft()
                self._done_one()
            del self._chats[chat_id]

    def _done_one(self) -> None:
        self._held -= 1
        if self._held <= self._low_water:
            self._room.set()
        if self._held == 0:
            self._idle.set()

    async def close(self, timeout: float = 30.0) -> None:  # noqa: ASYNC109
        """Stop claiming, let every row in hand finish (rows not started are given back);
        after `timeout` the rest is abandoned to its lease."""
        self.stopping = True
        self._room.set()
        if self._workers:
            try:
                await asyncio.wait_for(self._idle.wait(), timeout)
            except TimeoutError:
                log.warning("delivery: %d rows still in hand at close", self._held)
            for task in self._workers:
                task.cancel()
            await asyncio.gather(*self._workers, return_exceptions=True)
            self._workers = []
        await self.recorder.close()
        await self.transport.close()
