"""Claims and leases with real commits: two workers share the outbox without doubling a
message, and a worker that dies loses nothing (its lease ends, the rows go back)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiogram import Bot
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FrozenClock
from bot.config import Settings
from bot.delivery import claims
from bot.delivery.engine import Engine, Pacing
from bot.delivery.messages import Attachment, OutboundMessage
from bot.delivery.worker import drain
from bot.sandbox import FakeTelegram, SandboxLimits
from db.models import OutboxMessage
from handlers.deps import Services
from tests.delivery.conftest import add_people, make_services, queue


async def statuses(maker: async_sessionmaker[AsyncSession]) -> list[tuple[str, str | None]]:
    async with maker() as session:
        stmt = select(OutboxMessage.status, OutboxMessage.leased_by).order_by(OutboxMessage.id)
        return [(status, by) for status, by in await session.execute(stmt)]


async def test_two_workers_share_the_queue_and_send_each_row_once(
    committed_sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    clock: FrozenClock,
    bot: Bot,
    fake: FakeTelegram,
) -> None:
    fake.limits = SandboxLimits(enabled=False)
    settings.delivery_rate = 0
    settings.delivery_chat_interval = 0
    settings.delivery_batch = 10
    settings.delivery_concurrency = 4
    ids = list(range(1000, 1120))
    await add_people(committed_sessionmaker, fake, ids)
    await queue(committed_sessionmaker, "broadcast:two", ids, clock.now())
    services = make_services(settings, clock, committed_sessionmaker)
    engines = [Engine(services, bot, Pacing.local(settings), worker=f"w{n}") for n in (1, 2)]
    try:
        handled = await asyncio.gather(*(e.run_until_empty() for e in engines))
    finally:
        await asyncio.gather(*(e.close() for e in engines))
    assert sum(handled) == 120
    assert all(count > 0 for count in handled), handled
    assert [len(fake.messages_to(u)) for u in ids] == [1] * 120
    rows = await statuses(committed_sessionmaker)
    assert {status for status, _ in rows} == {"sent"}
    assert {by for _, by in rows} == {"w1", "w2"}


async def test_a_dead_workers_rows_return_after_the_lease(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    """Simulated crash: rows claimed by a worker that never answers for them."""
    await add_people(services.sessionmaker, fake, [11, 12])
    await queue(services.sessionmaker, "broadcast:crash", [11, 12], clock.now())
    async with services.sessionmaker() as session:
        taken = await claims.claim(
            session, now=clock.now(), limit=10, lease=timedelta(seconds=60), worker="dead"
        )
        await session.commit()
    assert len(taken) == 2
    assert await drain(services, bot) == 0  # still leased to the dead worker
    clock.advance(timedelta(seconds=61))
    assert await drain(services, bot) == 2
    assert [len(fake.messages_to(u)) for u in (11, 12)] == [1, 1]
    assert {s for s, _ in await statuses(services.sessionmaker)} == {"sent"}


async def test_a_late_answer_from_a_worker_whose_lease_ended_is_ignored(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [21])
    await queue(services.sessionmaker, "broadcast:late", [21], clock.now())
    async with services.sessionmaker() as session:
        [slow] = await claims.claim(
            session, now=clock.now(), limit=1, lease=timedelta(seconds=60), worker="slow"
        )
        await session.commit()
    clock.advance(timedelta(seconds=61))
    assert await drain(services, bot) == 1  # someone else sends it
    engine = Engine(services, bot, Pacing.local(services.settings))
    engine.recorder.start()
    await engine.recorder.record(claims.failed(slow, "too late"))  # the slow one wakes up
    await engine.close()
    assert await statuses(services.sessionmaker) != [("failed", "slow")]
    assert [s for s, _ in await statuses(services.sessionmaker)] == ["sent"]


async def test_a_crash_between_parts_resumes_after_the_last_recorded_part(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [31])
    message = OutboundMessage(
        texts={"en": "Case CR-5: " + "details " * 200},
        attachments=[Attachment("location", latitude=-12.05, longitude=-77.04)],
    )
    await queue(services.sessionmaker, "case.alert:CR-5", [31], clock.now(), message)
    async with services.sessionmaker() as session:
        [claim] = await claims.claim(
            session, now=clock.now(), limit=1, lease=timedelta(seconds=60), worker="crashy"
        )
        await session.commit()
    engine = Engine(services, bot, Pacing.local(services.settings), worker="crashy")
    engine.recorder.start()
    await bot.send_location(31, -12.05, -77.04)  # part 1 reached Telegram...
    await engine.recorder.record(claims.progress(claim, 1))  # ...and was recorded; then: crash
    await engine.recorder.close()
    clock.advance(timedelta(seconds=61))
    assert await drain(services, bot) == 1
    assert [m.kind for m in fake.messages_to(31)] == ["location", "text"]


async def test_shutdown_gives_unstarted_rows_back(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    services.settings.delivery_rate = 2  # slow enough to stop in the middle
    services.settings.delivery_concurrency = 1
    ids = list(range(40, 50))
    await add_people(services.sessionmaker, fake, ids)
    await queue(services.sessionmaker, "broadcast:stop", ids, clock.now())
    engine = Engine(services, bot, Pacing.local(services.settings))
    running = asyncio.create_task(engine.run_until_empty())
    await fake.wait_for_call(lambda c: c.method == "sendMessage", timeout=5)
    await engine.close()
    await running
    rows = [s for s, _ in await statuses(services.sessionmaker)]
    sent = sum(len(fake.messages_to(u)) for u in ids)
    assert rows.count("sent") == sent >= 1
    assert rows.count("pending") == 10 - sent  # not "sending": no lease to wait for


async def test_a_row_that_keeps_killing_its_worker_fails_in_the_end(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    services.settings.delivery_max_attempts = 2
    await add_people(services.sessionmaker, fake, [51])
    await queue(services.sessionmaker, "broadcast:poison", [51], clock.now())
    for _ in range(2):  # claimed, then the process dies before any outcome
        async with services.sessionmaker() as session:
            await claims.prepare(session, clock.now())
            await claims.claim(
                session, now=clock.now(), limit=1, lease=timedelta(seconds=60), worker="dies"
            )
            await session.commit()
        clock.advance(timedelta(seconds=61))
    assert await drain(services, bot) == 1
    assert [s for s, _ in await statuses(services.sessionmaker)] == ["failed"]
    assert fake.messages_to(51) == []


class SlowTransport:
    """Every send takes `seconds` of the (frozen) clock, so the leases in hand run low;
    `after_first` runs once the first send is done."""

    def __init__(
        self, clock: FrozenClock, seconds: float, after_first: Callable[[], Awaitable[None]]
    ) -> None:
        self.clock, self.seconds, self.after_first, self.sent = clock, seconds, after_first, 0

    async def send(self, chat_id: int, part: object) -> int:
        self.clock.advance(timedelta(seconds=self.seconds))
        self.sent += 1
        if self.sent == 1:
            await self.after_first()
        return self.sent

    async def close(self) -> None:
        return None


async def nothing() -> None:
    return None


async def test_leases_in_hand_are_renewed_when_sending_runs_slow(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    services.settings.delivery_concurrency = 1
    await add_people(services.sessionmaker, fake, [61, 62, 63, 64])
    await queue(services.sessionmaker, "broadcast:slow", [61, 62, 63, 64], clock.now())
    engine = Engine(services, bot, Pacing.local(services.settings))
    engine.transport = SlowTransport(clock, 20, nothing)
    try:
        assert await engine.run_until_empty() == 4
    finally:
        await engine.close()
    async with services.sessionmaker() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
    assert {(r.status, r.attempts) for r in rows} == {("sent", 1)}  # never given back


async def test_a_row_taken_over_meanwhile_is_not_renewed_nor_sent(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    services.settings.delivery_concurrency = 1
    await add_people(services.sessionmaker, fake, [71, 72])
    await queue(services.sessionmaker, "broadcast:taken", [71, 72], clock.now())
    engine = Engine(services, bot, Pacing.local(services.settings))

    async def steal_second_row() -> None:
        """Meanwhile its lease ran out and another worker took it."""
        async with engine.db_lock, services.sessionmaker() as session:
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.recipient_id == 72)
                .values(leased_by="other", lease_until=clock.now() + timedelta(minutes=5))
            )
            await session.commit()

    slow = SlowTransport(clock, 35, steal_second_row)
    engine.transport = slow
    try:
        await engine.run_until_empty()
    finally:
        await engine.close()
    assert slow.sent == 1
    assert await statuses(services.sessionmaker) == [("sent", engine.worker), ("sending", "other")]
