"""Pacing: the global messages-per-second limit and the per-chat interval.

Both are GCRA (the "generic cell rate algorithm", a token bucket written as one timestamp):
a send may go at `tat - tolerance`, and each send moves `tat` one interval later. The
tolerance is a small burst, so a few messages leave at once and the rest are evenly spaced;
sleeping late never loses capacity, because the bucket has refilled meanwhile.

The global limiter is shared by every concurrent send of the process (and, in the Redis
flavour, of every process). A 429 pauses it for everyone: Telegram's retry_after is about
the bot, not one message. Time is a monotonic clock, injectable for tests.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

Monotonic = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class GlobalLimiter(Protocol):
    async def acquire(self) -> None:
        """Wait until one more message may be sent."""
        ...

    async def pause(self, seconds: float) -> None:
        """Telegram said 429: nobody sends for `seconds`."""
        ...

    async def close(self) -> None: ...


def burst_for(rate: float) -> float:
    """A tenth of a second's worth, at least one: small enough never to trip Telegram."""
    return max(1.0, rate / 10)


class Gcra:
    """The arithmetic alone: when may the next event happen, given the last reservations."""

    def __init__(self, interval: float, burst: float) -> None:
        self.interval = interval
        self.tolerance = max(0.0, burst - 1) * interval
        self.tat = float("-inf")

    def wait(self, now: float) -> float:
        """Seconds to wait before an event at `now` conforms (0 when it does)."""
        return max(0.0, self.tat - self.tolerance - now)

    def take(self, now: float) -> None:
        self.tat = max(self.tat, now) + self.interval

    def reserve(self, now: float) -> float:
        """Book the next slot; returns the seconds until it (for queued, ordered callers)."""
        start = max(now, self.tat - self.tolerance)
        self.tat = max(self.tat, now) + self.interval
        return start - now


class LocalLimiter:
    """The global limit within one process. `rate` <= 0 means no limit (paid broadcasts on
    a local Bot API server, benchmarks); the 429 pause still applies."""

    def __init__(
        self,
        rate: float,
        *,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._gcra = Gcra(1 / rate, burst_for(rate)) if rate > 0 else None
        self._paused_until = float("-inf")
        self._now = monotonic
        self._sleep = sleep
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        if self._gcra is None and self._paused_until <= self._now():
            return
        # One waiter at a time, in arrival order: the others queue on the lock, not on timers.
        async with self._lock:
            while True:
                now = self._now()
                wait = max(self._paused_until - now, self._gcra.wait(now) if self._gcra else 0)
                if wait <= 0:
                    if self._gcra:
                        self._gcra.take(now)
                    return
                await self._sleep(wait)

    async def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._now() + seconds)

    async def close(self) -> None:
        return None


class ChatPacer:
    """About one message per `interval` seconds per chat, with a burst of `burst`.

    Reservations are synchronous and taken in send order, so two parts for one chat can
    never overtake each other. Entries of chats quiet for a while are forgotten.
    """

    def __init__(self, interval: float, burst: int, *, monotonic: Monotonic = time.monotonic):
        self.interval = interval
        self.burst = max(1, burst)
        self._chats: dict[int, Gcra] = {}
        self._now = monotonic
        self._reservations = 0

    def reserve(self, chat_id: int) -> float:
        """Seconds until this chat may receive its next message (0 = now)."""
        if self.interval <= 0:
            return 0.0
        now = self._now()
        gcra = self._chats.get(chat_id)
        if gcra is None:
            gcra = self._chats[chat_id] = Gcra(self.interval, self.burst)
        self._reservations += 1
        if self._reservations % 4096 == 0:
            self._forget(now)
        return gcra.reserve(now)

    def _forget(self, now: float) -> None:
        idle = [chat for chat, gcra in self._chats.items() if gcra.tat < now]
        for chat in idle:
            del self._chats[chat]

    def __len__(self) -> int:
        return len(self._chats)
