"""Submitting a reviewed draft: a reference, the status, the routing, all in one transaction
(with the alerts queued in it), so a crash leaves either a draft or a routed case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import drafts, reference, routing, steps
from bot.cases.access import CasePolicy
from bot.errors import InvalidInput
from bot.geo import countries
from bot.knowledge.catalogue import Catalogue
from bot.users.roles import Actor
from db.models import Case
from db.repositories import audit as audit_repo

REQUIRED = (
    ("country", "country"),
    ("kind", "kind"),
    ("direction", "direction"),
    ("place", "place"),
    ("occurred_on", "when"),
    ("actions", "actions"),
)


def first_missing(case: Case) -> str | None:
    """The first question a complete report still lacks (a forged button could skip one)."""
    for column, step in REQUIRED:
        if not getattr(case, column):
            return step
    if case.country not in countries():
        return "country"
    return None


async def submit(
    session: AsyncSession,
    actor: Actor,
    *,
    policy: CasePolicy,
    catalogue: Catalogue,
    now: datetime,
) -> Case:
    case = await drafts.require(session, actor)
    if case.draft_step != steps.REVIEW:
        raise InvalidInput("draft", "not_reviewed")
    missing = first_missing(case)
    if missing is not None:
        case.draft_step, case.draft_editing = missing, True
        await session.commit()
        raise InvalidInput("draft", "incomplete")
    case.reference = await reference.allocate(session, now.year)
    case.status, case.submitted_at, case.draft_step = "submitted", now, None
    case.ack_due_at = now + policy.ack_delay
    await session.flush()
    await audit_repo.append(
        session, actor_id=actor.user_id, actor_label=actor.label, action="case.submitted",
        subject_type="case", subject_id=case.reference,
        details={"country": case.country, "kind": case.kind, "substance": case.substance_id,
                 "files": len(case.attachments)},
    )  # fmt: skip
    await routing.route(session, case, policy=policy, catalogue=catalogue, now=now)
    await session.commit()
    return case
