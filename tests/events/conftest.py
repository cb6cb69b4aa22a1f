"""Events tests: the seed workshop, users in the six countries, a clock before the workshop.

The seed is a past event (18 September 2025) relative to the project's today, so every test
that shows or reminds stands on a controlled clock before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FrozenClock
from bot.events import manage
from bot.events.importer import EVENTS_DIR, load_spec
from bot.events.spec import EventSpec
from bot.users.grants import apply_grant
from bot.users.roles import Actor, Grant, Role
from db.models import Event, OutboxMessage, User
from tests.harness import BotHarness, Chat

SEED = EVENTS_DIR / "lac-pops-hs-2025.yaml"
SEED_CODE = "LAC-POPS-HS-2025"
BEFORE_SEED = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)  # 17 days before the workshop


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(BEFORE_SEED)


@pytest.fixture
def seed_spec() -> EventSpec:
    return load_spec(SEED)


async def add_user(
    session: AsyncSession,
    user_id: int,
    *,
    language: str = "en",
    country: str | None = "PE",
    zone: str = "America/Lima",
    roles: Sequence[Role] = (Role.OFFICER,),
    onboarded: bool = True,
) -> User:
    user = User(
        id=user_id, first_name=f"User{user_id}", language=language, country=country,
        timezone=zone, roles=[], onboarded_at=BEFORE_SEED if onboarded else None,
    )  # fmt: skip
    session.add(user)
    await session.flush()
    for role in roles:
        where = country if role == Role.FOCAL_POINT else None
        await apply_grant(session, user, Grant(role, where), actor_id=None, actor_label="test")
    await session.commit()
    return user


def organizer(user_id: int = 900) -> Actor:
    return Actor(user_id=user_id, grants={Role.ORGANIZER: Grant(Role.ORGANIZER)})


async def import_seed(session: AsyncSession, clock: FrozenClock, owner: int | None = 900) -> Event:
    return await manage.create_event(
        session, Actor.system(), load_spec(SEED), clock, owner_id=owner, allow_past=True
    )


async def outbox_rows(session: AsyncSession, prefix: str = "") -> list[OutboxMessage]:
    stmt = select(OutboxMessage).order_by(OutboxMessage.id)
    if prefix:
        stmt = stmt.where(OutboxMessage.purpose.startswith(prefix))
    return list((await session.execute(stmt)).scalars())


async def onboard(harness: BotHarness, user_id: int, language: str, country: str) -> Chat:
    """A person who went through /start: language button, then country button."""
    names = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}
    chat = harness.chat(user_id, language=language)
    await chat.say("/start")
    await chat.press(names[language])
    await chat.press(country)
    return chat
