"""Who a submitted case goes to.

The focal points of the country where it happened, for the convention of its kind (waste:
Basel; everything else: Stockholm); the Rotterdam focal points get a copy when the substance
is in Rotterdam Annex III. With no focal point for the main convention, the case goes to the
regional fallback contact (CASE_FALLBACK_CHAT_ID) and the admins are told.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import notify
from bot.cases.access import CasePolicy
from bot.knowledge.catalogue import Catalogue
from db.models import Case, CaseAssignment
from db.repositories import audit as audit_repo
from db.repositories import focal_points as fp_repo


def main_convention(case: Case) -> str:
    return "basel" if case.kind == "waste" else "stockholm"


def in_rotterdam(case: Case, catalogue: Catalogue) -> bool:
    """True when the confirmed substance is a chemical listed in Rotterdam Annex III."""
    entry_id = case.substance_id
    if not entry_id or not catalogue.has(entry_id) or catalogue.kind(entry_id) != "chemical":
        return False
    return bool(catalogue.chemical(entry_id).rotterdam.listed)


def assign(
    case: Case, user_id: int, convention: str | None, reason: str, now: datetime
) -> CaseAssignment | None:
    """Add (or reactivate) an assignment; None when the person already has the case."""
    for existing in case.assignments:
        if existing.user_id == user_id:
            if existing.active:
                return None
            existing.active, existing.reason, existing.assigned_at = True, reason, now
            return existing
    row = CaseAssignment(
        user_id=user_id, convention=convention, reason=reason, active=True, assigned_at=now
    )
    case.assignments.append(row)
    return row


async def route(
    session: AsyncSession,
    case: Case,
    *,
    policy: CasePolicy,
    catalogue: Catalogue,
    now: datetime,
) -> list[int]:
    """Assign the case, queue the alerts and audit the decision; returns who was alerted."""
    case.convention = main_convention(case)
    case.rotterdam = in_rotterdam(case, catalogue)
    entries = [  # a focal point who reports a case does not handle it too
        e for e in await fp_repo.routable(session, case.country or "")
        if e.user_id != case.reporter_id
    ]  # fmt: skip
    main = [e.user_id for e in entries if case.convention in e.conventions]
    copies = [e.user_id for e in entries if case.rotterdam and "rotterdam" in e.conventions]
    added = [(uid, case.convention, "country") for uid in main]
    added += [(uid, "rotterdam", "rotterdam") for uid in copies if uid not in main]
    fallback = not main and policy.fallback_id is not None
    if fallback:
        added.append((policy.fallback_id, case.convention, "fallback"))  # type: ignore[arg-type]
    alerted = []
    for user_id, convention, reason in added:
        if assign(case, user_id, convention, reason, now) is not None:
            await notify.alert(session, case, user_id, reason, now=now, catalogue=catalogue)
            alerted.append(user_id)
    await session.flush()
    if not main:
        await notify.admins(session, case, "no_focal_point", now, fallback=fallback)
    await audit_repo.append(
        session, actor_id=None, actor_label="routing", action="case.routed",
        subject_type="case", subject_id=case.reference or str(case.id),
        details={"to": [[uid, conv, why] for uid, conv, why in added],
                 "convention": case.convention, "rotterdam": case.rotterdam,
                 "no_focal_point": not main},
    )  # fmt: skip
    return alerted
