"""The command line as an operator uses it: roles, invitations, migrations, refusals."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from bot.cli import main


@pytest.fixture
def cli(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.chdir(str(sqlite_url.rsplit("/", 1)[0].removeprefix("sqlite+aiosqlite://")))
    return CliRunner()


def test_grant_list_and_revoke(cli: CliRunner) -> None:
    result = cli.invoke(
        main, ["users", "grant", "555", "focal_point", "--country", "bo", "--convention", "basel",
               "--convention", "stockholm"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "granted focal_point to 555 country=BO conventions=stockholm,basel" in result.output
    listed = cli.invoke(main, ["users", "list"]).output
    assert "555\t555\tfocal_point[BO:stockholm+basel]" in listed
    assert cli.invoke(main, ["users", "revoke", "555", "focal_point"]).exit_code == 0
    assert "555" not in cli.invoke(main, ["users", "list"]).output


def test_refusals_are_clear(cli: CliRunner) -> None:
    result = cli.invoke(main, ["users", "grant", "556", "focal_point"])
    assert result.exit_code == 1
    assert "refused: country: required_for_focal_point" in result.output
    result = cli.invoke(main, ["users", "grant", "556", "wizard"])
    assert result.exit_code == 2
    assert "'wizard' is not one of" in result.output
    result = cli.invoke(main, ["users", "revoke", "556", "organizer"])
    assert result.exit_code == 1


def test_invitation_link_without_a_token(cli: CliRunner) -> None:
    result = cli.invoke(main, ["invites", "create", "--role", "organizer", "--hours", "2"])
    assert result.exit_code == 0, result.output
    assert re.match(r"/start inv_[\w-]{12}\nsingle use, valid until .+ UTC", result.output)
    result = cli.invoke(
        main, ["invites", "create", "--role", "organizer", "--bot-username", "popsbot_bot"]
    )
    assert re.match(r"https://t.me/popsbot_bot\?start=inv_[\w-]{12}\n", result.output)


def test_db_commands(cli: CliRunner) -> None:
    result = cli.invoke(main, ["db", "current"])
    assert result.exit_code == 0
    head = result.output.split("latest: ")[1].strip()
    assert result.output.startswith(f"current: {head};")
    assert "database at revision 0001" in cli.invoke(main, ["db", "downgrade", "0001"]).output
    assert f"database at revision {head}" in cli.invoke(main, ["db", "upgrade"]).output


def test_bad_settings_are_reported_not_traced(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_TOKEN", "changeme")
    result = cli.invoke(main, ["run"])
    assert result.exit_code == 1
    assert "invalid settings: BOT_TOKEN" in result.output
    monkeypatch.delenv("BOT_TOKEN")
    result = cli.invoke(main, ["run"])
    assert "BOT_TOKEN is not set" in result.output
    monkeypatch.setenv("BOT_TOKEN", "123456:abcdefghijklmnop")
    result = cli.invoke(main, ["run", "--webhook"])
    assert "webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET" in result.output


@pytest.mark.postgres
def test_run_refuses_an_unmigrated_postgres(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db import migrate

    migrate.downgrade(postgres_url, "0001")
    try:
        monkeypatch.setenv("DATABASE_URL", postgres_url)
        monkeypatch.setenv("BOT_TOKEN", "123456:abcdefghijklmnop")
        result = CliRunner().invoke(main, ["run"])
        assert result.exit_code == 1
        assert "run `popsbot db upgrade`" in result.output
    finally:
        migrate.upgrade(postgres_url)


def test_help_lists_every_command(cli: CliRunner) -> None:
    output = cli.invoke(main, ["--help"]).output
    for command in ("run", "console", "db", "users", "invites", "ask", "content"):
        assert re.search(rf"^  {command}\s", output, re.M), command
