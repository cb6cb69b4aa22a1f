"""`popsbot outbox status` and `popsbot outbox retry --failed`, as an operator types them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from bot.cli import main
from db.engine import build_engine, build_sessionmaker
from db.models import OutboxMessage
from tests.delivery.conftest import queue


@pytest.fixture
def cli(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.chdir(str(sqlite_url.rsplit("/", 1)[0].removeprefix("sqlite+aiosqlite://")))
    return CliRunner()


def seed(url: str) -> None:
    async def work() -> None:
        engine = build_engine(url)
        maker = build_sessionmaker(engine)
        now = datetime.now(UTC)
        await queue(maker, "broadcast:7", [1, 2, 3, 4], now)
        await queue(maker, "case.alert:CR-1", [5], now)
        async with maker() as session:
            for recipient, status, error in (
                (1, "sent", None), (2, "failed", "400 Bad Request: chat not found"),
                (3, "skipped", "unreachable: 403 Forbidden: bot was blocked by the user"),
            ):  # fmt: skip
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.recipient_id == recipient)
                    .values(status=status, last_error=error)
                )
            await session.commit()
        await engine.dispose()

    asyncio.run(work())


def test_status_counts_by_purpose_and_state(cli: CliRunner, sqlite_url: str) -> None:
    assert "the outbox is empty" in cli.invoke(main, ["outbox", "status"]).output
    seed(sqlite_url)
    result = cli.invoke(main, ["outbox", "status"])
    assert result.exit_code == 0, result.output
    header, broadcast, case = result.output.strip().splitlines()
    assert header.split() == ["purpose", "pending", "sending", "sent", "failed", "skipped",
                              "unreachable"]  # fmt: skip
    assert broadcast.split() == ["broadcast:7", "1", "0", "1", "1", "0", "1"]
    assert case.split() == ["case.alert:CR-1", "1", "0", "0", "0", "0", "0"]
    only = cli.invoke(main, ["outbox", "status", "--purpose", "case."]).output
    assert "broadcast:7" not in only


def test_retry_failed_queues_them_again(cli: CliRunner, sqlite_url: str) -> None:
    seed(sqlite_url)
    result = cli.invoke(main, ["outbox", "retry", "--failed"])
    assert result.exit_code == 0, result.output
    assert "1 failed message(s) queued again" in result.output
    row = cli.invoke(main, ["outbox", "status"]).output.splitlines()[1].split()
    assert row == ["broadcast:7", "2", "0", "1", "0", "0", "1"]
    assert "0 failed" in cli.invoke(main, ["outbox", "retry", "--failed"]).output


def test_retry_needs_the_flag(cli: CliRunner) -> None:
    result = cli.invoke(main, ["outbox", "retry"])
    assert result.exit_code == 2
    assert "--failed" in result.output
