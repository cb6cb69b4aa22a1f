"""The vocabulary of a case (kinds, directions, actions, outcomes, statuses, units) and the
parsers that turn what an officer types on a phone into those values.

Parsers return None for what they cannot read; the services turn that into InvalidInput with a
stable reason code, and the transport into a translated sentence.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from bot.knowledge.normalize import HS_MARKERS, fold


class Kind(StrEnum):
    CHEMICAL = "chemical"
    PESTICIDE = "pesticide"
    ARTICLE = "article"
    WASTE = "waste"
    OTHER = "other"


class Direction(StrEnum):
    IMPORT = "import"
    EXPORT = "export"
    TRANSIT = "transit"


class Action(StrEnum):
    DETAINED = "detained"
    SEIZED = "seized"
    SAMPLED = "sampled"
    RELEASED = "released"


class Outcome(StrEnum):
    CONFIRMED_POP = "confirmed_pop"
    NOT_POP = "not_pop"
    REFERRED = "referred"
    INSUFFICIENT = "insufficient"
    OTHER = "other"


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"
    INFO_REQUESTED = "info_requested"
    CLOSED = "closed"


OPEN_STATUSES = (Status.SUBMITTED, Status.ACKNOWLEDGED, Status.INFO_REQUESTED)
UNITS = ("kg", "t", "l", "m3", "units")
UNKNOWN_COUNTRY = "ZZ"

_UNIT_WORDS = {
    "kg": ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramo", "kilogramos",
           "kilogramme", "kilogrammes", "quilo", "quilos", "quilograma", "quilogramas"),
    "t": ("t", "tn", "ton", "tons", "tonne", "tonnes", "tonelada", "toneladas", "mt"),
    "l": ("l", "lt", "lts", "litre", "litres", "liter", "liters", "litro", "litros"),
    "m3": ("m3", "m³", "cbm", "cubic metres", "metros cubicos", "metres cubes", "metros cubicos"),
    "units": ("units", "unit", "pcs", "pieces", "piece", "items", "unidades", "unidad",
              "piezas", "pieza", "unites", "unite", "pecas", "peca", "u"),
}  # fmt: skip
_SCALED = {"g": ("kg", 0.001), "gr": ("kg", 0.001), "grams": ("kg", 0.001),
           "gramos": ("kg", 0.001), "gramas": ("kg", 0.001), "grammes": ("kg", 0.001),
           "ml": ("l", 0.001)}  # fmt: skip
_QUANTITY = re.compile(r"^\s*(\d[\d.,\s]*)\s*(.*?)\s*$")
_DATE = re.compile(r"^\s*(\d{1,4})[/.\-\s](\d{1,2})(?:[/.\-\s](\d{2,4}))?\s*$")
MAX_QUANTITY = 1e12


def parse_hs(text: str) -> str | None:
    """The digits of an HS code written any common way: '2903.82', 'SA 2903 82', '2903.82.10.00',
    'HS: 290382'. Six to ten digits; chapters 00 and 77 do not exist."""
    words = [w for w in fold(text[:60]).split() if w not in HS_MARKERS]
    raw = "".join(words)
    if not raw.isdigit() or not 6 <= len(raw) <= 10:
        return None
    if raw[:2] in ("00", "77"):
        return None
    return raw


def format_hs(digits: str) -> str:
    """'29038210' -> '2903.82.10': the heading, subheading and national pairs people read."""
    parts = [digits[:4], digits[4:6]] + [digits[i : i + 2] for i in range(6, len(digits), 2)]
    return ".".join(part for part in parts if part)


def _number(raw: str) -> float | None:
    """'1.500,5', '1,500.5', '1 500', '2,5' -> float. A lone separator followed by exactly three
    digits is read as thousands ('1,500' = 1500): the officer sees the value back to check."""
    raw = raw.replace(" ", "").rstrip(".,")
    if not raw:
        return None
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        raw = raw.replace(thousands, "").replace(decimal, ".")
    else:
        sep = "," if "," in raw else "." if "." in raw else ""
        if sep:
            head, _, tail = raw.rpartition(sep)
            if raw.count(sep) > 1 or len(tail) == 3:
                raw = raw.replace(sep, "")
            else:
                raw = head.replace(sep, "") + "." + tail
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if 0 < value <= MAX_QUANTITY else None


def parse_unit(text: str) -> tuple[str, float] | None:
    """A unit word in any of our languages -> (unit, factor to that unit)."""
    word = fold(text).replace(" ", "")
    for unit, words in _UNIT_WORDS.items():
        if word in {w.replace(" ", "") for w in words}:
            return unit, 1.0
    return _SCALED.get(word)


def parse_quantity(text: str) -> tuple[float, str | None] | None:
    """'200 kg' -> (200.0, 'kg'); '3' or '3 drums' -> (3.0, None) so the unit is asked with
    buttons; text that does not start with a number -> None."""
    match = _QUANTITY.match(text[:60])
    if not match:
        return None
    value = _number(match.group(1))
    if value is None:
        return None
    rest = match.group(2)
    if not rest:
        return value, None
    unit = parse_unit(rest)
    if unit is None:
        return value, None
    return round(value * unit[1], 6), unit[0]


def parse_date(text: str, today: date) -> date | None:
    """Day first, as written in Latin America: '25/11/2026', '25-11-26', '25.11', or ISO
    '2026-11-25'. A missing year is this year."""
    match = _DATE.match(text[:40])
    if not match:
        return None
    first, second, third = match.groups()
    try:
        if len(first) == 4:
            if third is None:
                return None
            return date(int(first), int(second), int(third))
        year = today.year if third is None else int(third)
        year = year + 2000 if year < 100 else year
        return date(year, int(second), int(first))
    except ValueError:
        return None
