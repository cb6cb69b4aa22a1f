"""Entry points of the sender: `drain` (send what is due now, then return) and the
long-running `DeliveryWorker` the app starts.

`drain` is what tests of other features call after a service queued something: it runs the
real pipeline (limits, retries, 403/400 handling) once, against `services.clock`.
"""

from __future__ import annotations

from aiogram import Bot

from bot.delivery.engine import Engine, Pacing
from handlers.deps import Services


async def drain(services: Services, bot: Bot, *, limit: int | None = None) -> int:
    """Claim and send every row due now (by `services.clock`), at most `limit` rows; returns
    how many rows were handled (sent, failed, skipped, or put back for a later retry)."""
    engine = Engine(services, bot, Pacing.local(services.settings))
    try:
        return await engine.run_until_empty(limit)
    finally:
        await engine.close()
