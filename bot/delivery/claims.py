"""Claiming due rows and describing what became of them: the sender's side of the outbox.

No aiogram here. A claim is a row leased to one worker until `lease_until`; whatever happens
to it is written back as one `change` (a dict the repository writes in bulk). A claim that
is never written back (the process died) returns to pending when its lease ends.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models.outbox import FAILED, PENDING, SENDING, SENT, SKIPPED
from db.repositories import outbox as repo
from db.repositories.outbox import UNREACHABLE_PREFIX

FALLBACK_LANGUAGE = "en"
UNREACHABLE_REASON = f"{UNREACHABLE_PREFIX}: the recipient blocked the bot or left Telegram"
MAX_BACKOFF = 900.0


@dataclass(slots=True)
class Claim:
    id: int
    purpose: str
    recipient_id: int
    payload: dict[str, Any]
    parts_sent: int
    attempts: int
    due_at: datetime
    expires_at: datetime | None
    language: str
    unreachable: bool
    worker: str
    lease_until: datetime


async def prepare(session: AsyncSession, now: datetime) -> int:
    """Housekeeping before a claim: dead workers' leases end, expired rows are skipped.
    Returns how many rows were skipped as expired."""
    await repo.release_expired_leases(session, now)
    return await repo.skip_expired(session, now)


async def claim(
    session: AsyncSession, *, now: datetime, limit: int, lease: timedelta, worker: str
) -> list[Claim]:
    """Lease up to `limit` due rows, with each recipient's language and reachability."""
    lease_until = now + lease
    rows = await repo.claim(session, now=now, limit=limit, lease_until=lease_until, worker=worker)
    people = await repo.recipients(session, (row.recipient_id for row in rows))
    claims = []
    for row in rows:
        person = people.get(row.recipient_id)
        claims.append(
            Claim(
                **row._asdict(),
                language=person.language if person else FALLBACK_LANGUAGE,
                unreachable=bool(person and person.unreachable_at),
                worker=worker,
                lease_until=lease_until,
            )
        )
    return claims


async def renew(session: AsyncSession, ids: list[int], worker: str, until: datetime) -> set[int]:
    """Extend `worker`'s leases on `ids` to `until`; returns the rows it still holds (one
    whose lease ran out and was taken by another worker is not extended)."""
    kept: set[int] = set()
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        kept |= await repo.renew_leases(session, chunk, worker=worker, lease_until=until)
    return kept


def _change(claim: Claim, **values: Any) -> dict[str, Any]:
    base = {
        "id": claim.id,
        "worker": claim.worker,
        "status": SENDING,
        "parts_sent": claim.parts_sent,
        "sent_message_id": None,
        "sent_at": None,
        "last_error": None,
        "due_at": claim.due_at,
        "attempts": claim.attempts,
        "lease_until": None,
    }
    base.update(values)
    return base


def sent(claim: Claim, *, message_id: int | None, parts: int, at: datetime) -> dict[str, Any]:
    return _change(claim, status=SENT, parts_sent=parts, sent_message_id=message_id, sent_at=at)


def progress(claim: Claim, parts: int) -> dict[str, Any]:
    """Parts 1..`parts` are on Telegram; the row stays leased for the next one."""
    claim.parts_sent = parts
    return _change(claim, parts_sent=parts, lease_until=claim.lease_until)


def failed(claim: Claim, reason: str) -> dict[str, Any]:
    return _change(claim, status=FAILED, last_error=reason[:500])


def skipped(claim: Claim, reason: str) -> dict[str, Any]:
    return _change(claim, status=SKIPPED, last_error=reason[:500])


def released(claim: Claim) -> dict[str, Any]:
    """Given back untried (shutdown, lease running out): the attempt does not count."""
    return _change(claim, status=PENDING, attempts=max(0, claim.attempts - 1))


def retry_later(
    claim: Claim, reason: str, *, now: datetime, max_attempts: int, delay: float | None = None
) -> dict[str, Any]:
    """Pending again after a backoff, or failed for good once the attempts are spent."""
    if claim.attempts >= max_attempts:
        return failed(claim, f"gave up after {claim.attempts} attempts: {reason}")
    wait = delay if delay is not None else backoff(claim.attempts)
    return _change(
        claim, status=PENDING, last_error=reason[:500], due_at=now + timedelta(seconds=wait)
    )


def backoff(attempts: int) -> float:
    """5 s, 10 s, 20 s... up to 15 minutes, with jitter so replicas do not retry in step."""
    base = min(MAX_BACKOFF, 5.0 * 2 ** max(0, attempts - 1))
    return base * random.uniform(0.8, 1.2)
