"""The focal point directory: who gets a country's cases. Admins (and the shell operator)
keep it; an entry grants the focal point role with its country and conventions through the
audited grants service, so menus and permissions follow, and removing it revokes the role.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.directory_csv import EntryRow, RowError, backup_errors
from bot.errors import DomainError, NotFound
from bot.users.grants import apply_grant
from bot.users.roles import Actor, Convention, Grant, Role
from db.models import FocalPoint, User
from db.repositories import audit as audit_repo
from db.repositories import focal_points as fp_repo
from db.repositories import users as users_repo


class DirectoryRejected(DomainError):
    """A file (or line) with bad rows: nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} bad row(s)")
        self.errors = errors


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int


async def entries(
    session: AsyncSession, actor: Actor, country: str | None = None
) -> Sequence[FocalPoint]:
    actor.require(Role.ADMIN)
    return await fp_repo.listing(session, country.upper() if country else None)


async def import_rows(session: AsyncSession, actor: Actor, rows: list[EntryRow]) -> ImportReport:
    """Create or update every row, or none (DirectoryRejected lists the bad ones)."""
    actor.require(Role.ADMIN)
    known = {entry.user_id for entry in await fp_repo.listing(session)}
    errors = backup_errors(rows, known)
    if errors:
        raise DirectoryRejected(errors)
    created = 0
    for row in rows:
        created += await _upsert(session, actor, row)
    await session.commit()
    return ImportReport(created=created, updated=len(rows) - created)


async def _person(session: AsyncSession, row: EntryRow) -> User:
    """The person, created as a placeholder in their first language if they never wrote."""
    user = await users_repo.get(session, row.user_id)
    if user is None:
        user = User(id=row.user_id, language=row.languages[0], first_name=row.name[:128])
        user.roles = []
        await users_repo.add(session, user)
    return user


async def _upsert(session: AsyncSession, actor: Actor, row: EntryRow) -> int:
    user = await _person(session, row)
    grant = Grant(Role.FOCAL_POINT, row.country, tuple(Convention(c) for c in row.conventions))
    current = next((g for g in user.roles if g.role == Role.FOCAL_POINT.value), None)
    if current is None or (current.country, list(current.conventions)) != (
        row.country,
        list(row.conventions),
    ):
        await apply_grant(session, user, grant, actor_id=actor.user_id, actor_label=actor.label)
    entry = await fp_repo.get(session, row.user_id)
    created = entry is None
    if entry is None:
        entry = FocalPoint(user_id=row.user_id)
    entry.country, entry.conventions, entry.role = row.country, list(row.conventions), row.role
    entry.languages, entry.backup_id, entry.name = list(row.languages), row.backup_id, row.name
    await fp_repo.add(session, entry)
    await _audit(session, actor, row.user_id, "added" if created else "updated", entry)
    return int(created)


async def remove(session: AsyncSession, actor: Actor, user_id: int) -> None:
    """Take someone out of the directory and revoke their focal point role."""
    actor.require(Role.ADMIN)
    entry = await fp_repo.get(session, user_id)
    if entry is None:
        raise NotFound("focal_point", user_id)
    await _audit(session, actor, user_id, "removed", entry)
    await fp_repo.delete(session, entry)
    grant = await users_repo.grant_of(session, user_id, Role.FOCAL_POINT.value)
    if grant is not None:
        await users_repo.delete_grant(session, grant)
        await audit_repo.append(
            session, actor_id=actor.user_id, actor_label=actor.label, action="role.revoked",
            subject_type="user", subject_id=str(user_id),
            details={"role": Role.FOCAL_POINT.value, "country": grant.country},
        )  # fmt: skip
    await session.commit()


async def _audit(
    session: AsyncSession, actor: Actor, user_id: int, what: str, entry: FocalPoint
) -> None:
    await audit_repo.append(
        session, actor_id=actor.user_id, actor_label=actor.label, action=f"focal_point.{what}",
        subject_type="focal_point", subject_id=str(user_id), details=entry.as_details(),
    )  # fmt: skip
