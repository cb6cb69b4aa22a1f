"""One builder per long-lived object. Nothing here runs at import time."""

from __future__ import annotations

import logging
from datetime import UTC

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from aiogram.utils.i18n import I18n
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.i18n import ensure_compiled
from db.fsm_storage import SqlStorage
from handlers import get_routers
from handlers.deps import Services
from handlers.middlewares import setup_middlewares
from handlers.middlewares.throttling import ThrottlingMiddleware
from locales import DOMAIN, LOCALES_DIR


def configure_logging(level: str) -> None:
    """Plain, timestamped logs; aiogram and SQLAlchemy stay at WARNING unless DEBUG is asked."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    quiet = logging.WARNING if level != "DEBUG" else logging.DEBUG
    for name in ("sqlalchemy.engine", "aiosqlite", "apscheduler", "aiogram.event"):
        logging.getLogger(name).setLevel(quiet)


def build_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    """The Bot API client; TELEGRAM_API_BASE_URL points it at a local server (or the sandbox)."""
    if session is None:
        session = AiohttpSession()
        if settings.telegram_api_base_url:
            session.api = TelegramAPIServer.from_base(settings.telegram_api_base_url)
    return Bot(
        token=settings.token(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def build_redis(settings: Settings) -> Redis | None:
    return Redis.from_url(settings.redis_url) if settings.redis_url else None


def build_storage(
    redis: Redis | None, sessionmaker: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    """Redis shares conversations and per-chat locks between processes; else the database and
    an in-process lock (one process is all SQLite supports)."""
    if redis is not None:
        keys = DefaultKeyBuilder(prefix="popsbot:fsm", with_destiny=True)
        return RedisStorage(redis, key_builder=keys), RedisEventIsolation(redis, key_builder=keys)
    return SqlStorage(sessionmaker), SimpleEventIsolation()


def build_i18n(settings: Settings) -> I18n:
    ensure_compiled()
    return I18n(path=LOCALES_DIR, default_locale=settings.default_locale, domain=DOMAIN)


def build_dispatcher(
    services: Services, storage: BaseStorage, isolation: BaseEventIsolation, i18n: I18n
) -> Dispatcher:
    dp = Dispatcher(storage=storage, events_isolation=isolation, services=services)
    setup_middlewares(dp, i18n, ThrottlingMiddleware(limit=services.settings.flood_limit))
    dp.include_routers(*get_routers())
    return dp


def build_scheduler() -> AsyncIOScheduler:
    """The clock of popsbot. Jobs are registered at start from code and the database, and
    never stored in a job store, so a restart or a second process cannot double them."""
    return AsyncIOScheduler(timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1})
