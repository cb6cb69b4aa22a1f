"""Questions typed to the bot: cards, sections, codes, near misses refused, organizers asked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot import questions
from bot.errors import PermissionDenied
from bot.users.roles import Actor
from db.models import OutboxMessage
from tests.handlers.test_bad_input import onboard
from tests.harness import BotHarness


async def test_a_substance_gets_a_card_and_more_sections(harness: BotHarness) -> None:
    chat = await onboard(harness, 801)
    reply = await chat.say("pfos")
    assert "<b>PFOS, its salts and PFOSF</b>" in reply.text
    assert "Annex B" in reply.text
    labels = chat.button_labels()
    assert len(labels) >= 3
    card = chat.last.text
    reply = await chat.press(labels[0])
    assert not reply.failed
    assert chat.last.text != card  # the same message now shows the section


async def test_an_hs_code_lists_every_pop_it_may_cover(harness: BotHarness) -> None:
    chat = await onboard(harness, 802)
    reply = await chat.say("SA 2903 82")
    for name in ("Aldrin", "Chlordane", "Heptachlor"):
        assert name in reply.text
    assert "Shared code" in reply.text


async def test_spanish_question_gets_spanish_content(harness: BotHarness) -> None:
    chat = harness.chat(803, language="es")
    await chat.say("/start")
    await chat.press("Español")
    await chat.press("Perú")
    reply = await chat.say("clordano")
    assert "Clordano" in reply.text


async def test_outside_the_content_is_said_and_can_go_to_organizers(
    harness: BotHarness,
) -> None:
    await onboard(harness, 1)  # the admin
    organizer = await onboard(harness, 804)
    admin = harness.chat(1)
    await admin.say("/admin")
    await admin.press("Grant a role")
    await admin.say("804")
    await admin.press("organizer")
    officer = await onboard(harness, 805)
    reply = await officer.say("glyphosate")
    assert "Not a listed POP or not in the curated content" in reply.text
    reply = await officer.press("Ask the organizers")
    assert "Sent to the organizers" in reply.text
    reply = await officer.press("Ask the organizers")
    assert "Already sent" in reply.text
    async with harness.app.services.sessionmaker() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
    assert [(r.purpose.split(":")[0], r.recipient_id) for r in rows] == [
        ("knowledge.question", organizer.user_id)
    ]
    assert "«glyphosate»" in rows[0].payload["texts"]["en"]


async def test_only_the_asker_can_forward(harness: BotHarness) -> None:
    officer = await onboard(harness, 806)
    await officer.say("paracetamol")
    async with harness.app.services.sessionmaker() as session:
        [gap] = await questions.gaps(session)
        assert (gap.example, gap.count) == ("paracetamol", 1)
        with pytest.raises(PermissionDenied):
            await questions.forward_to_organizers(
                session,
                Actor(user_id=999),
                None,
                1,
                harness.app.services.clock,  # type: ignore[arg-type]
            )


async def test_gaps_are_grouped_by_normalized_question(harness: BotHarness) -> None:
    chat = await onboard(harness, 807)
    for text in ("Glyphosate?", "glyphosate", "paraquat"):
        await chat.say(text)
    async with harness.app.services.sessionmaker() as session:
        found = [(g.normalized, g.count) for g in await questions.gaps(session)]
    assert found == [("glyphosate", 2), ("paraquat", 1)]


async def test_hostile_and_huge_questions(harness: BotHarness) -> None:
    chat = await onboard(harness, 808)
    reply = await chat.say("<b>PFOS</b> & <script>")
    assert not reply.failed
    reply = await chat.say("PFOS " * 800)
    assert "too long for a question" in reply.text
    for stray in ("5", "?", "ñ"):
        assert "Type a substance name" in (await chat.say(stray)).text
    async with harness.app.services.sessionmaker() as session:
        assert await questions.gaps(session) == []  # none of them was logged as a gap


async def test_inline_mode_returns_cards(harness: BotHarness) -> None:
    harness.chat(809)
    query_id = harness.fake.inline_query(809, "PFOA")
    await harness.pump()
    results = harness.fake.inline_queries[query_id].results or []
    assert results
    assert results[0]["title"] == "PFOA, its salts and related compounds"
    assert results[0]["input_message_content"]["parse_mode"] == "HTML"
    query_id = harness.fake.inline_query(809, "glyphosate")
    await harness.pump()
    [only] = harness.fake.inline_queries[query_id].results or []
    assert "Not a listed POP" in str(only)


async def test_the_menu_explains_how_to_ask(harness: BotHarness) -> None:
    chat = await onboard(harness, 810)
    reply = await chat.press("Ask about a substance")
    assert "CAS number" in reply.text
