"""What a search returns to the handlers: the kind of answer and the ranked matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.knowledge.normalize import HsQuery

Kind = Literal["entry", "hs_code", "choices", "not_found"]


@dataclass(frozen=True)
class Match:
    entry_id: str
    score: float
    matched_on: str  # "name:es", "abbreviation", "fuzzy:synonym:en", "cas", "hs:confirmed"...


@dataclass(frozen=True)
class SearchResult:
    kind: Kind
    query: str
    matches: list[Match] = field(default_factory=list)
    hs: HsQuery | None = None  # the code read from the question (hs_code, or not found)
    cas: str | None = None  # the CAS number read from the question
    lookalike: bool = False  # not found: an unlisted substance easily confused with matches[0]
