"""The officer's report while it is being written: one draft per officer, each answer saved to
the database the moment it is given (a restart, a lost connection or days of pause lose
nothing), questions asked in the order of `bot.cases.steps`, and a review before submitting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import answers, steps
from bot.cases.files import MAX_FILES, FileInfo, check_file
from bot.errors import InvalidInput, NotFound
from bot.geo import countries
from bot.knowledge.catalogue import Catalogue
from bot.users.roles import Actor, Role
from db.models import Case, CaseAttachment
from db.repositories import cases as repo


@dataclass
class DraftReply:
    """The draft after an answer, and what to say besides the next question."""

    case: Case
    candidates: list[str] = field(default_factory=list)  # entries offered for the substance
    notice: str | None = None  # stable code: 'not_in_catalogue', 'file_added', 'location_saved'


async def current(session: AsyncSession, actor: Actor) -> Case | None:
    """The officer's unfinished report, if any."""
    actor.require(Role.OFFICER)
    return await repo.draft_of(session, _uid(actor))


async def require(session: AsyncSession, actor: Actor) -> Case:
    draft = await current(session, actor)
    if draft is None:
        raise NotFound("draft", actor.user_id)
    return draft


async def start(session: AsyncSession, actor: Actor, now: datetime) -> Case:
    """A new draft, or the open one (two /report at once cannot make two drafts)."""
    existing = await current(session, actor)
    if existing is not None:
        return existing
    served = actor.country if actor.country in countries() else None
    case = Case(reporter_id=_uid(actor), status="draft", country=served, actions=[])
    case.created_at = case.updated_at = now
    case.draft_step = steps.first_step(case)
    try:
        await repo.add(session, case)
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return await require(session, actor)
    return case


async def discard(session: AsyncSession, actor: Actor) -> bool:
    draft = await current(session, actor)
    if draft is None:
        return False
    await repo.delete(session, draft)
    await session.commit()
    return True


async def answer_text(
    session: AsyncSession, actor: Actor, text: str, *, catalogue: Catalogue, now: datetime
) -> DraftReply:
    """A typed answer to the current question; InvalidInput keeps the question open."""
    case = await require(session, actor)
    step = case.draft_step or steps.REVIEW
    context = answers.Context(catalogue=catalogue, today=_today(actor, now), lang=actor.language)
    done, candidates = answers.typed(case, step, text.strip(), context)
    notice = "not_in_catalogue" if step == "substance" and done and case.substance_text else None
    return await _saved(session, case, step, done, candidates, notice)


async def answer_choice(
    session: AsyncSession,
    actor: Actor,
    step: str,
    value: str,
    *,
    catalogue: Catalogue,
    now: datetime,
) -> DraftReply:
    """A button answer; a button of a question already answered is refused as stale."""
    case = await require(session, actor)
    if step != case.draft_step:
        raise InvalidInput("step", "stale")
    context = answers.Context(catalogue=catalogue, today=_today(actor, now), lang=actor.language)
    done = answers.chosen(case, step, value, context)
    return await _saved(session, case, step, done, [], None)


async def add_file(
    session: AsyncSession, actor: Actor, info: FileInfo, *, max_bytes: int
) -> DraftReply:
    """A photo or document sent at any step is kept with the report."""
    case = await require(session, actor)
    check_file(info, max_bytes)
    if len(case.attachments) >= MAX_FILES:
        raise InvalidInput("file", "too_many")
    case.attachments.append(
        CaseAttachment(
            kind=info.kind, file_id=info.file_id, file_unique_id=info.file_unique_id,
            mime_type=info.mime_type, file_name=(info.file_name or "")[:255] or None,
            size=info.size,
        )
    )  # fmt: skip
    await session.commit()
    return DraftReply(case, notice="file_added")


async def set_location(
    session: AsyncSession, actor: Actor, latitude: float, longitude: float
) -> DraftReply:
    """A shared location, at any step; at the location question it also moves on."""
    case = await require(session, actor)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidInput("location", "invalid")
    case.latitude, case.longitude = latitude, longitude
    step = case.draft_step or steps.REVIEW
    return await _saved(session, case, step, step == "location", [], "location_saved")


async def edit(session: AsyncSession, actor: Actor, group: str) -> Case:
    """From the review screen: ask the questions of one group again, then come back."""
    case = await require(session, actor)
    if group not in steps.GROUPS:
        raise InvalidInput("group", "unknown")
    case.draft_editing = True
    case.draft_step = steps.edit_start(case, group)
    await session.commit()
    return case


async def _saved(
    session: AsyncSession,
    case: Case,
    step: str,
    done: bool,
    candidates: list[str],
    notice: str | None,
) -> DraftReply:
    if done:
        case.draft_step = steps.next_step(case, step)
        if case.draft_step == steps.REVIEW:
            case.draft_editing = False
    await session.commit()
    return DraftReply(case, candidates, notice)


def _today(actor: Actor, now: datetime) -> date:
    return now.astimezone(ZoneInfo(actor.timezone or "UTC")).date()


def _uid(actor: Actor) -> int:
    if actor.user_id is None:
        raise InvalidInput("actor", "needs_a_user")
    return actor.user_id
