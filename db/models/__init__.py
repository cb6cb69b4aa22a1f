"""All models, imported here so Alembic and create_all see the whole metadata."""

from db.models.audit import AuditEntry
from db.models.knowledge import UnansweredQuestion
from db.models.outbox import OutboxMessage
from db.models.runtime import FsmRecord, ProcessedUpdate
from db.models.users import Invite, RoleGrant, User

__all__ = [
    "AuditEntry",
    "FsmRecord",
    "Invite",
    "OutboxMessage",
    "ProcessedUpdate",
    "RoleGrant",
    "UnansweredQuestion",
    "User",
]
