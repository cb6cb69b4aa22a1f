"""How each question of the report reads an answer (typed or pressed) into the draft.

`typed` and `chosen` return whether the question is answered (the draft moves on); a value
they cannot accept raises InvalidInput with a stable reason and leaves the draft unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.cases.countries import match_world_country
from bot.cases.values import (
    UNITS,
    UNKNOWN_COUNTRY,
    Action,
    Direction,
    Kind,
    parse_date,
    parse_hs,
    parse_quantity,
    parse_unit,
)
from bot.errors import InvalidInput
from bot.geo import countries
from bot.knowledge.catalogue import Catalogue
from db.models import Case

LIMITS = {"substance": 200, "packaging": 500, "place": 200, "notes": 2000}
OLDEST_YEARS = 5
MAX_CANDIDATES = 5
SUBSTANCE_KINDS = ("chemical", "article")


@dataclass(frozen=True)
class Context:
    catalogue: Catalogue
    today: date  # in the officer's time zone
    lang: str


def _length(step: str, text: str) -> str:
    if not text:
        raise InvalidInput(step, "empty")
    if len(text) > LIMITS.get(step, 200):
        raise InvalidInput(step, "too_long")
    return text


def _served(text: str) -> str:
    code = match_world_country(text)
    if code is None or code not in countries():
        raise InvalidInput("country", "not_served")
    return code


def candidates(text: str, context: Context) -> list[str]:
    """Entries of the knowledge base the typed substance may be (chemicals, article types)."""
    result = context.catalogue.search(text, context.lang)
    found = [
        m.entry_id
        for m in result.matches
        if context.catalogue.has(m.entry_id)
        and context.catalogue.kind(m.entry_id) in SUBSTANCE_KINDS
    ]
    return list(dict.fromkeys(found))[:MAX_CANDIDATES]


def _typed_substance(case: Case, text: str, context: Context) -> tuple[bool, list[str]]:
    case.substance_text, case.substance_id = _length("substance", text), None
    found = candidates(text, context)
    return (not found), found


def _typed_hs(field: str) -> Callable[[Case, str, Context], tuple[bool, list[str]]]:
    def read(case: Case, text: str, context: Context) -> tuple[bool, list[str]]:
        code = parse_hs(text)
        if code is None:
            raise InvalidInput(field, "hs_code")
        setattr(case, field, code)
        return True, []

    return read


def _typed_quantity(case: Case, text: str, context: Context) -> tuple[bool, list[str]]:
    if case.quantity is not None and case.unit is None and parse_unit(text):
        return _unit(case, parse_unit(text)[0]), []  # type: ignore[index]
    parsed = parse_quantity(text)
    if parsed is None:
        raise InvalidInput("quantity", "number")
    case.quantity, case.unit = parsed
    return case.unit is not None, []


def _unit(case: Case, unit: str) -> bool:
    if case.quantity is None or unit not in UNITS:
        raise InvalidInput("quantity", "number")
    case.unit = unit
    return True


def _typed_world(field: str) -> Callable[[Case, str, Context], tuple[bool, list[str]]]:
    def read(case: Case, text: str, context: Context) -> tuple[bool, list[str]]:
        code = match_world_country(text)
        if code is None:
            raise InvalidInput(field, "country")
        setattr(case, field, code)
        return True, []

    return read


def _typed_text(field: str) -> Callable[[Case, str, Context], tuple[bool, list[str]]]:
    def read(case: Case, text: str, context: Context) -> tuple[bool, list[str]]:
        setattr(case, field, _length(field, text))
        return True, []

    return read


def _typed_date(case: Case, text: str, context: Context) -> tuple[bool, list[str]]:
    day = parse_date(text, context.today)
    if day is None:
        raise InvalidInput("when", "date")
    _check_day(day, context.today)
    case.occurred_on = day
    return True, []


def _check_day(day: date, today: date) -> None:
    if day > today:
        raise InvalidInput("when", "future")
    if day < today.replace(year=today.year - OLDEST_YEARS, day=min(today.day, 28)):
        raise InvalidInput("when", "too_old")


def _typed_country(case: Case, text: str, context: Context) -> tuple[bool, list[str]]:
    case.country = _served(text)
    return True, []


TYPED: dict[str, Callable[[Case, str, Context], tuple[bool, list[str]]]] = {
    "country": _typed_country,
    "substance": _typed_substance,
    "hs_declared": _typed_hs("hs_declared"),
    "hs_suspected": _typed_hs("hs_suspected"),
    "quantity": _typed_quantity,
    "packaging": _typed_text("packaging"),
    "origin": _typed_world("origin"),
    "destination": _typed_world("destination"),
    "place": _typed_text("place"),
    "when": _typed_date,
    "notes": _typed_text("notes"),
}


def typed(case: Case, step: str, text: str, context: Context) -> tuple[bool, list[str]]:
    reader = TYPED.get(step)
    if reader is None:
        raise InvalidInput(step, "buttons_only")
    return reader(case, text, context)


# --- buttons ---------------------------------------------------------------------------------


def _choose_substance(case: Case, value: str, context: Context) -> bool:
    if value == "unknown":
        case.substance_text, case.substance_id = None, None
    elif value == "keep":
        if not case.substance_text:
            raise InvalidInput("substance", "empty")
        case.substance_id = None
    elif context.catalogue.has(value) and context.catalogue.kind(value) in SUBSTANCE_KINDS:
        case.substance_id = value
    else:
        raise InvalidInput("substance", "unknown_entry")
    return True


def _choose_direction(case: Case, value: str, context: Context) -> bool:
    direction = Direction(value)
    case.direction = direction.value
    case.origin = case.country if direction == Direction.EXPORT else None
    case.destination = case.country if direction == Direction.IMPORT else None
    return True


def _choose_when(case: Case, value: str, context: Context) -> bool:
    offsets = {"today": 0, "yesterday": 1}
    if value not in offsets:
        raise InvalidInput("when", "date")
    case.occurred_on = context.today - timedelta(days=offsets[value])
    return True


def _choose_action(case: Case, value: str, context: Context) -> bool:
    if value == "done":
        if not case.actions:
            raise InvalidInput("actions", "none_chosen")
        return True
    action = Action(value).value
    chosen = list(case.actions)
    case.actions = [a for a in chosen if a != action] if action in chosen else [*chosen, action]
    case.actions = [a.value for a in Action if a.value in case.actions]
    return False


def _skip(field: str, value: str = "skip") -> Callable[[Case, str, Context], bool]:
    def choose(case: Case, given: str, context: Context) -> bool:
        if given != value:
            raise InvalidInput(field, "choice")
        setattr(case, field, None)
        return True

    return choose


def _choose_quantity(case: Case, value: str, context: Context) -> bool:
    if value == "unknown":
        case.quantity, case.unit = None, None
        return True
    return _unit(case, value)


def _choose_unknown_country(field: str) -> Callable[[Case, str, Context], bool]:
    def choose(case: Case, value: str, context: Context) -> bool:
        if value != "unknown":
            raise InvalidInput(field, "choice")
        setattr(case, field, UNKNOWN_COUNTRY)
        return True

    return choose


def _choose_served(case: Case, value: str, context: Context) -> bool:
    if value not in countries():
        raise InvalidInput("country", "not_served")
    case.country = value
    return True


def _choose_kind(case: Case, value: str, context: Context) -> bool:
    case.kind = Kind(value).value
    return True


def _done(case: Case, value: str, context: Context) -> bool:
    """'Continue' on the optional location and files questions."""
    if value != "done":
        raise InvalidInput("step", "choice")
    return True


CHOSEN: dict[str, Callable[[Case, str, Context], bool]] = {
    "country": _choose_served,
    "kind": _choose_kind,
    "substance": _choose_substance,
    "hs_declared": _skip("hs_declared", "none"),
    "hs_suspected": _skip("hs_suspected", "same"),
    "quantity": _choose_quantity,
    "packaging": _skip("packaging"),
    "direction": _choose_direction,
    "origin": _choose_unknown_country("origin"),
    "destination": _choose_unknown_country("destination"),
    "location": _done,
    "when": _choose_when,
    "actions": _choose_action,
    "files": _done,
    "notes": _skip("notes"),
}


def chosen(case: Case, step: str, value: str, context: Context) -> bool:
    chooser = CHOSEN.get(step)
    if chooser is None:
        raise InvalidInput(step, "choice")
    try:
        return chooser(case, value, context)
    except ValueError as exc:  # an enum value no button carries: a forged button
        raise InvalidInput(step, "choice") from exc
