"""Broadcasts in the chat: audience, text, a preview as a recipient sees it, a version in
another language, confirmation, scheduling, and the live delivery report."""

from __future__ import annotations

from datetime import timedelta

from bot.delivery.worker import drain
from handlers.broadcast_live import refresh_live_reports
from tests.events.conftest import SEED_CODE, import_seed, onboard
from tests.events.test_organizer_chat import make_organizer
from tests.harness import BotHarness


async def test_compose_preview_translate_send_and_follow(harness: BotHarness, clock) -> None:
    org = await make_organizer(harness, 601, "en", "Peru")
    luz = await onboard(harness, 602, "es", "Bolivia")
    ben = await onboard(harness, 603, "en", "Peru")
    await onboard(harness, 604, "fr", "Dominica")  # not in the audience
    await org.run(
        [
            ("press", "📢 Broadcast", "Who should receive it?"),
            ("press", "By country", "Send the countries"),
            ("say", "Bolivia, Atlantis", "I don't know some of those countries."),
            ("say", "PE, Bolivia", ["Peru, Bolivia: 3 people.", "Send the message in English."]),
            ("photo", None, "Please answer with a text message."),
            ("say", "x" * 3600, "That is too long"),
            ("say", "Slides are online", [
                "📢 <b>Announcement</b>\n\nSlides are online",
                "⬆️ Preview for a reader of English. Versions: English.",
            ]),
            ("press", "🌐 Add a language version", "Which language is the new version in?"),
            ("press", "Español", "Send the message in Spanish."),
            ("say", "Las diapositivas están en línea", [
                "📢 <b>Announcement</b>\n\nSlides are online",
                "Versions: English, Spanish.",
            ]),
            ("press", "👁 Preview: Español", "📢 <b>Anuncio</b>\n\nLas diapositivas están"),
            ("press", "📤 Send now", "Send it now to Peru, Bolivia (3 people)?"),
            ("press", "✅ Confirm", [
                "📊 <b>Broadcast #1</b> · Peru, Bolivia · 3 people",
                "✅ Sent: 0 · ⏳ Waiting: 3 · ❌ Failed: 0",
            ]),
        ]
    )  # fmt: skip
    report_message = org.last.message_id
    await drain(harness.app.services, harness.app.bot)
    assert harness.fake.messages_to(602)[-1].text.endswith("Las diapositivas están en línea")
    assert harness.fake.messages_to(603)[-1].text.endswith("Slides are online")
    assert "Slides" not in harness.fake.messages_to(604)[-1].text
    # The live-report job edits the organizer's message once the counts changed.
    assert await refresh_live_reports(harness.app.services, harness.app.bot) == 1
    report = harness.fake.find_message(601, report_message)
    assert report is not None
    assert "✅ Sent: 3 · ⏳ Waiting: 0 · ❌ Failed: 0" in report.text
    assert "Finished." in report.text
    assert await refresh_live_reports(harness.app.services, harness.app.bot) == 0
    del luz, ben


async def test_schedule_for_registrants_who_did_not_confirm_then_stop(
    harness: BotHarness, clock
) -> None:
    async with harness.app.services.sessionmaker() as session:
        await import_seed(session, clock, owner=611)
    org = await make_organizer(harness, 611, "es", "Perú")
    for user_id in (612, 613):
        person = await onboard(harness, user_id, "es", "Perú")
        await person.say(f"/start ev_{SEED_CODE}")
        await person.press("Inscribirme")
    await harness.chat(612).press("Asistiré")
    await org.run(
        [
            ("press", "🗂 Organizar eventos", "Taller regional"),
            ("press", 2, "Inscritos: <b>2</b>"),
            ("press", "📢 Escribir a los inscritos", "¿a cuáles?"),
            ("press", "Quienes no confirmaron", [
                f"inscritos en {SEED_CODE} que no confirmaron: 1 personas.",
            ]),
            ("say", "¿Nos confirmas tu asistencia?", "⬆️ Vista previa para un lector en español."),
            ("press", "🕒 Programar", "¿Cuándo debe enviarse?"),
            ("say", "ayer", "No pude leer esa fecha y hora."),
            ("say", "2025-08-01 09:00", "Esa hora ya pasó."),
            ("say", "2025-09-10 09:00", "¿Enviarla el miércoles, 10 de septiembre de 2025, "
                                        "09:00 (hora de Perú) a inscritos en"),
            ("press", "✅ Confirmar", ["Difusión n.º 1", "En espera: 1"]),
        ]
    )  # fmt: skip
    await drain(harness.app.services, harness.app.bot)  # not due yet
    assert "confirmas" not in harness.fake.messages_to(613)[-1].text
    reply = await org.press("✖️ Detener el resto")
    assert "Cancelada: los mensajes restantes no se enviarán." in reply.text
    clock.advance(timedelta(days=10))
    await drain(harness.app.services, harness.app.bot)
    assert "confirmas" not in harness.fake.messages_to(613)[-1].text
