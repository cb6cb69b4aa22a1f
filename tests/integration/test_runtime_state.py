"""Conversation state and webhook dedupe, on the database and on real Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app.builders import build_storage
from bot.app.dedupe import UpdateDeduplicator
from bot.clock import FrozenClock
from db.fsm_storage import SqlStorage
from tests.services import REDIS_URL, require_redis

KEY = StorageKey(bot_id=100000, chat_id=42, user_id=42)


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    require_redis()
    client = Redis.from_url(REDIS_URL)
    await client.flushdb()
    yield client
    await client.flushdb()
    await client.aclose()


async def test_sql_storage_keeps_state_and_data(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    storage = SqlStorage(sessionmaker)
    assert await storage.get_state(KEY) is None
    await storage.set_state(KEY, "Report:quantity")
    await storage.update_data(KEY, {"quantity": "12 kg", "note": "<b>hi</b>"})
    again = SqlStorage(sessionmaker)  # a restarted process reads what the first one wrote
    assert await again.get_state(KEY) == "Report:quantity"
    assert await again.get_data(KEY) == {"quantity": "12 kg", "note": "<b>hi</b>"}
    other = StorageKey(bot_id=100000, chat_id=43, user_id=43)
    assert await again.get_state(other) is None
    await again.set_state(KEY, None)
    await again.set_data(KEY, {})
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}


async def test_database_dedupe(
    sessionmaker: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    from datetime import timedelta

    dedupe = UpdateDeduplicator(sessionmaker, None, clock)
    assert await dedupe.first_time(1001) is True
    assert await dedupe.first_time(1001) is False
    assert await dedupe.first_time(1002) is True
    clock.advance(timedelta(days=3))
    assert await dedupe.prune() == 2
    assert await dedupe.first_time(1001) is True


@pytest.mark.redis
async def test_redis_dedupe_is_shared(redis: Redis, clock: FrozenClock) -> None:
    other_process = Redis.from_url(REDIS_URL)
    first = UpdateDeduplicator(None, redis, clock)  # type: ignore[arg-type]
    second = UpdateDeduplicator(None, other_process, clock)  # type: ignore[arg-type]
    try:
        assert await first.first_time(77) is True
        assert await second.first_time(77) is False
        assert 0 < await redis.ttl("popsbot:update:77") <= 2 * 24 * 3600
    finally:
        await other_process.aclose()


@pytest.mark.redis
async def test_redis_storage_is_chosen_and_shared(
    redis: Redis, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    storage, isolation = build_storage(redis, sessionmaker)
    assert isinstance(storage, RedisStorage)
    await storage.set_state(KEY, "Onboarding:country")
    other_process, _ = build_storage(Redis.from_url(REDIS_URL), sessionmaker)
    assert await other_process.get_state(KEY) == "Onboarding:country"
    async with isolation.lock(KEY):
        assert await redis.keys("popsbot:fsm:*lock*")
    await other_process.close()
