"""Webhook mode: updates POSTed to a loopback receiver, secret header, retries, ordering."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiohttp import web

from bot.sandbox import FakeTelegram, SandboxUser, WebhookRetry

YES = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="Yes", callback_data="yes")]]
)


@dataclass
class Receiver:
    """A tiny webhook endpoint that answers with scripted statuses or bodies."""

    url: str = ""
    received: list[tuple[dict[str, str], dict[str, Any]]] = field(default_factory=list)
    script: list[int | dict[str, Any]] = field(default_factory=list)
    arrived: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append((dict(request.headers), body))
        self.arrived.put_nowait(body)
        step = self.script.pop(0) if self.script else 200
        if isinstance(step, dict):
            return web.json_response(step)
        return web.Response(status=step)

    async def next(self, wait: float = 2.0) -> dict[str, Any]:
        return await asyncio.wait_for(self.arrived.get(), wait)

    def texts(self) -> list[str]:
        return [body["message"]["text"] for _, body in self.received if "message" in body]


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    hook = Receiver()
    app = web.Application()
    app.router.add_post("/hook", hook.handle)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    hook.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield hook
    await runner.cleanup()


async def test_updates_are_posted_with_the_secret_header(
    bot: Bot, fake: FakeTelegram, user: SandboxUser, receiver: Receiver
) -> None:
    assert await bot.set_webhook(receiver.url, secret_token="s3cr3t-token_1")
    info = await bot.get_webhook_info()
    assert info.url == receiver.url
    fake.send_text(user.id, "hello bot")
    body = await receiver.next()
    headers = receiver.received[0][0]
    assert headers["X-Telegram-Bot-Api-Secret-Token"] == "s3cr3t-token_1"
    assert headers["Content-Type"].startswith("application/json")
    assert body["message"]["text"] == "hello bot"
    assert body["message"]["from"]["language_code"] == "en"
    await asyncio.sleep(0.05)
    assert [(d.update_id, d.status) for d in fake.webhook_deliveries] == [(body["update_id"], 200)]


async def test_failed_delivery_is_retried_and_order_per_chat_is_kept(
    bot: Bot, fake: FakeTelegram, user: SandboxUser, receiver: Receiver
) -> None:
    receiver.script = [500, 502]
    await bot.set_webhook(receiver.url)
    for text in ("first", "second", "third"):
        fake.send_text(user.id, text)
    for _ in range(5):
        await receiver.next()
    assert receiver.texts() == ["first", "first", "first", "second", "third"]
    first_id = receiver.received[0][1]["update_id"]
    attempts = [(d.attempt, d.status) for d in fake.webhook_deliveries if d.update_id == first_id]
    assert attempts == [(1, 500), (2, 502), (3, 200)]
    info = await bot.get_webhook_info()
    assert info.last_error_message is not None
    assert "502" in info.last_error_message


async def test_unreachable_webhook_keeps_updates_for_polling(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    fake.updates.retry = WebhookRetry(delays=(0.05,), max_attempts=1000)
    await bot.set_webhook("http://127.0.0.1:9/nowhere")
    fake.send_text(user.id, "are you there?")
    for _ in range(100):
        if fake.webhook_deliveries:
            break
        await asyncio.sleep(0.01)
    assert fake.webhook_deliveries[0].status is None
    assert fake.webhook_deliveries[0].error is not None
    with pytest.raises(TelegramConflictError) as caught:
        await bot.get_updates()
    assert caught.value.message == (
        "Conflict: can't use getUpdates method while webhook is active; "
        "use deleteWebhook to delete the webhook first"
    )
    await bot.delete_webhook()
    updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == ["are you there?"]


async def test_pending_updates_move_to_the_webhook_or_are_dropped(
    bot: Bot, fake: FakeTelegram, user: SandboxUser, receiver: Receiver
) -> None:
    fake.send_text(user.id, "queued before the webhook")
    await bot.set_webhook(receiver.url)
    assert (await receiver.next())["message"]["text"] == "queued before the webhook"
    await bot.delete_webhook()
    fake.send_text(user.id, "dropped")
    await bot.set_webhook(receiver.url, drop_pending_updates=True)
    fake.send_text(user.id, "kept")
    assert (await receiver.next())["message"]["text"] == "kept"


async def test_webhook_reply_method_is_executed(
    bot: Bot, fake: FakeTelegram, user: SandboxUser, receiver: Receiver
) -> None:
    receiver.script = [{"method": "sendMessage", "chat_id": user.id, "text": "pong"}]
    await bot.set_webhook(receiver.url)
    fake.send_text(user.id, "ping")
    reply = await fake.wait_for_message(user.id, timeout=2)
    assert reply.text == "pong"


async def test_only_loopback_webhooks_and_valid_secrets(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="loopback"):
        await bot.set_webhook("https://example.org/hook")
    with pytest.raises(TelegramBadRequest, match="secret token contains unallowed characters"):
        await bot.set_webhook("http://127.0.0.1:8443/hook", secret_token="bad secret!")
    info = await bot.get_webhook_info()
    assert info.url == ""


async def test_deliveries_are_valid_json_updates(
    bot: Bot, fake: FakeTelegram, user: SandboxUser, receiver: Receiver
) -> None:
    await bot.set_webhook(receiver.url)
    sent = await bot.send_message(user.id, "choose", reply_markup=YES)
    fake.press(user.id, sent.message_id, "yes")
    body = await receiver.next()
    assert body["callback_query"]["data"] == "yes"
    assert body["callback_query"]["message"]["message_id"] == sent.message_id
    json.dumps(body)
