"""The report while it is written: saved answer by answer, one draft per officer, a review
before submitting, and every refusal leaving the draft as it was."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cases import drafts, submission
from bot.cases.files import FileInfo
from bot.clock import FrozenClock
from bot.errors import InvalidInput, NotFound, PermissionDenied
from bot.knowledge.catalogue import Catalogue
from bot.users.roles import Role
from tests.cases import factories


async def test_each_answer_is_saved_and_survives_a_new_session(
    sessionmaker: async_sessionmaker[AsyncSession], catalogue: Catalogue, clock: FrozenClock
) -> None:
    async with sessionmaker() as session:
        officer = await factories.person(session, 501)
        draft = await drafts.start(session, officer, clock.now())
        assert (draft.country, draft.draft_step) == ("BO", "kind")
        await drafts.answer_choice(
            session, officer, "kind", "pesticide", catalogue=catalogue, now=clock.now()
        )
        reply = await drafts.answer_text(
            session, officer, "lindano", catalogue=catalogue, now=clock.now()
        )
        assert reply.candidates == ["lindane"]
    async with sessionmaker() as session:  # a restart: a new process, a new session
        officer = await factories.actor(session, 501)
        draft = await drafts.require(session, officer)
        assert (draft.kind, draft.substance_text, draft.draft_step) == (
            "pesticide",
            "lindano",
            "substance",
        )
        await drafts.answer_choice(
            session, officer, "substance", "lindane", catalogue=catalogue, now=clock.now()
        )
        assert (await drafts.require(session, officer)).draft_step == "hs_declared"


async def test_report_again_resumes_the_same_draft(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    officer = await factories.person(session, 502)
    first = await drafts.start(session, officer, clock.now())
    again = await drafts.start(session, officer, clock.now())
    assert first.id == again.id
    assert await drafts.discard(session, officer)
    assert await drafts.current(session, officer) is None
    assert not await drafts.discard(session, officer)


async def test_two_starts_at_once_make_one_draft(
    sessionmaker: async_sessionmaker[AsyncSession], clock: FrozenClock, db_url: str
) -> None:
    async with sessionmaker() as session:
        officer = await factories.person(session, 503)

    async def start() -> int:
        async with sessionmaker() as session:
            return (await drafts.start(session, officer, clock.now())).id

    if db_url.startswith("postgresql"):  # one shared connection in tests: run one by one
        ids = [await start(), await start()]
    else:
        ids = list(await asyncio.gather(start(), start()))
    assert ids[0] == ids[1]


async def test_unknown_substance_and_text_not_in_catalogue(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    officer = await factories.person(session, 504)
    await drafts.start(session, officer, clock.now())
    await drafts.answer_choice(
        session, officer, "kind", "other", catalogue=catalogue, now=clock.now()
    )
    reply = await drafts.answer_text(
        session, officer, "polvo blanco sin etiqueta", catalogue=catalogue, now=clock.now()
    )
    assert reply.candidates == []
    assert reply.notice == "not_in_catalogue"
    assert (reply.case.substance_text, reply.case.draft_step) == (
        "polvo blanco sin etiqueta",
        "hs_declared",
    )


@pytest.mark.parametrize(
    ("step_text", "reason"),
    [
        ("12345", "hs_code"),
        ("abc", "hs_code"),
        ("0000.00", "hs_code"),
    ],
)
async def test_bad_hs_codes_keep_the_question(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, step_text: str, reason: str
) -> None:
    officer = await factories.person(session, 505)
    await drafts.start(session, officer, clock.now())
    await drafts.answer_choice(
        session, officer, "kind", "waste", catalogue=catalogue, now=clock.now()
    )
    await drafts.answer_choice(
        session, officer, "substance", "unknown", catalogue=catalogue, now=clock.now()
    )
    with pytest.raises(InvalidInput) as error:
        await drafts.answer_text(session, officer, step_text, catalogue=catalogue, now=clock.now())
    assert error.value.reason == reason
    assert (await drafts.require(session, officer)).draft_step == "hs_declared"


async def test_quantity_without_unit_asks_the_unit(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    officer = await factories.person(session, 506)
    draft = await factories.report(session, officer, catalogue, clock.now(), submit=False)
    await drafts.edit(session, officer, "quantity")
    reply = await drafts.answer_text(
        session, officer, "1.500", catalogue=catalogue, now=clock.now()
    )
    assert (reply.case.quantity, reply.case.unit, reply.case.draft_step) == (
        1500.0,
        None,
        "quantity",
    )
    reply = await drafts.answer_choice(
        session, officer, "quantity", "t", catalogue=catalogue, now=clock.now()
    )
    assert (reply.case.unit, reply.case.draft_step) == ("t", "review")
    assert draft.id == reply.case.id


async def test_dates_in_the_officers_zone(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    """06:30 UTC on 8 March is still 7 March in Tijuana (UTC-8)."""
    officer = await factories.person(session, 507, country="MX", zone="America/Tijuana")
    draft = await factories.report(session, officer, catalogue, clock.now(), submit=False)
    assert draft.occurred_on == date(2026, 3, 6)  # "yesterday" there
    await drafts.edit(session, officer, "when")
    for typed, reason in (("9/3/2026", "future"), ("1/1/2019", "too_old"), ("ayer", "date")):
        with pytest.raises(InvalidInput) as error:
            await drafts.answer_text(session, officer, typed, catalogue=catalogue, now=clock.now())
        assert error.value.reason == reason
    await drafts.answer_text(session, officer, "7/3", catalogue=catalogue, now=clock.now())
    assert (await drafts.require(session, officer)).occurred_on == date(2026, 3, 7)


async def test_stale_and_forged_buttons_change_nothing(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    officer = await factories.person(session, 508)
    await drafts.start(session, officer, clock.now())
    await drafts.answer_choice(
        session, officer, "kind", "waste", catalogue=catalogue, now=clock.now()
    )
    for step, value, reason in (
        ("kind", "chemical", "stale"),  # the question was answered already
        ("substance", "not-an-entry", "unknown_entry"),
        ("substance", "keep", "empty"),  # nothing typed to keep
    ):
        with pytest.raises(InvalidInput) as error:
            await drafts.answer_choice(
                session, officer, step, value, catalogue=catalogue, now=clock.now()
            )
        assert error.value.reason == reason
    draft = await drafts.require(session, officer)
    assert (draft.kind, draft.draft_step) == ("waste", "substance")


async def test_files_are_checked_and_counted(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    officer = await factories.person(session, 509)
    await drafts.start(session, officer, clock.now())
    ok = FileInfo("document", "BQ-1", "u1", "application/pdf", "bill_of_lading.pdf", 5000)
    await drafts.add_file(session, officer, ok, max_bytes=10_000)
    bad = [
        (
            FileInfo("document", "BQ-2", "u2", "application/x-msdownload", "invoice.exe", 10),
            "type",
        ),
        (FileInfo("document", "BQ-3", "u3", "application/pdf", "scan.pdf", 10_001), "too_big"),
        (FileInfo("document", "BQ-4", "u4", "text/html", "label.pdf", 10), "type"),
        (FileInfo("document", "BQ-5", "u5", None, "noextension", 10), "type"),
    ]
    for info, reason in bad:
        with pytest.raises(InvalidInput) as error:
            await drafts.add_file(session, officer, info, max_bytes=10_000)
        assert error.value.reason == reason
    for n in range(9):
        photo = FileInfo("photo", f"AG-{n}", f"p{n}", "image/jpeg", None, 100)
        await drafts.add_file(session, officer, photo, max_bytes=10_000)
    with pytest.raises(InvalidInput, match="too_many"):
        await drafts.add_file(session, officer, ok, max_bytes=10_000)
    assert len((await drafts.require(session, officer)).attachments) == 10


async def test_editing_a_group_returns_to_the_review(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock
) -> None:
    officer = await factories.person(session, 510)
    await factories.report(session, officer, catalogue, clock.now(), submit=False)
    draft = await drafts.edit(session, officer, "route")
    assert draft.draft_step == "direction"
    await drafts.answer_choice(
        session, officer, "direction", "export", catalogue=catalogue, now=clock.now()
    )
    draft = await drafts.require(session, officer)
    assert (draft.origin, draft.draft_step) == ("BO", "destination")
    await drafts.answer_text(session, officer, "Paraguay", catalogue=catalogue, now=clock.now())
    draft = await drafts.require(session, officer)
    assert (draft.destination, draft.draft_step, draft.draft_editing) == ("PY", "review", False)


async def test_submit_needs_a_reviewed_complete_draft(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy
) -> None:
    officer = await factories.person(session, 511)
    await drafts.start(session, officer, clock.now())
    with pytest.raises(InvalidInput, match="not_reviewed"):
        await submission.submit(
            session, officer, policy=policy, catalogue=catalogue, now=clock.now()
        )
    draft = await factories.report(session, officer, catalogue, clock.now(), submit=False)
    draft.place = None  # as if a forged button had skipped the question
    await session.commit()
    with pytest.raises(InvalidInput, match="incomplete"):
        await submission.submit(
            session, officer, policy=policy, catalogue=catalogue, now=clock.now()
        )
    assert (await drafts.require(session, officer)).draft_step == "place"


async def test_only_officers_report(session: AsyncSession, clock: FrozenClock) -> None:
    newcomer = factories.Actor(user_id=99)  # no role: not onboarded
    with pytest.raises(PermissionDenied):
        await drafts.start(session, newcomer, clock.now())
    officer = await factories.person(session, 512)
    with pytest.raises(NotFound):
        await drafts.require(session, officer)
    organizer = await factories.person(session, 513, roles=(Role.ORGANIZER,))
    assert organizer.has(Role.OFFICER)  # onboarding made them an officer too
