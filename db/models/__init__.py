"""All models, imported here so Alembic and create_all see the whole metadata."""

from db.models.audit import AuditEntry
from db.models.cases import (
    Case,
    CaseAssignment,
    CaseAttachment,
    CaseCounter,
    CaseMessage,
    FocalPoint,
)
from db.models.events import Broadcast, Event, Registration
from db.models.knowledge import UnansweredQuestion
from db.models.outbox import OutboxMessage
from db.models.runtime import FsmRecord, ProcessedUpdate
from db.models.users import Invite, RoleGrant, User

__all__ = [
    "AuditEntry",
    "Broadcast",
    "Case",
    "CaseAssignment",
    "CaseAttachment",
    "CaseCounter",
    "CaseMessage",
    "Event",
    "FocalPoint",
    "FsmRecord",
    "Invite",
    "OutboxMessage",
    "ProcessedUpdate",
    "Registration",
    "RoleGrant",
    "UnansweredQuestion",
    "User",
]
