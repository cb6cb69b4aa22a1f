"""Lists of cases (a focal point's queue, an officer's own reports) and reassignment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import notify
from bot.cases.access import CasePolicy, is_admin, require_handle
from bot.cases.routing import assign
from bot.cases.values import OPEN_STATUSES
from bot.cases.work import audit
from bot.errors import InvalidInput, PermissionDenied
from bot.knowledge.catalogue import Catalogue
from bot.users.roles import Actor, Role
from db.models import Case
from db.repositories import cases as repo
from db.repositories import focal_points as fp_repo


@dataclass(frozen=True)
class Target:
    """Someone a case can be reassigned to."""

    user_id: int
    name: str
    conventions: tuple[str, ...]


async def handler_queue(
    session: AsyncSession, actor: Actor, policy: CasePolicy, *, closed: bool = False
) -> Sequence[Case]:
    """The cases this person handles: all for admins; routed ones (or the country's, with
    CASE_COUNTRY_VISIBILITY) for a focal point or the fallback contact."""
    statuses = ["closed"] if closed else [s.value for s in OPEN_STATUSES]
    if is_admin(actor):
        return await repo.visible_cases(session, user_id=None, country=None, statuses=statuses)
    focal = actor.grant(Role.FOCAL_POINT)
    if focal is None and (actor.user_id is None or actor.user_id != policy.fallback_id):
        raise PermissionDenied(Role.FOCAL_POINT.value)
    country = focal.country if focal and policy.country_visibility else None
    return await repo.visible_cases(
        session, user_id=actor.user_id, country=country, statuses=statuses
    )


async def my_reports(session: AsyncSession, actor: Actor) -> Sequence[Case]:
    """An officer's own submitted reports, newest first; nobody else's."""
    actor.require(Role.OFFICER)
    if actor.user_id is None:
        return []
    return await repo.reporter_cases(session, actor.user_id)


async def targets(
    session: AsyncSession, actor: Actor, case_id: int, policy: CasePolicy
) -> list[Target]:
    """Focal points of the case's country not yet on it, and the regional fallback contact."""
    case = require_handle(actor, await repo.get(session, case_id), policy)
    busy = {a.user_id for a in case.assignments if a.active} | {actor.user_id}
    found = [
        Target(e.user_id, e.name or await notify.name_of(session, e.user_id), tuple(e.conventions))
        for e in await fp_repo.routable(session, case.country or "")
        if e.user_id not in busy and e.user_id != case.reporter_id
    ]
    if policy.fallback_id is not None and policy.fallback_id not in busy:
        found.append(
            Target(policy.fallback_id, await notify.name_of(session, policy.fallback_id), ())
        )
    return found


async def reassign(
    session: AsyncSession,
    actor: Actor,
    case_id: int,
    to_user_id: int,
    *,
    policy: CasePolicy,
    catalogue: Catalogue,
    now: datetime,
) -> Case:
    """Hand the case to someone else: they are alerted, the one who hands it over is off it,
    and an unacknowledged case gets a fresh acknowledgement deadline."""
    allowed = {t.user_id for t in await targets(session, actor, case_id, policy)}
    case = require_handle(actor, await repo.get(session, case_id), policy)
    if case.status == "closed":
        raise InvalidInput("case", "closed")
    if to_user_id not in allowed:
        raise InvalidInput("target", "not_allowed")
    for row in case.assignments:
        if row.user_id == actor.user_id:
            row.active = False
    assign(case, to_user_id, case.convention, "reassigned", now)
    if case.status == "submitted":
        case.ack_due_at, case.escalation_stage = now + policy.ack_delay, 0
    await session.flush()
    again = f"r{int(now.timestamp())}"
    await notify.alert(session, case, to_user_id, "reassigned", now=now, catalogue=catalogue,
                       again=again)  # fmt: skip
    await audit(session, actor, case, "reassigned", to=to_user_id)
    await session.commit()
    return case
