"""The officer's report through the real Dispatcher, as tables of what they do and see."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.clock import FrozenClock
from db.models import Case
from tests.cases import chats
from tests.harness import BotHarness


async def stored(harness: BotHarness, reporter_id: int) -> Case:
    async with harness.app.services.sessionmaker() as session:
        stmt = select(Case).where(Case.reporter_id == reporter_id).order_by(Case.id.desc())
        return (await session.execute(stmt)).scalars().first()  # type: ignore[return-value]


async def test_report_in_english_reaches_the_focal_points(harness: BotHarness) -> None:
    await chats.directory(harness)
    ocp = await chats.onboard(harness, 7001, "en", name="Olga")
    officer = await chats.onboard(harness, 3101, "en")
    await officer.run(chats.REPORT_EN)
    reply = await officer.press("Submit the report")
    reference = re.search(r"CR-2026-\d{6}", reply.text)
    assert reference, reply.text
    assert "sent to the focal points in charge for Bolivia" in reply.text
    await chats.deliver(harness)
    alert = "\n".join(chats.texts_to(harness, ocp.user_id))
    assert f"New case {reference.group()}" in alert
    assert "Lindane" in alert and "1,500.5 kg" in alert  # noqa: PT018
    assert "✅ Acknowledge" in chats.buttons_of(harness, ocp.user_id)
    sent = [m for m in harness.fake.messages_to(ocp.user_id) if m.kind == "photo"]
    assert len(sent) == 1  # the officer's photo, forwarded by file_id


async def test_report_in_spanish(harness: BotHarness, clock: FrozenClock) -> None:
    officer = await chats.onboard(harness, 3102, "es")
    await officer.run(chats.REPORT_ES)
    reply = await officer.press("Enviar el reporte")
    assert "Reporte enviado" in reply.text
    case = await stored(harness, 3102)
    assert (case.status, case.direction, case.origin, case.destination) == (
        "submitted", "transit", "CN", "PY",
    )  # fmt: skip
    assert (case.hs_declared, case.hs_suspected, case.actions) == (None, "380852", ["seized"])


async def test_unfinished_report_is_offered_back(harness: BotHarness) -> None:
    officer = await chats.onboard(harness, 3103, "en")
    await officer.run(chats.REPORT_EN[:5])
    reply = await officer.say("/cancel")
    assert "Stopped" in reply.text
    reply = await officer.say("/report")
    assert "You have an unfinished report" in reply.text
    reply = await officer.press("Continue the report")
    assert "If you think the correct HS code" in reply.text  # where they left off
    await officer.say("/report")
    reply = await officer.press("Discard it and start again")
    assert "The old report was discarded" in reply.text
    assert "What was found?" in reply.text


async def test_edit_from_the_review_and_back(harness: BotHarness) -> None:
    officer = await chats.onboard(harness, 3104, "en")
    await officer.run(chats.REPORT_EN)
    await officer.run(
        [
            ("press", "✏️ Route", "Import, export or transit?"),
            ("press", "Export", "Country of destination?"),
            ("say", "Argentina", ["Review your report", "Export: Bolivia → Argentina"]),
            ("press", "✏️ Substance", "Which substance or product?"),
            ("press", "I don't know", ["Review your report", "not known"]),
        ]
    )
    reply = await officer.press("Discard the report")
    assert "The report was discarded" in reply.text
    assert "You have not submitted a report yet" in (await officer.say("/mycases")).text
