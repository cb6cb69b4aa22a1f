"""Organizers in the chat: the event dialog with bad input at its steps (a clear answer, the
same question, nothing lost), editing and cancelling with registrants told, registrations,
and refusals for people who are not the event's organizer."""

from __future__ import annotations

from bot.delivery.worker import drain
from bot.sandbox.models import CallbackQueryRecord
from bot.users import grants
from bot.users.roles import Actor, Grant, Role
from tests.events.conftest import SEED_CODE, import_seed, onboard
from tests.harness import BotHarness, Chat, Reply


async def make_organizer(harness: BotHarness, user_id: int, language: str, country: str) -> Chat:
    chat = await onboard(harness, user_id, language, country)
    async with harness.app.services.sessionmaker() as session:
        await grants.grant_role(session, Actor.system(), user_id, Grant(Role.ORGANIZER))
    await chat.say("/menu")
    return chat


async def test_creating_an_event_with_bad_input_at_each_step(harness: BotHarness) -> None:
    org = await make_organizer(harness, 501, "en", "Peru")
    await org.run(
        [
            ("press", "🗂 Organize events", "You have no events yet."),
            ("press", "➕ New event", "Send the event's title in English."),
            ("photo", None, ["Please answer with a text message.", "title in English"]),
            ("say", "x" * 201, ["That is too long: at most 200 characters.", "title in English"]),
            ("say", " ", "The title can't be empty."),
            ("say", "PFAS in <firefighting> foams", "Send the description in English"),
            ("say", "For customs officers & focal points.", "Which time zone"),
            ("say", "Atlantis/Nowhere", ["I don't know that time zone.", "Which time zone"]),
            ("say", "Madrid", "When does it start? Send the date and time in Europe/Madrid"),
            ("say", "next tuesday", "I couldn't read that date and time."),
            ("say", "/frobnicate", "I don't know the command /frobnicate."),
            ("say", "/menu", "<b>Main menu</b>"),  # the dialog waits at its step
            ("say", "2025-08-01 10:00", "That time has already passed."),
            ("say", "2026-03-29 02:30", "That time does not exist in Europe/Madrid"),
            ("say", "2025-10-02 16:00", "When does it end?"),
            ("say", "15:00", ["The end must be after the start.", "When does it end?"]),
            ("say", "2025-11-15 18:00", "An event can last at most 31 days."),
            ("say", "18:00", "Where?"),
            ("say", "http://nope", "That link doesn't look right."),
            ("say", "https://meet.example.org/pfas", [
                "<b>New event</b>",
                "en: PFAS in &lt;firefighting&gt; foams",
                "When: Thursday, October 2, 2025, 16:00 (Spain (Madrid) Time), until 18:00",
                "Where: https://meet.example.org/pfas",
                "Reminders before the start: 1 week, 1 day, 1 hour",
            ]),
            ("press", "⏰ Reminders", "ISO-8601"),
            ("say", "P1M", "I couldn't read those times."),
            ("say", "P2D, PT30S", "Reminders before the start: 2 days, 30 seconds"),
            ("press", "✅ Create the event", [
                "✅ The event is created.",
                "💻 Online: https://meet.example.org/pfas",
                "Link to share: https://t.me/",
            ]),
        ]
    )  # fmt: skip
    ana = await onboard(harness, 502, "es", "Perú")
    reply = await ana.say("/events")
    assert "jueves, 2 de octubre de 2025, 09:00 (hora de Perú)" in reply.text
    reply = await ana.press(1)
    assert "💻 En línea (el enlace aparece cuando te inscribes)" in reply.text
    assert "<i>Aún no disponible en tu idioma: se muestra en inglés.</i>" in reply.text
    reply = await ana.press("Inscribirme")
    assert "💻 En línea: https://meet.example.org/pfas" in reply.text


async def test_the_dialog_in_spanish_with_a_translation(harness: BotHarness) -> None:
    org = await make_organizer(harness, 503, "es", "Uruguay")
    await org.run(
        [
            ("press", "🗂 Organizar eventos", "Aún no tienes eventos."),
            ("press", "➕ Nuevo evento", "Envía el título del evento en español."),
            ("say", "Taller de clasificación", "Envía la descripción en español"),
            ("press", "Omitir", "¿En qué zona horaria darás las horas?"),
            ("say", "Mordor", "No conozco esa zona horaria."),
            ("press", "Usar America/Montevideo", "¿Cuándo empieza?"),
            ("say", "2025-01-01 10:00", "Esa hora ya pasó."),
            ("say", "2025-10-09 10:00", "¿Cuándo termina?"),
            ("say", "09:59", "El final debe ser posterior al inicio."),
            ("say", "12:00", "¿Dónde?"),
            ("press", "Omitir", ["<b>Nuevo evento</b>",
                                 "Cuándo: jueves, 9 de octubre de 2025, 10:00 (hora de Uruguay), "
                                 "hasta las 12:00", "Dónde: aún sin indicar"]),
            ("press", "🌐 Añadir un idioma", "¿En qué idioma quieres escribir"),
            ("press", "English", "Envía el título del evento en inglés."),
            ("say", "Classification workshop", "Envía la descripción en inglés"),
            ("say", "Hands-on HS classification.", ["es: Taller de clasificación",
                                                    "en: Classification workshop"]),
            ("press", "👥 Público", "¿Para quién es este evento?"),
            ("press", "🌎 Países", "Envía los países"),
            ("say", "Uruguay, Narnia", "No reconozco algunos de esos países."),
            ("say", "Uruguay, BO", "Público actualizado."),
            ("press", "Listo", "Público: Uruguay, Bolivia"),
            ("press", "✅ Crear el evento", "✅ El evento está creado."),
        ]
    )  # fmt: skip
    ben = harness.chat(504, language="en")
    await ben.say("/start")
    await ben.press("English")
    await ben.press("Peru")
    reply = await ben.say("/events")  # not in the audience (Uruguay, Bolivia)
    assert "There are no upcoming events right now." in reply.text
    luz = await onboard(harness, 505, "en", "Bolivia")
    reply = await luz.say("/events")
    assert "Classification workshop" in reply.text
    assert "Thursday, October 9, 2025, 09:00 (Bolivia Time)" in reply.text


