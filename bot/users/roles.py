"""Roles, conventions and the Actor every service checks permissions against.

Permissions live here and in the services, never only in which buttons a user is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from bot.errors import PermissionDenied


class Role(StrEnum):
    OFFICER = "officer"
    FOCAL_POINT = "focal_point"
    ORGANIZER = "organizer"
    ADMIN = "admin"


class Convention(StrEnum):
    STOCKHOLM = "stockholm"
    BASEL = "basel"
    ROTTERDAM = "rotterdam"


@dataclass(frozen=True)
class Grant:
    role: Role
    country: str | None = None
    conventions: tuple[Convention, ...] = ()


@dataclass(frozen=True)
class Actor:
    """Who is acting: a Telegram user with their grants, or the operator at the command line."""

    user_id: int | None
    grants: Mapping[Role, Grant] = field(default_factory=dict)
    language: str = "en"
    timezone: str = "UTC"
    country: str | None = None
    is_system: bool = False

    @classmethod
    def system(cls) -> Actor:
        """The shell operator (`popsbot users grant ...`): has server access, so every right."""
        return cls(user_id=None, is_system=True)

    @property
    def label(self) -> str:
        return "cli" if self.is_system else "user"

    def has(self, role: Role) -> bool:
        return self.is_system or role in self.grants

    def require(self, *roles: Role) -> None:
        """Pass if the actor holds any of `roles`; admins pass every check."""
        if self.is_system or Role.ADMIN in self.grants:
            return
        if not any(role in self.grants for role in roles):
            raise PermissionDenied(roles[0].value if roles else "admin")

    def grant(self, role: Role) -> Grant | None:
        return self.grants.get(role)


def ordered(conventions: object) -> tuple[Convention, ...]:
    """Unique conventions in the usual order: Stockholm, Basel, Rotterdam."""
    chosen = {Convention(value) for value in conventions}  # type: ignore[attr-defined]
    return tuple(c for c in Convention if c in chosen)


def parse_conventions(values: list[str] | tuple[str, ...]) -> tuple[Convention, ...]:
    """Conventions typed by a person; unknown names raise ValueError for the caller to report."""
    return ordered(value.strip().lower() for value in values if value.strip())
