"""`popsbot run --webhook`: an aiohttp server Telegram (or a load balancer) posts updates to.

It checks Telegram's secret token, handles each update id once, and always answers 200 once
the secret is right: a poison update is logged and dropped instead of being redelivered by
Telegram forever and blocking the chat behind it.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import signal

from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

from bot.app.runtime import App

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def build_webhook_app(app: App, secret: str) -> web.Application:
    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=401, text="unauthorized")
        try:
            update = Update.model_validate(await request.json(), context={"bot": app.bot})
        except (ValueError, ValidationError):
            return web.Response(status=400, text="not an update")
        if not await app.dedupe.first_time(update.update_id):
            log.info("update %s already handled; ignored", update.update_id)
            return web.Response(text="ok")
        try:
            await app.dispatcher.feed_update(app.bot, update)
        except Exception:  # the error handlers failed too: log it, never make Telegram retry
            log.exception("update %s failed", update.update_id)
        return web.Response(text="ok")

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    web_app = web.Application()
    web_app.router.add_post(app.settings.webhook_path, receive)
    web_app.router.add_get("/healthz", health)
    return web_app


async def run_webhook(app: App, *, stop: asyncio.Event | None = None) -> None:
    url, secret = app.settings.require_webhook()
    await app.start()
    runner = web.AppRunner(build_webhook_app(app, secret), access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, app.settings.webhook_host, app.settings.webhook_port)
        await site.start()
        await app.bot.set_webhook(
            url,
            secret_token=secret,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
            drop_pending_updates=False,
        )
        log.info("webhook server on %s:%s", app.settings.webhook_host, app.settings.webhook_port)
        stop = stop or _stop_on_signals()
        await stop.wait()
    finally:
        await runner.cleanup()
        await app.close()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop
