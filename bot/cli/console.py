"""`popsbot console`: try popsbot in a terminal, no Telegram account or token needed."""

from __future__ import annotations

from pathlib import Path

import click
from pydantic import SecretStr

from bot.cli.common import load_settings, prepare_database
from bot.sandbox import SANDBOX_TOKEN

CONSOLE_DB = Path("popsbot-console.sqlite3")
CONSOLE_ADMIN = 1002  # the persona 'ben'


@click.command()
@click.option("--database", help="Database URL (default: ./popsbot-console.sqlite3).")
@click.option("--fresh", is_flag=True, help="Start from an empty console database.")
def console(database: str | None, fresh: bool) -> None:
    """Chat with the real bot in this terminal against the sandbox Bot API."""
    from bot.app.builders import configure_logging
    from bot.app.console import main_stdio

    if fresh and database is None and CONSOLE_DB.exists():
        CONSOLE_DB.unlink()
    base = load_settings()
    settings = base.model_copy(
        update={
            "bot_token": SecretStr(SANDBOX_TOKEN),
            "database_url": database or f"sqlite+aiosqlite:///{CONSOLE_DB}",
            "admin_ids": sorted({*base.admin_ids, CONSOLE_ADMIN}),
            "redis_url": None,
        }
    )
    configure_logging("WARNING" if base.log_level == "INFO" else base.log_level)
    prepare_database(settings)
    main_stdio(settings)
