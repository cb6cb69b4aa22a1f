"""`popsbot run`: long polling, the default for a single machine."""

from __future__ import annotations

from bot.app.runtime import App


async def run_polling(app: App, *, handle_signals: bool = True) -> None:
    await app.start()
    try:
        await app.bot.delete_webhook(drop_pending_updates=False)
        await app.dispatcher.start_polling(
            app.bot,
            handle_signals=handle_signals,
            close_bot_session=False,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
    finally:
        await app.close()
