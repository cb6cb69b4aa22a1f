"""Cases for National Implementation Plan inventories: one row per case (HS codes, substance,
quantities, outcome, timings) and summaries by country, POP and HS code, with the time to
acknowledge and to close per country. CSV or Excel (openpyxl).

No personal data leaves: no reporter, no focal point names, no free notes. Cells that a
spreadsheet would run as a formula are quoted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import summary
from bot.cases.access import CasePolicy, is_admin
from bot.errors import PermissionDenied
from bot.knowledge.catalogue import Catalogue
from bot.users.roles import Actor, Role
from db.models import Case
from db.repositories import cases as repo

FORMATS = ("csv", "xlsx")


async def collect(
    session: AsyncSession,
    actor: Actor,
    *,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    policy: CasePolicy,
) -> Sequence[Case]:
    """Submitted cases in the period (dates inclusive, UTC). A focal point exports their own
    country only; admins and the shell operator any country or all."""
    country = country.upper() if country else None
    if not is_admin(actor):
        focal = actor.grant(Role.FOCAL_POINT)
        if focal is None or (country and country != focal.country):
            raise PermissionDenied(Role.FOCAL_POINT.value)
        country = focal.country
    start = datetime.combine(since, time(), UTC) if since else None
    end = datetime.combine(until + timedelta(days=1), time(), UTC) if until else None
    return await repo.for_export(session, country=country, since=start, until=end)


def safe(value: object) -> object:
    """Text that Excel or LibreOffice would evaluate ('=HYPERLINK(...)') is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(cases: Sequence[Case], catalogue: Catalogue) -> bytes:
    """The case rows, then each summary under a blank line with its own header row (a
    spreadsheet shows them one under another; scripts read up to the first blank line)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for index, (name, header, rows) in enumerate(summary.tables(cases, catalogue)):
        if index:
            writer.writerow([])
            writer.writerow([f"# {name}"])
        writer.writerow(header)
        writer.writerows([[safe(cell) for cell in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel reads accents right


def to_xlsx(cases: Sequence[Case], catalogue: Catalogue) -> bytes:
    """One sheet per table, header row in bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, header, rows in summary.tables(cases, catalogue):
        sheet = book.create_sheet(title=name[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe(cell) for cell in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(fmt: str, cases: Sequence[Case], catalogue: Catalogue) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    return to_csv(cases, catalogue) if fmt == "csv" else to_xlsx(cases, catalogue)


def file_name(fmt: str, country: str | None, now: datetime) -> str:
    return f"popsbot-cases-{(country or 'all').lower()}-{now:%Y%m%d}.{fmt}"
