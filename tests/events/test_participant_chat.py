"""Participants in the chat (en and es): /events in their own zone and language, the card,
registering and withdrawing with a button or a deep link, the .ics file."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from bot.events.links import callback
from handlers.events_kb import EventCb
from tests.events.conftest import SEED_CODE, import_seed, onboard
from tests.harness import BotHarness


async def seeded(harness: BotHarness, clock) -> None:  # type: ignore[no-untyped-def]
    async with harness.app.services.sessionmaker() as session:
        await import_seed(session, clock)


async def test_events_register_and_unregister_in_spanish(harness: BotHarness, clock) -> None:
    await seeded(harness, clock)
    luz = await onboard(harness, 401, "es", "Bolivia")
    assert "📅 Eventos" in luz.button_labels()
    await luz.run(
        [
            ("say", "/events", [
                "<b>Próximos eventos</b> (horas en hora de Bolivia)",
                "1. <b>Taller regional para América Latina y el Caribe",
                "🗓 jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia)",
            ]),
            ("press", 1, [
                "jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia), hasta las 12:00",
                "Hora del evento: 16:00–18:00 (Madrid, UTC+2)",
                "🗣 En inglés, con interpretación simultánea al español",
                "Dirigido a funcionarios de aduanas",
            ]),
            ("press", "✅ Inscribirme", "✅ <b>Estás inscrito.</b>"),
            ("press", "✅ Asistiré", "¡Gracias! Tu asistencia está confirmada."),
            ("press", "« Eventos", "1. <b>Taller regional para América Latina y el Caribe"),
            ("press", 1, ["✅ <b>Estás inscrito.</b>", "Confirmaste que asistirás."]),
            ("press", "Cancelar mi inscripción", lambda r: "Estás inscrito" not in r.text),
        ]
    )  # fmt: skip
    assert "✅ Inscribirme" in luz.button_labels()


async def test_events_in_english_from_the_menu(harness: BotHarness, clock) -> None:
    await seeded(harness, clock)
    ben = await onboard(harness, 402, "en", "Bahamas")
    await ben.run(
        [
            ("press", "📅 Events", "🗓 Thursday, September 18, 2025, 10:00 (Bahamas Time)"),
            ("press", 1, [
                "Thursday, September 18, 2025, 10:00 (Bahamas Time), until 12:00",
                "In the event's time zone: 16:00–18:00 (Madrid, UTC+2)",
                "🗣 In English, with simultaneous interpretation into Spanish",
                "👥 Organized by Green Growth Knowledge Partnership (GGKP)",
            ]),
            ("press", "✅ Register", "✅ <b>You are registered.</b>"),
        ]
    )  # fmt: skip


async def test_the_ics_file_is_sent_as_a_document(harness: BotHarness, clock) -> None:
    await seeded(harness, clock)
    ana = await onboard(harness, 403, "en", "Peru")
    await ana.say(f"/start ev_{SEED_CODE}")
    reply = await ana.press("Add to calendar")
    assert "Open this file to add the event to your calendar." in reply.text
    document = harness.fake.messages_to(403)[-1]
    assert document.kind == "document"
    assert document.file is not None
    assert document.file.file_name == f"{SEED_CODE}.ics"
    calendar = Calendar.from_ical(document.file.data)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "lac-pops-hs-2025@events.popsbot"
    assert event.decoded("DTSTART").isoformat() == "2025-09-18T14:00:00+00:00"
    assert event.decoded("DTEND").isoformat() == "2025-09-18T16:00:00+00:00"
    assert str(event["SUMMARY"]).startswith("Regional Workshop for Latin America")


async def test_deep_links(harness: BotHarness, clock) -> None:
    await seeded(harness, clock)
    ana = await onboard(harness, 404, "es", "Perú")
    reply = await ana.say(f"/start ev_{SEED_CODE}")
    assert "jueves, 18 de septiembre de 2025, 09:00 (hora de Perú)" in reply.text
    reply = await ana.say("/start ev_NO-SUCH-EVENT")
    assert "No encuentro este evento." in reply.text
    newcomer = harness.chat(405, language="en")
    reply = await newcomer.say(f"/start ev_{SEED_CODE}")
    assert "To register, first tell me your language and country" in reply.text
    reply = await newcomer.press("✅ Register")
    assert "Please finish setting up first: send /start." in reply.text


async def test_nothing_upcoming_and_a_closed_event(harness: BotHarness, clock) -> None:
    await seeded(harness, clock)
    ana = await onboard(harness, 406, "en", "Peru")
    await ana.say(f"/start ev_{SEED_CODE}")
    clock.advance(timedelta(days=30))  # the workshop is over
    reply = await ana.press("✅ Register")
    assert "This event is over; registration is closed." in reply.text
    reply = await ana.say("/events")
    assert "There are no upcoming events right now." in reply.text


async def test_the_callback_data_of_queued_reminders_is_the_typed_factory() -> None:
    assert EventCb(action="att", code=SEED_CODE).pack() == callback("att", SEED_CODE)
    assert len(callback("show", "X" * 32).encode()) <= 64
