"""`popsbot run [--webhook]`."""

from __future__ import annotations

import asyncio

import click

from bot.cli.common import load_settings, prepare_database


@click.command()
@click.option(
    "--webhook", is_flag=True, help="Serve a webhook (WEBHOOK_* settings) instead of polling."
)
def run(webhook: bool) -> None:
    """Run popsbot against Telegram (or TELEGRAM_API_BASE_URL)."""
    from bot.app.builders import configure_logging
    from bot.app.polling import run_polling
    from bot.app.runtime import build_app
    from bot.app.webhook import run_webhook

    settings = load_settings()
    configure_logging(settings.log_level)
    try:
        settings.token()
        if webhook:
            settings.require_webhook()
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    prepare_database(settings)
    app = build_app(settings)
    asyncio.run(run_webhook(app) if webhook else run_polling(app))
