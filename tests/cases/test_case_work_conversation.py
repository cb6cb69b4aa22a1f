"""The whole story in-process: an officer in Bolivia reports in Spanish with a photo; the
Bolivian Stockholm focal point gets it in English, asks for information, gets the answer and
closes the case; the officer sees each status. Then who may press what."""

from __future__ import annotations

import re

from tests.cases import chats
from tests.harness import BotHarness, Chat


async def reported(harness: BotHarness, officer_id: int = 3301) -> tuple[Chat, Chat, str]:
    await chats.directory(harness)
    focal = await chats.onboard(harness, 7001, "en", name="Olga")
    officer = await chats.onboard(harness, officer_id, "es", name="Rosa")
    await officer.run(chats.REPORT_ES)
    reply = await officer.press("Enviar el reporte")
    reference = re.search(r"CR-\d{4}-\d{6}", reply.text)
    assert reference is not None
    await chats.deliver(harness)
    return officer, focal, reference.group()


async def test_the_whole_story_in_process(harness: BotHarness) -> None:
    officer, focal, ref = await reported(harness)
    alert = "\n".join(chats.texts_to(harness, focal.user_id))
    assert f"New case {ref}" in alert
    assert "You receive it as Stockholm focal point of Bolivia." in alert
    assert "Transit: China → Paraguay" in alert
    assert focal.last.kind == "photo"  # the officer's photo, the alert as its caption

    reply = await focal.press("✅ Acknowledge")
    assert "Acknowledged: the officer has been told." in reply.text
    await chats.deliver(harness)
    assert f"Un punto focal acusó recibo de tu caso {ref}" in officer.last.text

    await focal.press("Request information")
    reply = await focal.say("Are the drums <sealed>?")
    assert "Question sent to the officer" in reply.text
    await chats.deliver(harness)
    assert "un punto focal pregunta" in officer.last.text
    assert "«Are the drums &lt;sealed&gt;?»" in officer.last.html
    reply = await officer.press("Responder")
    assert "Escribe tu respuesta" in reply.text
    reply = await officer.say("No, 3 están abiertos")
    assert "Transmitido al punto focal" in reply.text
    await officer.send_photo(caption="el sello")
    await officer.press("Listo")
    await chats.deliver(harness)
    relayed = chats.texts_to(harness, focal.user_id)
    assert any("the officer answered" in t and "No, 3 están abiertos" in t for t in relayed)
    assert harness.fake.messages_to(focal.user_id)[-1].kind == "photo"  # photo + short caption

    await focal.press("📄 Open case")
    await focal.press("Close case")
    await focal.press("Confirmed POP")
    reply = await focal.say("Sent to the national laboratory")
    assert "Case closed: the officer has been told." in reply.text
    assert "Outcome: Confirmed POP · Sent to the national laboratory" in reply.text
    await chats.deliver(harness)
    assert f"Tu caso {ref} se cerró. Resultado: COP confirmado." in officer.last.text

    alert_message = next(m for m in harness.fake.messages_to(focal.user_id) if ref in m.text)
    ack = alert_message.buttons[0][0].callback_data
    reply = await focal.press_data(alert_message.message_id, ack)  # an old button, case closed
    assert "This case is closed." in reply.text

    reply = await officer.say("/mycases")
    assert f"{ref} · cerrado" in reply.text
    await officer.press(ref)
    card = officer.last.text
    assert "Are the drums <sealed>?" in card and "No, 3 están abiertos" in card  # noqa: PT018


async def test_the_officer_cannot_handle_their_case_nor_see_others(harness: BotHarness) -> None:
    officer, focal, _ = await reported(harness, 3302)
    case_id = int(focal.last.buttons[-1][-1].callback_data.rsplit(":", 1)[1])
    reply = await chats.forge(officer, f"cw:ack:{case_id}")
    assert "No tienes permiso" in reply.text
    other = await chats.onboard(harness, 3303, "en")
    reply = await chats.forge(other, f"mc:open:{case_id}")
    assert "You don't have permission" in reply.text
    assert "You have not submitted a report yet" in (await other.say("/mycases")).text
    reply = await other.say("/cases")
    assert "You don't have permission" in reply.text
    peru = await chats.onboard(harness, 7101, "en", country="Peru")
    reply = await chats.forge(peru, f"cw:close:{case_id}")
    assert "You don't have permission" in reply.text
    assert "No case here." in (await peru.say("/cases")).text
    reply = await chats.forge(focal, "cw:ack:999999")
    assert "no longer exists" in reply.text


async def test_reassign_and_export_from_the_bot(harness: BotHarness) -> None:
    _, focal, ref = await reported(harness, 3304)
    await focal.press("📄 Open case")
    reply = await focal.press("Reassign")
    assert "Reassign to whom?" in reply.text
    reply = await focal.press("Basel Bolivia")
    assert f"Case {ref} was reassigned" in reply.text
    basel = await chats.onboard(harness, 7003, "en", name="Bea")
    await chats.deliver(harness)
    assert any("Reassigned to you." in t for t in chats.texts_to(harness, basel.user_id))
    reply = await focal.say("/cases")
    assert ref not in reply.text  # off the case now
    reply = await basel.say("/cases")
    assert ref in reply.text
    reply = await basel.press("Export (Excel)")
    [document] = [c for c in reply.calls if c.method == "sendDocument"]
    assert document.ok
    assert "1 case(s)" in str(document.params.get("caption"))
