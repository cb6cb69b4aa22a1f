"""`popsbot db upgrade|downgrade|current`: Alembic migrations on DATABASE_URL."""

from __future__ import annotations

import click

from bot.cli.common import load_settings
from db import migrate


@click.group()
def db() -> None:
    """Database schema migrations."""


@db.command()
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    settings = load_settings()
    migrate.upgrade(settings.database_url, revision)
    click.echo(f"database at revision {migrate.current_revision(settings.database_url)}")


@db.command()
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Revert migrations down to REVISION ('base' removes every table)."""
    settings = load_settings()
    migrate.downgrade(settings.database_url, revision)
    click.echo(f"database at revision {migrate.current_revision(settings.database_url)}")


@db.command()
def current() -> None:
    """Show the database revision and the latest one."""
    settings = load_settings()
    now = migrate.current_revision(settings.database_url)
    head = migrate.head_revision(settings.database_url)
    click.echo(f"current: {now or 'empty'}; latest: {head}")
