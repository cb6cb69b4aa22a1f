"""What the middlewares put in front of every handler, declared once.

Handlers take these as named parameters (`session`, `user`, `actor`, `services`); they never
dig in aiogram's `data` dict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.config import Settings
from bot.knowledge.catalogue import Catalogue
from bot.users.roles import Actor
from db.models import User

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.utils.i18n import I18n


@dataclass
class Services:
    """Long-lived collaborators, built once by the composition root (bot.app.builders)."""

    settings: Settings
    clock: Clock
    sessionmaker: async_sessionmaker[AsyncSession]
    catalogue: Catalogue
    bot_username: str = "popsbot"
    # Called after a transaction that queued deliveries commits, so the sender does not wait
    # for its next tick; the delivery worker installs the real one at start.
    wake_delivery: Callable[[], None] = field(default=lambda: None)
    # The Bot API client, for scheduled jobs that edit messages (the broadcasts' live delivery
    # report). The composition root sets it; None only in services built by hand in tests.
    bot: Bot | None = None


class HandlerData(TypedDict, total=False):
    services: Services
    session: AsyncSession
    user: User
    actor: Actor
    i18n: I18n
