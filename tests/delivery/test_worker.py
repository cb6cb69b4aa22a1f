"""The sender of a running app, on the real clock: woken by a service's commit, by the next
due time (an APScheduler date job read from the database), and by the periodic tick."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app.builders import build_scheduler
from bot.clock import SystemClock
from bot.config import Settings
from bot.delivery.worker import DUE_JOB, DeliveryWorker
from bot.sandbox import FakeTelegram
from handlers.deps import Services
from tests.delivery.conftest import add_people, make_services, queue


@pytest.fixture
async def running(
    settings: Settings,
    committed_sessionmaker: async_sessionmaker[AsyncSession],
    bot: Bot,
) -> AsyncIterator[tuple[Services, DeliveryWorker, AsyncIOScheduler]]:
    settings.delivery_tick_seconds = 3600  # only what a test asks for wakes the sender
    services = make_services(settings, SystemClock(), committed_sessionmaker)
    scheduler = build_scheduler()
    worker = DeliveryWorker(services, bot, scheduler)
    await worker.start()
    scheduler.start()
    yield services, worker, scheduler
    await worker.stop()
    scheduler.shutdown(wait=False)


async def test_a_commit_wakes_the_sender(
    running: tuple[Services, DeliveryWorker, AsyncIOScheduler], fake: FakeTelegram
) -> None:
    services, _, _ = running
    await add_people(services.sessionmaker, fake, [1])
    await queue(services.sessionmaker, "case.alert:CR-1", [1], datetime.now(UTC))
    started = time.monotonic()
    services.wake_delivery()
    await fake.wait_for_message(1, timeout=3)
    assert time.monotonic() - started < 2  # the tick is an hour away: only the wake did it


async def test_a_future_row_is_sent_at_its_time(
    running: tuple[Services, DeliveryWorker, AsyncIOScheduler], fake: FakeTelegram
) -> None:
    services, _, scheduler = running
    await add_people(services.sessionmaker, fake, [2])
    due = datetime.now(UTC) + timedelta(seconds=0.8)
    await queue(services.sessionmaker, "event.reminder:E:PT1H", [2], due)
    services.wake_delivery()  # nothing due yet: the sender books a date job at `due`
    await fake.wait_for_message(2, timeout=5)
    arrived = datetime.now(UTC)
    assert due <= arrived < due + timedelta(seconds=1.5)
    assert scheduler.get_job(DUE_JOB) is None  # ran, and nothing else is pending


async def test_the_tick_finds_rows_nobody_announced(
    running: tuple[Services, DeliveryWorker, AsyncIOScheduler], fake: FakeTelegram
) -> None:
    """Another process queued it (no wake here): the periodic tick still sends it."""
    services, _, scheduler = running
    scheduler.reschedule_job("delivery-tick", trigger="interval", seconds=0.3)
    await add_people(services.sessionmaker, fake, [3])
    await queue(services.sessionmaker, "broadcast:other", [3], datetime.now(UTC))
    await fake.wait_for_message(3, timeout=3)
