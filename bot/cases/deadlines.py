"""Unacknowledged cases: a reminder after CASE_ACK_HOURS, then escalation after
CASE_ESCALATE_HOURS more, to the backups of the focal points (or the regional fallback; the
admins when there is neither). Deadlines are rows in the database (`Case.ack_due_at`); the
scheduler only asks every minute what is due, so a restart or a second process loses or
doubles nothing (each step is claimed with a conditional update).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import notify
from bot.cases.access import CasePolicy
from bot.cases.routing import assign
from bot.knowledge.catalogue import Catalogue
from db.models import Case
from db.repositories import audit as audit_repo
from db.repositories import cases as repo
from db.repositories import focal_points as fp_repo

if TYPE_CHECKING:
    from handlers.deps import Services

log = logging.getLogger(__name__)
REMINDED, ESCALATED = 1, 2


async def check(
    session: AsyncSession, *, policy: CasePolicy, catalogue: Catalogue, now: datetime
) -> int:
    """Process every case whose acknowledgement deadline has passed; returns how many."""
    done = 0
    for case in await repo.due_for_acknowledgement(session, now):
        stage = case.escalation_stage
        next_due = now + policy.escalate_delay if stage == 0 else None
        if not await repo.advance_stage(session, case.id, stage, next_due):
            continue  # another process took this step; the failed update changed nothing
        case.escalation_stage, case.ack_due_at = stage + 1, next_due
        if stage == 0:
            await _remind(session, case, now)
        else:
            await _escalate(session, case, policy=policy, catalogue=catalogue, now=now)
        await session.commit()
        done += 1
    return done


async def _remind(session: AsyncSession, case: Case, now: datetime) -> None:
    recipients = [a.user_id for a in case.assignments if a.active]
    await notify.reminder(session, case, recipients, now)
    await _audit(session, case, "reminded", to=recipients)


async def _escalate(
    session: AsyncSession, case: Case, *, policy: CasePolicy, catalogue: Catalogue, now: datetime
) -> None:
    """Backups of the assigned focal points; else the fallback contact; else the admins."""
    hours = policy.ack_hours + policy.escalate_hours
    targets = await _backups(session, case)
    reason = "backup"
    if not targets and policy.fallback_id is not None:
        targets, reason = [policy.fallback_id], "fallback"
    added = [uid for uid in targets if assign(case, uid, case.convention, reason, now)]
    await session.flush()
    for user_id in added:
        await notify.alert(session, case, user_id, "backup", now=now, catalogue=catalogue,
                           hours=hours, again="e")  # fmt: skip
    if not added:
        await notify.admins(session, case, "escalation", now, fallback=False, hours=hours)
    await _audit(session, case, "escalated", to=added, reason=reason if added else "admins")


async def _backups(session: AsyncSession, case: Case) -> list[int]:
    """Backups named in the directory for the people on the case, if they are themselves
    focal points (so they can act on it) and not already on it."""
    assigned = {a.user_id for a in case.assignments if a.active}
    found: list[int] = []
    for user_id in sorted(assigned):
        entry = await fp_repo.get(session, user_id)
        backup = entry.backup_id if entry else None
        if backup and backup not in assigned and backup not in found:
            backup_entry = await fp_repo.get(session, backup)
            if backup_entry is not None and backup != case.reporter_id:
                found.append(backup)
    return found


async def _audit(session: AsyncSession, case: Case, action: str, **details: object) -> None:
    await audit_repo.append(
        session, actor_id=None, actor_label="deadline", action=f"case.{action}",
        subject_type="case", subject_id=case.reference or str(case.id), details=dict(details),
    )  # fmt: skip


async def run(services: Services) -> None:
    """One scheduler tick: process what is due, then wake the sender."""
    policy = CasePolicy.from_settings(services.settings)
    async with services.sessionmaker() as session:
        done = await check(
            session, policy=policy, catalogue=services.catalogue, now=services.clock.now()
        )
    if done:
        log.info("case deadlines: %d case(s) reminded or escalated", done)
        services.wake_delivery()


def setup(scheduler: AsyncIOScheduler, services: Services) -> None:
    scheduler.add_job(
        run, "interval", minutes=1, args=[services], id="case-deadlines", replace_existing=True
    )
