"""The running application: every long-lived object, and how it starts and stops."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession
from aiogram.fsm.storage.base import BaseStorage
from aiogram.utils.i18n import I18n
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import builders
from bot.app.commands import publish_commands
from bot.app.dedupe import UpdateDeduplicator
from bot.app.jobs import register_jobs
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.delivery.worker import DeliveryWorker
from bot.knowledge.catalogue import default_catalogue
from db.engine import build_engine, build_sessionmaker
from handlers import release_routers
from handlers.deps import Services

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    redis: Redis | None
    bot: Bot
    dispatcher: Dispatcher
    storage: BaseStorage
    scheduler: AsyncIOScheduler
    i18n: I18n
    services: Services
    dedupe: UpdateDeduplicator
    # The outbox sender; off when a test drives time (and delivery, with drain()) itself.
    deliver: bool = True
    delivery: DeliveryWorker | None = None

    async def start(self) -> None:
        """Learn our @username, publish the command menus, start the clock."""
        me = await self.bot.get_me()
        self.services.bot_username = me.username or self.services.bot_username
        await publish_commands(self.bot, self.settings.default_locale)
        self.scheduler.add_job(
            self.dedupe.prune, "interval", hours=1, id="prune-updates", replace_existing=True
        )
        register_jobs(self.scheduler, self.services)
        if self.deliver:
            self.delivery = DeliveryWorker(
                self.services, self.bot, self.scheduler, redis=self.redis
            )
            await self.delivery.start()
        self.scheduler.start()
        log.info("popsbot started as @%s", self.services.bot_username)

    async def close(self) -> None:
        release_routers(self.dispatcher)
        if self.delivery is not None:
            await self.delivery.stop()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.storage.close()
        await self.bot.session.close()
        if self.redis is not None:
            await self.redis.aclose()
        await self.engine.dispose()


def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    bot_session: BaseSession | None = None,
    deliver: bool | None = None,
) -> App:
    """`deliver` defaults to True unless a clock is injected: a test that freezes time sends
    what is due with `bot.delivery.worker.drain`, deterministically."""
    deliver = clock is None if deliver is None else deliver
    clock = clock or SystemClock()
    engine = build_engine(settings.database_url)
    sessionmaker = build_sessionmaker(engine)
    redis = builders.build_redis(settings)
    bot = builders.build_bot(settings, bot_session)
    services = Services(
        settings=settings,
        clock=clock,
        sessionmaker=sessionmaker,
        catalogue=default_catalogue(),
        bot=bot,  # scheduled jobs (live reports) edit messages with it
    )
    storage, isolation = builders.build_storage(redis, sessionmaker)
    i18n = builders.build_i18n(settings)
    return App(
        settings=settings,
        engine=engine,
        redis=redis,
        bot=bot,
        dispatcher=builders.build_dispatcher(services, storage, isolation, i18n),
        storage=storage,
        scheduler=builders.build_scheduler(),
        i18n=i18n,
        services=services,
        dedupe=UpdateDeduplicator(sessionmaker, redis, clock),
        deliver=deliver,
    )
