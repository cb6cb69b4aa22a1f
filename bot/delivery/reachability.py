"""Whether Telegram will deliver to a person: they can block the bot and come back.

Set by the sender on a 403 and by the `my_chat_member` update Telegram sends when someone
blocks the bot; cleared when they unblock it or write again (bot.users.profiles.touch).
Rows for an unreachable person are skipped, not kept waiting: a reminder that arrives
a week late is worse than none. Only people with a profile are tracked.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from db.repositories import outbox as repo


async def blocked(session: AsyncSession, user_id: int, clock: Clock) -> None:
    await repo.set_unreachable(session, user_id, clock.now())
    await session.commit()


async def unblocked(session: AsyncSession, user_id: int) -> None:
    await repo.set_unreachable(session, user_id, None)
    await session.commit()
