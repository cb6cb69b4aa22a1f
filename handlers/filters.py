"""Role filters for parent routers, and the button prefixes that belong to a role.

Filters only decide which router handles an update; services check the role again. The
prefix table lets the fallback tell "you may not press this" from "this button is stale".
"""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData

from bot.users.roles import Actor, Role

PROTECTED_PREFIXES: dict[str, tuple[Role, ...]] = {}
PROTECTED_COMMANDS: dict[str, tuple[Role, ...]] = {}


def protect(
    *classes: type[CallbackData], roles: tuple[Role, ...], commands: tuple[str, ...] = ()
) -> None:
    for cls in classes:
        PROTECTED_PREFIXES[cls.__prefix__] = roles
    for command in commands:
        PROTECTED_COMMANDS[command] = roles


class HasRole(Filter):
    """True when the actor holds one of the roles; admins hold every role for this purpose."""

    def __init__(self, *roles: Role) -> None:
        self.roles = roles

    async def __call__(self, *_: Any, actor: Actor | None = None, **__: Any) -> bool:
        if actor is None:
            return False
        return actor.has(Role.ADMIN) or any(actor.has(role) for role in self.roles)


def _holds(roles: tuple[Role, ...] | None, actor: Actor | None) -> bool:
    if roles is None:
        return True
    return actor is not None and (actor.has(Role.ADMIN) or any(actor.has(r) for r in roles))


def allowed_for(prefix: str, actor: Actor | None) -> bool:
    """May `actor` press buttons with this callback prefix?"""
    return _holds(PROTECTED_PREFIXES.get(prefix), actor)


def is_protected_command(command: str) -> bool:
    return command in PROTECTED_COMMANDS
