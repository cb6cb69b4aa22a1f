"""A flood from one person is cut, with one notice, and nobody else is affected."""

from __future__ import annotations

from handlers.middlewares.throttling import ThrottlingMiddleware
from tests.harness import BotHarness


async def test_a_flood_is_cut_with_one_notice(harness: BotHarness) -> None:
    [throttle] = [
        m
        for m in harness.app.dispatcher.update.outer_middleware
        if isinstance(m, ThrottlingMiddleware)
    ]
    now = [1000.0]
    throttle.clock = lambda: now[0]
    throttle.limit = 5
    flooder = harness.chat(950, language="es")
    replies = [await flooder.say("/help") for _ in range(9)]
    answered = [r for r in replies if "/timezone" in r.text]
    warned = [r for r in replies if "muy rápido" in r.text]
    assert (len(answered), len(warned)) == (5, 1)
    calm = harness.chat(951)
    assert "/timezone" in (await calm.say("/help")).text
    now[0] += 10.5  # the window has passed
    assert "/timezone" in (await flooder.say("/help")).text
