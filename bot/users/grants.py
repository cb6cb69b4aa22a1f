"""Granting and revoking roles: admins and the shell operator only; every change audited."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InvalidInput, NotFound
from bot.geo import countries
from bot.users.roles import Actor, Grant, Role, ordered
from db.models import AuditEntry, RoleGrant, User
from db.repositories import audit as audit_repo
from db.repositories import users as users_repo


def validate_grant(grant: Grant) -> Grant:
    """Focal points need a served country and at least one convention (Stockholm by default)."""
    if grant.role == Role.FOCAL_POINT:
        if not grant.country or grant.country not in countries():
            raise InvalidInput("country", "required_for_focal_point")
        return Grant(grant.role, grant.country, ordered(grant.conventions or ("stockholm",)))
    if grant.country is not None and grant.country not in countries():
        raise InvalidInput("country", "unknown")
    return Grant(grant.role, grant.country, ())


async def apply_grant(
    session: AsyncSession, user: User, grant: Grant, *, actor_id: int | None, actor_label: str
) -> RoleGrant:
    """Create or update one grant and audit it. Callers have checked the right to do so."""
    grant = validate_grant(grant)
    existing = next((g for g in user.roles if g.role == grant.role), None)
    conventions = [c.value for c in grant.conventions]
    before = None
    if existing is None:
        existing = RoleGrant(
            role=grant.role.value,
            country=grant.country,
            conventions=conventions,
            granted_by=actor_id,
        )
        user.roles.append(existing)
        action = "role.granted"
    else:
        before = {"country": existing.country, "conventions": list(existing.conventions)}
        existing.country, existing.conventions = grant.country, conventions
        existing.granted_by = actor_id
        action = "role.updated"
    await session.flush()
    details: dict[str, object] = {
        "role": grant.role.value,
        "country": grant.country,
        "conventions": conventions,
    }
    if before is not None:
        details["before"] = before
    await audit_repo.append(
        session,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        subject_type="user",
        subject_id=str(user.id),
        details=details,
    )
    return existing


async def _user_or_placeholder(session: AsyncSession, user_id: int, language: str) -> User:
    """Admins may pre-provision someone who has not opened the bot yet."""
    user = await users_repo.get(session, user_id)
    if user is None:
        user = await users_repo.add(session, User(id=user_id, language=language, roles=[]))
    return user


async def grant_role(session: AsyncSession, actor: Actor, user_id: int, grant: Grant) -> RoleGrant:
    actor.require(Role.ADMIN)
    if user_id <= 0:
        raise InvalidInput("user_id", "invalid")
    user = await _user_or_placeholder(session, user_id, actor.language)
    result = await apply_grant(
        session, user, grant, actor_id=actor.user_id, actor_label=actor.label
    )
    await session.commit()
    return result


async def revoke_role(session: AsyncSession, actor: Actor, user_id: int, role: Role) -> None:
    """Remove a role; the last admin cannot be removed, so popsbot is never left unmanaged."""
    actor.require(Role.ADMIN)
    grant = await users_repo.grant_of(session, user_id, role.value)
    if grant is None:
        raise NotFound("role", (user_id, role.value))
    if role == Role.ADMIN and await users_repo.count_role(session, Role.ADMIN.value) <= 1:
        raise InvalidInput("role", "last_admin")
    await users_repo.delete_grant(session, grant)
    await audit_repo.append(
        session,
        actor_id=actor.user_id,
        actor_label=actor.label,
        action="role.revoked",
        subject_type="user",
        subject_id=str(user_id),
        details={"role": role.value, "country": grant.country},
    )
    await session.commit()


async def list_staff(
    session: AsyncSession, actor: Actor, role: Role | None = None, limit: int = 50
) -> Sequence[User]:
    actor.require(Role.ADMIN)
    return await users_repo.with_roles(session, role=role.value if role else None, limit=limit)


async def find_person(session: AsyncSession, actor: Actor, text: str) -> int | None:
    """A Telegram id from what an admin typed: digits, or the @username of a known user."""
    actor.require(Role.ADMIN)
    text = text.strip()
    if text.isdigit():
        value = int(text)
        return value if 0 < value < 2**63 else None
    if not text or len(text) > 64:
        return None
    found = await users_repo.by_username(session, text)
    return found.id if found else None


async def person(session: AsyncSession, actor: Actor, user_id: int) -> User | None:
    actor.require(Role.ADMIN)
    return await users_repo.get(session, user_id)


async def recent_changes(
    session: AsyncSession, actor: Actor, limit: int = 15
) -> Sequence[AuditEntry]:
    actor.require(Role.ADMIN)
    return await audit_repo.recent(session, limit=limit)
