"""A real aiogram Dispatcher on the sandbox: polling in-process and webhook over loopback HTTP."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.sandbox import SANDBOX_TOKEN, FakeTelegram, SandboxServer, SandboxSession, SandboxUser
from tests.sandbox.conftest import http_session


def echo_router() -> Router:
    router = Router()

    @router.message(CommandStart(deep_link=True))
    async def start(message: Message, command: CommandObject) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="Continue", callback_data="next")]]
        )
        await message.answer(f"Welcome, <b>{message.from_user.first_name}</b>!")  # type: ignore[union-attr]
        await message.answer(f"Ref: {command.args}", reply_markup=keyboard)

    @router.callback_query(F.data == "next")
    async def next_step(query: CallbackQuery) -> None:
        await query.answer("Done")
        await query.message.edit_text("Step 2")  # type: ignore[union-attr]

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    return router


@contextlib.asynccontextmanager
async def polling(bot: Bot) -> AsyncIterator[Dispatcher]:
    dispatcher = Dispatcher()
    dispatcher.include_router(echo_router())
    task = asyncio.create_task(
        dispatcher.start_polling(
            bot, polling_timeout=1, handle_signals=False, close_bot_session=False
        )
    )
    try:
        yield dispatcher
    finally:
        await dispatcher.stop_polling()
        await asyncio.wait_for(task, 5)


async def test_conversation_through_polling_in_process(
    fake: FakeTelegram, user: SandboxUser
) -> None:
    from aiogram.client.default import DefaultBotProperties

    bot = Bot(
        SANDBOX_TOKEN,
        session=SandboxSession(fake),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    async with polling(bot):
        fake.send_text(user.id, "/start campaign-7")
        await fake.settle(quiet=0.1, timeout=5)
        welcome, ref = fake.messages_to(user.id)
        assert welcome.text == "Welcome, Ann!"
        assert welcome.html == "Welcome, <b>Ann</b>!"
        assert ref.text == "Ref: campaign-7"

        query_id = fake.press_button(user.id, "Continue")
        await fake.settle(quiet=0.1, timeout=5)
        assert fake.callback_queries[query_id].answer == {
            "text": "Done",
            "show_alert": False,
            "url": None,
            "cache_time": 0,
        }
        assert fake.last_message(user.id).text == "Step 2"  # type: ignore[union-attr]
        assert fake.last_message(user.id).buttons == []  # type: ignore[union-attr]

        for word in ("one", "two", "three", "four", "five", "six"):
            fake.send_text(user.id, word)
        await fake.settle(quiet=0.1, timeout=5)
    assert [m.text for m in fake.messages_to(user.id)][-6:] == [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
    ]
    assert not [c for c in fake.calls if not c.ok]


@pytest.fixture
async def webhook_app(fake: FakeTelegram) -> AsyncIterator[tuple[Bot, str]]:
    """The bot process side: aiogram's webhook handler on loopback, API calls over HTTP."""
    async with SandboxServer(fake) as server:
        bot = Bot(SANDBOX_TOKEN, session=http_session(server.base_url))
        dispatcher = Dispatcher()
        dispatcher.include_router(echo_router())
        app = web.Application()
        SimpleRequestHandler(dispatcher, bot, secret_token="hook-secret").register(app, path="/tg")
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/tg"
        try:
            yield bot, url
        finally:
            await runner.cleanup()
            await bot.session.close()


async def test_conversation_through_a_webhook(
    fake: FakeTelegram, user: SandboxUser, webhook_app: tuple[Bot, str]
) -> None:
    bot, url = webhook_app
    await bot.set_webhook(url, secret_token="hook-secret")
    fake.send_text(user.id, "hello over webhook")
    answer = await fake.wait_for_message(user.id, timeout=5)
    assert answer.text == "hello over webhook"
    assert [d.status for d in fake.webhook_deliveries] == [200]


async def test_wrong_secret_is_rejected_by_the_bot_and_retried(
    fake: FakeTelegram, user: SandboxUser, webhook_app: tuple[Bot, str]
) -> None:
    bot, url = webhook_app
    await bot.set_webhook(url, secret_token="not-the-secret")
    fake.send_text(user.id, "knock knock")
    for _ in range(200):
        if len(fake.webhook_deliveries) >= 2:
            break
        await asyncio.sleep(0.01)
    assert {d.status for d in fake.webhook_deliveries} == {401}
    assert fake.messages_to(user.id) == []
