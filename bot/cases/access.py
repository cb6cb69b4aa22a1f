"""Who may see and act on a case. The one place these rules live; every service calls it.

- admins (and the shell operator): every case;
- a focal point: the cases actively routed to them, and every case of their country when
  CASE_COUNTRY_VISIBILITY is on;
- the regional fallback contact: the cases routed to them (they need no role);
- the reporter: their own cases, to read them and answer questions, never to handle them;
- anyone else (other officers, organizers): nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.config import Settings
from bot.errors import NotFound, PermissionDenied
from bot.users.roles import Actor, Role
from db.models import Case


@dataclass(frozen=True)
class CasePolicy:
    """The case settings services need, as plain values (built from Settings by the caller)."""

    ack_hours: int = 24
    escalate_hours: int = 24
    fallback_id: int | None = None
    country_visibility: bool = False
    max_file_bytes: int = 20 * 1024 * 1024

    @property
    def ack_delay(self) -> timedelta:
        return timedelta(hours=self.ack_hours)

    @property
    def escalate_delay(self) -> timedelta:
        return timedelta(hours=self.escalate_hours)

    @classmethod
    def from_settings(cls, settings: Settings) -> CasePolicy:
        return cls(
            ack_hours=settings.case_ack_hours,
            escalate_hours=settings.case_escalate_hours,
            fallback_id=settings.case_fallback_chat_id,
            country_visibility=settings.case_country_visibility,
            max_file_bytes=settings.case_max_file_mb * 1024 * 1024,
        )


def is_admin(actor: Actor) -> bool:
    return actor.is_system or actor.has(Role.ADMIN)


def is_assigned(actor: Actor, case: Case) -> bool:
    return any(a.user_id == actor.user_id and a.active for a in case.assignments)


def can_handle(actor: Actor, case: Case, policy: CasePolicy) -> bool:
    """May acknowledge, request information, close, reassign and export this case."""
    if is_admin(actor):
        return True
    if case.status == "draft":
        return False
    focal = actor.grant(Role.FOCAL_POINT)
    if is_assigned(actor, case):
        return focal is not None or actor.user_id == policy.fallback_id
    return bool(policy.country_visibility and focal and focal.country == case.country)


def can_read(actor: Actor, case: Case, policy: CasePolicy) -> bool:
    reporter = actor.user_id is not None and actor.user_id == case.reporter_id
    return reporter or can_handle(actor, case, policy)


def require_handle(actor: Actor, case: Case | None, policy: CasePolicy) -> Case:
    """The case, if `actor` may handle it: NotFound when there is no such submitted case,
    PermissionDenied when there is one they may not handle."""
    if case is None or case.status == "draft":
        raise NotFound("case", None)
    if not can_handle(actor, case, policy):
        raise PermissionDenied(Role.FOCAL_POINT.value)
    return case


def require_read(actor: Actor, case: Case | None, policy: CasePolicy) -> Case:
    if case is None or case.status == "draft":
        raise NotFound("case", None)
    if not can_read(actor, case, policy):
        raise PermissionDenied(Role.FOCAL_POINT.value)
    return case


def require_reporter(actor: Actor, case: Case | None) -> Case:
    if case is None or case.status == "draft":
        raise NotFound("case", None)
    if actor.user_id is None or actor.user_id != case.reporter_id:
        raise PermissionDenied(Role.OFFICER.value)
    return case
