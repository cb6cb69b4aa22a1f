"""Delivery fixtures: the in-process sandbox, a Bot on it, and the services bundle.

`services` runs on SQLite and PostgreSQL (the shared `sessionmaker` fixture; on PostgreSQL a
rolled-back outer transaction). Tests that need real commits seen by other connections
(two workers racing for rows) use `committed_sessionmakers` on a dedicated database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import datetime

import pytest
from aiogram import Bot
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock, FrozenClock
from bot.config import Settings
from bot.delivery import outbox
from bot.delivery.messages import OutboundMessage
from bot.knowledge.catalogue import default_catalogue
from bot.sandbox import SANDBOX_TOKEN, FakeTelegram, SandboxSession
from db.engine import build_engine, build_sessionmaker
from db.models import OutboxMessage, User
from handlers.deps import Services
from tests.services import fresh_postgres_database

HELLO = OutboundMessage(texts={"en": "Hello", "es": "Hola"})


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    yield fake
    await fake.close()


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    bot = Bot(SANDBOX_TOKEN, session=SandboxSession(fake))
    yield bot
    await bot.session.close()


def make_services(
    settings: Settings, clock: Clock, sessionmaker: async_sessionmaker[AsyncSession]
) -> Services:
    return Services(
        settings=settings, clock=clock, sessionmaker=sessionmaker, catalogue=default_catalogue()
    )


@pytest.fixture
def services(
    settings: Settings, clock: FrozenClock, sessionmaker: async_sessionmaker[AsyncSession]
) -> Services:
    return make_services(settings, clock, sessionmaker)


async def add_people(
    sessionmaker: async_sessionmaker[AsyncSession],
    fake: FakeTelegram | None,
    ids: Sequence[int],
    language: str = "en",
) -> None:
    """Telegram accounts that started the bot, and their popsbot profiles."""
    async with sessionmaker() as session:
        for user_id in ids:
            if fake is not None and user_id not in fake.users:
                fake.add_user(user_id, f"U{user_id}", language_code=language, started=True)
            session.add(User(id=user_id, first_name=f"U{user_id}", language=language, roles=[]))
        await session.commit()


async def queue(
    sessionmaker: async_sessionmaker[AsyncSession],
    purpose: str,
    ids: Sequence[int],
    due_at: datetime,
    message: OutboundMessage = HELLO,
    expires_at: datetime | None = None,
) -> int:
    async with sessionmaker() as session:
        added = await outbox.enqueue_many(
            session, purpose=purpose, recipient_ids=ids, message=message, due_at=due_at,
            expires_at=expires_at,
        )  # fmt: skip
        await session.commit()
    return added


@pytest.fixture(scope="session")
def delivery_pg_url() -> Iterator[str]:
    """A dedicated PostgreSQL database whose commits are real (not rolled back)."""
    with fresh_postgres_database("popsbot_delivery") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def committed_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    if request.param == "sqlite":
        return sqlite_url
    return str(request.getfixturevalue("delivery_pg_url"))


@pytest.fixture
async def committed_sessionmaker(
    committed_url: str,
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on an engine of its own, with real commits, emptied after the test."""
    engine = build_engine(committed_url)
    maker = build_sessionmaker(engine)
    yield maker
    async with maker() as session:
        await session.execute(delete(OutboxMessage))
        await session.execute(delete(User))
        await session.commit()
    await engine.dispose()
