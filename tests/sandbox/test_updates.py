"""getUpdates: long polling wakes at once, offset confirms, filters and conflicts behave."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramConflictError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.sandbox import FakeTelegram, SandboxUser

OK_BUTTON = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="OK", callback_data="ok")]]
)


async def test_long_poll_returns_as_soon_as_a_user_writes(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.05)
    assert not poll.done()
    started = time.monotonic()
    fake.send_text(user.id, "/start ref-42")
    updates = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 0.5
    assert len(updates) == 1
    message = updates[0].message
    assert message is not None
    assert message.text == "/start ref-42"
    assert message.from_user is not None
    assert message.from_user.language_code == "en"
    assert message.entities is not None
    assert message.entities[0].type == "bot_command"
    assert message.entities[0].length == len("/start")


async def test_empty_poll_waits_for_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == []
    assert 0.9 < time.monotonic() - started < 2


async def test_offset_confirms_and_limit_caps(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    for text in ("one", "two", "three"):
        fake.send_text(user.id, text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["one", "two"]
    ids = [u.update_id for u in first]
    assert ids == sorted(ids)
    assert ids[1] == ids[0] + 1
    again = await bot.get_updates()
    assert len(again) == 3, "unconfirmed updates are delivered again"
    rest = await bot.get_updates(offset=ids[1] + 1)
    assert [u.message.text for u in rest if u.message] == ["three"]
    assert await bot.get_updates(offset=rest[0].update_id + 1) == []


async def test_negative_offset_keeps_only_the_last_updates(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    for text in ("a", "b", "c"):
        fake.send_text(user.id, text)
    last = await bot.get_updates(offset=-1)
    assert [u.message.text for u in last if u.message] == ["c"]


async def test_allowed_updates_filters_new_updates(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    await bot.get_updates(allowed_updates=["callback_query"])
    fake.send_text(user.id, "ignored")
    sent = await bot.send_message(user.id, "menu", reply_markup=OK_BUTTON)
    fake.press(user.id, sent.message_id, "ok")
    updates = await bot.get_updates()
    assert [u.event_type for u in updates] == ["callback_query"]


async def test_second_concurrent_poll_terminates_the_first(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(bot.get_updates(timeout=5))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, 2)
    fake.send_text(user.id, "wake the second poll")
    assert len(await asyncio.wait_for(second, 2)) == 1


async def test_blocking_sends_my_chat_member_kicked(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    fake.block(user.id)
    fake.unblock(user.id)
    updates = await bot.get_updates()
    statuses = [
        (u.my_chat_member.old_chat_member.status, u.my_chat_member.new_chat_member.status)
        for u in updates
        if u.my_chat_member
    ]
    assert statuses == [("member", "kicked"), ("kicked", "member")]


async def test_user_media_and_location_updates(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    fake.send_photo(user.id, b"\x89PNG\r\n\x1a\nfake", caption="look")
    fake.send_document(user.id, b"%PDF-1.4", "case.pdf", "application/pdf", caption="report")
    fake.send_location(user.id, 59.3, 18.1)
    messages = [u.message for u in await bot.get_updates() if u.message]
    assert messages[0].photo
    assert messages[0].caption == "look"
    assert messages[1].document
    assert messages[1].document.file_name == "case.pdf"
    assert messages[1].document.mime_type == "application/pdf"
    assert messages[2].location
    assert messages[2].location.longitude == pytest.approx(18.1)
