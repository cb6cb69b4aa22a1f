"""Case references: CR-<year>-<6 digits>, one counter per year, never given twice."""

from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import cases as repo

PATTERN = re.compile(r"^CR-(\d{4})-(\d{6,})$")


def format_reference(year: int, number: int) -> str:
    return f"CR-{year}-{number:06d}"


async def allocate(session: AsyncSession, year: int) -> str:
    """The next reference of `year`, taken inside the caller's transaction."""
    return format_reference(year, await repo.next_number(session, year))


def normalize(text: str) -> str | None:
    """'cr-2026-123' or 'CR 2026 000123' as typed -> 'CR-2026-000123'."""
    cleaned = re.sub(r"[\s_]+", "-", text.strip().upper())
    match = re.match(r"^CR-?(\d{4})-?(\d{1,9})$", cleaned)
    return format_reference(int(match.group(1)), int(match.group(2))) if match else None
