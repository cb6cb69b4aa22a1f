"""The global limit shared through real Redis by several limiters (as by several processes)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from bot.delivery.redis_limiter import RedisLimiter
from tests.services import REDIS_URL, require_redis

pytestmark = pytest.mark.redis


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    require_redis()
    client = Redis.from_url(REDIS_URL)
    yield client
    await client.aclose()


@pytest.fixture
def prefix() -> str:
    return f"popsbot:test:rate:{uuid.uuid4().hex[:8]}"


async def test_two_processes_share_one_rate(redis: Redis, prefix: str) -> None:
    one, two = (RedisLimiter(redis, 40, prefix=prefix) for _ in range(2))
    stamps: list[float] = []

    async def take(limiter: RedisLimiter, count: int) -> None:
        for _ in range(count):
            await limiter.acquire()
            stamps.append(time.monotonic())

    await asyncio.gather(take(one, 20), take(two, 20))
    stamps.sort()
    # 40 grants at 40/s with a burst of 4: the last comes about (40 - 4) / 40 s after the first.
    assert 36 / 40 - 0.05 <= stamps[-1] - stamps[0] <= 36 / 40 + 0.5  # slack for a busy CI
    for start in range(len(stamps)):  # never more than rate + burst in any half second
        assert sum(1 for t in stamps if stamps[start] <= t < stamps[start] + 0.5) <= 24


async def test_a_429_seen_by_one_pauses_the_other(redis: Redis, prefix: str) -> None:
    one, two = (RedisLimiter(redis, 0, prefix=prefix) for _ in range(2))
    await one.pause(0.4)
    started = time.monotonic()
    await two.acquire()
    assert time.monotonic() - started >= 0.35


async def test_no_limit_means_no_wait(redis: Redis, prefix: str) -> None:
    limiter = RedisLimiter(redis, 0, prefix=prefix)
    started = time.monotonic()
    for _ in range(200):
        await limiter.acquire()
    assert time.monotonic() - started < 1.0
