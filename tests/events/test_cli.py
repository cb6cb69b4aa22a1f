"""`popsbot events` and `popsbot broadcast` as an operator uses them (click's CliRunner)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import main
from db.engine import build_engine, build_sessionmaker
from db.models import OutboxMessage
from tests.events.conftest import SEED, SEED_CODE, add_user


@pytest.fixture
def cli(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.chdir(str(sqlite_url.rsplit("/", 1)[0].removeprefix("sqlite+aiosqlite://")))
    return CliRunner()


def run_db(url: str, work):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        engine = build_engine(url)
        try:
            async with build_sessionmaker(engine)() as session:
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(go())


def test_import_the_seed_twice_and_list_registrations(cli: CliRunner) -> None:
    result = cli.invoke(main, ["events", "import", str(SEED), "--owner", "900"])
    assert result.exit_code == 0, result.output
    assert result.output == f"created\t{SEED_CODE}\t2025-09-18T14:00:00+00:00\n"
    again = cli.invoke(main, ["events", "import", str(SEED)])
    assert again.output.startswith(f"unchanged\t{SEED_CODE}")
    counts = cli.invoke(main, ["events", "registrations", SEED_CODE])
    assert counts.output == "registered\t0\nconfirmed\t0\n"
    listed = cli.invoke(main, ["events", "registrations", SEED_CODE, "--csv"])
    assert listed.output.startswith("telegram_id,name,username,country,language")


def test_every_shipped_event_file_is_valid(cli: CliRunner) -> None:
    result = cli.invoke(main, ["events", "check"])
    assert result.exit_code == 0, result.output
    assert f"ok\t{SEED_CODE}\t" in result.output


def test_a_bad_file_is_explained(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "code: X1-BAD\ntitle: {en: ''}\ntimezone: Mars/Olympus\n"
        "start: '2026-12-01T10:00'\nend: '2026-12-01T09:00'\nreminders: [P1M]\n",
        encoding="utf-8",
    )
    assert cli.invoke(main, ["events", "check", str(bad)]).exit_code == 1
    result = cli.invoke(main, ["events", "import", str(bad)])
    assert result.exit_code == 1
    assert "title: Value error, needs a text in at least one language" in result.output
    assert "timezone: Value error, unknown time zone 'Mars/Olympus'" in result.output
    assert "reminders: Value error, not an ISO-8601 duration" in result.output
    unknown = cli.invoke(main, ["events", "registrations", "NOPE-1"])
    assert unknown.exit_code == 1
    assert "refused: event 'NOPE-1' not found" in unknown.output


def test_broadcast_send_and_report(cli: CliRunner, sqlite_url: str) -> None:
    async def people(session):  # type: ignore[no-untyped-def]
        await add_user(session, 41, language="es", country="PE")
        await add_user(session, 42, language="en", country="TT", zone="America/Port_of_Spain")

    run_db(sqlite_url, people)
    result = cli.invoke(
        main,
        ["broadcast", "send", "--audience", "country:PE,TT", "--text", "Slides <soon>",
         "--text-es", "Diapositivas pronto", "--at", "2099-01-01T09:00-04:00"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == "broadcast 1: 2 recipients, from 2099-01-01T13:00:00+00:00\n"

    async def rows(session):  # type: ignore[no-untyped-def]
        return list((await session.execute(select(OutboxMessage))).scalars())

    sent = run_db(sqlite_url, rows)
    assert [row.recipient_id for row in sent] == [41, 42]
    assert sent[1].payload["texts"]["en"].endswith("Slides &lt;soon&gt;")  # plain text, escaped
    assert sent[0].payload["texts"]["es"].endswith("Diapositivas pronto")
    report = cli.invoke(main, ["broadcast", "report", "1"])
    assert report.output.startswith("broadcast 1 (country:PE,TT, queued): pending=2 sending=0")


def test_broadcast_refusals(cli: CliRunner) -> None:
    naive = cli.invoke(main, ["broadcast", "send", "--audience", "all", "--text", "x",
                              "--at", "2099-01-01T09:00"])  # fmt: skip
    assert naive.exit_code == 2
    assert "add the UTC offset" in naive.output
    bad = cli.invoke(main, ["broadcast", "send", "--audience", "planet:mars", "--text", "x"])
    assert bad.exit_code == 1
    assert "refused: audience: kind" in bad.output
    empty = cli.invoke(main, ["broadcast", "send", "--audience", "all", "--text", "x"])
    assert "refused: audience: empty" in empty.output
