"""Field types shared by every content model: language fields, HS codes, CAS numbers, ids.

They live apart from the entry models so that the rules a curator meets most often (what a valid
CAS number or HS code looks like, which languages are mandatory) are written once and explained
in one place.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

Lang = Literal["en", "es", "fr", "pt"]
LANGS: tuple[Lang, ...] = ("en", "es", "fr", "pt")
Provenance = Literal["sources", "knowledge"]

HS_CODE_RE = re.compile(r"^\d{4}(\.\d{2})?$")
CAS_RE = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
SOURCE_ID_RE = re.compile(r"^S\d{2}$")
ENTRY_ID_RE = re.compile(r"^[A-Za-z0-9_:.]{1,24}$")


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, so a typo never goes unnoticed."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def cas_check_digit_ok(cas: str) -> bool:
    """True when the last digit of a CAS number matches its checksum (weighted digit sum)."""
    match = CAS_RE.match(cas)
    if not match:
        return False
    body = match.group(1) + match.group(2)
    total = sum(int(digit) * weight for weight, digit in enumerate(reversed(body), start=1))
    return total % 10 == int(match.group(3))


def _check_cas(value: str) -> str:
    if not CAS_RE.match(value):
        raise ValueError(f"{value!r} is not a CAS number (NNNNNNN-NN-N)")
    if not cas_check_digit_ok(value):
        raise ValueError(f"CAS {value} fails its check digit")
    return value


def _check_hs(value: str) -> str:
    if not HS_CODE_RE.match(value):
        raise ValueError(f"{value!r} is not an HS code (NNNN or NNNN.NN)")
    return value


def _check_source(value: str) -> str:
    if not SOURCE_ID_RE.match(value):
        raise ValueError(f"{value!r} is not a source id (S01-S99)")
    return value


def _check_entry_id(value: str) -> str:
    if not ENTRY_ID_RE.match(value):
        raise ValueError(f"{value!r} is not a short ASCII id (letters, digits, _ : .; max 24)")
    return value


CasNumber = Annotated[str, AfterValidator(_check_cas)]
HsCode = Annotated[str, AfterValidator(_check_hs)]
SourceId = Annotated[str, AfterValidator(_check_source)]
EntryId = Annotated[str, AfterValidator(_check_entry_id)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class Text(Strict):
    """A content string for translators: en and es are mandatory, fr and pt may fall back."""

    en: NonEmpty
    es: NonEmpty
    fr: NonEmpty | None = None
    pt: NonEmpty | None = None

    def get(self, lang: str) -> tuple[str, bool]:
        """The text in `lang` and whether it is the English fallback."""
        value = getattr(self, lang, None) if lang in LANGS else None
        return (value, False) if value else (self.en, lang != "en")


class Text4(Text):
    """A string every reader must get in their language: names and short answers."""

    fr: NonEmpty
    pt: NonEmpty


class TermList(Strict):
    """Search terms per language (synonyms, keywords); every language key must be present."""

    en: list[NonEmpty]
    es: list[NonEmpty]
    fr: list[NonEmpty]
    pt: list[NonEmpty]

    def all_terms(self) -> list[tuple[str, Lang]]:
        """Every term with the language it was written in."""
        return [(term, lang) for lang in LANGS for term in getattr(self, lang)]


class Fact(Strict):
    """A statement with its provenance, so the bot can say when a fact is not source-confirmed."""

    text: Text
    provenance: Provenance = "sources"
    sources: list[SourceId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _sourced(self) -> Fact:
        if self.provenance == "sources" and not self.sources:
            raise ValueError("a fact with provenance 'sources' must name at least one source")
        return self
