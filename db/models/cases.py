"""Case reports: the report (a draft until submitted), its files, who it is routed to, the
messages relayed inside it, the yearly reference counter, and the focal point directory."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, BigIntPK, UTCDateTime, utcnow

DRAFT = "draft"


class Case(Base):
    """One report of suspected illegal traffic. Status 'draft' while the officer answers; each
    answer is written to its column as it is given, so a draft survives restarts and pauses."""

    __tablename__ = "cases"
    __table_args__ = (
        # One open draft per officer: /report twice, or two taps at once, cannot fork it.
        Index(
            "uq_cases_one_draft",
            "reporter_id",
            unique=True,
            sqlite_where=text("status = 'draft'"),
            postgresql_where=text("status = 'draft'"),
        ),
        Index("ix_cases_status_due", "status", "ack_due_at"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=DRAFT, index=True)
    reporter_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="RESTRICT"), index=True
    )
    draft_step: Mapped[str | None] = mapped_column(String(24))
    draft_editing: Mapped[bool] = mapped_column(Boolean, default=False)

    country: Mapped[str | None] = mapped_column(String(8), index=True)
    kind: Mapped[str | None] = mapped_column(String(16))
    substance_text: Mapped[str | None] = mapped_column(String(200))
    substance_id: Mapped[str | None] = mapped_column(String(64))
    hs_declared: Mapped[str | None] = mapped_column(String(10))
    hs_suspected: Mapped[str | None] = mapped_column(String(10))
    quantity: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(16))
    packaging: Mapped[str | None] = mapped_column(String(500))
    direction: Mapped[str | None] = mapped_column(String(8))
    origin: Mapped[str | None] = mapped_column(String(8))
    destination: Mapped[str | None] = mapped_column(String(8))
    place: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    occurred_on: Mapped[date | None] = mapped_column(Date)
    actions: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)

    convention: Mapped[str | None] = mapped_column(String(16))
    rotterdam: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(24))
    outcome_note: Mapped[str | None] = mapped_column(String(500))
    escalation_stage: Mapped[int] = mapped_column(Integer, default=0)
    ack_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    attachments: Mapped[list[CaseAttachment]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="CaseAttachment.id"
    )
    assignments: Mapped[list[CaseAssignment]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="CaseAssignment.id"
    )


class CaseAttachment(Base):
    """A photo or document kept by Telegram file_id; popsbot never downloads the file."""

    __tablename__ = "case_attachments"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("cases.id", ondelete="CASCADE"),
        index=True,
    )
    message_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("case_messages.id", ondelete="CASCADE"),
    )
    kind: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str | None] = mapped_column(String(128))
    mime_type: Mapped[str | None] = mapped_column(String(128))
    file_name: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int | None] = mapped_column(BigInteger)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CaseAssignment(Base):
    """Someone a case was routed to, and why; inactive once reassigned away (kept as history)."""

    __tablename__ = "case_assignments"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("cases.id", ondelete="CASCADE"),
        index=True,
    )
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    convention: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CaseMessage(Base):
    """A question from a focal point to the reporter, or the reporter's answer."""

    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("cases.id", ondelete="CASCADE"),
        index=True,
    )
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    direction: Mapped[str] = mapped_column(String(16))  # question | answer
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CaseCounter(Base):
    """The last reference number given in a year; incremented in one atomic upsert."""

    __tablename__ = "case_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class FocalPoint(Base):
    """The directory: who receives a country's cases for which conventions, and their backup."""

    __tablename__ = "focal_points"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    country: Mapped[str] = mapped_column(String(8), index=True)
    conventions: Mapped[list[str]] = mapped_column(JSON, default=list)
    role: Mapped[str] = mapped_column(String(8))  # ocp | nfp | other
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    backup_id: Mapped[int | None] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    def as_details(self) -> dict[str, Any]:
        """What the audit log records of an entry."""
        return {
            "country": self.country,
            "conventions": list(self.conventions),
            "role": self.role,
            "languages": list(self.languages),
            "backup_id": self.backup_id,
        }
