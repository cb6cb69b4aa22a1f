"""The tables of an export: cases, and summaries by country, POP and HS code, and timings.

Headers are stable English column names (scripts and NIP templates map them); values are
plain (ISO codes, HS digits, UTC timestamps, decimal hours).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from statistics import mean, median

from bot.cases.values import format_hs
from bot.knowledge.catalogue import Catalogue
from db.models import Case

Table = tuple[str, list[str], list[list[object]]]
CASE_COLUMNS = [
    "reference", "status", "country", "submitted_at_utc", "occurred_on", "kind", "substance",
    "substance_id", "cas", "listed_pop", "rotterdam_annex_iii", "hs_declared", "hs_suspected",
    "quantity", "unit", "quantity_kg", "quantity_l", "packaging", "direction", "origin",
    "destination", "place", "actions", "outcome", "acknowledged_at_utc", "closed_at_utc",
    "hours_to_acknowledge", "hours_to_close",
]  # fmt: skip
TO_KG = {"kg": 1.0, "t": 1000.0}
TO_L = {"l": 1.0, "m3": 1000.0}
UNIDENTIFIED = "(not identified)"


def _iso(at: datetime | None) -> str:
    return at.isoformat(timespec="minutes") if at else ""


def hours(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 3600, 2)


def substance_name(case: Case, catalogue: Catalogue) -> str:
    entry = catalogue.entries.get(case.substance_id or "")
    if entry is not None:
        return str(entry.names.en)
    return case.substance_text or ""


def is_listed_pop(case: Case, catalogue: Catalogue) -> bool:
    entry_id = case.substance_id or ""
    return entry_id in catalogue.raw.chemicals and catalogue.chemical(entry_id).status == "listed"


def converted(case: Case, table: dict[str, float]) -> float | None:
    if case.quantity is None or case.unit not in table:
        return None
    return round(case.quantity * table[case.unit], 6)


def hs_key(case: Case) -> str:
    """The subheading the case is about: the suspected code if given, else the declared."""
    code = case.hs_suspected or case.hs_declared
    return format_hs(code[:6]) if code else "(none)"


def case_row(case: Case, catalogue: Catalogue) -> list[object]:
    entry = catalogue.entries.get(case.substance_id or "")
    cas = ";".join(c.number for c in getattr(entry, "cas", []))
    return [
        case.reference, case.status, case.country, _iso(case.submitted_at),
        case.occurred_on.isoformat() if case.occurred_on else "", case.kind,
        substance_name(case, catalogue), case.substance_id or "", cas,
        "yes" if is_listed_pop(case, catalogue) else "no", "yes" if case.rotterdam else "no",
        format_hs(case.hs_declared) if case.hs_declared else "",
        format_hs(case.hs_suspected) if case.hs_suspected else "",
        case.quantity, case.unit or "", converted(case, TO_KG), converted(case, TO_L),
        case.packaging or "", case.direction, case.origin or "", case.destination or "",
        case.place or "", ";".join(case.actions), case.outcome or "",
        _iso(case.acknowledged_at), _iso(case.closed_at),
        hours(case.submitted_at, case.acknowledged_at), hours(case.submitted_at, case.closed_at),
    ]  # fmt: skip


def _total(values: Iterable[float | None]) -> float:
    return round(sum(v for v in values if v is not None), 6)


def _grouped(cases: Sequence[Case], key: Callable[[Case], str]) -> dict[str, list[Case]]:
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        groups[key(case)].append(case)
    return dict(sorted(groups.items()))


def _counts(group: list[Case]) -> list[object]:
    closed = [c for c in group if c.status == "closed"]
    confirmed = [c for c in closed if c.outcome == "confirmed_pop"]
    return [
        len(group), len(group) - len(closed), len(closed), len(confirmed),
        _total(converted(c, TO_KG) for c in group), _total(converted(c, TO_L) for c in group),
    ]  # fmt: skip


COUNT_COLUMNS = ["cases", "open", "closed", "confirmed_pop", "total_kg", "total_l"]


def by_country(cases: Sequence[Case], catalogue: Catalogue) -> Table:
    rows = [
        [key, *_counts(group)] for key, group in _grouped(cases, lambda c: c.country or "").items()
    ]
    return "By country", ["country", *COUNT_COLUMNS], rows


def by_pop(cases: Sequence[Case], catalogue: Catalogue) -> Table:
    def key(case: Case) -> str:
        return substance_name(case, catalogue) if case.substance_id else UNIDENTIFIED

    rows = []
    for name, group in _grouped(cases, key).items():
        codes = sorted({hs_key(c) for c in group} - {"(none)"})
        rows.append([name, group[0].substance_id or "", *_counts(group), ";".join(codes)])
    return "By POP", ["substance", "substance_id", *COUNT_COLUMNS, "hs_codes"], rows


def by_hs(cases: Sequence[Case], catalogue: Catalogue) -> Table:
    rows = []
    for code, group in _grouped(cases, hs_key).items():
        names = sorted({substance_name(c, catalogue) for c in group if c.substance_id})
        rows.append([code, *_counts(group), ";".join(names)])
    return "By HS code", ["hs_subheading", *COUNT_COLUMNS, "substances"], rows


def _stats(values: list[float]) -> list[object]:
    if not values:
        return [0, None, None]
    return [len(values), round(median(values), 2), round(mean(values), 2)]


def timings(cases: Sequence[Case], catalogue: Catalogue) -> Table:
    rows = []
    for key, group in _grouped(cases, lambda c: c.country or "").items():
        ack = [h for c in group if (h := hours(c.submitted_at, c.acknowledged_at)) is not None]
        done = [h for c in group if (h := hours(c.submitted_at, c.closed_at)) is not None]
        rows.append([key, len(group), *_stats(ack), *_stats(done)])
    header = ["country", "cases", "acknowledged", "median_hours_to_acknowledge",
              "mean_hours_to_acknowledge", "closed", "median_hours_to_close",
              "mean_hours_to_close"]  # fmt: skip
    return "Timings", header, rows


def tables(cases: Sequence[Case], catalogue: Catalogue) -> list[Table]:
    rows = [case_row(case, catalogue) for case in cases]
    return [
        ("Cases", CASE_COLUMNS, rows),
        by_country(cases, catalogue),
        by_pop(cases, catalogue),
        by_hs(cases, catalogue),
        timings(cases, catalogue),
    ]
