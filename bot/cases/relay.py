"""The reporter's answers to a focal point's questions: text, photos and documents, stored
with the case and passed to everyone handling it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import notify
from bot.cases.access import CasePolicy, require_reporter
from bot.cases.files import FileInfo, check_file
from bot.cases.work import audit
from bot.delivery.messages import Attachment
from bot.errors import InvalidInput
from bot.users.roles import Actor
from db.models import CaseAttachment, CaseMessage
from db.repositories import cases as repo

MAX_ANSWER = 2000
MAX_ANSWER_FILES = 20


async def open_question(session: AsyncSession, actor: Actor, case_id: int) -> CaseMessage:
    """The latest question on the reporter's own open case, before they start answering."""
    case = require_reporter(actor, await repo.get(session, case_id))
    if case.status == "closed":
        raise InvalidInput("case", "closed")
    questions = [m for m in await repo.messages_of(session, case.id) if m.direction == "question"]
    if not questions:
        raise InvalidInput("case", "no_question")
    return questions[-1]


async def answer(
    session: AsyncSession,
    actor: Actor,
    case_id: int,
    *,
    text: str = "",
    file: FileInfo | None = None,
    policy: CasePolicy,
    now: datetime,
) -> CaseMessage:
    """One message of the reporter's answer (a text, or a file with its caption)."""
    case = require_reporter(actor, await repo.get(session, case_id))
    if case.status == "closed":
        raise InvalidInput("case", "closed")
    if not any(m.direction == "question" for m in await repo.messages_of(session, case.id)):
        raise InvalidInput("case", "no_question")
    text = text.strip()
    if len(text) > MAX_ANSWER:
        raise InvalidInput("answer", "too_long")
    if file is not None:
        check_file(file, policy.max_file_bytes)
        if len(case.attachments) >= MAX_ANSWER_FILES:
            raise InvalidInput("file", "too_many")
    elif not text:
        raise InvalidInput("answer", "empty")
    message = CaseMessage(case_id=case.id, author_id=actor.user_id, direction="answer", body=text)
    message.created_at = now
    await repo.add(session, message)
    files = []
    if file is not None:
        case.attachments.append(_attachment(file, message.id))
        files.append(Attachment("photo" if file.kind == "photo" else "document", file.file_id))
    if case.status == "info_requested":
        case.status = "acknowledged"
    recipients = [a.user_id for a in case.assignments if a.active]
    await notify.answer_relayed(session, case, recipients, str(message.id), text, files, now)
    await audit(session, actor, case, "info_answered", message_id=message.id, files=len(files))
    await session.commit()
    return message


def _attachment(file: FileInfo, message_id: int) -> CaseAttachment:
    return CaseAttachment(
        message_id=message_id, kind=file.kind, file_id=file.file_id,
        file_unique_id=file.file_unique_id, mime_type=file.mime_type,
        file_name=(file.file_name or "")[:255] or None, size=file.size,
    )  # fmt: skip
