"""Pacing with a fake monotonic clock: even spacing after a small burst, 429 pauses everyone,
one chat at about one message per second."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.delivery.limiter import ChatPacer, Gcra, LocalLimiter


class FakeTime:
    """A monotonic clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def test_gcra_allows_a_burst_then_spaces_events() -> None:
    gcra = Gcra(interval=0.1, burst=3)
    waits = []
    for _ in range(6):
        waits.append(round(gcra.reserve(0.0), 3))
    assert waits == [0.0, 0.0, 0.0, 0.1, 0.2, 0.3]


async def test_global_rate_is_respected_over_time() -> None:
    time = FakeTime()
    limiter = LocalLimiter(30, monotonic=time, sleep=time.sleep)
    stamps = []
    for _ in range(91):
        await limiter.acquire()
        stamps.append(time.now)
    span = stamps[-1] - stamps[0]
    assert span == pytest.approx((91 - 3) / 30, abs=1e-6)  # burst of 3, then 1/30 s apart
    assert all(b - a <= 1 / 30 + 1e-9 for a, b in itertools.pairwise(stamps))


async def test_concurrent_callers_share_one_rate() -> None:
    time = FakeTime()
    limiter = LocalLimiter(10, monotonic=time, sleep=time.sleep)
    stamps: list[float] = []

    async def caller() -> None:
        for _ in range(5):
            await limiter.acquire()
            stamps.append(time.now)

    await asyncio.gather(*(caller() for _ in range(4)))
    assert len(stamps) == 20
    assert max(stamps) - min(stamps) == pytest.approx(19 / 10, abs=1e-6)


async def test_a_429_pauses_every_sender() -> None:
    time = FakeTime()
    limiter = LocalLimiter(0, monotonic=time, sleep=time.sleep)  # no rate limit at all
    await limiter.acquire()
    assert time.now == 100.0
    await limiter.pause(3)
    await asyncio.gather(limiter.acquire(), limiter.acquire())
    assert time.now == pytest.approx(103.0)
    await limiter.pause(1)
    await limiter.pause(0.5)  # a shorter pause never shortens a longer one
    await limiter.acquire()
    assert time.now == pytest.approx(104.0)


def test_chat_pacer_spaces_one_chat_but_not_others() -> None:
    time = FakeTime()
    pacer = ChatPacer(interval=1.0, burst=2, monotonic=time)
    assert [pacer.reserve(7) for _ in range(4)] == [0.0, 0.0, 1.0, 2.0]
    assert pacer.reserve(8) == 0.0
    time.now += 10
    assert pacer.reserve(7) == 0.0


def test_chat_pacer_forgets_quiet_chats() -> None:
    time = FakeTime()
    pacer = ChatPacer(interval=1.0, burst=1, monotonic=time)
    for chat in range(5000):
        pacer.reserve(chat)
        time.now += 0.01
    assert len(pacer) < 5000


def test_no_chat_interval_means_no_wait() -> None:
    pacer = ChatPacer(interval=0, burst=1)
    assert [pacer.reserve(1) for _ in range(3)] == [0.0, 0.0, 0.0]
