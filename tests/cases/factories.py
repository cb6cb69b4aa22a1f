"""People and reports for case tests, built through the real services."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import directory, drafts, submission
from bot.cases.access import CasePolicy
from bot.cases.directory_csv import parse
from bot.cases.files import FileInfo
from bot.clock import FrozenClock
from bot.knowledge.catalogue import Catalogue
from bot.users import grants, profiles
from bot.users.roles import Actor, Grant, Role
from db.models import Case

ADMIN_ID = 1
SYSTEM = Actor.system()


async def person(
    session: AsyncSession,
    user_id: int,
    *,
    lang: str = "en",
    country: str | None = "BO",
    zone: str = "America/La_Paz",
    roles: tuple[Role, ...] = (),
) -> Actor:
    """An onboarded user (so an officer) with extra roles; returns their Actor."""
    ident = profiles.TelegramIdentity(id=user_id, first_name=f"U{user_id}", language_code=lang)
    user = await profiles.touch(session, ident, default_locale="en", admin_ids=frozenset({1}))
    user.language, user.timezone = lang, zone
    if country:
        user.country = country
    await profiles.complete_onboarding(
        session, user, FrozenClock(datetime(2026, 1, 1, tzinfo=UTC))
    )
    for role in roles:
        await grants.grant_role(session, SYSTEM, user_id, Grant(role, None))
    await session.refresh(user)
    return profiles.actor_of(user)


async def actor(session: AsyncSession, user_id: int) -> Actor:
    from db.repositories import users as users_repo

    user = await users_repo.get(session, user_id)
    assert user is not None
    await session.refresh(user)
    return profiles.actor_of(user)


async def directory_from(session: AsyncSession, csv_text: str) -> None:
    rows, errors = parse(csv_text)
    assert not errors, errors
    await directory.import_rows(session, SYSTEM, rows)


BOLIVIA_DIRECTORY = """telegram_id,country,conventions,role,languages,backup_telegram_id,name
7001,BO,stockholm,ocp,en;es,7002,Stockholm OCP Bolivia
7002,BO,stockholm;basel,nfp,es,,Backup Bolivia
7003,BO,basel,nfp,es,,Basel Bolivia
7004,BO,rotterdam,nfp,es,,Rotterdam Bolivia
7101,PE,stockholm,ocp,es,,Stockholm Peru
"""


async def quick_report(
    session: AsyncSession,
    officer: Actor,
    catalogue: Catalogue,
    now: datetime,
    *,
    kind: str = "chemical",
    substance: str | None = "mirex",
    policy: CasePolicy | None = None,
) -> Case:
    """A reviewed draft written in one go, then the real submission (routing, alerts)."""
    draft = await drafts.start(session, officer, now)
    draft.country = draft.country or "BO"
    draft.kind, draft.substance_id, draft.substance_text = kind, substance, substance
    draft.hs_declared, draft.quantity, draft.unit = "380891", 200.0, "kg"
    draft.direction, draft.origin, draft.destination = "import", "CN", draft.country
    draft.place, draft.occurred_on, draft.actions = "Puerto Suárez", now.date(), ["detained"]
    draft.draft_step = "review"
    await session.commit()
    return await submission.submit(
        session, officer, policy=policy or CasePolicy(), catalogue=catalogue, now=now
    )


async def report(
    session: AsyncSession,
    officer: Actor,
    catalogue: Catalogue,
    now: datetime,
    *,
    kind: str = "chemical",
    substance: str | None = "ddt",
    photos: int = 1,
    policy: CasePolicy | None = None,
    submit: bool = True,
    confirm: bool = True,
) -> Case:
    """A complete report through the same services the conversation uses."""
    await drafts.start(session, officer, now)

    async def text(value: str) -> None:
        await drafts.answer_text(session, officer, value, catalogue=catalogue, now=now)

    async def choose(step: str, value: str) -> None:
        await drafts.answer_choice(session, officer, step, value, catalogue=catalogue, now=now)

    draft = await drafts.require(session, officer)
    if draft.draft_step == "country":
        await choose("country", "BO")
    await choose("kind", kind)
    if substance:
        reply = await drafts.answer_text(session, officer, substance, catalogue=catalogue, now=now)
        if reply.candidates:
            await choose("substance", reply.candidates[0] if confirm else "keep")
    else:
        await choose("substance", "unknown")
    await text("3808.91")
    await text("3808.52")
    await text("200 kg")
    await text("20 drums, labels in Chinese")
    await choose("direction", "import")
    await text("China")
    await text("Puerto Suárez")
    await choose("location", "done")
    await choose("when", "yesterday")
    await choose("actions", "detained")
    await choose("actions", "sampled")
    await choose("actions", "done")
    for n in range(photos):
        info = FileInfo("photo", f"AgAC-photo-{n}", f"uniq-{n}", "image/jpeg", None, 1000)
        await drafts.add_file(session, officer, info, max_bytes=10**7)
    await choose("files", "done")
    await text("Found during a routine inspection.")
    draft = await drafts.require(session, officer)
    assert draft.draft_step == "review", draft.draft_step
    if not submit:
        return draft
    return await submission.submit(
        session, officer, policy=policy or CasePolicy(), catalogue=catalogue, now=now
    )
