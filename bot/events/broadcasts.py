"""Broadcasts: one message to an audience, in each reader's language, through the outbox.

The organizer writes one or more language versions; each recipient gets the version in their
language (else English, else the first written) under a fixed header in their language.
Deliveries are outbox rows `broadcast:<id>:msg`, so the delivery report counts them by the
prefix `broadcast:<id>:`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.delivery import outbox
from bot.delivery.messages import OutboundMessage, pick
from bot.delivery.report import DeliveryReport, delivery_report
from bot.errors import InvalidInput, NotFound, PermissionDenied
from bot.events.audience import Audience
from bot.events.manage import managed_event
from bot.i18n import SUPPORTED_LOCALES, translator
from bot.users.roles import Actor, Role
from db.models import Broadcast
from db.repositories import audit as audit_repo
from db.repositories import events as repo

MAX_TEXT = 3500  # leaves room for the header within Telegram's 4096
TTL = timedelta(days=7)  # an announcement not delivered within a week is skipped
EARLIEST_SLACK = timedelta(minutes=1)


def prefix(broadcast_id: int) -> str:
    return f"broadcast:{broadcast_id}:"


def check_texts(texts: Mapping[str, str]) -> dict[str, str]:
    cleaned = {lang: text.strip() for lang, text in texts.items() if text and text.strip()}
    if not cleaned:
        raise InvalidInput("text", "empty")
    if any(lang not in SUPPORTED_LOCALES for lang in cleaned):
        raise InvalidInput("text", "language")
    if any(len(text) > MAX_TEXT for text in cleaned.values()):
        raise InvalidInput("text", "too_long")
    return cleaned


def rendered(texts: Mapping[str, str], locale: str) -> str:
    """What a reader of `locale` sees: the header in their language, then the best version."""
    _ = translator(locale).gettext
    return _("📢 <b>Announcement</b>") + "\n\n" + pick(texts, locale)


def message_for(texts: Mapping[str, str]) -> OutboundMessage:
    return OutboundMessage(texts={locale: rendered(texts, locale) for locale in SUPPORTED_LOCALES})


async def recipients(session: AsyncSession, actor: Actor, audience: Audience) -> list[int]:
    """Everyone the audience covers; event audiences need the right to manage that event."""
    actor.require(Role.ORGANIZER)
    code = audience.event_code
    if code is not None:
        event = await managed_event(session, actor, code)
        confirmed = {"event": None, "confirmed": True, "unconfirmed": False}[audience.kind]
        return await repo.registrant_ids(session, event.id, confirmed=confirmed)
    if audience.kind == "role":
        return await repo.audience_ids(session, role=audience.values[0])
    if audience.kind == "country":
        return await repo.audience_ids(session, countries=audience.values)
    if audience.kind == "language":
        return await repo.audience_ids(session, languages=audience.values)
    return await repo.audience_ids(session)


async def queue_broadcast(
    session: AsyncSession,
    actor: Actor,
    audience: Audience,
    texts: Mapping[str, str],
    clock: Clock,
    at: datetime | None = None,
) -> Broadcast:
    """Queue for `at` (now when None); refuses a time in the past and an empty audience."""
    actor.require(Role.ORGANIZER)
    cleaned, now = check_texts(texts), clock.now()
    if at is not None and at < now - EARLIEST_SLACK:
        raise InvalidInput("at", "past")
    due = max(at or now, now)
    ids = await recipients(session, actor, audience)
    if not ids:
        raise InvalidInput("audience", "empty")
    item = await repo.add_broadcast(
        session,
        Broadcast(
            created_by=actor.user_id, audience=audience.spec, texts=cleaned, due_at=due,
            recipients=len(ids), status="queued", created_at=now,
        ),
    )  # fmt: skip
    await outbox.enqueue_many(
        session,
        purpose=prefix(item.id) + "msg",
        recipient_ids=ids,
        message=message_for(cleaned),
        due_at=due,
        expires_at=due + TTL,
    )
    await _audit(session, actor, "broadcast.queued", item)
    await session.commit()
    return item


async def _audit(session: AsyncSession, actor: Actor, action: str, item: Broadcast) -> None:
    await audit_repo.append(
        session,
        actor_id=actor.user_id,
        actor_label=actor.label,
        action=action,
        subject_type="broadcast",
        subject_id=str(item.id),
        details={"audience": item.audience, "recipients": item.recipients,
                 "due_at": item.due_at.isoformat()},
    )  # fmt: skip


async def own_broadcast(session: AsyncSession, actor: Actor, broadcast_id: int) -> Broadcast:
    """A broadcast its author (or an admin, or the operator) may follow or cancel."""
    actor.require(Role.ORGANIZER)
    item = await repo.broadcast(session, broadcast_id)
    if item is None:
        raise NotFound("broadcast", broadcast_id)
    if not (actor.is_system or actor.has(Role.ADMIN) or item.created_by == actor.user_id):
        raise PermissionDenied("broadcast author")
    return item


async def report(
    session: AsyncSession, actor: Actor, broadcast_id: int
) -> tuple[Broadcast, DeliveryReport]:
    item = await own_broadcast(session, actor, broadcast_id)
    return item, await delivery_report(session, prefix(item.id))


async def cancel_broadcast(session: AsyncSession, actor: Actor, broadcast_id: int) -> int:
    """Skip the deliveries not made yet; returns how many were still pending."""
    item = await own_broadcast(session, actor, broadcast_id)
    skipped = await outbox.cancel(
        session, purpose_prefix=prefix(item.id), reason="broadcast cancelled"
    )
    item.status = "cancelled"
    await _audit(session, actor, "broadcast.cancelled", item)
    await session.commit()
    return skipped


async def follow_report(
    session: AsyncSession, actor: Actor, broadcast_id: int, chat_id: int, message_id: int
) -> None:
    """Remember the organizer's report message, so the live-report job keeps it current."""
    item = await own_broadcast(session, actor, broadcast_id)
    item.report_chat_id, item.report_message_id = chat_id, message_id
    item.report_done_at = None
    await session.commit()


LIVE_FOR = timedelta(days=1)  # a report still moving after a day is left to the Refresh button


@dataclass(frozen=True)
class LiveReport:
    item: Broadcast
    report: DeliveryReport
    locale: str
    zone: str
    final: bool  # nothing will change any more: the last edit


async def live_reports(session: AsyncSession, now: datetime) -> list[LiveReport]:
    """Report messages to bring up to date (for the live-report job; no actor: the system)."""
    found = []
    for item in await repo.live_reports(session):
        report = await delivery_report(session, prefix(item.id))
        author = await repo.users_by_ids(session, [item.created_by] if item.created_by else [])
        locale, zone = (author[0].language, author[0].timezone) if author else ("en", "UTC")
        final = report.done or item.status == "cancelled" or now - item.created_at > LIVE_FOR
        found.append(LiveReport(item, report, locale, zone, final))
    return found


async def mark_reported(
    session: AsyncSession, item: Broadcast, report: DeliveryReport, *, final: bool, now: datetime
) -> None:
    item.report_counts = asdict(report)
    if final:
        item.report_done_at = now
    await session.commit()
