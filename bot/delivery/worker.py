"""Entry points of the sender: `drain` (send what is due now, then return) and the
long-running `DeliveryWorker` the app starts.

`drain` is what tests of other features call after a service queued something: it runs the
real pipeline (limits, retries, 403/400 handling) once, against `services.clock`.
"""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from redis.asyncio import Redis

from bot.delivery.engine import Engine, Pacing
from bot.delivery.limiter import ChatPacer, GlobalLimiter, LocalLimiter
from bot.delivery.redis_limiter import RedisLimiter
from db.repositories import outbox as repo
from handlers.deps import Services

log = logging.getLogger(__name__)
TICK_JOB, DUE_JOB = "delivery-tick", "delivery-due"


async def drain(services: Services, bot: Bot, *, limit: int | None = None) -> int:
    """Claim and send every row due now (by `services.clock`), at most `limit` rows; returns
    how many rows were handled (sent, failed, skipped, or put back for a later retry)."""
    engine = Engine(services, bot, Pacing.local(services.settings))
    try:
        return await engine.run_until_empty(limit)
    finally:
        await engine.close()


class DeliveryWorker:
    """The sender of a running app: one pipeline, woken by services and by the scheduler.

    APScheduler is the clock, not the memory: a tick every DELIVERY_TICK_SECONDS, and one
    date job at the next due time read from the database after each cycle (never a job per
    row). A service that queued rows calls `services.wake_delivery()` after its commit.
    """

    def __init__(
        self,
        services: Services,
        bot: Bot,
        scheduler: AsyncIOScheduler,
        *,
        redis: Redis | None = None,
    ) -> None:
        settings = services.settings
        limiter: GlobalLimiter = (
            RedisLimiter(redis, settings.delivery_rate)
            if redis is not None
            else LocalLimiter(settings.delivery_rate)
        )
        chats = ChatPacer(settings.delivery_chat_interval, settings.delivery_chat_burst)
        self.engine = Engine(services, bot, Pacing(limiter, chats))
        self.services = services
        self.scheduler = scheduler
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    async def _tick(self) -> None:
        """Scheduler job (a coroutine, so APScheduler runs it on the loop, not in a thread)."""
        self._wake.set()

    async def start(self) -> None:
        self.services.wake_delivery = self.wake
        self.scheduler.add_job(
            self._tick, "interval", seconds=self.services.settings.delivery_tick_seconds,
            id=TICK_JOB, replace_existing=True,
        )  # fmt: skip
        self._task = asyncio.create_task(self._run(), name="delivery-worker")
        self.wake()
        log.info("delivery: worker %s started", self.engine.worker)

    async def _run(self) -> None:
        while not self._stopping:
            await self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return
            try:
                handled = await self.engine.run_until_empty()
                if handled:
                    log.info(
                        "delivery: %d rows handled; %s", handled, self.engine.windows.summary()
                    )
                    self.engine.windows.reset()
                await self._schedule_next()
            except Exception:
                log.exception("delivery: cycle failed; the next tick tries again")

    def _report(self, handled: int) -> None:
        log.info("delivery: %d rows handled; %s", handled, self.engine.windows.summary())
        self.engine.windows.reset()

    async def _schedule_next(self) -> None:
        async with self.engine.db_lock, self.services.sessionmaker() as session:
            when = await repo.next_due(session)
        if when is None:
            return
        if when <= self.services.clock.now():
            self.wake()
            return
        self.scheduler.add_job(
            self._tick, "date", run_date=when, id=DUE_JOB, replace_existing=True,
            misfire_grace_time=None,
        )  # fmt: skip

    async def stop(self, timeout: float = 15.0) -> None:  # noqa: ASYNC109
        """Finish the sends in flight and give the other claimed rows back, so a restart
        (or another replica) sends them at once instead of after their lease."""
        self.services.wake_delivery = _nothing
        self._stopping = True
        self.engine.stopping = True
        self._wake.set()
        for job_id in (TICK_JOB, DUE_JOB):
            if self.scheduler.get_job(job_id) is not None:
                self.scheduler.remove_job(job_id)
        await self.engine.close(timeout)
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


def _nothing() -> None:
    return None
