"""Following a case to closure: acknowledge, ask the reporter for information, relay the
answers, close with an outcome, reassign. Every action checks `bot.cases.access`, is in the
case's audit trail, and queues what others must be told in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import notify
from bot.cases.access import CasePolicy, can_handle, require_handle, require_read
from bot.cases.values import Outcome
from bot.delivery import outbox
from bot.errors import InvalidInput
from bot.users.roles import Actor
from db.models import Case, CaseMessage
from db.repositories import audit as audit_repo
from db.repositories import cases as repo

MAX_QUESTION = 1000
MAX_NOTE = 500


@dataclass(frozen=True)
class CaseView:
    case: Case
    messages: Sequence[CaseMessage]
    can_handle: bool
    is_reporter: bool


async def audit(
    session: AsyncSession, actor: Actor, case: Case, action: str, **details: Any
) -> None:
    await audit_repo.append(
        session, actor_id=actor.user_id, actor_label=actor.label, action=f"case.{action}",
        subject_type="case", subject_id=case.reference or str(case.id), details=details,
    )  # fmt: skip


async def view(session: AsyncSession, actor: Actor, case_id: int, policy: CasePolicy) -> CaseView:
    case = require_read(actor, await repo.get(session, case_id), policy)
    messages = await repo.messages_of(session, case.id)
    is_reporter = actor.user_id == case.reporter_id
    return CaseView(case, messages, can_handle(actor, case, policy), is_reporter)


async def handling(session: AsyncSession, actor: Actor, case_id: int, policy: CasePolicy) -> Case:
    """The case, if it is open and `actor` may handle it."""
    case = require_handle(actor, await repo.get(session, case_id), policy)
    if case.status == "closed":
        raise InvalidInput("case", "closed")
    return case


def others(case: Case, actor: Actor) -> list[int]:
    return [a.user_id for a in case.assignments if a.active and a.user_id != actor.user_id]


async def _mark_acknowledged(session: AsyncSession, case: Case, now: datetime) -> bool:
    """First acknowledgement: stops the reminder and escalation clock."""
    if case.acknowledged_at is not None:
        return False
    case.acknowledged_at, case.ack_due_at = now, None
    await outbox.cancel(
        session, purpose_prefix=f"case.reminder:{case.reference}:", reason="acknowledged"
    )
    return True


async def acknowledge(
    session: AsyncSession, actor: Actor, case_id: int, *, policy: CasePolicy, now: datetime
) -> Case:
    """Idempotent: a second press (or a colleague's) changes nothing and tells nobody again."""
    case = await handling(session, actor, case_id, policy)
    if not await _mark_acknowledged(session, case, now):
        return case
    if case.status == "submitted":
        case.status = "acknowledged"
    await notify.to_reporter(session, case, "acknowledged", now)
    name = await notify.name_of(session, actor.user_id)
    await notify.colleagues(session, case, others(case, actor), "acknowledged", name, now)
    await audit(session, actor, case, "acknowledged")
    await session.commit()
    return case


async def request_info(
    session: AsyncSession,
    actor: Actor,
    case_id: int,
    question: str,
    *,
    policy: CasePolicy,
    now: datetime,
) -> CaseMessage:
    """Ask the reporter; asking also acknowledges a case nobody acknowledged yet."""
    case = await handling(session, actor, case_id, policy)
    question = question.strip()
    if not question or len(question) > MAX_QUESTION:
        raise InvalidInput("question", "too_long" if question else "empty")
    implicit = await _mark_acknowledged(session, case, now)
    message = CaseMessage(
        case_id=case.id, author_id=actor.user_id, direction="question", body=question
    )
    message.created_at = now
    await repo.add(session, message)
    case.status = "info_requested"
    await notify.to_reporter(session, case, "question", now, key=str(message.id), body=question)
    await audit(session, actor, case, "info_requested", message_id=message.id, ack=implicit)
    await session.commit()
    return message


async def close(
    session: AsyncSession,
    actor: Actor,
    case_id: int,
    outcome: str,
    note: str | None = None,
    *,
    policy: CasePolicy,
    now: datetime,
) -> Case:
    case = await handling(session, actor, case_id, policy)
    try:
        case.outcome = Outcome(outcome).value
    except ValueError as exc:
        raise InvalidInput("outcome", "unknown") from exc
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput("note", "too_long")
    await _mark_acknowledged(session, case, now)
    case.status, case.closed_at, case.outcome_note = "closed", now, note or None
    await notify.to_reporter(session, case, "closed", now)
    name = await notify.name_of(session, actor.user_id)
    await notify.colleagues(session, case, others(case, actor), "closed", name, now)
    await audit(session, actor, case, "closed", outcome=case.outcome, note=bool(note))
    await session.commit()
    return case
