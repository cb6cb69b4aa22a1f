"""Reaching the real PostgreSQL and Redis of this machine (or CI), or saying why not.

Locally an unreachable server skips its tests with the reason. With POPSBOT_REQUIRE_SERVICES=1
(set by .ci/run) it fails them instead: CI must never go green by skipping.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from db import migrate

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url.replace("+asyncpg", ""))
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def require(url: str, default_port: int, what: str) -> None:
    if _reachable(url, default_port):
        return
    message = f"{what} not reachable at {url} (run scripts/ensure-services.sh)"
    if os.environ.get("POPSBOT_REQUIRE_SERVICES") == "1":
        pytest.fail(message + "; POPSBOT_REQUIRE_SERVICES=1 forbids skipping")
    pytest.skip(message)


def require_postgres() -> None:
    require(POSTGRES_URL, 5432, "PostgreSQL")


def require_redis() -> None:
    require(REDIS_URL, 6379, "Redis")


@contextmanager
def fresh_postgres_database(prefix: str) -> Iterator[str]:
    """A new, migrated database on the real server, dropped afterwards (even if connections
    are still open). For tests whose commits must be real rather than rolled back."""
    require_postgres()
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        engine = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(sql))
        await engine.dispose()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        migrate.upgrade(url)
        yield url
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
