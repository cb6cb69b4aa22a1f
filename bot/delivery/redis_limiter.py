"""The global limit shared by every process through Redis (REDIS_URL set).

The same GCRA as `limiter.Gcra`, evaluated atomically by a Lua script on Redis's own clock,
so replicas on different machines agree on time. A 429 seen by any process writes a pause
that every process obeys. Within a process one caller at a time asks Redis; the others queue
on a local lock, so Redis sees about one request per message.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

from bot.delivery.limiter import burst_for

PREFIX = "popsbot:delivery:rate"

# KEYS: tat, pause. ARGV: interval µs (0 = no limit), tolerance µs, pause µs (0 = acquire).
# Returns the µs to wait (0 = granted / pause recorded). Numbers are written with %d: Lua 5.1
# would print microsecond timestamps in exponent notation and lose precision.
SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local pause = tonumber(ARGV[3])
local paused_until = tonumber(redis.call('GET', KEYS[2]) or '0')
if pause > 0 then
  if now + pause > paused_until then
    redis.call('SET', KEYS[2], string.format('%d', now + pause),
               'PX', string.format('%d', pause / 1000 + 1000))
  end
  return 0
end
if paused_until > now then return paused_until - now end
if interval <= 0 then return 0 end
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local allowed_at = tat - tolerance
if now < allowed_at then return allowed_at - now end
redis.call('SET', KEYS[1], string.format('%d', tat + interval),
           'PX', string.format('%d', (tat + interval - now) / 1000 + 1000))
return 0
"""

Sleep = Callable[[float], Awaitable[None]]


class RedisLimiter:
    def __init__(
        self, redis: Redis, rate: float, *, prefix: str = PREFIX, sleep: Sleep = asyncio.sleep
    ) -> None:
        self._redis = redis
        self._script = redis.register_script(SCRIPT)
        self._keys = [f"{prefix}:tat", f"{prefix}:pause"]
        self._interval = round(1_000_000 / rate) if rate > 0 else 0
        self._tolerance = round((burst_for(rate) - 1) * self._interval) if rate > 0 else 0
        self._sleep = sleep
        self._lock = asyncio.Lock()

    async def _eval(self, pause_us: int) -> int:
        args = [self._interval, self._tolerance, pause_us]
        return int(await self._script(keys=self._keys, args=args))

    async def acquire(self) -> None:
        async with self._lock:
            while (wait := await self._eval(0)) > 0:
                await self._sleep(wait / 1_000_000)

    async def pause(self, seconds: float) -> None:
        await self._eval(max(1, round(seconds * 1_000_000)))

    async def close(self) -> None:
        return None
