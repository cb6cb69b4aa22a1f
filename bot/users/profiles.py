"""A user's profile: created on first contact, then language, country and time zone.

Onboarding ends when language and country are confirmed (and a zone chosen where the country
has several); the user then holds the officer role, the default for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.errors import InvalidInput
from bot.geo import OTHER_COUNTRY, countries, is_known_country
from bot.i18n import SUPPORTED_LOCALES, normalize_locale
from bot.users.grants import apply_grant
from bot.users.roles import Actor, Convention, Grant, Role
from db.models import User
from db.repositories import users as users_repo


@dataclass(frozen=True)
class TelegramIdentity:
    """What Telegram tells us about a user, without aiogram types."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


def actor_of(user: User) -> Actor:
    grants = {
        Role(grant.role): Grant(
            Role(grant.role),
            grant.country,
            tuple(Convention(value) for value in grant.conventions or ()),
        )
        for grant in user.roles
    }
    return Actor(
        user_id=user.id,
        grants=grants,
        language=user.language,
        timezone=user.timezone,
        country=user.country,
    )


def _refresh_identity(user: User, ident: TelegramIdentity) -> bool:
    changed = False
    for attr, value in (
        ("first_name", ident.first_name[:128]),
        ("last_name", (ident.last_name or None) and ident.last_name[:128]),
        ("username", ident.username),
        ("telegram_language", ident.language_code),
    ):
        if getattr(user, attr) != value:
            setattr(user, attr, value)
            changed = True
    return changed


async def touch(
    session: AsyncSession,
    ident: TelegramIdentity,
    *,
    default_locale: str,
    admin_ids: frozenset[int],
) -> User:
    """Find or create the user behind an update and keep their Telegram identity current.

    Admins listed in ADMIN_IDS get the admin role on first contact (recorded in the audit log).
    """
    user = await users_repo.get(session, ident.id)
    changed = False
    if user is None:
        language = normalize_locale(ident.language_code, default_locale)
        user = User(id=ident.id, language=language, roles=[])
        _refresh_identity(user, ident)
        await users_repo.add(session, user)
        changed = True
    else:
        changed = _refresh_identity(user, ident)
        if user.unreachable_at is not None:  # they reach out, so Telegram delivers again
            user.unreachable_at = None
            changed = True
    if ident.id in admin_ids and not any(g.role == Role.ADMIN for g in user.roles):
        await apply_grant(session, user, Grant(Role.ADMIN), actor_id=None, actor_label="bootstrap")
        changed = True
    if changed:
        await session.commit()
    return user


async def set_language(session: AsyncSession, user: User, language: str) -> None:
    if language not in SUPPORTED_LOCALES:
        raise InvalidInput("language", "unsupported")
    user.language = language
    await session.commit()


async def set_country(session: AsyncSession, user: User, code: str) -> tuple[str, ...]:
    """Set the country; returns the zones to choose from when there is more than one.

    A country with one zone sets it; 'other' keeps the current zone until the user picks one.
    """
    if not is_known_country(code):
        raise InvalidInput("country", "unknown")
    user.country = code
    zones: tuple[str, ...] = () if code == OTHER_COUNTRY else countries()[code].zones
    if len(zones) == 1:
        user.timezone = zones[0]
    await session.commit()
    return zones if len(zones) != 1 else ()


async def set_timezone(session: AsyncSession, user: User, zone: str) -> None:
    try:
        ZoneInfo(zone)
    except (ValueError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise InvalidInput("timezone", "unknown") from exc
    user.timezone = zone
    await session.commit()


async def complete_onboarding(session: AsyncSession, user: User, clock: Clock) -> bool:
    """Mark onboarding done and make the user an officer; False if they were already onboarded."""
    if user.onboarded_at is not None:
        return False
    user.onboarded_at = clock.now()
    if not user.roles:
        await apply_grant(
            session, user, Grant(Role.OFFICER), actor_id=user.id, actor_label="onboarding"
        )
    await session.commit()
    return True
