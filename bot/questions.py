"""Questions outside the curated content: logged for curators, passed to organizers on request.

A question the content cannot answer is never answered with a near miss; instead it is kept
(`popsbot content gaps` lists them by frequency, so curators know what to add) and the asker
may send it to the organizers, who receive it through the delivery outbox.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.delivery import outbox
from bot.delivery.messages import OutboundMessage
from bot.errors import NotFound, PermissionDenied
from bot.geo import OTHER_COUNTRY, country_name
from bot.i18n import SUPPORTED_LOCALES, translator
from bot.knowledge.normalize import fold
from bot.users.roles import Actor, Role
from db.models import UnansweredQuestion, User
from db.repositories import questions as repo

MAX_TEXT = 500


@dataclass(frozen=True)
class Gap:
    normalized: str
    count: int
    example: str
    last_asked: datetime


async def log_unanswered(
    session: AsyncSession, user: User | None, text: str, language: str, clock: Clock
) -> int:
    text = " ".join(text.split())[:MAX_TEXT]
    question = UnansweredQuestion(
        user_id=user.id if user else None,
        language=language,
        text=text,
        normalized=fold(text)[:MAX_TEXT] or text.casefold(),
        asked_at=clock.now(),
    )
    await repo.add(session, question)
    await session.commit()
    return question.id


def _forward_message(asker: User, text: str) -> OutboundMessage:
    texts = {}
    for lang in SUPPORTED_LOCALES:
        _ = translator(lang).gettext
        texts[lang] = _(
            "❓ <b>A question popsbot could not answer</b>\nFrom: {name} ({country})\n\n«{text}»"
        ).format(
            name=escape(asker.display_name),
            country=escape(country_name(asker.country or OTHER_COUNTRY, lang)),
            text=escape(text),
        )
    return OutboundMessage(texts=texts)


async def forward_to_organizers(
    session: AsyncSession, actor: Actor, asker: User, question_id: int, clock: Clock
) -> bool:
    """Queue the question for every organizer (or the admins if there is none).

    Only the person who asked may forward it; False when it had been forwarded already.
    """
    question = await repo.get(session, question_id)
    if question is None:
        raise NotFound("question", question_id)
    if question.user_id != actor.user_id:
        raise PermissionDenied(Role.OFFICER.value)
    if question.forwarded_at is not None:
        return False
    recipients = await repo.holders_of(session, Role.ORGANIZER.value)
    recipients = recipients or await repo.holders_of(session, Role.ADMIN.value)
    question.forwarded_at = clock.now()
    await outbox.enqueue_many(
        session,
        purpose=f"knowledge.question:{question.id}",
        recipient_ids=recipients,
        message=_forward_message(asker, question.text),
        due_at=clock.now(),
    )
    await session.commit()
    return True


async def gaps(
    session: AsyncSession, *, since: datetime | None = None, limit: int = 50
) -> Sequence[Gap]:
    return [Gap(*row) for row in await repo.grouped(session, since, limit)]
