"""Exports for NIP inventories: case rows and summaries, in CSV and Excel, read back."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import export, work
from bot.cases.access import CasePolicy
from bot.clock import FrozenClock
from bot.errors import PermissionDenied
from bot.knowledge.catalogue import Catalogue
from db.models import Case
from tests.cases import factories


async def three_cases(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> list[Case]:
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    ocp = await factories.actor(session, 7001)
    peru = await factories.actor(session, 7101)
    bo = await factories.person(session, 1101)
    pe = await factories.person(session, 1102, country="PE", zone="America/Lima")
    first = await factories.report(session, bo, catalogue, clock.now(), substance="DDT")
    clock.advance(timedelta(hours=6))
    await work.acknowledge(session, ocp, first.id, policy=policy, now=clock.now())
    clock.advance(timedelta(hours=30))
    await work.close(session, ocp, first.id, "confirmed_pop", policy=policy, now=clock.now())
    second = await factories.report(
        session, pe, catalogue, clock.now(), substance="=cmd|' /C calc'!A0", confirm=False
    )
    clock.advance(timedelta(days=2))
    await work.close(session, peru, second.id, "insufficient", policy=policy, now=clock.now())
    third = await factories.report(
        session, bo, catalogue, clock.now(), kind="waste", substance="PCB"
    )
    return [first, second, third]


async def test_csv_has_cases_then_summaries(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    cases = await three_cases(session, catalogue, clock, policy)
    found = await export.collect(session, factories.SYSTEM, policy=policy)
    text = export.to_csv(found, catalogue).decode("utf-8-sig")
    block = text.split("\n\n")[0]
    rows = list(csv.DictReader(io.StringIO(block)))
    assert [r["reference"] for r in rows] == [c.reference for c in cases]
    ddt = rows[0]
    assert (ddt["substance"], ddt["cas"], ddt["listed_pop"], ddt["rotterdam_annex_iii"]) == (
        "DDT", "50-29-3;789-02-6", "yes", "yes",
    )  # fmt: skip
    assert (ddt["hs_declared"], ddt["hs_suspected"], ddt["quantity_kg"]) == (
        "3808.91",
        "3808.52",
        "200.0",
    )
    assert (ddt["outcome"], ddt["hours_to_acknowledge"], ddt["hours_to_close"]) == (
        "confirmed_pop",
        "6.0",
        "36.0",
    )
    assert rows[1]["substance"].startswith("'=cmd")  # a formula stays text in a spreadsheet
    assert "# By country" in text
    assert "# By POP" in text
    assert "# By HS code" in text
    assert "# Timings" in text


async def test_xlsx_sheets_read_back(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    await three_cases(session, catalogue, clock, policy)
    found = await export.collect(session, factories.SYSTEM, policy=policy)
    book = load_workbook(io.BytesIO(export.to_xlsx(found, catalogue)))
    assert book.sheetnames == ["Cases", "By country", "By POP", "By HS code", "Timings"]
    by_country = [list(r) for r in book["By country"].iter_rows(values_only=True)]
    assert by_country[0] == [
        "country",
        "cases",
        "open",
        "closed",
        "confirmed_pop",
        "total_kg",
        "total_l",
    ]
    assert by_country[1:] == [["BO", 2, 1, 1, 1, 400, 0], ["PE", 1, 0, 1, 0, 200, 0]]
    timings = {row[0]: row for row in book["Timings"].iter_rows(min_row=2, values_only=True)}
    assert timings["BO"][1:5] == (2, 1, 6, 6)  # cases, acknowledged, median and mean hours
    assert timings["PE"][5:7] == (1, 48)  # closed, median hours to close (acknowledged on close)
    pops = {row[0]: row for row in book["By POP"].iter_rows(min_row=2, values_only=True)}
    assert pops["DDT"][-1] == "3808.52"
    assert book["Cases"]["G3"].value.startswith("'=")


async def test_filters_and_who_may_export(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, policy: CasePolicy
) -> None:
    cases = await three_cases(session, catalogue, clock, policy)
    only_bo = await export.collect(session, factories.SYSTEM, country="bo", policy=policy)
    assert [c.reference for c in only_bo] == [cases[0].reference, cases[2].reference]
    first_day = await export.collect(
        session, factories.SYSTEM, since=date(2026, 3, 8), until=date(2026, 3, 8), policy=policy
    )
    assert [c.reference for c in first_day] == [cases[0].reference]
    ocp = await factories.actor(session, 7001)
    assert {c.country for c in await export.collect(session, ocp, policy=policy)} == {"BO"}
    with pytest.raises(PermissionDenied):
        await export.collect(session, ocp, country="PE", policy=policy)
    officer = await factories.actor(session, 1101)
    with pytest.raises(PermissionDenied):
        await export.collect(session, officer, policy=policy)
