"""Organizers' side: create, edit and cancel events.

Organizers manage the events they own (created in the bot, or imported with --owner);
admins and the shell operator manage every event. Editing re-queues the registrants'
reminders for the new details and, when the time moved, tells them; cancelling tells them too.
Every change is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.errors import InvalidInput, NotFound, PermissionDenied
from bot.events import schedule
from bot.events.spec import EventSpec, local_wall_time
from bot.users.roles import Actor, Role
from db.models import Event
from db.models.events import CANCELLED, SCHEDULED
from db.repositories import audit as audit_repo
from db.repositories import events as repo


def can_manage(actor: Actor, event: Event) -> bool:
    if actor.is_system or actor.has(Role.ADMIN):
        return True
    return actor.has(Role.ORGANIZER) and event.owner_id == actor.user_id


def require_manager(actor: Actor, event: Event) -> None:
    actor.require(Role.ORGANIZER)
    if not can_manage(actor, event):
        raise PermissionDenied("event owner")


async def managed_event(session: AsyncSession, actor: Actor, code: str) -> Event:
    actor.require(Role.ORGANIZER)
    event = await repo.by_code(session, code)
    if event is None:
        raise NotFound("event", code)
    require_manager(actor, event)
    return event


async def managed_events(
    session: AsyncSession, actor: Actor, clock: Clock, limit: int = 20
) -> list[Event]:
    """Events not over yet (and those of the last 30 days), newest first."""
    actor.require(Role.ORGANIZER)
    owner = None if actor.is_system or actor.has(Role.ADMIN) else actor.user_id
    since = clock.now() - timedelta(days=30)
    return list(await repo.managed(session, owner, since, limit))


def fields_of(spec: EventSpec) -> dict[str, Any]:
    """The model's columns from a validated spec."""
    return {
        "title": dict(spec.title),
        "description": dict(spec.description),
        "organizer": spec.organizer,
        "starts_at": spec.starts_at,
        "ends_at": spec.ends_at,
        "timezone": spec.timezone,
        "languages": list(spec.languages),
        "interpretation": list(spec.interpretation),
        "online_url": spec.online_url,
        "venue": spec.venue,
        "registration_open": spec.registration,
        "registration_url": spec.registration_url,
        "audience_countries": list(spec.audience.countries),
        "audience_roles": [role.value for role in spec.audience.roles],
        "reminder_offsets": list(spec.reminders),
        "followups": [item.model_dump() for item in spec.followups],
    }


def spec_of(event: Event) -> EventSpec:
    """The spec an event was made from, for the edit dialog and exports."""
    return EventSpec.model_validate(
        {
            "code": event.code,
            "title": event.title,
            "description": event.description,
            "organizer": event.organizer,
            "timezone": event.timezone,
            "start": local_wall_time(event.starts_at, event.timezone),
            "end": local_wall_time(event.ends_at, event.timezone),
            "languages": event.languages,
            "interpretation": event.interpretation,
            "online_url": event.online_url,
            "venue": event.venue,
            "registration": event.registration_open,
            "registration_url": event.registration_url,
            "audience": {"countries": event.audience_countries, "roles": event.audience_roles},
            "reminders": event.reminder_offsets,
            "followups": event.followups,
        }
    )


async def _audit(
    session: AsyncSession, actor: Actor, action: str, event: Event, **details: Any
) -> None:
    await audit_repo.append(
        session,
        actor_id=actor.user_id,
        actor_label=actor.label,
        action=action,
        subject_type="event",
        subject_id=event.code,
        details=details,
    )


async def create_event(
    session: AsyncSession,
    actor: Actor,
    spec: EventSpec,
    clock: Clock,
    *,
    owner_id: int | None = None,
    allow_past: bool = False,
) -> Event:
    """A new event; a start in the past is refused except for imports of past events."""
    actor.require(Role.ORGANIZER)
    if not allow_past and spec.starts_at <= clock.now():
        raise InvalidInput("start", "past")
    if await repo.by_code(session, spec.code) is not None:
        raise InvalidInput("code", "taken")
    event = Event(code=spec.code, owner_id=owner_id or actor.user_id, **fields_of(spec))
    event.status, event.round, event.revision = SCHEDULED, 0, 1
    await repo.add(session, event)
    await _audit(session, actor, "event.created", event, starts_at=event.starts_at.isoformat())
    await session.commit()
    return event


@dataclass(frozen=True)
class Update:
    event: Event
    changed: bool
    time_changed: bool
    notified: int


async def update_event(
    session: AsyncSession, actor: Actor, spec: EventSpec, clock: Clock, *, allow_past: bool = False
) -> Update:
    """Apply a spec to the event of the same code; reminders follow, registrants are told of
    a new time. An unchanged spec changes nothing (re-importing a file is harmless)."""
    event = await managed_event(session, actor, spec.code)
    if event.status == CANCELLED:
        raise InvalidInput("event", "cancelled")
    fields, now = fields_of(spec), clock.now()
    if all(getattr(event, name) == value for name, value in fields.items()):
        return Update(event, changed=False, time_changed=False, notified=0)
    before = (event.starts_at, event.ends_at)
    moved = before != (fields["starts_at"], fields["ends_at"])
    if moved and not allow_past and fields["starts_at"] <= now:
        raise InvalidInput("start", "past")
    for name, value in fields.items():
        setattr(event, name, value)
    event.revision += 1
    notified = await _requeue(session, event, before if moved else None, now)
    await _audit(session, actor, "event.updated", event, moved=moved, revision=event.revision)
    await session.commit()
    return Update(event, changed=True, time_changed=moved, notified=notified)


async def _requeue(
    session: AsyncSession,
    event: Event,
    before: tuple[datetime, datetime] | None,
    now: datetime,
) -> int:
    """New reminders for every registrant (a new round), and the time-change notice."""
    await schedule.withdraw(session, event, "event edited")
    people = [(user.id, user.timezone) for _, user in await repo.registrants(session, event.id)]
    if not people:
        return 0
    round_ = await repo.next_round(session, event)
    await repo.set_rounds(session, event.id, round_)
    await schedule.queue_reminders(session, event, people, round_, now)
    if before is None or event.ends_at <= now:
        return 0
    return await schedule.notify_time_change(session, event, people, before, now)


async def cancel_event(session: AsyncSession, actor: Actor, code: str, clock: Clock) -> int:
    """Cancel: no more reminders; registrants are told (unless it is already over)."""
    event = await managed_event(session, actor, code)
    if event.status == CANCELLED:
        return 0
    now = clock.now()
    event.status, event.cancelled_at = CANCELLED, now
    event.revision += 1
    await schedule.withdraw(session, event, "event cancelled")
    notified = 0
    if event.ends_at > now:
        people = [(u.id, u.timezone) for _, u in await repo.registrants(session, event.id)]
        notified = await schedule.notify_cancelled(session, event, people, now)
    await _audit(session, actor, "event.cancelled", event, notified=notified)
    await session.commit()
    return notified
