"""Shared fixtures: settings, migrated databases (SQLite and real PostgreSQL), a frozen clock.

Databases are migrated with Alembic, as in production. SQLite: one migrated template file per
test session, copied for each test. PostgreSQL: one fresh database per test session, and each
test inside a transaction that is rolled back (services' commits become savepoints).
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app.runtime import build_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.i18n import compile_catalogues
from bot.sandbox import FakeTelegram, SandboxSession
from db import migrate
from db.engine import build_engine
from tests.harness import BotHarness
from tests.services import fresh_postgres_database

TEST_TOKEN = "100000:sandbox-token-for-tests"


def pytest_configure(config: pytest.Config) -> None:
    compile_catalogues()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    migrate.upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "popsbot.sqlite3"
    shutil.copy(sqlite_template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated database on the real server for this test session, dropped after."""
    with fresh_postgres_database("popsbot_test") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run a test on both backends: the embedded default and the scale-out one."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def sessionmaker(db_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions for a test; on PostgreSQL inside one outer transaction, rolled back at the end."""
    engine = build_engine(db_url)
    if db_url.startswith("sqlite"):
        yield async_sessionmaker(engine, expire_on_commit=False)
        await engine.dispose()
        return
    async with engine.connect() as connection:
        outer = await connection.begin()
        yield async_sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        await outer.rollback()
    await engine.dispose()


@pytest.fixture
async def session(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        yield session


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 3, 8, 6, 30, tzinfo=UTC))  # a US DST-change morning


@pytest.fixture
async def harness(settings: Settings, clock: FrozenClock) -> AsyncIterator[BotHarness]:
    """A running popsbot (real Dispatcher, handlers, middlewares, SQLite) on the sandbox."""
    fake = FakeTelegram()
    app = build_app(settings, clock=clock, bot_session=SandboxSession(fake))
    await app.start()
    try:
        yield BotHarness(app, fake)
    finally:
        await app.close()
        await fake.close()


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TEST_TOKEN,  # type: ignore[arg-type]
        database_url=sqlite_url,
        admin_ids=[1],
        default_locale="en",
    )