async def test_edit_time_cancel_and_registrations(harness: BotHarness, clock) -> None:
    async with harness.app.services.sessionmaker() as session:
        await import_seed(session, clock, owner=506)
    org = await make_organizer(harness, 506, "en", "Peru")
    luz = await onboard(harness, 507, "es", "Bolivia")
    await luz.say(f"/start ev_{SEED_CODE}")
    await luz.press("Inscribirme")
    await org.run(
        [
            ("press", "🗂 Organize events", "Regional Workshop for Latin America"),
            ("press", 2, ["Registered: <b>1</b>", f"start=ev_{SEED_CODE}"]),
            ("press", "📊 Registrations", ["Registered: <b>1</b>", "Bolivia: 1",
                                          "customs officer: 1"]),
            ("press", "« Back", "Registered: <b>1</b>"),
            ("press", "⬇️ Registrations (CSV)", "Registrations of LAC-POPS-HS-2025"),
            ("press", "✏️ Edit", "<b>Editing LAC-POPS-HS-2025</b>"),
            ("press", "🕒 Time", "Which time zone"),
            ("press", "Use America/Lima", "When does it start? Send the date and time in "
                                          "America/Lima"),
            ("say", "2025-09-18 10:00", "When does it end?"),
            ("say", "12:00", "When: Thursday, September 18, 2025, 10:00 (Peru Time), until 12:00"),
            ("press", "💾 Save changes", "The 1 registrants are being told of the new time."),
        ]
    )  # fmt: skip
    csv = [m for m in harness.fake.messages_to(506) if m.kind == "document"][-1]
    assert csv.file is not None
    assert b"507,Ana,,BO,es,America/La_Paz,officer" in csv.file.data
    await drain(harness.app.services, harness.app.bot)
    notice = harness.fake.messages_to(507)[-1].text
    assert "Nuevo horario" in notice
    assert "jueves, 18 de septiembre de 2025, 11:00 (hora de Bolivia), hasta las 13:00" in notice
    assert "Antes: jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia)" in notice
    await org.run(
        [
            ("press", "❌ Cancel the event", "The 1 registered people will be told"),
            ("press", "Yes, cancel it", ["The event is cancelled; 1 people are being told.",
                                         "This event has been cancelled."]),
        ]
    )  # fmt: skip
    assert "✏️ Edit" not in org.button_labels()
    await drain(harness.app.services, harness.app.bot)
    assert "ha sido cancelado" in harness.fake.messages_to(507)[-1].text


async def forge(chat: Chat, data: str) -> Reply:
    """A button press no client would offer (a modified client, or a guessed payload)."""
    fake = chat.h.fake

    def push() -> None:
        user, _ = fake._acting_user(chat.user_id)
        query_id = f"{chat.user_id}{len(fake.callback_queries):010d}9"
        fake.callback_queries[query_id] = CallbackQueryRecord(
            query_id, chat.user_id, chat.last.message_id, data
        )
        fake.updates.push(
            "callback_query",
            {"id": query_id, "from": user.api(), "data": data,
             "chat_instance": "1", "message": fake.message_api(chat.last)},
            chat.user_id,
        )  # fmt: skip

    return await chat._act(push)


async def test_people_who_are_not_its_organizer_are_refused(harness: BotHarness, clock) -> None:
    async with harness.app.services.sessionmaker() as session:
        await import_seed(session, clock, owner=508)
    officer = await onboard(harness, 509, "en", "Peru")
    assert "🗂 Organize events" not in officer.button_labels()
    assert "📢 Broadcast" not in officer.button_labels()
    for data in (f"evo:show:{SEED_CODE}", "evd:save:", "bc:aud:all:"):
        reply = await forge(officer, data)
        assert "You don't have permission" in reply.text, data
    other = await make_organizer(harness, 510, "en", "Peru")
    for data in (f"evo:edit:{SEED_CODE}", f"evo:cancel_ok:{SEED_CODE}", f"evo:csv:{SEED_CODE}"):
        reply = await forge(other, data)
        assert "You don't have permission" in reply.text, data
    reply = await forge(other, f"bc:aud:event:{SEED_CODE}")
    assert "button is no longer active" in reply.text  # no composition open: nothing happens
