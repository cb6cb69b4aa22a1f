"""Queries and writes on events, registrations and broadcasts. Flushes, never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Broadcast, Event, Registration, RoleGrant, User
from db.models.events import REGISTERED, SCHEDULED


async def by_code(session: AsyncSession, code: str) -> Event | None:
    stmt = select(Event).where(func.lower(Event.code) == code.lower())
    return (await session.execute(stmt)).scalars().first()


async def add(session: AsyncSession, event: Event) -> Event:
    session.add(event)
    await session.flush()
    return event


async def upcoming(session: AsyncSession, now: datetime, limit: int = 20) -> Sequence[Event]:
    """Scheduled events not over yet, soonest first."""
    stmt = (
        select(Event)
        .where(Event.status == SCHEDULED, Event.ends_at > now)
        .order_by(Event.starts_at, Event.id)
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def managed(
    session: AsyncSession, owner_id: int | None, since: datetime, limit: int = 20
) -> Sequence[Event]:
    """Events ending after `since`, newest first; only `owner_id`'s unless None (admins)."""
    stmt = select(Event).where(Event.ends_at > since)
    if owner_id is not None:
        stmt = stmt.where(Event.owner_id == owner_id)
    stmt = stmt.order_by(Event.starts_at.desc(), Event.id.desc()).limit(limit)
    return (await session.execute(stmt)).scalars().all()


async def next_round(session: AsyncSession, event: Event) -> int:
    """Atomically take the event's next reminder round (two registrations never share one
    with an earlier round of the same person)."""
    stmt = (
        update(Event)
        .where(Event.id == event.id)
        .values(round=Event.round + 1)
        .returning(Event.round)
        .execution_options(synchronize_session=False)
    )
    value = int((await session.execute(stmt)).scalar_one())
    event.round = value
    return value


async def registration(session: AsyncSession, event_id: int, user_id: int) -> Registration | None:
    stmt = select(Registration).where(
        Registration.event_id == event_id, Registration.user_id == user_id
    )
    return (await session.execute(stmt)).scalars().first()


async def add_registration(session: AsyncSession, item: Registration) -> Registration:
    session.add(item)
    await session.flush()
    return item


async def registrants(session: AsyncSession, event_id: int) -> Sequence[tuple[Registration, User]]:
    """Active registrations with their users, in registration order."""
    stmt = (
        select(Registration, User)
        .join(User, User.id == Registration.user_id)
        .where(Registration.event_id == event_id, Registration.status == REGISTERED)
        .order_by(Registration.registered_at, Registration.id)
    )
    return [(reg, user) for reg, user in (await session.execute(stmt)).all()]


async def set_rounds(session: AsyncSession, event_id: int, value: int) -> None:
    stmt = (
        update(Registration)
        .where(Registration.event_id == event_id, Registration.status == REGISTERED)
        .values(round=value)
        .execution_options(synchronize_session="fetch")
    )
    await session.execute(stmt)


async def registered_event_ids(session: AsyncSession, user_id: int) -> set[int]:
    stmt = select(Registration.event_id).where(
        Registration.user_id == user_id, Registration.status == REGISTERED
    )
    return set((await session.execute(stmt)).scalars().all())


async def count_registered(session: AsyncSession, event_id: int) -> int:
    stmt = (
        select(func.count())
        .select_from(Registration)
        .where(Registration.event_id == event_id, Registration.status == REGISTERED)
    )
    return int((await session.execute(stmt)).scalar_one())


def _onboarded() -> Select[Any]:
    return select(User.id).where(User.onboarded_at.is_not(None))


async def audience_ids(
    session: AsyncSession,
    *,
    role: str | None = None,
    countries: Sequence[str] = (),
    languages: Sequence[str] = (),
) -> list[int]:
    """Onboarded users matching every given criterion (none given: everyone onboarded)."""
    stmt = _onboarded()
    if role is not None:
        stmt = stmt.where(User.id.in_(select(RoleGrant.user_id).where(RoleGrant.role == role)))
    if countries:
        stmt = stmt.where(User.country.in_(list(countries)))
    if languages:
        stmt = stmt.where(User.language.in_(list(languages)))
    return [int(value) for value in (await session.execute(stmt.order_by(User.id))).scalars()]


async def registrant_ids(
    session: AsyncSession, event_id: int, *, confirmed: bool | None = None
) -> list[int]:
    """Registrants of an event; `confirmed` narrows to those who did (or did not) confirm."""
    stmt = select(Registration.user_id).where(
        Registration.event_id == event_id, Registration.status == REGISTERED
    )
    if confirmed is True:
        stmt = stmt.where(Registration.confirmed_at.is_not(None))
    elif confirmed is False:
        stmt = stmt.where(Registration.confirmed_at.is_(None))
    return list((await session.execute(stmt.order_by(Registration.user_id))).scalars().all())


async def add_broadcast(session: AsyncSession, item: Broadcast) -> Broadcast:
    session.add(item)
    await session.flush()
    return item


async def broadcast(session: AsyncSession, broadcast_id: int) -> Broadcast | None:
    return await session.get(Broadcast, broadcast_id)


async def live_reports(session: AsyncSession, limit: int = 20) -> Sequence[Broadcast]:
    """Broadcasts whose report message is still being kept up to date."""
    stmt = (
        select(Broadcast)
        .where(Broadcast.report_message_id.is_not(None), Broadcast.report_done_at.is_(None))
        .order_by(Broadcast.id)
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def users_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[User]:
    if not ids:
        return []
    stmt = select(User).where(User.id.in_(list(ids)))
    return (await session.execute(stmt)).scalars().all()
