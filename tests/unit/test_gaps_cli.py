"""`popsbot content gaps` reads the questions the bot logged, grouped and counted."""

from __future__ import annotations

import asyncio

import pytest
from click.testing import CliRunner

from bot import questions
from bot.cli.gaps import gaps
from bot.clock import FrozenClock
from db.engine import build_engine, build_sessionmaker


def test_gaps_lists_questions_by_frequency(
    sqlite_url: str, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def ask() -> None:
        engine = build_engine(sqlite_url)
        async with build_sessionmaker(engine)() as session:
            for text in ("glyphosate", "Glyphosate!", "paraquat"):
                await questions.log_unanswered(session, None, text, "en", clock)
        await engine.dispose()

    asyncio.run(ask())
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(gaps, [])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("2\t2026-03-08 06:30\t")
    assert lines[2].endswith("\tparaquat")
    assert CliRunner().invoke(gaps, ["--since", "2030-01-01"]).output.strip() == (
        "no unanswered questions"
    )
