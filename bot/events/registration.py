"""Participants' side: upcoming events, registering, withdrawing, confirming attendance.

Anyone onboarded may register (a deep link reaches people outside an event's audience too);
the audience decides whose /events list shows the event. Registering queues the person's
reminders; withdrawing skips those still pending.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.errors import InvalidInput, NotFound
from bot.events import schedule
from db.models import Event, Registration, User
from db.models.events import CANCELLED, REGISTERED, UNREGISTERED
from db.repositories import events as repo


@dataclass(frozen=True)
class Listed:
    event: Event
    registered: bool


def in_audience(event: Event, user: User) -> bool:
    countries, roles = event.audience_countries, event.audience_roles
    if countries and user.country not in countries:
        return False
    held = {grant.role for grant in user.roles}
    return not roles or bool(held & set(roles)) or "admin" in held


async def upcoming_for(session: AsyncSession, user: User, clock: Clock) -> list[Listed]:
    """Events not over yet that are for this person, or that they registered for."""
    mine = await repo.registered_event_ids(session, user.id)
    found = await repo.upcoming(session, clock.now(), limit=50)
    return [
        Listed(event, event.id in mine)
        for event in found
        if event.id in mine or in_audience(event, user)
    ][:10]


async def event_for(session: AsyncSession, code: str) -> Event:
    event = await repo.by_code(session, code)
    if event is None:
        raise NotFound("event", code)
    return event


async def registration_of(session: AsyncSession, event: Event, user: User) -> Registration | None:
    found = await repo.registration(session, event.id, user.id)
    return found if found is not None and found.status == REGISTERED else None


def _check_open(event: Event, user: User, clock: Clock) -> None:
    if user.onboarded_at is None:
        raise InvalidInput("user", "not_onboarded")
    if event.status == CANCELLED:
        raise InvalidInput("event", "cancelled")
    if event.ends_at <= clock.now():
        raise InvalidInput("event", "over")
    if not event.registration_open:
        raise InvalidInput("event", "no_registration")


async def register(
    session: AsyncSession, user: User, code: str, clock: Clock
) -> tuple[Registration, bool]:
    """Register (again); (registration, False) when already registered: a double tap is fine."""
    event = await event_for(session, code)
    existing = await repo.registration(session, event.id, user.id)
    if existing is not None and existing.status == REGISTERED:
        return existing, False
    _check_open(event, user, clock)
    now = clock.now()
    if existing is None:
        existing = await repo.add_registration(
            session, Registration(event_id=event.id, user_id=user.id, registered_at=now)
        )
    existing.status, existing.registered_at = REGISTERED, now
    existing.unregistered_at, existing.confirmed_at = None, None
    existing.round = await repo.next_round(session, event)
    await schedule.queue_reminders(session, event, [(user.id, user.timezone)], existing.round, now)
    await session.commit()
    return existing, True


async def unregister(session: AsyncSession, user: User, code: str, clock: Clock) -> bool:
    """Withdraw; False when there was no registration. Pending reminders are skipped."""
    event = await event_for(session, code)
    existing = await repo.registration(session, event.id, user.id)
    if existing is None or existing.status != REGISTERED:
        return False
    existing.status, existing.unregistered_at = UNREGISTERED, clock.now()
    await schedule.withdraw(session, event, "unregistered", recipient_id=user.id)
    await session.commit()
    return True


async def confirm_attendance(session: AsyncSession, user: User, code: str, clock: Clock) -> bool:
    """Record "I'll attend" once; False when the person is not registered (any more)."""
    event = await event_for(session, code)
    if event.status == CANCELLED:
        raise InvalidInput("event", "cancelled")
    existing = await registration_of(session, event, user)
    if existing is None:
        return False
    if existing.confirmed_at is None:
        existing.confirmed_at = clock.now()
        await session.commit()
    return True


async def follow_zone_change(session: AsyncSession, user: User, clock: Clock) -> int:
    """Queue this person's pending reminders again after they changed time zone.

    A reminder's text shows the time in the reader's zone, fixed when it was queued; the old
    rows are skipped and new ones queued under a new round, so nothing is sent twice.
    Returns how many upcoming registrations were re-queued.
    """
    now = clock.now()
    mine = await repo.registered_event_ids(session, user.id)
    moved = 0
    for event in await repo.upcoming(session, now, limit=200):
        if event.id not in mine or event.starts_at <= now:
            continue
        registration = await repo.registration(session, event.id, user.id)
        if registration is None or registration.status != REGISTERED:
            continue
        await schedule.withdraw(session, event, "time zone changed", recipient_id=user.id)
        registration.round = await repo.next_round(session, event)
        await schedule.queue_reminders(
            session, event, [(user.id, user.timezone)], registration.round, now
        )
        moved += 1
    await session.commit()
    return moved
