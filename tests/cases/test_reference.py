"""Case references: CR-<year>-<6 digits>, unique even when many are taken at once."""

from __future__ import annotations

import asyncio

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.cases import reference
from db.engine import build_engine, build_sessionmaker
from db.models import CaseCounter

YEAR = 2091  # a year no other test uses: the PostgreSQL database is shared by the session


def test_format_and_typed_references() -> None:
    assert reference.format_reference(2026, 123) == "CR-2026-000123"
    assert reference.format_reference(2026, 1_234_567) == "CR-2026-1234567"
    assert reference.normalize("cr 2026 123") == "CR-2026-000123"
    assert reference.normalize("CR-2026-000123") == "CR-2026-000123"
    assert reference.normalize("2026-123") is None


async def _allocate_concurrently(engine: AsyncEngine, count: int) -> list[str]:
    sessionmaker = build_sessionmaker(engine)

    async def one() -> str:
        async with sessionmaker() as session:
            ref = await reference.allocate(session, YEAR)
            await asyncio.sleep(0.01)  # hold the transaction open while others wait
            await session.commit()
            return ref

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def test_concurrent_submissions_never_share_a_number(db_url: str) -> None:
    """Separate connections, overlapping transactions, on both backends."""
    engine = build_engine(db_url)
    try:
        refs = await _allocate_concurrently(engine, 12)
        assert sorted(refs) == [reference.format_reference(YEAR, n) for n in range(1, 13)]
    finally:
        async with engine.begin() as connection:
            await connection.execute(delete(CaseCounter).where(CaseCounter.year == YEAR))
        await engine.dispose()
