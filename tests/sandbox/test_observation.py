"""What tests and the console observe: the call log, waiters, settle and hooks."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from bot.sandbox import BotCall, FakeTelegram, SandboxUser


async def test_every_call_is_logged_with_outcome(
    session_bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    await session_bot.send_message(user.id, "hi")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await session_bot.send_message(user.id, " ")
    ok, failed = fake.calls
    assert (ok.method, ok.ok, ok.status, ok.chat_id, ok.text) == (
        "sendMessage",
        True,
        200,
        user.id,
        "hi",
    )
    assert ok.result["text"] == "hi"
    assert (failed.ok, failed.status, failed.error) == (
        False,
        400,
        "Bad Request: message text is empty",
    )
    assert failed.seq == ok.seq + 1
    fake.reset_calls()
    assert fake.calls == []
    await session_bot.get_me()
    assert fake.calls_since(ok.seq) == fake.calls
    assert fake.calls[0].seq == failed.seq + 1


async def test_unknown_method_is_404(fake: FakeTelegram) -> None:
    status, body = await fake.handle("sendTelepathy", {})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    assert fake.calls[-1].method == "sendTelepathy"
    assert fake.calls[-1].status == 404


async def test_method_names_are_case_insensitive(fake: FakeTelegram) -> None:
    status, body = await fake.handle("GETME", {})
    assert status == 200
    assert body["result"]["is_bot"] is True
    assert fake.calls[-1].method == "getMe"


async def test_wait_for_call_and_message(
    session_bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    async def bot_answers_later() -> None:
        await asyncio.sleep(0.05)
        sent = await session_bot.send_message(user.id, "first")
        await session_bot.edit_message_text(
            "first, edited", chat_id=user.id, message_id=sent.message_id
        )

    call_seen = asyncio.create_task(fake.wait_for_call(lambda c: c.method == "sendMessage"))
    edit_seen = asyncio.create_task(fake.wait_for_message(user.id, lambda m: m.edited))
    await asyncio.sleep(0)
    await bot_answers_later()
    call = await asyncio.wait_for(call_seen, 2)
    assert call.text == "first"
    edited = await asyncio.wait_for(edit_seen, 2)
    assert edited.text == "first, edited"
    # since= looks back at calls already made.
    again = await fake.wait_for_call(lambda c: c.method == "editMessageText", since=call.seq)
    assert again.ok


async def test_waiters_time_out_with_a_useful_message(
    fake: FakeTelegram, user: SandboxUser
) -> None:
    with pytest.raises(TimeoutError, match="no matching Bot API call"):
        await fake.wait_for_call(lambda c: True, timeout=0.05)
    with pytest.raises(TimeoutError, match="no new bot message"):
        await fake.wait_for_message(user.id, timeout=0.05)


async def test_settle_waits_for_the_bot_to_go_quiet(
    session_bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    async def chatty_bot() -> None:
        for i in range(3):
            await asyncio.sleep(0.05)
            await session_bot.send_message(user.id, f"part {i}")

    task = asyncio.create_task(chatty_bot())
    await fake.settle(quiet=0.15, timeout=3)
    assert len(fake.messages_to(user.id)) == 3
    await task


async def test_settle_waits_for_undelivered_updates(fake: FakeTelegram, user: SandboxUser) -> None:
    fake.send_text(user.id, "nobody polls")
    with pytest.raises(TimeoutError, match="undelivered updates: 1"):
        await fake.settle(quiet=0.01, timeout=0.1)


async def test_on_call_hooks_sync_and_async(
    session_bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    seen: list[str] = []
    printed: asyncio.Event = asyncio.Event()

    def sync_hook(call: BotCall) -> None:
        seen.append(call.method)

    async def async_hook(call: BotCall) -> None:
        await asyncio.sleep(0)
        printed.set()

    def broken_hook(call: BotCall) -> None:
        raise RuntimeError("hooks must not break the bot")

    fake.on_call.extend([sync_hook, async_hook, broken_hook])
    await session_bot.send_message(user.id, "hello")
    await asyncio.wait_for(printed.wait(), 1)
    assert seen == ["sendMessage"]


async def test_call_log_can_be_capped_for_benchmarks() -> None:
    capped = FakeTelegram(max_calls=100)
    for _ in range(1000):
        await capped.handle("getMe", {})
    assert len(capped.calls) <= 100
    assert capped.calls[-1].seq == 999
    assert capped.calls_since(990)[0].seq == 990
    await capped.close()
