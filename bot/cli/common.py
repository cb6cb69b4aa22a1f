"""What every command needs: settings with a readable error, a prepared database, a session."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from db import migrate
from db.engine import build_engine, build_sessionmaker

T = TypeVar("T")


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']).upper() or 'settings'}: {err['msg']}"
            for err in exc.errors()
        )
        raise click.ClickException(f"invalid settings: {problems}") from None


def prepare_database(settings: Settings) -> None:
    """Apply migrations on the embedded SQLite default; on PostgreSQL insist they were applied
    (deployments run `popsbot db upgrade` once, before starting the replicas)."""
    if settings.is_sqlite:
        migrate.upgrade(settings.database_url)
        return
    if not migrate.is_up_to_date(settings.database_url):
        raise click.ClickException("the database schema is not current: run `popsbot db upgrade`")


def with_session(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run one unit of work in a fresh session on a prepared database."""
    prepare_database(settings)

    async def run() -> T:
        engine = build_engine(settings.database_url)
        try:
            async with build_sessionmaker(engine)() as session:
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(run())
