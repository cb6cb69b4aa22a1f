"""Following a case: acknowledge, ask, answer, close, reassign; each told to the right people
through the outbox and recorded in the case's audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import queues, relay, work
from bot.cases.access import CasePolicy
from bot.cases.files import FileInfo
from bot.clock import FrozenClock
from bot.errors import InvalidInput
from bot.knowledge.catalogue import Catalogue
from db.repositories import cases as repo
from tests.cases import factories
from tests.cases.helpers import message, queued, recipients, trail


async def submitted(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, officer_id: int = 701
):
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    officer = await factories.person(session, officer_id, lang="es")
    case = await factories.report(session, officer, catalogue, clock.now(), substance="mirex")
    return officer, case


async def test_the_whole_story(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    officer, case = await submitted(session, catalogue, clock)
    ocp = await factories.actor(session, 7001)
    ref = case.reference
    clock.advance(timedelta(hours=2))
    await work.acknowledge(session, ocp, case.id, policy=policy, now=clock.now())
    await work.acknowledge(session, ocp, case.id, policy=policy, now=clock.now())  # double tap
    rows = await queued(session)
    assert recipients(rows, f"case.status:{ref}:acknowledged") == {officer.user_id}
    assert recipients(rows, f"case.update:{ref}:acknowledged") == {7002}  # the colleague

    question = await work.request_info(
        session, ocp, case.id, "What is written on the labels?", policy=policy, now=clock.now()
    )
    asked = await message(session, f"case.status:{ref}:question:{question.id}", officer.user_id)
    assert "What is written on the labels?" in asked.texts["en"]
    assert [b.callback_data for row in asked.buttons for b in row] == [f"mc:answer:{case.id}"]
    assert (await repo.get(session, case.id)).status == "info_requested"

    answer = await relay.answer(
        session, officer, case.id, text="«Endosulfan 35 EC» & <b>", policy=policy, now=clock.now()
    )
    photo = FileInfo("photo", "AgAC-label", "u-label", "image/jpeg", None, 2000)
    answer2 = await relay.answer(
        session, officer, case.id, file=photo, policy=policy, now=clock.now()
    )
    relayed = await message(session, f"case.answer:{ref}:{answer.id}", 7001)
    assert "&lt;b&gt;" in relayed.texts["en"]  # the officer's text is escaped
    with_photo = await message(session, f"case.answer:{ref}:{answer2.id}", 7002)
    assert [a.file_id for a in with_photo.attachments] == ["AgAC-label"]
    assert (await repo.get(session, case.id)).status == "acknowledged"

    await work.close(
        session, ocp, case.id, "confirmed_pop", "Sent to the lab", policy=policy, now=clock.now()
    )
    closed = await message(session, f"case.status:{ref}:closed", officer.user_id)
    assert "Confirmed POP" in closed.texts["en"]
    assert await trail(session, case) == [
        "case.submitted", "case.routed", "case.acknowledged", "case.info_requested",
        "case.info_answered", "case.info_answered", "case.closed",
    ]  # fmt: skip
    with pytest.raises(InvalidInput, match="closed"):
        await work.acknowledge(session, ocp, case.id, policy=policy, now=clock.now())
    with pytest.raises(InvalidInput, match="closed"):
        await relay.answer(session, officer, case.id, text="late", policy=policy, now=clock.now())
    stored = await repo.messages_of(session, case.id)
    assert [m.direction for m in stored] == ["question", "answer", "answer"]


async def test_asking_acknowledges_and_answers_need_a_question(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    officer, case = await submitted(session, catalogue, clock, 702)
    ocp = await factories.actor(session, 7001)
    with pytest.raises(InvalidInput, match="no_question"):
        await relay.answer(session, officer, case.id, text="hello", policy=policy, now=clock.now())
    for bad, reason in (("   ", "empty"), ("x" * 1001, "too_long")):
        with pytest.raises(InvalidInput, match=reason):
            await work.request_info(session, ocp, case.id, bad, policy=policy, now=clock.now())
    await work.request_info(session, ocp, case.id, "Quantity?", policy=policy, now=clock.now())
    case = await repo.get(session, case.id)
    assert case.acknowledged_at == clock.now()
    exe = FileInfo("document", "BQ-x", "u", "application/x-msdownload", "a.exe", 10)
    with pytest.raises(InvalidInput, match="type"):
        await relay.answer(session, officer, case.id, file=exe, policy=policy, now=clock.now())


async def test_close_needs_a_known_outcome(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    _, case = await submitted(session, catalogue, clock, 703)
    ocp = await factories.actor(session, 7001)
    with pytest.raises(InvalidInput, match="unknown"):
        await work.close(session, ocp, case.id, "guilty", policy=policy, now=clock.now())
    with pytest.raises(InvalidInput, match="too_long"):
        await work.close(session, ocp, case.id, "other", "n" * 501, policy=policy, now=clock.now())
    assert (await repo.get(session, case.id)).status == "submitted"


async def test_reassign_to_a_colleague(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    policy = CasePolicy(fallback_id=9000)
    officer, case = await submitted(session, catalogue, clock, 704)
    ocp = await factories.actor(session, 7001)
    options = await queues.targets(session, ocp, case.id, policy)
    assert [t.user_id for t in options] == [7003, 7004, 9000]  # not 7002: already on it
    clock.advance(timedelta(hours=20))
    with pytest.raises(InvalidInput, match="not_allowed"):
        await queues.reassign(
            session,
            ocp,
            case.id,
            officer.user_id,
            policy=policy,
            catalogue=catalogue,
            now=clock.now(),
        )
    await queues.reassign(
        session, ocp, case.id, 7003, policy=policy, catalogue=catalogue, now=clock.now()
    )
    case = await repo.get(session, case.id)
    assert {(a.user_id, a.active) for a in case.assignments} == {
        (7001, False),
        (7002, True),
        (7003, True),
    }
    assert case.ack_due_at == clock.now() + timedelta(hours=24)  # a fresh deadline
    rows = await queued(session, f"case.alert:{case.reference}:r")
    assert [r for _, r in rows] == [7003]
    assert (await trail(session, case))[-1] == "case.reassigned"


async def test_queues_show_routed_cases_and_my_reports(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    officer, case = await submitted(session, catalogue, clock, 705)
    other_officer = await factories.person(session, 706)
    ocp = await factories.actor(session, 7001)
    basel = await factories.actor(session, 7003)
    assert [c.id for c in await queues.handler_queue(session, ocp, policy)] == [case.id]
    assert list(await queues.handler_queue(session, basel, policy)) == []
    visible = CasePolicy(country_visibility=True)
    assert [c.id for c in await queues.handler_queue(session, basel, visible)] == [case.id]
    assert [c.id for c in await queues.my_reports(session, officer)] == [case.id]
    assert list(await queues.my_reports(session, other_officer)) == []
    await work.close(session, ocp, case.id, "not_pop", policy=policy, now=clock.now())
    assert list(await queues.handler_queue(session, ocp, policy)) == []
    assert [c.id for c in await queues.handler_queue(session, ocp, policy, closed=True)] == [
        case.id
    ]
