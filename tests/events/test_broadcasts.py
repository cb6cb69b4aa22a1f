"""Broadcast audiences (everyone, a role, countries, languages, an event's registrants, those
who did or did not confirm), per-language versions, scheduling, refusals, the report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FrozenClock
from bot.errors import InvalidInput, PermissionDenied
from bot.events import broadcasts, registration, reports
from bot.events.audience import Audience, parse_audience
from bot.users.roles import Actor, Grant, Role
from db.models.outbox import SKIPPED
from db.repositories import users as users_repo
from tests.events.conftest import SEED_CODE, add_user, import_seed, organizer, outbox_rows


async def people(session: AsyncSession, clock: FrozenClock) -> None:
    """31, 32: Spanish-speaking officers in Peru and Bolivia; 33: an English-speaking focal
    point in Uruguay; 34: French, Dominica; 35: not onboarded (never in an audience)."""
    await add_user(session, 31, language="es", country="PE")
    await add_user(session, 32, language="es", country="BO", zone="America/La_Paz")
    await add_user(session, 33, country="UY", zone="America/Montevideo", roles=[Role.FOCAL_POINT])
    await add_user(session, 34, language="fr", country="DM", zone="America/Dominica")
    await add_user(session, 35, onboarded=False)
    await import_seed(session, clock, owner=900)
    for user_id in (31, 33):
        person = await users_repo.get(session, user_id)
        assert person is not None
        await registration.register(session, person, SEED_CODE, clock)
        if user_id == 31:
            await registration.confirm_attendance(session, person, SEED_CODE, clock)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("all", [31, 32, 33, 34]),
        ("role:focal_point", [33]),
        ("role:officer", [31, 32, 34]),
        ("country:PE,BO", [31, 32]),
        ("language:es", [31, 32]),
        ("language:fr,en", [33, 34]),
        (f"event:{SEED_CODE}", [31, 33]),
        (f"confirmed:{SEED_CODE}", [31]),
        (f"unconfirmed:{SEED_CODE}", [33]),
    ],
)
async def test_audiences(
    session: AsyncSession, clock: FrozenClock, spec: str, expected: list[int]
) -> None:
    await people(session, clock)
    assert await broadcasts.recipients(session, organizer(900), parse_audience(spec)) == expected


@pytest.mark.parametrize(
    "spec", ["everyone", "role:chief", "country:XX", "country:", "language:de", "event:", "all:x"]
)
def test_bad_audiences_are_refused(spec: str) -> None:
    with pytest.raises(InvalidInput):
        parse_audience(spec)


def test_audience_specs_round_trip() -> None:
    assert parse_audience(" Country: pe, bo ").spec == "country:PE,BO"
    assert parse_audience("all") == Audience("all")


async def test_an_events_registrants_belong_to_its_managers(
    session: AsyncSession, clock: FrozenClock
) -> None:
    await people(session, clock)
    with pytest.raises(PermissionDenied):
        await broadcasts.recipients(session, organizer(901), parse_audience(f"event:{SEED_CODE}"))
    officer = Actor(user_id=31, grants={Role.OFFICER: Grant(Role.OFFICER)})
    with pytest.raises(PermissionDenied):
        await broadcasts.queue_broadcast(session, officer, Audience("all"), {"en": "Hi"}, clock)


async def test_each_reader_gets_their_language_under_a_header_in_it(
    session: AsyncSession, clock: FrozenClock
) -> None:
    await people(session, clock)
    texts = {"en": "Workshop <b>materials</b> are online.", "es": "Los materiales están en línea."}
    item = await broadcasts.queue_broadcast(session, organizer(900), Audience("all"), texts, clock)
    rows = await outbox_rows(session, broadcasts.prefix(item.id))
    assert [row.recipient_id for row in rows] == [31, 32, 33, 34]
    assert {row.purpose for row in rows} == {f"broadcast:{item.id}:msg"}
    assert rows[0].due_at == clock.now()
    assert rows[0].expires_at == clock.now() + timedelta(days=7)
    payload = rows[0].payload["texts"]
    assert payload["es"] == "📢 <b>Anuncio</b>\n\nLos materiales están en línea."
    assert payload["fr"] == "📢 <b>Annonce</b>\n\nWorkshop <b>materials</b> are online."
    assert payload["en"] == "📢 <b>Announcement</b>\n\nWorkshop <b>materials</b> are online."
    assert item.recipients == 4
    assert item.audience == "all"


async def test_scheduling_and_refusals(session: AsyncSession, clock: FrozenClock) -> None:
    await people(session, clock)
    later = clock.now() + timedelta(days=2)
    item = await broadcasts.queue_broadcast(
        session, organizer(900), Audience("role", ("focal_point",)), {"en": "Hi"}, clock, later
    )
    [row] = await outbox_rows(session, broadcasts.prefix(item.id))
    assert row.due_at == later
    with pytest.raises(InvalidInput) as past:
        await broadcasts.queue_broadcast(
            session, organizer(900), Audience("all"), {"en": "Hi"}, clock,
            clock.now() - timedelta(hours=1),
        )  # fmt: skip
    assert past.value.reason == "past"
    with pytest.raises(InvalidInput) as empty:
        await broadcasts.queue_broadcast(
            session, organizer(900), Audience("country", ("HT",)), {"en": "Hi"}, clock
        )
    assert empty.value.reason == "empty"
    with pytest.raises(InvalidInput) as blank:
        await broadcasts.queue_broadcast(
            session, organizer(900), Audience("all"), {"en": " "}, clock
        )
    assert blank.value.reason == "empty"
    with pytest.raises(InvalidInput) as long:
        await broadcasts.queue_broadcast(
            session, organizer(900), Audience("all"), {"en": "x" * 3501}, clock
        )
    assert long.value.reason == "too_long"


async def test_cancelling_a_scheduled_broadcast_and_its_report(
    session: AsyncSession, clock: FrozenClock
) -> None:
    await people(session, clock)
    later = clock.now() + timedelta(hours=3)
    item = await broadcasts.queue_broadcast(
        session, organizer(900), Audience("all"), {"en": "Hi"}, clock, later
    )
    found, report = await broadcasts.report(session, organizer(900), item.id)
    assert (report.pending, report.sent, report.total) == (4, 0, 4)
    with pytest.raises(PermissionDenied):
        await broadcasts.report(session, organizer(901), item.id)
    assert await broadcasts.cancel_broadcast(session, organizer(900), item.id) == 4
    assert {row.status for row in await outbox_rows(session, broadcasts.prefix(item.id))} == {
        SKIPPED
    }
    found, report = await broadcasts.report(session, organizer(900), item.id)
    assert (found.status, report.skipped, report.done) == ("cancelled", 4, True)


async def test_registration_counts_and_csv(session: AsyncSession, clock: FrozenClock) -> None:
    await people(session, clock)
    found = await reports.summary(session, organizer(900), SEED_CODE)
    assert (found.total, found.confirmed) == (2, 1)
    assert found.by_country == [("PE", 1), ("UY", 1)]
    assert found.by_role == [("focal_point", 1), ("officer", 1)]
    data = (await reports.registrations_csv(session, organizer(900), SEED_CODE)).decode(
        "utf-8-sig"
    )
    lines = data.splitlines()
    assert lines[0].startswith("telegram_id,name,username,country,language,time_zone,roles")
    assert lines[1].startswith("31,User31,,PE,es,America/Lima,officer,2025-09-01T12:00:00+00:00,")
    assert lines[1].endswith(",2025-09-01T12:00:00+00:00")
    with pytest.raises(PermissionDenied):
        await reports.summary(session, organizer(901), SEED_CODE)


def test_a_name_never_becomes_a_spreadsheet_formula() -> None:
    assert reports._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert reports._cell("Ana") == "Ana"
