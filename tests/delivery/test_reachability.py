"""Blocking and unblocking the bot, through the real Dispatcher: unreachable is remembered,
and cleared as soon as the person is back."""

from __future__ import annotations

from db.models import User
from tests.harness import BotHarness


async def unreachable_at(harness: BotHarness, user_id: int) -> object:
    async with harness.app.services.sessionmaker() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return user.unreachable_at


async def test_block_unblock_and_writing_again(harness: BotHarness) -> None:
    chat = harness.chat(4242)
    await chat.say("/start")
    harness.fake.block(4242)
    await harness.pump()
    assert await unreachable_at(harness, 4242) == harness.app.services.clock.now()
    harness.fake.unblock(4242)
    await harness.pump()
    assert await unreachable_at(harness, 4242) is None
    harness.fake.block(4242)
    await harness.pump()
    assert await unreachable_at(harness, 4242) is not None
    harness.fake.user(4242).blocked_bot = False  # Telegram unblocks silently when they write
    await chat.say("/help")
    assert await unreachable_at(harness, 4242) is None


async def test_the_test_app_leaves_delivery_to_drain(harness: BotHarness) -> None:
    """An injected clock means the test drives delivery itself: no background sender."""
    assert harness.app.delivery is None
    harness.app.services.wake_delivery()  # harmless
