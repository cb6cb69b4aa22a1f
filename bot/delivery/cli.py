"""`popsbot outbox status` and `popsbot outbox retry --failed`."""

from __future__ import annotations

import click
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import load_settings, with_session
from bot.clock import SystemClock
from bot.delivery import admin
from bot.delivery.report import DeliveryReport, reports_by_purpose

COLUMNS = ("pending", "sending", "sent", "failed", "skipped", "unreachable")


@click.group()
def outbox() -> None:
    """The delivery outbox: what is queued, sent, failed."""


def _table(reports: dict[str, DeliveryReport]) -> str:
    width = max([len("purpose"), *(len(p) for p in reports)])
    lines = ["purpose".ljust(width) + "".join(f"{c:>12}" for c in COLUMNS)]
    for purpose, report in reports.items():
        counts = "".join(f"{getattr(report, c):>12}" for c in COLUMNS)
        lines.append(purpose.ljust(width) + counts)
    return "\n".join(lines)


@outbox.command("status")
@click.option("--purpose", "prefix", default="", help="Only purposes starting with this.")
def status_cmd(prefix: str) -> None:
    """Counts by purpose and status (unreachable: skipped because Telegram refused the person)."""

    async def work(session: AsyncSession) -> dict[str, DeliveryReport]:
        return await reports_by_purpose(session, prefix)

    reports = with_session(load_settings(), work)
    click.echo(_table(reports) if reports else "the outbox is empty")


@outbox.command("retry")
@click.option("--failed", "failed", is_flag=True, required=True, help="Re-queue failed rows.")
@click.option("--purpose", "prefix", default="", help="Only purposes starting with this.")
def retry_cmd(failed: bool, prefix: str) -> None:
    """Put failed messages back in the queue, due now; a running bot sends them on its next
    tick."""

    async def work(session: AsyncSession) -> int:
        return await admin.retry_failed(session, SystemClock(), prefix)

    count = with_session(load_settings(), work)
    click.echo(f"{count} failed message(s) queued again")
