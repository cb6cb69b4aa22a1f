"""What happens to a row after each kind of answer: 429, 403, 400, network trouble, expiry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from aiogram import Bot
from sqlalchemy import select

from bot.clock import FrozenClock
from bot.delivery.engine import Engine, Pacing
from bot.delivery.errors import SendError, Transient
from bot.delivery.messages import Attachment, OutboundMessage
from bot.delivery.parts import Part
from bot.delivery.report import delivery_report
from bot.delivery.telegram import AiogramTransport
from bot.delivery.worker import drain
from bot.sandbox import FakeTelegram, SandboxLimits
from db.models import OutboxMessage, User
from handlers.deps import Services
from tests.delivery.conftest import add_people, queue


class ScriptedTransport:
    """The real in-process transport, except that calls listed in `failures` (by 0-based
    call number) raise the given error instead of reaching the sandbox."""

    def __init__(self, bot: Bot, failures: dict[int, Callable[[], SendError]]) -> None:
        self.real = AiogramTransport(bot)
        self.failures = failures
        self.calls = 0

    async def send(self, chat_id: int, part: Part) -> int:
        number, self.calls = self.calls, self.calls + 1
        if number in self.failures:
            raise self.failures[number]()
        return await self.real.send(chat_id, part)

    async def close(self) -> None:
        await self.real.close()


async def run(services: Services, bot: Bot, transport: ScriptedTransport | None = None) -> int:
    engine = Engine(services, bot, Pacing.local(services.settings))
    if transport is not None:
        engine.transport = transport
    try:
        return await engine.run_until_empty()
    finally:
        await engine.close()


async def rows(services: Services) -> list[OutboxMessage]:
    async with services.sessionmaker() as session:
        result = await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))
        return list(result.scalars())


async def test_429_pauses_everyone_and_nothing_is_lost_or_doubled(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    fake.limits = SandboxLimits(global_per_second=5)  # Telegram is stricter than we think
    services.settings.delivery_rate = 1000
    services.settings.delivery_concurrency = 2
    ids = list(range(101, 113))
    await add_people(services.sessionmaker, fake, ids)
    await queue(services.sessionmaker, "broadcast:429", ids, clock.now())
    assert await drain(services, bot) == 12
    sends = [c for c in fake.calls if c.method == "sendMessage"]
    refused = [c for c in sends if c.status == 429]
    assert refused, "the sandbox should have refused some sends"
    assert [len(fake.messages_to(u)) for u in ids] == [1] * 12
    first = refused[0]
    # After the first 429 (retry after 1 s) no send at all went out for about a second.
    after = [c for c in sends if c.seq > first.seq + 2]
    assert after
    assert min(c.time for c in after) - first.time >= 0.9
    assert all(r.status == "sent" and r.attempts == 1 for r in await rows(services))


async def test_403_marks_the_person_unreachable_and_skips_later_rows(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [201, 202])
    fake.block(201)
    await queue(services.sessionmaker, "event.reminder:E1:P1D", [201, 202], clock.now())
    assert await drain(services, bot) == 2
    await queue(services.sessionmaker, "event.reminder:E1:PT1H", [201, 202], clock.now())
    calls_before = len(fake.calls)
    assert await drain(services, bot) == 2
    assert [c.params["chat_id"] for c in fake.calls[calls_before:]] == ["202"]
    async with services.sessionmaker() as session:
        report = await delivery_report(session, "event.reminder:E1:")
        blocked = await session.get(User, 201)
    assert (report.sent, report.unreachable, report.skipped, report.total) == (2, 2, 0, 4)
    assert blocked is not None
    assert blocked.unreachable_at == clock.now()
    first, _, second, _ = await rows(services)
    assert first.last_error == "unreachable: 403 Forbidden: bot was blocked by the user"
    assert second.last_error is not None
    assert second.last_error.startswith("unreachable:")


async def test_403_for_someone_without_a_profile_creates_nothing(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    fake.add_user(301, "Ghost", started=True)
    fake.deactivate(301)
    await queue(services.sessionmaker, "case.alert:CR-9", [301], clock.now())
    assert await drain(services, bot) == 1
    async with services.sessionmaker() as session:
        assert await session.get(User, 301) is None
        assert (await delivery_report(session, "case.")).unreachable == 1


async def test_400_fails_once_with_the_reason(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [401])
    broken = OutboundMessage(texts={"en": "<b>unclosed"})
    await queue(services.sessionmaker, "case.status:CR-1", [401], clock.now(), broken)
    assert await drain(services, bot) == 1
    clock.advance(timedelta(days=1))
    assert await drain(services, bot) == 0
    [row] = await rows(services)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error is not None
    assert row.last_error.startswith("400 Bad Request")
    assert len([c for c in fake.calls if c.method == "sendMessage"]) == 1


async def test_network_errors_are_retried_with_backoff_then_given_up(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    services.settings.delivery_max_attempts = 3
    await add_people(services.sessionmaker, fake, [501, 502])
    await queue(services.sessionmaker, "broadcast:net", [501, 502], clock.now())
    down = ScriptedTransport(
        bot, {n: lambda: Transient("network: ClientOSError") for n in range(9)}
    )
    assert await run(services, bot, down) == 2
    first = await rows(services)
    assert {(r.status, r.attempts) for r in first} == {("pending", 1)}
    assert all(r.due_at > clock.now() for r in first)
    assert await run(services, bot, down) == 0  # not due yet: backoff
    clock.advance(timedelta(minutes=1))
    assert await run(services, bot, down) == 2
    clock.advance(timedelta(minutes=1))
    assert await run(services, bot, down) == 2
    final = await rows(services)
    assert {r.status for r in final} == {"failed"}
    assert all((r.last_error or "").startswith("gave up after 3 attempts") for r in final)
    assert fake.messages_to(501) == []


async def test_a_network_error_then_success(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [511])
    await queue(services.sessionmaker, "broadcast:blip", [511], clock.now())
    await run(services, bot, ScriptedTransport(bot, {0: lambda: Transient("network: timeout")}))
    clock.advance(timedelta(minutes=1))
    assert await drain(services, bot) == 1
    [row] = await rows(services)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, None)
    assert len(fake.messages_to(511)) == 1


async def test_expired_rows_are_skipped_not_sent(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [601])
    now = clock.now()
    await queue(
        services.sessionmaker,
        "event.reminder:E2:PT1H",
        [601],
        now,
        expires_at=now + timedelta(hours=1),
    )
    clock.advance(timedelta(hours=2))
    assert await drain(services, bot) == 1
    [row] = await rows(services)
    assert (row.status, row.last_error) == ("skipped", "expired before it could be sent")
    assert fake.messages_to(601) == []
    async with services.sessionmaker() as session:
        assert (await delivery_report(session, "event.")).skipped == 1


async def test_parts_already_sent_are_not_repeated(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [701])
    photo = fake.files.add(b"\x89PNG bytes", "photo").file_id
    message = OutboundMessage(
        texts={"en": "Seizure report " + "x" * 1100},  # too long for a caption: its own part
        attachments=[
            Attachment("photo", file_id=photo),
            Attachment("location", latitude=1, longitude=2),
        ],
    )
    await queue(services.sessionmaker, "case.alert:CR-7", [701], clock.now(), message)
    # Part 1 (photo) goes out, part 2 (location) hits a network error.
    await run(services, bot, ScriptedTransport(bot, {1: lambda: Transient("network: reset")}))
    [row] = await rows(services)
    assert (row.status, row.parts_sent) == ("pending", 1)
    clock.advance(timedelta(minutes=1))
    assert await drain(services, bot) == 1
    kinds = [m.kind for m in fake.messages_to(701)]
    assert kinds == ["photo", "location", "text"]
    [row] = await rows(services)
    assert (row.status, row.parts_sent) == ("sent", 3)
    assert row.sent_message_id == fake.messages_to(701)[-1].message_id


async def test_a_short_text_rides_as_the_caption(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [702], language="es")
    doc = fake.files.add(b"%PDF", "document", "a.pdf").file_id
    message = OutboundMessage(
        texts={"en": "Agenda", "es": "<i>Agenda</i> del taller"},
        attachments=[Attachment("document", file_id=doc)],
    )
    await queue(services.sessionmaker, "event.followup:E3", [702], clock.now(), message)
    assert await drain(services, bot) == 1
    [sent] = fake.messages_to(702)
    assert (sent.kind, sent.text) == ("document", "Agenda del taller")


async def test_rows_for_one_person_keep_their_order(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    services.settings.delivery_chat_interval = 0  # ordering, not pacing, is under test
    await add_people(services.sessionmaker, fake, [801, 802])
    start = clock.now()
    for n in range(6):
        text = OutboundMessage(texts={"en": f"update {n}"})
        await queue(
            services.sessionmaker,
            f"case.status:CR-{n}",
            [801, 802],
            start + timedelta(seconds=n),
            text,
        )
    clock.advance(timedelta(seconds=10))
    services.settings.delivery_batch = 4  # several batches: order holds across them too
    assert await drain(services, bot) == 12
    for user in (801, 802):
        assert [m.text for m in fake.messages_to(user)] == [f"update {n}" for n in range(6)]
