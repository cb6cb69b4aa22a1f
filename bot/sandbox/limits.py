"""Flood limits shaped like Telegram's: about 30 messages/s overall and 1/s per chat.

Telegram does not publish the exact algorithm; what matters for the bot is that a broadcast
loop hammering one chat or exceeding 30/s gets ``429 retry after N`` while an ordinary
conversation never does. Two token buckets give that:

* a global bucket (capacity = one second's worth, ``global_per_second`` refill);
* a per-chat bucket (capacity ``chat_burst``, refill ``chat_per_second``).

A pure 1/s chat bucket would trip a fast conversation test (each user message answered with
three messages every 0.2 s), so every user action in a chat also grants ``reply_allowance``
"reply credits" valid for ``reply_window`` seconds, spent before the chat bucket. Twenty
sends in a second to a chat still trip: at most ``chat_burst + reply_allowance`` of them
pass when the user wrote once.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.sandbox.errors import ApiError

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class SandboxLimits:
    """Flood-control settings; assign a new instance to ``FakeTelegram.limits`` to change."""

    global_per_second: float = 30.0
    chat_per_second: float = 1.0
    chat_burst: int = 10
    reply_allowance: int = 5
    reply_window: float = 10.0
    enabled: bool = True


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float

    def refill(self, now: float, rate: float, capacity: float) -> float:
        if now > self.stamp:
            self.tokens = min(capacity, self.tokens + (now - self.stamp) * rate)
        self.stamp = now
        return self.tokens


@dataclass(slots=True)
class _ChatState:
    bucket: _Bucket
    credits: deque[list[float]] = field(default_factory=deque)  # [expires_at, remaining]

    def available_credits(self, now: float) -> int:
        while self.credits and self.credits[0][0] <= now:
            self.credits.popleft()
        return int(sum(entry[1] for entry in self.credits))

    def spend_credits(self, count: int) -> int:
        spent = 0
        while count > spent and self.credits:
            entry = self.credits[0]
            take = min(int(entry[1]), count - spent)
            entry[1] -= take
            spent += take
            if entry[1] <= 0:
                self.credits.popleft()
        return spent


def _retry_after(missing: float, rate: float) -> int:
    if rate <= 0:
        return 1
    return max(1, math.ceil(missing / rate - 1e-9))


class RateLimiter:
    """O(1) per send; state is per chat and dropped when limits are replaced."""

    def __init__(self, limits: SandboxLimits, clock: Clock) -> None:
        self.limits = limits
        self.clock = clock
        capacity = max(1.0, limits.global_per_second)
        self._global = _Bucket(capacity, clock())
        self._chats: dict[int, _ChatState] = {}

    def _chat(self, chat_id: int, now: float) -> _ChatState:
        state = self._chats.get(chat_id)
        if state is None:
            state = _ChatState(_Bucket(float(self.limits.chat_burst), now))
            self._chats[chat_id] = state
        return state

    def grant_reply_credit(self, chat_id: int) -> None:
        """A user wrote or pressed a button in ``chat_id``: the bot may answer at once."""
        limits = self.limits
        if not limits.enabled or limits.reply_allowance <= 0:
            return
        now = self.clock()
        state = self._chat(chat_id, now)
        state.available_credits(now)
        state.credits.append([now + limits.reply_window, float(limits.reply_allowance)])

    def acquire(self, chat_id: int, count: int = 1) -> None:
        """Take ``count`` send slots for ``chat_id`` or raise Telegram's 429."""
        limits = self.limits
        if not limits.enabled:
            return
        now = self.clock()
        g_rate = limits.global_per_second
        g_tokens = self._global.refill(now, g_rate, max(1.0, g_rate))
        if g_tokens < count:
            raise _too_many(_retry_after(count - g_tokens, g_rate))
        state = self._chat(chat_id, now)
        credits = state.available_credits(now)
        c_rate = limits.chat_per_second
        c_tokens = state.bucket.refill(now, c_rate, float(limits.chat_burst))
        if credits + c_tokens < count:
            raise _too_many(_retry_after(count - credits - c_tokens, c_rate))
        self._global.tokens -= count
        state.bucket.tokens -= count - state.spend_credits(count)


def _too_many(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
