"""Reminders fired at the right time under a controllable clock, through the real sender
(bot.delivery.worker.drain): once each, in the reader's language and zone; after downtime
only the reminder still useful; nothing once the event has started."""

from __future__ import annotations

from datetime import timedelta

from bot.delivery.worker import drain
from bot.events import manage
from bot.events.spec import EventSpec
from bot.users.roles import Actor
from tests.events.conftest import SEED_CODE, import_seed, onboard
from tests.harness import BotHarness, Chat


def reminders_seen(chat: Chat) -> list[str]:
    return [m.text for m in chat.h.fake.messages_to(chat.user_id) if "⏰" in m.text]


async def send_due(harness: BotHarness) -> int:
    return await drain(harness.app.services, harness.app.bot)


async def test_each_reminder_at_its_time_once_in_the_readers_language(
    harness: BotHarness, clock
) -> None:
    async with harness.app.services.sessionmaker() as session:
        event = await import_seed(session, clock)
    luz = await onboard(harness, 301, "es", "Bolivia")
    await luz.say(f"/start ev_{SEED_CODE}")
    await luz.press("Inscribirme")
    start = event.starts_at

    clock.set(start - timedelta(days=7, seconds=1))
    await send_due(harness)
    assert reminders_seen(luz) == []  # one second early: nothing yet

    clock.set(start - timedelta(days=7))
    await send_due(harness)
    [first] = reminders_seen(luz)
    assert "Recordatorio" in first
    assert "jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia), hasta las 12:00" in first
    assert "Hora del evento: 16:00–18:00 (Madrid, UTC+2)" in first
    await send_due(harness)
    assert len(reminders_seen(luz)) == 1  # nobody gets the same reminder twice

    clock.set(start - timedelta(days=1))
    await send_due(harness)
    assert len(reminders_seen(luz)) == 2
    reply = await luz.press("Asistiré")  # the button in the reminder
    assert "¡Gracias! Tu asistencia está confirmada." in reply.text

    clock.set(start - timedelta(hours=1))
    await send_due(harness)
    assert len(reminders_seen(luz)) == 3
    clock.set(start + timedelta(hours=1))
    await send_due(harness)
    assert len(reminders_seen(luz)) == 3


async def test_after_downtime_only_the_reminder_still_useful_is_sent(
    harness: BotHarness, clock
) -> None:
    async with harness.app.services.sessionmaker() as session:
        event = await import_seed(session, clock)
    ben = await onboard(harness, 302, "en", "Peru")
    await ben.say(f"/start ev_{SEED_CODE}")
    await ben.press("Register")
    # The bot was down from before the 7-day reminder until 30 minutes before the start.
    clock.set(event.starts_at - timedelta(minutes=30))
    await send_due(harness)
    [only] = reminders_seen(ben)
    assert "Thursday, September 18, 2025, 09:00 (Peru Time), until 11:00" in only


async def test_a_reminder_due_while_down_is_skipped_once_the_event_started(
    harness: BotHarness, clock
) -> None:
    async with harness.app.services.sessionmaker() as session:
        event = await import_seed(session, clock)
    ana = await onboard(harness, 303, "en", "Uruguay")
    await ana.say(f"/start ev_{SEED_CODE}")
    await ana.press("Register")
    clock.set(event.starts_at + timedelta(minutes=5))
    await send_due(harness)
    assert reminders_seen(ana) == []


async def test_thirty_second_reminders_and_a_follow_up(
    harness: BotHarness, clock, seed_spec: EventSpec
) -> None:
    start = clock.now() + timedelta(minutes=1)
    spec = EventSpec.model_validate(
        {
            **seed_spec.model_dump(),
            "code": "QUICK-1",
            "timezone": "UTC",
            "start": start.replace(tzinfo=None),
            "end": (start + timedelta(hours=1)).replace(tzinfo=None),
            "reminders": ["PT30S"],
            "audience": {},
            "followups": [
                {"kind": "materials", "after": "PT2H", "url": "https://x.example.org/m"}
            ],
        }
    )
    async with harness.app.services.sessionmaker() as session:
        await manage.create_event(session, Actor.system(), spec, clock)
    eve = await onboard(harness, 304, "pt", "Uruguai")
    await eve.say("/start ev_QUICK-1")
    await eve.press("Inscrever-me")
    clock.advance(timedelta(seconds=30))
    await send_due(harness)
    assert len(reminders_seen(eve)) == 1
    clock.set(start + timedelta(hours=3))
    await send_due(harness)
    last = harness.fake.messages_to(304)[-1].text
    assert "Os materiais de" in last
    assert "https://x.example.org/m" in last


async def test_reminders_follow_a_time_zone_change(harness: BotHarness, clock) -> None:
    async with harness.app.services.sessionmaker() as session:
        event = await import_seed(session, clock)
    luz = await onboard(harness, 305, "es", "Bolivia")
    await luz.say(f"/start ev_{SEED_CODE}")
    await luz.press("Inscribirme")
    clock.set(event.starts_at - timedelta(days=3))
    await luz.say("/country")
    await luz.press("Perú")  # one zone: America/Lima, UTC-5
    clock.set(event.starts_at - timedelta(days=1))
    await send_due(harness)
    [reminder] = reminders_seen(luz)  # once: the Bolivian one was withdrawn
    assert "09:00 (hora de Perú)" in reminder
