"""The live delivery report: a scheduled job edits each organizer's report message as the
counts change, at most once per run (every LIVE_SECONDS), and stops when nothing is left.

Editing needs the Bot API client, which scheduled jobs do not get; `services.bot` holds it
once the broadcast handlers have handed theirs over (see handlers.deps.Services).
"""

from __future__ import annotations

import logging
from dataclasses import asdict

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.events import broadcasts
from bot.events.broadcast_text import report_text
from handlers.broadcast_kb import report_markup
from handlers.deps import Services

log = logging.getLogger(__name__)
LIVE_SECONDS = 10
JOB_ID = "events-live-reports"


async def refresh_live_reports(services: Services, bot: Bot) -> int:
    """Edit every report whose counts changed; returns how many messages were edited."""
    edited = 0
    async with services.sessionmaker() as session:
        now = services.clock.now()
        for live in await broadcasts.live_reports(session, now):
            item = live.item
            if item.report_counts == asdict(live.report) and not live.final:
                continue
            text = report_text(item, live.report, live.locale, live.zone, now)
            markup = report_markup(item.id, running=not live.final, locale=live.locale)
            edited += await _edit(bot, item.report_chat_id, item.report_message_id, text, markup)
            await broadcasts.mark_reported(session, item, live.report, final=live.final, now=now)
    return edited


async def _edit(
    bot: Bot, chat_id: int | None, message_id: int | None, text: str,
    markup: InlineKeyboardMarkup,
) -> int:  # fmt: skip
    if chat_id is None or message_id is None:
        return 0
    try:
        await bot.edit_message_text(
            text=text, chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except TelegramBadRequest as exc:  # not modified, or deleted by the organizer
        log.debug("live report %s not edited: %s", message_id, exc)
        return 0
    except TelegramAPIError as exc:
        log.warning("live report %s not edited: %s", message_id, type(exc).__name__)
        return 0
    return 1


async def _tick(services: Services) -> None:
    if services.bot is None:
        return
    try:
        await refresh_live_reports(services, services.bot)
    except Exception:
        log.exception("live reports: refresh failed; the next run tries again")


def setup_live_reports(scheduler: AsyncIOScheduler, services: Services) -> None:
    scheduler.add_job(
        _tick, "interval", seconds=LIVE_SECONDS, args=[services], id=JOB_ID,
        replace_existing=True,
    )  # fmt: skip
