"""Scheduled work, registered at start from code (never from a job store).

Each feature contributes one setup function; `App.start` calls them all. A setup function
adds APScheduler jobs for the periodic checks it needs; anything due at a precise time is a
row in the database (the outbox, case deadlines), which the jobs read, so a restart or a
second process loses or doubles nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from handlers.deps import Services

JobSetup = Callable[[AsyncIOScheduler, Services], None]


def job_setups() -> list[JobSetup]:
    """Every feature's job setup, in one place (imported lazily to keep start-up small)."""
    from bot.cases.deadlines import setup as case_deadlines
    from handlers.broadcast_live import setup_live_reports

    return [setup_live_reports, case_deadlines]


def register_jobs(scheduler: AsyncIOScheduler, services: Services) -> None:
    for setup in job_setups():
        setup(scheduler, services)
