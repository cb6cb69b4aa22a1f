"""A running popsbot (real Dispatcher, handlers, middlewares, SQLite) on the in-process sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app.runtime import build_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.sandbox import FakeTelegram, SandboxSession
from tests.harness import BotHarness


@pytest.fixture
async def harness(settings: Settings, clock: FrozenClock) -> AsyncIterator[BotHarness]:
    fake = FakeTelegram()
    app = build_app(settings, clock=clock, bot_session=SandboxSession(fake))
    await app.start()
    try:
        yield BotHarness(app, fake)
    finally:
        await app.close()
        await fake.close()
