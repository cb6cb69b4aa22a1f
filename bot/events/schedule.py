"""Reminders, follow-ups and notices as outbox rows, queued in the caller's transaction.

Purposes (unique per recipient in the outbox):
  event.reminder:<code>:<offset>:r<round>   due start - offset; expires when the next
                                            reminder is due (the last: at the start)
  event.followup:<code>:<n>:r<round>        due end + delay, expires FOLLOWUP_TTL later
  event.changed:<code>:<revision>           a time change, now; expires at the end
  event.cancelled:<code>                    a cancellation, now; expires at the end

The round changes whenever a person's reminders are queued afresh (they register again, the
event is edited), so new rows are never swallowed by old ones, and an unchanged row is never
queued twice. Reminders already due when they are queued are not queued: the person just
registered or was just told of the change. Texts are rendered in every language, in each
recipient's zone at queueing time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery import outbox
from bot.delivery.messages import OutboundButton, OutboundMessage
from bot.events import links, render
from bot.events.durations import parse_duration
from bot.events.timeshow import when
from db.models import Event

FOLLOWUP_TTL = timedelta(days=7)
Person = tuple[int, str]  # (user id, time zone)


def reminder_prefix(code: str) -> str:
    return f"event.reminder:{code}:"


def followup_prefix(code: str) -> str:
    return f"event.followup:{code}:"


def by_zone(people: Iterable[Person]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for user_id, zone in people:
        groups[zone].append(user_id)
    return groups


def _buttons(event: Event) -> list[list[OutboundButton]]:
    attend = OutboundButton(
        render.label(lambda _: _("✅ I'll attend")),
        callback_data=links.callback("att", event.code),
    )
    details = OutboundButton(
        render.label(lambda _: _("Event details")),
        callback_data=links.callback("show", event.code),
    )
    return [[attend, details]]


async def queue_reminders(
    session: AsyncSession, event: Event, people: Sequence[Person], round_: int, now: datetime
) -> int:
    """Every reminder and follow-up still ahead, for `people`; returns the rows added."""
    added = 0
    for zone, ids in by_zone(people).items():
        added += await _reminders_for(session, event, zone, ids, round_, now)
    added += await _followups_for(session, event, [pid for pid, _ in people], round_, now)
    return added


async def _reminders_for(
    session: AsyncSession, event: Event, zone: str, ids: list[int], round_: int, now: datetime
) -> int:
    message = OutboundMessage(
        texts=render.every_language(lambda locale: render.reminder(event, locale, zone)),
        buttons=_buttons(event),
    )
    added = 0
    for offset, due, expires in reminder_times(event):
        if due <= now:
            continue
        added += await outbox.enqueue_many(
            session,
            purpose=f"{reminder_prefix(event.code)}{offset}:r{round_}",
            recipient_ids=ids,
            message=message,
            due_at=due,
            expires_at=expires,
        )
    return added


def reminder_times(event: Event) -> list[tuple[str, datetime, datetime]]:
    """(offset, due, expires) per reminder, longest first. A reminder stays useful until the
    next one is due (the last one: until the start), so after downtime only the latest
    reminder that still makes sense is sent, never a burst of stale ones."""
    offsets = sorted(event.reminder_offsets, key=parse_duration, reverse=True)
    dues = [event.starts_at - parse_duration(offset) for offset in offsets]
    return [
        (offset, due, dues[i + 1] if i + 1 < len(dues) else event.starts_at)
        for i, (offset, due) in enumerate(zip(offsets, dues, strict=True))
    ]


async def _followups_for(
    session: AsyncSession, event: Event, ids: list[int], round_: int, now: datetime
) -> int:
    added = 0
    for number, item in enumerate(event.followups, 1):
        due = event.ends_at + parse_duration(str(item["after"]))
        if due <= now or not ids:
            continue
        message = OutboundMessage(
            texts=render.every_language(partial(render.followup, event, item))
        )
        added += await outbox.enqueue_many(
            session,
            purpose=f"{followup_prefix(event.code)}{number}:r{round_}",
            recipient_ids=ids,
            message=message,
            due_at=due,
            expires_at=due + FOLLOWUP_TTL,
        )
    return added


async def withdraw(
    session: AsyncSession, event: Event, reason: str, recipient_id: int | None = None
) -> int:
    """Skip the pending reminders and follow-ups of an event (or of one person)."""
    skipped = 0
    for prefix in (reminder_prefix(event.code), followup_prefix(event.code)):
        skipped += await outbox.cancel(
            session, purpose_prefix=prefix, reason=reason, recipient_id=recipient_id
        )
    return skipped


def _changed(event: Event, before: tuple[datetime, datetime], zone: str, locale: str) -> str:
    return render.time_changed(event, when(before[0], before[1], zone, locale), locale, zone)


async def notify_time_change(
    session: AsyncSession,
    event: Event,
    people: Sequence[Person],
    before: tuple[datetime, datetime],
    now: datetime,
) -> int:
    added = 0
    for zone, ids in by_zone(people).items():
        message = OutboundMessage(
            texts=render.every_language(partial(_changed, event, before, zone)),
            buttons=[_buttons(event)[0][1:]],
        )
        added += await outbox.enqueue_many(
            session,
            purpose=f"event.changed:{event.code}:{event.revision}",
            recipient_ids=ids,
            message=message,
            due_at=now,
            expires_at=max(event.ends_at, now + timedelta(hours=1)),
        )
    return added


async def notify_cancelled(
    session: AsyncSession, event: Event, people: Sequence[Person], now: datetime
) -> int:
    added = 0
    for zone, ids in by_zone(people).items():
        message = OutboundMessage(
            texts=render.every_language(partial(render.cancelled, event, zone=zone))
        )
        added += await outbox.enqueue_many(
            session,
            purpose=f"event.cancelled:{event.code}",
            recipient_ids=ids,
            message=message,
            due_at=now,
            expires_at=event.ends_at,
        )
    return added
