"""Events, who registered for them, and audience broadcasts.

Titles and descriptions are content with their own language fields (JSON: language -> text).
Times are UTC; `timezone` is the organizer's zone, in which the event was announced.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK, UTCDateTime, utcnow

SCHEDULED, CANCELLED = "scheduled", "cancelled"
REGISTERED, UNREGISTERED = "registered", "unregistered"


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    description: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    organizer: Mapped[str | None] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    timezone: Mapped[str] = mapped_column(String(64))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    interpretation: Mapped[list[str]] = mapped_column(JSON, default=list)
    online_url: Mapped[str | None] = mapped_column(String(500))
    venue: Mapped[str | None] = mapped_column(String(300))
    registration_open: Mapped[bool] = mapped_column(Boolean, default=True)
    registration_url: Mapped[str | None] = mapped_column(String(500))
    audience_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    audience_roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    reminder_offsets: Mapped[list[str]] = mapped_column(JSON, default=list)
    followups: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default=SCHEDULED)
    owner_id: Mapped[int | None] = mapped_column(BigInteger)
    # Bumped whenever reminders are queued afresh (a registration, an edit): outbox purposes
    # carry it, so a re-registration or an edited time gets new rows, never a silent no-op.
    round: Mapped[int] = mapped_column(Integer, default=0)
    revision: Mapped[int] = mapped_column(Integer, default=1)  # bumped by every saved change
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Registration(Base):
    """One person's registration; kept (as unregistered) when they withdraw, for the counts."""

    __tablename__ = "event_registrations"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(
        BigIntPK, ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default=REGISTERED)
    round: Mapped[int] = mapped_column(Integer, default=0)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    unregistered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # "I'll attend"


class Broadcast(Base):
    """A message to an audience; its deliveries are outbox rows `broadcast:<id>:msg`."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    audience: Mapped[str] = mapped_column(String(200))
    texts: Mapped[dict[str, str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued | cancelled
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The organizer's live report message, edited as deliveries progress.
    report_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    report_message_id: Mapped[int | None] = mapped_column(BigInteger)
    report_counts: Mapped[dict[str, int] | None] = mapped_column(JSON)
    report_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
