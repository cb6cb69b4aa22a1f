"""`drain`: everything due is sent once, in the reader's language, in queue order."""

from __future__ import annotations

from datetime import timedelta

from aiogram import Bot
from sqlalchemy import select

from bot.clock import FrozenClock
from bot.delivery.messages import OutboundButton, OutboundMessage
from bot.delivery.report import delivery_report
from bot.delivery.worker import drain
from bot.sandbox import FakeTelegram
from db.models import OutboxMessage
from handlers.deps import Services
from tests.delivery.conftest import add_people, queue


async def test_drain_sends_due_rows_once(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [11, 12, 13])
    await queue(services.sessionmaker, "broadcast:1", [11, 12, 13], clock.now())
    await queue(services.sessionmaker, "broadcast:2", [11], clock.now() + timedelta(hours=1))
    assert await drain(services, bot) == 3
    assert await drain(services, bot) == 0
    assert [len(fake.messages_to(u)) for u in (11, 12, 13)] == [1, 1, 1]
    async with services.sessionmaker() as session:
        report = await delivery_report(session, "broadcast:")
        rows = (await session.execute(select(OutboxMessage).order_by("id"))).scalars().all()
    assert (report.sent, report.pending, report.total) == (3, 1, 4)
    assert [r.sent_message_id for r in rows[:3]] == [
        fake.messages_to(u)[0].message_id for u in (11, 12, 13)
    ]
    clock.advance(timedelta(hours=1))
    assert await drain(services, bot) == 1
    assert len(fake.messages_to(11)) == 2


async def test_language_and_buttons_follow_the_reader(
    services: Services, bot: Bot, fake: FakeTelegram, clock: FrozenClock
) -> None:
    await add_people(services.sessionmaker, fake, [21], language="es")
    await add_people(services.sessionmaker, fake, [22], language="fr")
    fake.add_user(23, "Nobody", started=True)  # no popsbot profile: English
    message = OutboundMessage(
        texts={"en": "Case <b>1</b>", "es": "Caso <b>1</b>"},
        buttons=[[OutboundButton({"en": "Open", "es": "Abrir"}, callback_data="c:1")]],
    )
    await queue(services.sessionmaker, "case.alert:1", [21, 22, 23], clock.now(), message)
    assert await drain(services, bot) == 3
    es, fr, nobody = (fake.last_message(u) for u in (21, 22, 23))
    assert es is not None
    assert fr is not None
    assert nobody is not None
    assert (es.text, es.buttons[0][0].text) == ("Caso 1", "Abrir")
    assert (fr.text, fr.buttons[0][0].text) == ("Case 1", "Open")
    assert nobody.text == "Case 1"
