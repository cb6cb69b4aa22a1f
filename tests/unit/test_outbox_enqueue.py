"""Queuing into the outbox: once per (purpose, recipient), in the caller's transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FrozenClock
from bot.delivery import outbox
from bot.delivery.messages import Attachment, OutboundButton, OutboundMessage, pick
from db.models.outbox import PENDING, SKIPPED, OutboxMessage

MESSAGE = OutboundMessage(
    texts={"en": "Case <b>CR-1</b>", "es": "Caso <b>CR-1</b>"},
    buttons=[[OutboundButton({"en": "Acknowledge", "es": "Confirmar"}, callback_data="c:a:1")]],
    attachments=[Attachment("photo", file_id="AgAC-1")],
)


async def rows(session: AsyncSession) -> list[OutboxMessage]:
    return list((await session.execute(select(OutboxMessage).order_by("id"))).scalars())


async def test_enqueue_is_idempotent(session: AsyncSession, clock: FrozenClock) -> None:
    now = clock.now()
    assert await outbox.enqueue(
        session, purpose="case.alert:CR-1", recipient_id=7, message=MESSAGE, due_at=now
    )
    assert not await outbox.enqueue(
        session, purpose="case.alert:CR-1", recipient_id=7, message=MESSAGE, due_at=now
    )
    await session.commit()
    [row] = await rows(session)
    assert (row.status, row.attempts, row.due_at) == (PENDING, 0, now)
    assert OutboundMessage.from_payload(row.payload) == OutboundMessage(
        texts=MESSAGE.texts,
        buttons=tuple(tuple(r) for r in MESSAGE.buttons),
        attachments=tuple(MESSAGE.attachments),
    )


async def test_enqueue_many_skips_duplicates_and_is_chunked(
    session: AsyncSession, clock: FrozenClock
) -> None:
    recipients = [*range(1, 2501), 5, 5, 6]
    added = await outbox.enqueue_many(
        session, purpose="broadcast:1", recipient_ids=recipients, message=MESSAGE,
        due_at=clock.now(),
    )  # fmt: skip
    again = await outbox.enqueue_many(
        session, purpose="broadcast:1", recipient_ids=[1, 2, 2501], message=MESSAGE,
        due_at=clock.now(),
    )  # fmt: skip
    await session.commit()
    assert (added, again) == (2500, 1)
    count = await session.scalar(select(func.count()).select_from(OutboxMessage))
    assert count == 2501


async def test_a_rolled_back_service_queues_nothing(
    session: AsyncSession, clock: FrozenClock
) -> None:
    await outbox.enqueue(
        session, purpose="case.alert:CR-2", recipient_id=8, message=MESSAGE, due_at=clock.now()
    )
    await session.rollback()
    assert await rows(session) == []


async def test_reschedule_and_cancel_touch_only_pending(
    session: AsyncSession, clock: FrozenClock
) -> None:
    now = clock.now()
    for recipient in (1, 2, 3):
        await outbox.enqueue(
            session, purpose="event.reminder:WS:P1D", recipient_id=recipient,
            message=MESSAGE, due_at=now,
        )  # fmt: skip
    await outbox.enqueue(
        session, purpose="event.reminder:WS:PT1H", recipient_id=1, message=MESSAGE, due_at=now
    )
    sent = (await rows(session))[0]
    sent.status = "sent"
    later = now + timedelta(days=1)
    reworded = OutboundMessage(texts={"en": "New time"})
    moved = await outbox.reschedule(
        session, purpose="event.reminder:WS:P1D", due_at=later, message=reworded
    )
    assert moved == 2
    skipped = await outbox.cancel(session, purpose_prefix="event.reminder:WS:", reason="cancelled")
    assert skipped == 3
    await session.commit()
    states = [(r.recipient_id, r.status, r.due_at) for r in await rows(session)]
    assert states == [
        (1, "sent", now),
        (2, SKIPPED, later),
        (3, SKIPPED, later),
        (1, SKIPPED, now),
    ]


def test_bad_messages_are_refused_early() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        OutboundButton({"en": "x"}, callback_data="x" * 65)
    with pytest.raises(ValueError, match="either"):
        OutboundButton({"en": "x"})
    with pytest.raises(ValueError, match="at least one language"):
        OutboundMessage(texts={})


def test_language_fallback() -> None:
    assert pick({"en": "Hi", "es": "Hola"}, "es") == "Hola"
    assert pick({"en": "Hi", "es": "Hola"}, "pt") == "Hi"
    assert pick({"es": "Hola"}, "fr") == "Hola"
