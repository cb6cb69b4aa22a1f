"""`popsbot run --webhook` as a real process: Telegram's secret, repeats, and poison updates."""

from __future__ import annotations

import time

import aiohttp
import pytest

from bot.sandbox import FakeTelegram, SandboxServer
from tests.e2e.conftest import BotProcess, free_port

pytestmark = pytest.mark.e2e
SECRET = "e2e-webhook-secret-0123456789"


@pytest.fixture
async def webhook_bot(sandbox: tuple[FakeTelegram, SandboxServer], bot_process: BotProcess) -> str:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    bot_process.env.update(
        WEBHOOK_URL=url, WEBHOOK_SECRET=SECRET, WEBHOOK_HOST="127.0.0.1", WEBHOOK_PORT=str(port)
    )
    await bot_process.start("--webhook", ready_method="setWebhook")
    return url


def help_update(update_id: int, user_id: int) -> dict[str, object]:
    sender = {"id": user_id, "is_bot": False, "first_name": "Tom", "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Tom"},
            "from": sender,
            "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }


async def test_conversation_over_the_webhook(
    sandbox: tuple[FakeTelegram, SandboxServer], webhook_bot: str
) -> None:
    fake, _ = sandbox
    fake.add_user(3001, "Ines", language_code="en")
    fake.send_text(3001, "/start")
    assert "which language" in (await fake.wait_for_message(3001, timeout=15)).text
    fake.press_button(3001, "English")
    await fake.wait_for_message(3001, timeout=15)
    fake.press_button(3001, "Peru")
    await fake.wait_for_message(3001, lambda m: "Main menu" in m.text, timeout=15)
    assert all(d.status == 200 for d in fake.webhook_deliveries)


async def test_wrong_or_missing_secret_is_refused(webhook_bot: str) -> None:
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}):
            async with http.post(webhook_bot, json=help_update(1, 3002), headers=headers) as r:
                assert r.status == 401


async def test_a_repeated_update_is_handled_once(
    sandbox: tuple[FakeTelegram, SandboxServer], webhook_bot: str
) -> None:
    fake, _ = sandbox
    fake.add_user(3003, "Tom", started=True)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with aiohttp.ClientSession() as http:
        for _ in range(2):
            async with http.post(
                webhook_bot, json=help_update(900001, 3003), headers=headers
            ) as r:
                assert r.status == 200
    await fake.settle(quiet=0.5)
    assert len([m for m in fake.messages_to(3003) if "/timezone" in m.text]) == 1


async def test_a_poison_update_does_not_block_the_chat(
    sandbox: tuple[FakeTelegram, SandboxServer], webhook_bot: str
) -> None:
    """The handler fails (the user blocked the bot meanwhile): still 200, next update works."""
    fake, _ = sandbox
    fake.add_user(3004, "Ada", started=True)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    fake.block(3004)
    async with aiohttp.ClientSession() as http:
        async with http.post(webhook_bot, json=help_update(900002, 3004), headers=headers) as r:
            assert r.status == 200
        fake.unblock(3004)
        async with http.post(webhook_bot, json=help_update(900003, 3004), headers=headers) as r:
            assert r.status == 200  # the webhook answers after handling: the reply is there
    assert [m.text for m in fake.messages_to(3004) if "/timezone" in m.text]
