"""The HTTP transport against the sandbox over real HTTP: bodies Telegram accepts, and each
kind of failure mapped to the sender's error classes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.delivery.bot_api import HttpTransport, outcome
from bot.delivery.errors import Flood, Rejected, Transient, Unreachable
from bot.delivery.parts import Button, Part
from bot.delivery.telegram import transport_for
from bot.sandbox import SANDBOX_TOKEN, FakeTelegram, SandboxLimits, SandboxServer
from tests.e2e.conftest import free_port


@pytest.fixture
async def http_bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with SandboxServer(fake, host="127.0.0.1", port=0) as server:
        session = AiohttpSession()
        session.api = TelegramAPIServer.from_base(server.base_url)
        bot = Bot(SANDBOX_TOKEN, session=session)
        yield bot
        await bot.session.close()


async def test_every_kind_of_part_is_accepted(http_bot: Bot, fake: FakeTelegram) -> None:
    fake.add_user(5, "Eva", started=True)
    photo = fake.files.add(b"\x89PNG", "photo").file_id
    doc = fake.files.add(b"%PDF", "document", "agenda.pdf").file_id
    transport = transport_for(http_bot)
    assert isinstance(transport, HttpTransport)
    buttons = ((Button("Open", callback_data="c:1"), Button("Site", url="https://example.org")),)
    parts = [
        Part("text", text="<b>Alert</b> &amp; more", buttons=buttons),
        Part("photo", text="<i>seized drums</i>", file_id=photo),
        Part("document", file_id=doc),
        Part("location", latitude=-34.6, longitude=-58.4),
    ]
    ids = [await transport.send(5, part) for part in parts]
    await transport.close()
    messages = fake.messages_to(5)
    assert ids == [m.message_id for m in messages]
    assert [m.kind for m in messages] == ["text", "photo", "document", "location"]
    assert messages[0].text == "Alert & more"
    assert [b.text for b in messages[0].buttons[0]] == ["Open", "Site"]
    assert messages[1].text == "seized drums"


async def test_failures_are_classified(http_bot: Bot, fake: FakeTelegram) -> None:
    transport = transport_for(http_bot)
    fake.add_user(6, "Blocked", started=True)
    fake.block(6)
    with pytest.raises(Unreachable, match="403 Forbidden: bot was blocked"):
        await transport.send(6, Part("text", text="hi"))
    with pytest.raises(Rejected, match="400 Bad Request: chat not found"):
        await transport.send(999, Part("text", text="hi"))
    fake.add_user(7, "Busy", started=True)
    fake.limits = SandboxLimits(global_per_second=1, chat_burst=1)
    await transport.send(7, Part("text", text="one"))
    with pytest.raises(Flood) as flood:
        await transport.send(7, Part("text", text="two"))
    assert flood.value.retry_after >= 1
    await transport.close()


async def test_network_trouble_is_transient() -> None:
    session = AiohttpSession()
    session.api = TelegramAPIServer.from_base(f"http://127.0.0.1:{free_port()}")
    bot = Bot(SANDBOX_TOKEN, session=session)
    transport = transport_for(bot)
    try:
        with pytest.raises(Transient, match="network"):
            await transport.send(1, Part("text", text="hi"))
    finally:
        await transport.close()
        await bot.session.close()


def test_odd_answers() -> None:
    with pytest.raises(Transient, match="502"):
        outcome(502, b"<html>Bad Gateway</html>")
    with pytest.raises(Transient, match="500"):
        outcome(500, b'{"ok": false, "error_code": 500, "description": "Internal"}')
    assert outcome(200, b'{"ok": true, "result": {"message_id": 42}}') == 42
