"""`popsbot focal-points import|list|remove` and `popsbot cases export|list`.

The shell operator acts as the system actor: every directory change is audited as 'cli'.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NoReturn

import click
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import directory, export
from bot.cases.access import CasePolicy
from bot.cases.directory_csv import RowError, describe, parse
from bot.cli.common import load_settings, with_session
from bot.errors import DomainError
from bot.users.roles import Actor

SYSTEM = Actor.system()


@click.group("focal-points")
def focal_points() -> None:
    """The focal point directory: who receives each country's cases."""


@focal_points.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_cmd(file: Path) -> None:
    """Create or update directory entries from FILE.csv (columns: docs/cases.md).

    Every row is checked first; a file with any bad row imports nothing."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(f"{file}: not UTF-8 text (save the CSV as UTF-8)") from None
    rows, errors = parse(text)
    if errors:
        _reject(file, errors)

    async def work(session: AsyncSession) -> directory.ImportReport:
        return await directory.import_rows(session, SYSTEM, rows)

    try:
        report = with_session(load_settings(), work)
    except directory.DirectoryRejected as rejected:
        _reject(file, rejected.errors)
    click.echo(
        f"imported {len(rows)} focal point(s): {report.created} new, {report.updated} updated"
    )


def _reject(file: Path, errors: list[RowError]) -> NoReturn:
    for error in errors:
        click.echo(f"{file}: {describe(error)}", err=True)
    raise click.ClickException(f"{len(errors)} problem(s); nothing was imported")


@focal_points.command("list")
@click.option("--country", help="ISO code, e.g. BO.")
def list_cmd(country: str | None) -> None:
    """Directory entries, one per line (tab-separated)."""

    async def work(session: AsyncSession) -> list[str]:
        entries = await directory.entries(session, SYSTEM, country)
        return [
            "\t".join(
                [
                    str(e.user_id),
                    e.country,
                    "+".join(e.conventions),
                    e.role,
                    "+".join(e.languages),
                    str(e.backup_id or "-"),
                    e.name,
                ]
            )
            for e in entries
        ]

    lines = with_session(load_settings(), work)
    click.echo("telegram_id\tcountry\tconventions\trole\tlanguages\tbackup\tname")
    for line in lines:
        click.echo(line)


@focal_points.command("remove")
@click.argument("telegram_id", type=int)
def remove_cmd(telegram_id: int) -> None:
    """Take TELEGRAM_ID out of the directory and revoke their focal point role."""

    async def work(session: AsyncSession) -> None:
        await directory.remove(session, SYSTEM, telegram_id)

    try:
        with_session(load_settings(), work)
    except DomainError as exc:
        raise click.ClickException(f"refused: {exc}") from None
    click.echo(f"removed {telegram_id} from the directory")


@click.group("cases")
def cases() -> None:
    """Case reports: exports for inventories."""


@cases.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(export.FORMATS), default="csv", show_default=True
)
@click.option("--country", help="ISO code, e.g. BO; default: every country.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (UTC), YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day (UTC), YYYY-MM-DD.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="File to write; default: a dated name in the current directory ('-' for stdout).",
)  # fmt: skip
def export_cmd(
    fmt: str,
    country: str | None,
    since: datetime | None,
    until: datetime | None,
    output: Path | None,
) -> None:
    """Cases with HS codes, substances, quantities and outcomes, with summaries by country,
    POP and HS code and the time to acknowledge and to close (NIP inventories)."""
    settings = load_settings()
    first, last = _day(since), _day(until)
    if first and last and first > last:
        raise click.BadParameter("--since is after --until")

    async def work(session: AsyncSession) -> tuple[int, bytes]:
        from bot.knowledge.catalogue import default_catalogue

        found = await export.collect(
            session, SYSTEM, country=country, since=first, until=last,
            policy=CasePolicy.from_settings(settings),
        )  # fmt: skip
        return len(found), export.render(fmt, found, default_catalogue())

    count, data = with_session(settings, work)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    target = output or Path(export.file_name(fmt, country, datetime.now(UTC)))
    target.write_bytes(data)
    click.echo(f"{count} case(s) written to {target}")


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None
