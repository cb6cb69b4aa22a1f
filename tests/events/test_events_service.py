"""Events services on SQLite and PostgreSQL: import, permissions, registration and the
reminder rows it queues, edits that reschedule and tell registrants, cancellation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FrozenClock
from bot.errors import InvalidInput, NotFound, PermissionDenied
from bot.events import manage, registration
from bot.events.importer import import_spec
from bot.events.spec import EventSpec
from bot.users.roles import Actor, Grant, Role
from db.models.events import CANCELLED
from db.models.outbox import PENDING, SKIPPED
from db.repositories import audit as audit_repo
from db.repositories import users as users_repo
from tests.events.conftest import (
    SEED_CODE,
    add_user,
    import_seed,
    organizer,
    outbox_rows,
)

REMINDERS = f"event.reminder:{SEED_CODE}:"


async def test_import_creates_then_leaves_an_unchanged_file_alone(
    session: AsyncSession, clock: FrozenClock, seed_spec: EventSpec
) -> None:
    system = Actor.system()
    assert await import_spec(session, system, seed_spec, clock, owner_id=900) == "created"
    assert await import_spec(session, system, seed_spec, clock, owner_id=900) == "unchanged"
    changed = seed_spec.model_copy(update={"organizer": "GGKP"})
    assert await import_spec(session, system, changed, clock, owner_id=900) == "updated"
    actions = [e.action for e in await audit_repo.for_subject(session, "event", SEED_CODE)]
    assert actions == ["event.created", "event.updated"]


async def test_only_organizers_create_and_only_owners_edit(
    session: AsyncSession, clock: FrozenClock, seed_spec: EventSpec
) -> None:
    officer = Actor(user_id=5, grants={Role.OFFICER: Grant(Role.OFFICER)})
    with pytest.raises(PermissionDenied):
        await manage.create_event(session, officer, seed_spec, clock, allow_past=True)
    await import_seed(session, clock, owner=900)
    other = organizer(901)
    with pytest.raises(PermissionDenied):
        await manage.update_event(session, other, seed_spec, clock, allow_past=True)
    with pytest.raises(PermissionDenied):
        await manage.cancel_event(session, other, SEED_CODE, clock)
    admin = Actor(user_id=1, grants={Role.ADMIN: Grant(Role.ADMIN)})
    assert (await manage.managed_event(session, admin, SEED_CODE)).code == SEED_CODE
    assert (await manage.managed_event(session, organizer(900), SEED_CODE)).code == SEED_CODE
    assert [e.code for e in await manage.managed_events(session, other, clock)] == []


async def test_a_new_event_in_the_past_or_with_a_taken_code_is_refused(
    session: AsyncSession, clock: FrozenClock, seed_spec: EventSpec
) -> None:
    clock.set(seed_spec.starts_at + timedelta(minutes=1))
    with pytest.raises(InvalidInput) as past:
        await manage.create_event(session, organizer(), seed_spec, clock)
    assert (past.value.field, past.value.reason) == ("start", "past")
    await import_seed(session, clock)
    with pytest.raises(InvalidInput) as taken:
        await manage.create_event(session, organizer(), seed_spec, clock, allow_past=True)
    assert taken.value.reason == "taken"


async def test_registering_queues_reminders_in_the_readers_zone(
    session: AsyncSession, clock: FrozenClock
) -> None:
    event = await import_seed(session, clock)
    luz = await add_user(session, 11, language="es", country="BO", zone="America/La_Paz")
    reg, new = await registration.register(session, luz, SEED_CODE, clock)
    assert new
    assert reg.round == 1
    rows = await outbox_rows(session, REMINDERS)
    assert [r.purpose for r in rows] == [
        f"{REMINDERS}P7D:r1",
        f"{REMINDERS}P1D:r1",
        f"{REMINDERS}PT1H:r1",
    ]
    start = event.starts_at
    assert [r.due_at for r in rows] == [
        start - timedelta(days=7),
        start - timedelta(days=1),
        start - timedelta(hours=1),
    ]
    # Each reminder is useful until the next one is due; the last one until the start.
    assert [r.expires_at for r in rows] == [rows[1].due_at, rows[2].due_at, start]
    texts = rows[0].payload["texts"]
    assert set(texts) == {"en", "es", "fr", "pt"}
    assert "jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia)" in texts["es"]
    assert "Thursday, September 18, 2025, 10:00 (Bolivia Time)" in texts["en"]
    buttons = rows[0].payload["buttons"][0]
    assert buttons[0]["callback_data"] == f"ev:att:{SEED_CODE}"
    assert buttons[0]["labels"]["es"] == "✅ Asistiré"


async def test_reminders_already_due_are_not_queued(
    session: AsyncSession, clock: FrozenClock
) -> None:
    event = await import_seed(session, clock)
    clock.set(event.starts_at - timedelta(hours=3))
    ana = await add_user(session, 12)
    await registration.register(session, ana, SEED_CODE, clock)
    assert [r.purpose for r in await outbox_rows(session, REMINDERS)] == [f"{REMINDERS}PT1H:r1"]


async def test_registering_twice_unregistering_and_again(
    session: AsyncSession, clock: FrozenClock
) -> None:
    await import_seed(session, clock)
    ana = await add_user(session, 13)
    await registration.register(session, ana, SEED_CODE, clock)
    _, new = await registration.register(session, ana, SEED_CODE, clock)
    assert not new
    assert len(await outbox_rows(session, REMINDERS)) == 3
    assert await registration.unregister(session, ana, SEED_CODE, clock)
    assert not await registration.unregister(session, ana, SEED_CODE, clock)
    assert {r.status for r in await outbox_rows(session, REMINDERS)} == {SKIPPED}
    reg, new = await registration.register(session, ana, SEED_CODE, clock)
    assert new
    assert reg.round == 2
    rows = await outbox_rows(session, REMINDERS)
    assert [(r.purpose.rsplit(":", 1)[-1], r.status) for r in rows] == [
        ("r1", SKIPPED), ("r1", SKIPPED), ("r1", SKIPPED),
        ("r2", PENDING), ("r2", PENDING), ("r2", PENDING),
    ]  # fmt: skip


async def test_registration_needs_onboarding_an_open_event_and_a_future_end(
    session: AsyncSession, clock: FrozenClock
) -> None:
    event = await import_seed(session, clock)
    newcomer = await add_user(session, 14, onboarded=False)
    with pytest.raises(InvalidInput) as error:
        await registration.register(session, newcomer, SEED_CODE, clock)
    assert error.value.reason == "not_onboarded"
    ana = await add_user(session, 15)
    clock.set(event.ends_at)
    with pytest.raises(InvalidInput) as over:
        await registration.register(session, ana, SEED_CODE, clock)
    assert over.value.reason == "over"
    with pytest.raises(NotFound):
        await registration.register(session, ana, "NO-SUCH-EVENT", clock)


async def test_editing_the_time_reschedules_and_tells_registrants(
    session: AsyncSession, clock: FrozenClock, seed_spec: EventSpec
) -> None:
    await import_seed(session, clock)
    luz = await add_user(session, 16, language="es", country="BO", zone="America/La_Paz")
    await registration.register(session, luz, SEED_CODE, clock)
    later = seed_spec.model_copy(
        update={
            "start": seed_spec.start + timedelta(hours=1),
            "end": seed_spec.end + timedelta(hours=1),
        }
    )
    result = await manage.update_event(session, organizer(900), later, clock)
    assert result.changed
    assert result.time_changed
    assert result.notified == 1
    rows = await outbox_rows(session, REMINDERS)
    assert [r.status for r in rows[:3]] == [SKIPPED] * 3
    assert [r.due_at - rows[i].due_at for i, r in enumerate(rows[3:])] == [timedelta(hours=1)] * 3
    assert all(r.purpose.endswith(":r2") and r.status == PENDING for r in rows[3:])
    assert "11:00 (hora de Bolivia)" in rows[3].payload["texts"]["es"]
    [notice] = await outbox_rows(session, f"event.changed:{SEED_CODE}:")
    assert notice.recipient_id == 16
    assert notice.due_at == clock.now()
    es = notice.payload["texts"]["es"]
    assert "🕒 <b>Nuevo horario</b>" in es
    assert "11:00 (hora de Bolivia), hasta las 13:00" in es
    assert "Antes: jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia)" in es


async def test_editing_details_only_rewords_reminders_without_a_notice(
    session: AsyncSession, clock: FrozenClock, seed_spec: EventSpec
) -> None:
    await import_seed(session, clock)
    await registration.register(session, await add_user(session, 17), SEED_CODE, clock)
    online = seed_spec.model_copy(update={"online_url": "https://meet.example.org/ws"})
    result = await manage.update_event(session, organizer(900), online, clock)
    assert result.changed
    assert not result.time_changed
    assert result.notified == 0
    pending = [r for r in await outbox_rows(session, REMINDERS) if r.status == PENDING]
    assert len(pending) == 3
    assert "https://meet.example.org/ws" in pending[0].payload["texts"]["en"]
    assert await outbox_rows(session, "event.changed:") == []


async def test_cancelling_skips_reminders_and_tells_registrants(
    session: AsyncSession, clock: FrozenClock
) -> None:
    await import_seed(session, clock)
    await registration.register(
        session, await add_user(session, 18, language="pt"), SEED_CODE, clock
    )
    assert await manage.cancel_event(session, organizer(900), SEED_CODE, clock) == 1
    assert {r.status for r in await outbox_rows(session, REMINDERS)} == {SKIPPED}
    [notice] = await outbox_rows(session, f"event.cancelled:{SEED_CODE}")
    assert "foi cancelado" in notice.payload["texts"]["pt"]
    event = await registration.event_for(session, SEED_CODE)
    assert event.status == CANCELLED
    assert await manage.cancel_event(session, organizer(900), SEED_CODE, clock) == 0
    ana = await add_user(session, 19)
    with pytest.raises(InvalidInput):
        await registration.register(session, ana, SEED_CODE, clock)
    person = await users_repo.get(session, 18)
    assert person is not None
    with pytest.raises(InvalidInput) as late:  # "I'll attend" pressed in an old reminder
        await registration.confirm_attendance(session, person, SEED_CODE, clock)
    assert late.value.reason == "cancelled"


async def test_follow_ups_are_queued_after_the_end(
    session: AsyncSession, clock: FrozenClock, seed_spec: EventSpec
) -> None:
    survey = {"kind": "survey", "after": "P1D", "url": "https://survey.example.org/ws"}
    spec = EventSpec.model_validate({**seed_spec.model_dump(), "followups": [survey]})
    event = await manage.create_event(session, Actor.system(), spec, clock, allow_past=True)
    await registration.register(
        session, await add_user(session, 20, language="fr"), SEED_CODE, clock
    )
    [row] = await outbox_rows(session, f"event.followup:{SEED_CODE}:")
    assert row.purpose == f"event.followup:{SEED_CODE}:1:r1"
    assert row.due_at == event.ends_at + timedelta(days=1)
    assert row.expires_at == row.due_at + timedelta(days=7)
    assert "https://survey.example.org/ws" in row.payload["texts"]["fr"]
    assert "Merci d'avoir participé" in row.payload["texts"]["fr"]


async def test_upcoming_lists_the_audience_and_own_registrations(
    session: AsyncSession, clock: FrozenClock
) -> None:
    await import_seed(session, clock)  # audience: six countries, officers and focal points
    peru = await add_user(session, 21, country="PE")
    mexico = await add_user(session, 22, country="MX", zone="America/Mexico_City")
    assert [item.event.code for item in await registration.upcoming_for(session, peru, clock)] == [
        SEED_CODE
    ]
    assert await registration.upcoming_for(session, mexico, clock) == []
    await registration.register(session, mexico, SEED_CODE, clock)  # by a shared link
    [listed] = await registration.upcoming_for(session, mexico, clock)
    assert listed.registered
    clock.set(listed.event.ends_at)
    assert await registration.upcoming_for(session, peru, clock) == []


async def test_confirming_attendance(session: AsyncSession, clock: FrozenClock) -> None:
    await import_seed(session, clock)
    ana = await add_user(session, 23)
    assert not await registration.confirm_attendance(session, ana, SEED_CODE, clock)
    await registration.register(session, ana, SEED_CODE, clock)
    assert await registration.confirm_attendance(session, ana, SEED_CODE, clock)
    reg = await registration.registration_of(
        session, await registration.event_for(session, SEED_CODE), ana
    )
    assert reg is not None
    assert reg.confirmed_at == clock.now()
