"""Flood control: bursts to one chat and >30/s overall get 429, conversations never do."""

from __future__ import annotations

import json

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter

from bot.sandbox import ApiError, FakeTelegram, SandboxLimits, SandboxServer, SandboxUser
from bot.sandbox.limits import RateLimiter
from tests.sandbox.conftest import ManualClock


def limiter(clock: ManualClock, **overrides: float | int | bool) -> RateLimiter:
    return RateLimiter(SandboxLimits(**overrides), clock)  # type: ignore[arg-type]


def send_until_refused(
    limits: RateLimiter, clock: ManualClock, count: int, gap: float = 0.0
) -> tuple[int, ApiError | None]:
    """Send ``count`` messages to chat 7, ``gap`` seconds apart; stop at the first 429."""
    for sent in range(count):
        try:
            limits.acquire(7)
        except ApiError as refused:
            return sent, refused
        clock.advance(gap)
    return count, None


def test_a_loop_of_twenty_to_one_chat_trips_within_the_second(clock: ManualClock) -> None:
    sent, refused = send_until_refused(limiter(clock), clock, 20, gap=0.04)
    assert sent == 10
    assert refused is not None
    assert refused.status == 429
    assert refused.retry_after == 1
    assert refused.payload() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }


def test_retry_after_counts_whole_seconds_until_a_slot_frees(clock: ManualClock) -> None:
    limits = limiter(clock, chat_per_second=0.25, chat_burst=1)
    limits.acquire(7)
    with pytest.raises(ApiError) as caught:
        limits.acquire(7)
    assert caught.value.retry_after == 4
    clock.advance(4)
    limits.acquire(7)


def test_fast_conversation_never_trips(clock: ManualClock) -> None:
    """A test conversation: 200 user messages 0.2 s apart, three answers to each."""
    limits = limiter(clock)
    for _ in range(200):
        limits.grant_reply_credit(7)
        for _ in range(3):
            limits.acquire(7)
        clock.advance(0.2)


def test_user_messages_do_not_let_a_loop_through(clock: ManualClock) -> None:
    limits = limiter(clock)
    limits.grant_reply_credit(7)
    sent, refused = send_until_refused(limits, clock, 20)
    assert refused is not None
    assert sent == 10 + SandboxLimits().reply_allowance


def test_reply_credits_expire(clock: ManualClock) -> None:
    limits = limiter(clock, chat_burst=1, reply_allowance=3, reply_window=5)
    limits.grant_reply_credit(7)
    clock.advance(6)
    limits.acquire(7)  # the bucket's own token
    with pytest.raises(ApiError):
        limits.acquire(7)


def test_thirty_per_second_across_chats_is_fine_but_a_burst_is_not(clock: ManualClock) -> None:
    limits = limiter(clock)
    for i in range(90):
        limits.acquire(i)
        clock.advance(1 / 30)
    clock.advance(2)
    for i in range(30):
        limits.acquire(1000 + i)
    with pytest.raises(ApiError) as caught:
        limits.acquire(2000)
    assert caught.value.retry_after == 1


def test_disabled_limits_never_refuse(clock: ManualClock) -> None:
    limits = limiter(clock, enabled=False)
    for _ in range(1000):
        limits.acquire(7)


async def test_bot_gets_retry_after_on_a_burst(
    bot: Bot, fake: FakeTelegram, user: SandboxUser, clock: ManualClock
) -> None:
    for i in range(10):
        await bot.send_message(user.id, f"spam {i}")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(user.id, "one too many")
    assert caught.value.retry_after == 1
    assert "Too Many Requests: retry after 1" in caught.value.message
    assert len(fake.messages_to(user.id)) == 10
    assert fake.calls[-1].status == 429
    # Chat actions and edits do not count; after the wait, sending works again.
    await bot.send_chat_action(user.id, "typing")
    await bot.edit_message_text("edited", chat_id=user.id, message_id=1)
    clock.advance(caught.value.retry_after)
    await bot.send_message(user.id, "after the pause")


async def test_thirty_messages_a_second_to_different_users_pass(
    bot: Bot, fake: FakeTelegram, clock: ManualClock
) -> None:
    users = [fake.add_user(5000 + i, started=True) for i in range(30)]
    for _ in range(3):
        for member in users:
            await bot.send_message(member.id, "news")
            clock.advance(1 / 30)
    assert not [call for call in fake.calls if not call.ok]


async def test_limits_can_be_lifted_at_runtime(
    bot: Bot, fake: FakeTelegram, user: SandboxUser
) -> None:
    fake.limits = SandboxLimits(enabled=False)
    for i in range(50):
        await bot.send_message(user.id, f"bench {i}")
    fake.limits = SandboxLimits(chat_burst=2, reply_allowance=0)
    await bot.send_message(user.id, "1")
    await bot.send_message(user.id, "2")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(user.id, "3")


async def test_http_body_of_a_429_is_telegrams(
    fake: FakeTelegram, server: SandboxServer, user: SandboxUser
) -> None:
    fake.limits = SandboxLimits(chat_burst=1, reply_allowance=0)
    url = f"{server.base_url}/bot123:abc/sendMessage"
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json={"chat_id": user.id, "text": "1"}) as first:
            assert first.status == 200
        async with http.post(url, json={"chat_id": user.id, "text": "2"}) as second:
            assert second.status == 429
            assert json.loads(await second.text()) == {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1},
            }
