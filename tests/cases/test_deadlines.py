"""Unacknowledged cases: a reminder after CASE_ACK_HOURS, escalation after CASE_ESCALATE_HOURS
more; real hours across a daylight saving change, shown in the reader's own time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import deadlines, work
from bot.cases.access import CasePolicy
from bot.clock import FrozenClock
from bot.knowledge.catalogue import Catalogue
from db.models import OutboxMessage
from db.repositories import cases as repo
from tests.cases import factories
from tests.cases.helpers import message, queued, recipients, trail

CUBA = """telegram_id,country,conventions,role,languages,backup_telegram_id,name
8001,CU,stockholm,ocp,es,8002,OCP Cuba
8002,CU,basel,nfp,es,,Backup Cuba
"""
# 22:00 on Saturday 7 March in Havana (UTC-5); Cuba moves to UTC-4 at 00:00 on 8 March.
SUBMITTED = datetime(2026, 3, 8, 3, 0, tzinfo=UTC)


async def cuban_case(session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy):
    await factories.directory_from(session, CUBA)
    await factories.person(session, 8001, lang="es", country="CU", zone="America/Havana")
    officer = await factories.person(session, 801, lang="es", country="CU", zone="America/Havana")
    clock.set(SUBMITTED)
    return await factories.quick_report(session, officer, catalogue, clock.now(), policy=policy)


async def tick(session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy) -> int:
    return await deadlines.check(session, policy=policy, catalogue=catalogue, now=clock.now())


async def test_reminder_then_escalation_to_the_backup_across_dst(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    case = await cuban_case(session, catalogue, clock, policy)
    ref = case.reference
    alert = await message(session, f"case.alert:{ref}", 8001)
    # 24 real hours later is 23:00 on 8 March in Havana: summer time started in between.
    assert "Please acknowledge by 8 Mar 2026, 23:00." in alert.texts["en"]
    assert case.ack_due_at == SUBMITTED + timedelta(hours=24)

    clock.set(SUBMITTED + timedelta(hours=24) - timedelta(minutes=1))
    assert await tick(session, catalogue, clock, policy) == 0
    clock.advance(timedelta(minutes=1))
    assert await tick(session, catalogue, clock, policy) == 1
    assert await tick(session, catalogue, clock, policy) == 0  # once only
    reminder = await message(session, f"case.reminder:{ref}:1", 8001)
    assert "escalated at 9 Mar 2026, 23:00" in reminder.texts["en"]

    clock.advance(timedelta(hours=24) - timedelta(seconds=1))
    assert await tick(session, catalogue, clock, policy) == 0
    clock.advance(timedelta(seconds=1))
    assert await tick(session, catalogue, clock, policy) == 1
    assert await tick(session, catalogue, clock, policy) == 0
    rows = await queued(session)
    assert recipients(rows, f"case.alert:{ref}:e") == {8002}
    escalated = await message(session, f"case.alert:{ref}:e", 8002)
    assert "not acknowledged within 48 hours" in escalated.texts["en"]
    case = await repo.get(session, case.id)
    assert {a.user_id: a.reason for a in case.assignments} == {8001: "country", 8002: "backup"}
    assert await trail(session, case) == [
        "case.submitted", "case.routed", "case.reminded", "case.escalated",
    ]  # fmt: skip


async def test_acknowledged_in_time_nothing_more_happens(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    case = await cuban_case(session, catalogue, clock, policy)
    clock.advance(timedelta(hours=23))
    ocp = await factories.actor(session, 8001)
    await work.acknowledge(session, ocp, case.id, policy=policy, now=clock.now())
    clock.advance(timedelta(days=5))
    assert await tick(session, catalogue, clock, policy) == 0


async def test_a_pending_reminder_is_cancelled_by_the_acknowledgement(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    case = await cuban_case(session, catalogue, clock, policy)
    clock.advance(timedelta(hours=24))
    await tick(session, catalogue, clock, policy)
    ocp = await factories.actor(session, 8001)
    await work.acknowledge(session, ocp, case.id, policy=policy, now=clock.now())
    row = await session.get(OutboxMessage, await _id(session, f"case.reminder:{case.reference}:1"))
    assert (row.status, row.last_error) == ("skipped", "acknowledged")


async def _id(session: AsyncSession, purpose: str) -> int:
    from sqlalchemy import select

    stmt = select(OutboxMessage.id).where(OutboxMessage.purpose == purpose)
    return int((await session.execute(stmt)).scalar_one())


async def test_no_backup_escalates_to_the_fallback_then_admins(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    await factories.person(session, 1)  # an admin
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY.replace(",7002,", ",,"))
    officer = await factories.person(session, 802)
    policy = CasePolicy(ack_hours=2, escalate_hours=1, fallback_id=9000)
    case = await factories.quick_report(session, officer, catalogue, clock.now(), policy=policy)
    clock.advance(timedelta(hours=2))
    await tick(session, catalogue, clock, policy)
    clock.advance(timedelta(hours=1))
    await tick(session, catalogue, clock, policy)
    # 7001 had no backup; 7002's (none either): the fallback contact is brought in.
    assert recipients(await queued(session), f"case.alert:{case.reference}:e") == {9000}

    other = await factories.person(session, 803)
    no_fallback = CasePolicy(ack_hours=2, escalate_hours=1)
    case2 = await factories.quick_report(
        session, other, catalogue, clock.now(), policy=no_fallback
    )
    clock.advance(timedelta(hours=3))
    await tick(session, catalogue, clock, no_fallback)
    clock.advance(timedelta(hours=1))
    await tick(session, catalogue, clock, no_fallback)
    told = await message(session, f"case.escalation:{case2.reference}", 1)
    assert "has no backup to escalate to" in told.texts["en"]
