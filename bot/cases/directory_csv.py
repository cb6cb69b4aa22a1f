"""Reading the focal point directory from CSV: every row checked, every problem reported with
its line number, and nothing imported from a file with a bad row (pure, no I/O).

Columns (header required, any order; docs/cases.md): telegram_id, country, conventions, role,
languages, backup_telegram_id, name. Lists inside a cell are separated by ';', '|' or spaces.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.geo import countries
from bot.i18n import SUPPORTED_LOCALES
from bot.users.roles import Convention

REQUIRED = ("telegram_id", "country", "conventions", "role", "languages")
OPTIONAL = ("backup_telegram_id", "name")
ROLES = ("ocp", "nfp", "other")
_LIST = re.compile(r"[;|/,\s]+")
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class EntryRow:
    line: int
    user_id: int
    country: str
    conventions: tuple[str, ...]
    role: str
    languages: tuple[str, ...]
    backup_id: int | None
    name: str


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str  # stable code: see `describe`
    value: str = ""


def describe(error: RowError) -> str:
    """The error in English, for the command line."""
    texts = {
        "missing": "the column is missing from the header",
        "unknown_column": "unknown column",
        "empty": "a value is required",
        "invalid": "not a valid value",
        "not_served": "not one of the served countries (ISO code such as BO, PE, BR)",
        "duplicate": "this person is already on another line",
        "self": "a person cannot be their own backup",
        "unknown_backup": "the backup is neither in this file nor in the directory",
        "no_rows": "the file has no focal point rows",
    }
    shown = f" «{error.value}»" if error.value else ""
    return f"line {error.line}: {error.column}{shown}: {texts.get(error.reason, error.reason)}"


def _split(value: str) -> list[str]:
    return [part for part in _LIST.split(value.strip().lower()) if part]


def _telegram_id(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() and 0 < int(value) <= MAX_ID else None


def _row(line: int, cells: dict[str, str]) -> tuple[EntryRow | None, list[RowError]]:
    errors: list[RowError] = []

    def bad(column: str, reason: str) -> None:
        errors.append(RowError(line, column, reason, cells.get(column, "")[:40]))

    user_id = _telegram_id(cells.get("telegram_id", ""))
    if user_id is None:
        bad("telegram_id", "invalid")
    country = cells.get("country", "").strip().upper()
    if country not in countries():
        bad("country", "not_served")
    conventions = _split(cells.get("conventions", ""))
    if not conventions or any(c not in Convention.__members__.values() for c in conventions):
        bad("conventions", "invalid")
    role = cells.get("role", "").strip().lower()
    if role not in ROLES:
        bad("role", "invalid")
    languages = _split(cells.get("languages", ""))
    if not languages or any(lang not in SUPPORTED_LOCALES for lang in languages):
        bad("languages", "invalid")
    backup_text = cells.get("backup_telegram_id", "").strip()
    backup = _telegram_id(backup_text) if backup_text else None
    if backup_text and backup is None:
        bad("backup_telegram_id", "invalid")
    elif backup is not None and backup == user_id:
        bad("backup_telegram_id", "self")
    name = " ".join(cells.get("name", "").split())[:128]
    if errors:
        return None, errors
    ordered = tuple(c.value for c in Convention if c.value in conventions)
    row = EntryRow(line, user_id, country, ordered, role,  # type: ignore[arg-type]
                   tuple(dict.fromkeys(languages)), backup, name)  # fmt: skip
    return row, []


def _header(reader: Iterator[list[str]]) -> tuple[list[str], list[RowError]]:
    header = [cell.strip().lower() for cell in next(reader, [])]
    errors = [RowError(1, col, "missing") for col in REQUIRED if col not in header]
    errors += [
        RowError(1, col, "unknown_column")
        for col in header
        if col and col not in REQUIRED + OPTIONAL
    ]
    return header, errors


def parse(text: str) -> tuple[list[EntryRow], list[RowError]]:
    """Rows and errors of a whole file; the caller imports only when there are no errors."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header, errors = _header(reader)
    if errors:
        return [], errors
    rows: list[EntryRow] = []
    seen: dict[int, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        row, row_errors = _row(line, dict(zip(header, cells, strict=False)))
        errors += row_errors
        if row is not None and row.user_id in seen:
            errors.append(RowError(line, "telegram_id", "duplicate", str(row.user_id)))
        elif row is not None:
            seen[row.user_id] = line
            rows.append(row)
    if not rows and not errors:
        errors.append(RowError(1, "file", "no_rows"))
    return rows, errors


def backup_errors(rows: list[EntryRow], known: set[int]) -> list[RowError]:
    """Backups must be focal points themselves (in the file or the directory), so an
    escalation reaches someone who can act on the case."""
    in_file = {row.user_id for row in rows}
    return [
        RowError(row.line, "backup_telegram_id", "unknown_backup", str(row.backup_id))
        for row in rows
        if row.backup_id is not None and row.backup_id not in in_file | known
    ]


HEADER_LINE = ",".join(REQUIRED + OPTIONAL)
