"""`popsbot content gaps`: what people asked that the curated content could not answer."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from sqlalchemy.ext.asyncio import AsyncSession

from bot import questions
from bot.cli.common import load_settings, with_session


@click.command()
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="Only questions asked since DATE."
)
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
def gaps(since: datetime | None, limit: int) -> None:
    """Unanswered questions, most frequent first, for curators to add content."""
    since_utc = since.replace(tzinfo=UTC) if since else None

    async def work(session: AsyncSession) -> list[questions.Gap]:
        return list(await questions.gaps(session, since=since_utc, limit=limit))

    found = with_session(load_settings(), work)
    if not found:
        click.echo("no unanswered questions")
        return
    click.echo("times\tlast asked (UTC)\tquestion")
    for gap in found:
        click.echo(f"{gap.count}\t{gap.last_asked:%Y-%m-%d %H:%M}\t{gap.example}")
