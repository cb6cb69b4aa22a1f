"""Registrations for organizers: counts by country and role, and a CSV of who registered.

Only the event's managers see them (the list has names: personal data).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.events.manage import managed_event
from bot.users.roles import Actor
from db.models import Event
from db.repositories import events as repo


@dataclass(frozen=True)
class Summary:
    event: Event
    total: int
    confirmed: int
    by_country: list[tuple[str, int]]  # ISO code ('' for none), count; largest first
    by_role: list[tuple[str, int]]  # a person with two roles counts in both


async def summary(session: AsyncSession, actor: Actor, code: str) -> Summary:
    event = await managed_event(session, actor, code)
    rows = await repo.registrants(session, event.id)
    countries = Counter(user.country or "" for _, user in rows)
    roles = Counter(grant.role for _, user in rows for grant in user.roles)
    return Summary(
        event=event,
        total=len(rows),
        confirmed=sum(1 for reg, _ in rows if reg.confirmed_at is not None),
        by_country=sorted(countries.items(), key=lambda item: (-item[1], item[0])),
        by_role=sorted(roles.items(), key=lambda item: (-item[1], item[0])),
    )


CSV_HEADER = [
    "telegram_id",
    "name",
    "username",
    "country",
    "language",
    "time_zone",
    "roles",
    "registered_at_utc",
    "confirmed_at_utc",
]


async def registrations_csv(session: AsyncSession, actor: Actor, code: str) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs show accents correctly."""
    event = await managed_event(session, actor, code)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for reg, user in await repo.registrants(session, event.id):
        writer.writerow(
            [
                user.id,
                _cell(user.display_name),
                user.username or "",
                user.country or "",
                user.language,
                user.timezone,
                " ".join(sorted(grant.role for grant in user.roles)),
                reg.registered_at.isoformat(timespec="seconds"),
                reg.confirmed_at.isoformat(timespec="seconds") if reg.confirmed_at else "",
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: str) -> str:
    """Names are typed by users: never let one start a spreadsheet formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
