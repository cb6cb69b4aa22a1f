"""Migrations are code: each revision upgrades, downgrades and upgrades again (the stairway),
and the models match the migrated schema (no change left un-migrated)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from db import migrate
from db.base import Base


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'stairs.sqlite3'}"
        return
    url = str(request.getfixturevalue("postgres_url"))
    migrate.downgrade(url, "base")
    yield url
    migrate.upgrade(url)  # leave the session database as the other tests expect it


def test_stairway(empty_db: str) -> None:
    revisions = migrate.revisions(empty_db)
    assert revisions, "no migrations found"
    previous = "base"
    for revision in revisions:
        migrate.upgrade(empty_db, revision)
        migrate.downgrade(empty_db, previous)
        migrate.upgrade(empty_db, revision)
        assert migrate.current_revision(empty_db) == revision
        previous = revision


def test_models_match_migrations(empty_db: str) -> None:
    migrate.upgrade(empty_db)

    async def diff() -> list[object]:
        engine = create_async_engine(empty_db)
        async with engine.connect() as conn:
            result = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
        await engine.dispose()
        return list(result)

    assert asyncio.run(diff()) == []
