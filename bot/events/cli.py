"""`popsbot events import|list|registrations` and `popsbot broadcast send|report`.

The shell operator acts as the system actor (every right, audited as 'cli'). Messages queued
here are sent by the running bot's delivery worker on its next tick.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

import click
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import load_settings, with_session
from bot.clock import SystemClock
from bot.errors import DomainError
from bot.events import broadcasts, importer, manage, reports
from bot.events.audience import parse_audience
from bot.users.roles import Actor


def _refused(exc: DomainError) -> click.ClickException:
    return click.ClickException(f"refused: {exc}")


@click.group()
def events() -> None:
    """Events: import from YAML, list, registrations."""


@events.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--owner", type=int, help="Telegram id of the organizer who manages it in the bot.")
def import_cmd(files: tuple[Path, ...], owner: int | None) -> None:
    """Create or update events from FILES (one event per YAML file); unchanged files are
    left alone, and registrants' reminders follow any change."""
    try:
        specs = [importer.load_spec(path) for path in files]
    except importer.SpecError as exc:
        raise click.ClickException(str(exc)) from None

    async def work(session: AsyncSession) -> list[str]:
        lines = []
        for spec in specs:
            outcome = await importer.import_spec(
                session, Actor.system(), spec, SystemClock(), owner
            )
            lines.append(f"{outcome}\t{spec.code}\t{spec.starts_at.isoformat()}")
        return lines

    try:
        for line in with_session(load_settings(), work):
            click.echo(line)
    except DomainError as exc:
        raise _refused(exc) from None


@events.command("check")
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check_cmd(files: tuple[Path, ...]) -> None:
    """Validate event files (default: every file in content/events) without importing them."""
    paths = list(files) or importer.seed_files()
    problems = []
    for path in paths:
        try:
            spec = importer.load_spec(path)
        except importer.SpecError as exc:
            problems.append(str(exc))
        else:
            click.echo(f"ok\t{spec.code}\t{path}")
    if problems:
        raise click.ClickException("\n".join(problems))


@events.command("list")
def list_cmd() -> None:
    """Events not over yet and those of the last 30 days."""

    async def work(session: AsyncSession) -> list[str]:
        found = await manage.managed_events(session, Actor.system(), SystemClock(), limit=200)
        return [
            f"{e.code}\t{e.starts_at.isoformat()}\t{e.status}\t{e.title.get('en') or ''}"
            for e in found
        ]

    for line in with_session(load_settings(), work):
        click.echo(line)


@events.command("registrations")
@click.argument("code")
@click.option("--csv", "as_csv", is_flag=True, help="The full list as CSV on standard output.")
def registrations_cmd(code: str, as_csv: bool) -> None:
    """Counts by country and role for event CODE, or the list of registrants (--csv)."""

    async def work(session: AsyncSession) -> str:
        if as_csv:
            data = await reports.registrations_csv(session, Actor.system(), code)
            return data.decode("utf-8-sig")
        found = await reports.summary(session, Actor.system(), code)
        lines = [f"registered\t{found.total}", f"confirmed\t{found.confirmed}"]
        lines += [f"country:{c or '-'}\t{n}" for c, n in found.by_country]
        lines += [f"role:{r}\t{n}" for r, n in found.by_role]
        return "\n".join(lines)

    try:
        click.echo(with_session(load_settings(), work), nl=not as_csv)
    except DomainError as exc:
        raise _refused(exc) from None


@click.group("broadcast")
def broadcast() -> None:
    """Send a message to an audience, follow its delivery."""


def _at(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use ISO 8601, e.g. 2026-12-01T09:00-04:00") from None
    if parsed.tzinfo is None:
        raise click.BadParameter("add the UTC offset, e.g. 2026-12-01T09:00-04:00 or ...Z")
    return parsed.astimezone(UTC)


@broadcast.command("send")
@click.option("--audience", required=True,
              help="all | role:officer | country:PE,BO | language:es | event:CODE | "
                   "confirmed:CODE | unconfirmed:CODE")  # fmt: skip
@click.option("--text", required=True, help="The English version (plain text).")
@click.option("--text-es", help="The Spanish version.")
@click.option("--text-fr", help="The French version.")
@click.option("--text-pt", help="The Portuguese version.")
@click.option("--at", "at", help="When to send (ISO 8601 with offset); default now.")
def send_cmd(audience: str, text: str, text_es: str | None, text_fr: str | None,
             text_pt: str | None, at: str | None) -> None:  # fmt: skip
    """Queue a broadcast; each reader gets the version in their language (else English)."""
    when = _at(at)
    versions = {"en": text, "es": text_es, "fr": text_fr, "pt": text_pt}
    texts = {lang: escape(value, quote=False) for lang, value in versions.items() if value}

    async def work(session: AsyncSession) -> str:
        item = await broadcasts.queue_broadcast(
            session, Actor.system(), parse_audience(audience), texts, SystemClock(), when
        )
        return f"broadcast {item.id}: {item.recipients} recipients, from {item.due_at.isoformat()}"

    try:
        click.echo(with_session(load_settings(), work))
    except DomainError as exc:
        raise _refused(exc) from None


@broadcast.command("report")
@click.argument("broadcast_id", type=int)
def report_cmd(broadcast_id: int) -> None:
    """Delivery counts of a broadcast."""

    async def work(session: AsyncSession) -> str:
        item, found = await broadcasts.report(session, Actor.system(), broadcast_id)
        counts = " ".join(
            f"{name}={getattr(found, name)}"
            for name in ("pending", "sending", "sent", "failed", "unreachable", "skipped")
        )
        return f"broadcast {item.id} ({item.audience}, {item.status}): {counts}"

    try:
        click.echo(with_session(load_settings(), work))
    except DomainError as exc:
        raise _refused(exc) from None
