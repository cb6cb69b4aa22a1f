"""Fixtures for the sandbox Bot API tests: a fake, a manual clock, bots over both transports."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.sandbox import SANDBOX_TOKEN, FakeTelegram, SandboxServer, SandboxSession, SandboxUser
from bot.sandbox.updates import WebhookRetry

USER_ID = 1001


class ManualClock:
    """Monotonic clock the test moves by hand, for flood-limit arithmetic."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class HttpSession(AiohttpSession):
    """AiohttpSession without the 250 ms TLS grace sleep on close: plain loopback HTTP."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def http_session(base_url: str) -> HttpSession:
    return HttpSession(api=TelegramAPIServer.from_base(base_url))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def fake(clock: ManualClock) -> AsyncIterator[FakeTelegram]:
    telegram = FakeTelegram(
        clock=clock, webhook_retry=WebhookRetry(delays=(0.01, 0.02), max_attempts=5, timeout=2)
    )
    yield telegram
    await telegram.close()


@pytest.fixture
def user(fake: FakeTelegram) -> SandboxUser:
    return fake.add_user(USER_ID, "Ann", username="ann", language_code="en", started=True)


@pytest.fixture
async def server(fake: FakeTelegram) -> AsyncIterator[SandboxServer]:
    async with SandboxServer(fake) as running:
        yield running


@pytest.fixture
async def session_bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    bot = Bot(SANDBOX_TOKEN, session=SandboxSession(fake))
    yield bot
    await bot.session.close()


@pytest.fixture
async def http_bot(server: SandboxServer) -> AsyncIterator[Bot]:
    session = http_session(server.base_url)
    bot = Bot(SANDBOX_TOKEN, session=session)
    yield bot
    await session.close()


@pytest.fixture(params=["session", "http"])
async def bot(request: pytest.FixtureRequest, fake: FakeTelegram) -> AsyncIterator[Bot]:
    """The same aiogram Bot API calls through the in-process session and through HTTP."""
    if request.param == "session":
        in_process = Bot(SANDBOX_TOKEN, session=SandboxSession(fake))
        yield in_process
        await in_process.session.close()
        return
    async with SandboxServer(fake) as running:
        session = http_session(running.base_url)
        over_http = Bot(SANDBOX_TOKEN, session=session)
        yield over_http
        await session.close()
