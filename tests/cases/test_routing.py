"""Where a submitted case goes: the country's focal points for the convention of its kind, a
Rotterdam copy, or the regional fallback with the admins told."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import drafts, notify, submission
from bot.cases.access import CasePolicy
from bot.clock import FrozenClock
from bot.knowledge.catalogue import Catalogue
from bot.users import grants
from bot.users.roles import Convention, Grant, Role
from tests.cases import factories
from tests.cases.helpers import message, queued, recipients, trail


async def test_pop_chemical_goes_to_stockholm_with_a_rotterdam_copy(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    officer = await factories.person(session, 601, lang="es")
    case = await factories.report(session, officer, catalogue, clock.now(), substance="DDT")
    assert re.fullmatch(r"CR-2026-\d{6}", case.reference or "")
    assert (case.status, case.convention, case.rotterdam) == ("submitted", "stockholm", True)
    rows = await queued(session)
    alert = f"case.alert:{case.reference}"
    assert recipients(rows, alert) == {7001, 7002, 7004}  # Stockholm OCP + NFP, Rotterdam copy
    assert {(a.user_id, a.reason) for a in case.assignments} == {
        (7001, "country"), (7002, "country"), (7004, "rotterdam"),
    }  # fmt: skip
    assert await trail(session, case) == ["case.submitted", "case.routed"]


async def test_the_alert_is_written_in_every_language_with_files_and_buttons(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    officer = await factories.person(session, 602, lang="es")
    case = await factories.report(session, officer, catalogue, clock.now(), photos=2)
    alert = await message(session, f"case.alert:{case.reference}", 7001)
    assert set(alert.texts) == {"en", "es", "fr", "pt"}
    assert f"New case {case.reference}" in alert.texts["en"]
    assert f"Nuevo caso {case.reference}" in alert.texts["es"]
    assert "DDT" in alert.texts["en"]
    assert "3808.52" in alert.texts["en"]
    assert [a.file_id for a in alert.attachments] == ["AgAC-photo-0", "AgAC-photo-1"]
    data = [b.callback_data for row in alert.buttons for b in row]
    assert data == [f"cw:{a}:{case.id}" for a in ("ack", "info", "close", "reassign", "open")]
    assert all(len(text) < 4096 for text in alert.texts.values())


async def test_waste_goes_to_basel(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    officer = await factories.person(session, 603)
    case = await factories.report(
        session, officer, catalogue, clock.now(), kind="waste", substance="transformer oil"
    )
    assert (case.convention, case.rotterdam) == ("basel", False)
    assert recipients(await queued(session), f"case.alert:{case.reference}") == {7002, 7003}


async def test_no_focal_point_goes_to_the_fallback_and_admins_are_told(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    admin = await factories.person(session, 1)
    assert admin.has(Role.ADMIN)
    officer = await factories.person(session, 604, country="HN", zone="America/Tegucigalpa")
    policy = CasePolicy(fallback_id=9000)
    case = await factories.report(session, officer, catalogue, clock.now(), policy=policy)
    rows = await queued(session)
    assert recipients(rows, f"case.alert:{case.reference}") == {9000}
    assert recipients(rows, f"case.no_focal_point:{case.reference}") == {1}
    notice = await message(session, f"case.no_focal_point:{case.reference}", 1)
    assert "no Stockholm focal point is registered" in notice.texts["en"]
    assert "regional fallback contact" in notice.texts["en"]


async def test_no_focal_point_and_no_fallback_tells_the_admins(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    await factories.person(session, 1)
    officer = await factories.person(session, 605, country="HN", zone="America/Tegucigalpa")
    case = await factories.report(session, officer, catalogue, clock.now(), policy=policy)
    rows = await queued(session)
    assert recipients(rows, f"case.alert:{case.reference}") == set()
    notice = await message(session, f"case.no_focal_point:{case.reference}", 1)
    assert "No regional fallback contact is configured" in notice.texts["en"]


async def test_a_revoked_focal_point_and_the_reporter_get_no_alert(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    await factories.person(session, 7001)  # an officer first, then also a focal point
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    await grants.revoke_role(session, factories.SYSTEM, 7002, Role.FOCAL_POINT)
    reporter = await factories.actor(session, 7001)
    assert reporter.has(Role.OFFICER)
    assert reporter.has(Role.FOCAL_POINT)
    case = await factories.report(
        session,
        reporter,
        catalogue,
        clock.now(),
        substance="mirex",
        policy=CasePolicy(fallback_id=9000),
    )
    assert recipients(await queued(session), f"case.alert:{case.reference}") == {9000}


async def test_a_focal_point_role_alone_routes_cases_with_its_conventions(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    """Granted in /admin, by the CLI or an invitation, without a directory entry: the role
    decides, and a later change of its conventions applies at once."""
    await factories.person(session, 7050)
    await grants.grant_role(session, factories.SYSTEM, 7050, Grant(Role.FOCAL_POINT, "BO"))
    officer = await factories.person(session, 611, lang="es")
    case = await factories.report(session, officer, catalogue, clock.now(), substance="DDT")
    assert recipients(await queued(session), f"case.alert:{case.reference}") == {7050}
    basel_only = Grant(Role.FOCAL_POINT, "BO", (Convention.BASEL,))
    await grants.grant_role(session, factories.SYSTEM, 7050, basel_only)
    second = await factories.report(session, officer, catalogue, clock.now(), substance="DDT")
    assert recipients(await queued(session), f"case.alert:{second.reference}") == set()


async def test_references_are_consecutive_per_year(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    refs = []
    for officer_id in (606, 607, 608):
        officer = await factories.person(session, officer_id)
        refs.append((await factories.report(session, officer, catalogue, clock.now())).reference)
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in refs]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


async def test_a_failure_in_the_middle_of_routing_leaves_the_draft_whole(
    session: AsyncSession,
    catalogue: Catalogue,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Submission, reference, routing and alerts are one transaction: a crash after the first
    alert was queued leaves a draft to submit again, no half-routed case, no lost number."""
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    officer = await factories.person(session, 609)
    await factories.report(session, officer, catalogue, clock.now(), submit=False)
    real_alert = notify.alert
    calls = 0

    async def failing_alert(*args: object, **kwargs: object) -> bool:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ConnectionResetError("the database went away")
        return await real_alert(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(notify, "alert", failing_alert)
    with pytest.raises(ConnectionResetError):
        await submission.submit(
            session, officer, policy=CasePolicy(), catalogue=catalogue, now=clock.now()
        )
    await session.rollback()  # what the per-update session does when a handler fails
    assert await queued(session) == []
    draft = await drafts.require(session, officer)
    assert (draft.status, draft.reference, draft.assignments) == ("draft", None, [])
    monkeypatch.setattr(notify, "alert", real_alert)
    case = await submission.submit(
        session, officer, policy=CasePolicy(), catalogue=catalogue, now=clock.now()
    )
    assert case.reference == "CR-2026-000001"
    assert recipients(await queued(session), f"case.alert:{case.reference}") == {7001, 7002, 7004}
