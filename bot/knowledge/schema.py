"""Pydantic models of the curated content; strict, so a typo or a missing language fails at load.

Rules that involve one entry only (an unconfirmed HS code must say why, a listed chemical must
have an annex) live here; rules across files (ids, sources, cross-references) live in
crossrefs.py, because a single model cannot see the rest of the catalogue.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from bot.knowledge.fields import (
    CasNumber,
    EntryId,
    Fact,
    HsCode,
    NonEmpty,
    Provenance,
    SourceId,
    Strict,
    TermList,
    Text,
    Text4,
)

Scope = Literal[
    "substance",
    "related_compound",
    "pesticide_preparation",
    "mixture",
    "specific_preparation",
    "article",
    "waste",
]
CORE_SCOPES: tuple[Scope, ...] = ("substance", "pesticide_preparation", "mixture")
ConfirmedBasis = Literal[
    "subheading_text", "subheading_note", "wco_recommendation", "customs_ruling"
]
Status = Literal["confirmed", "indicative"]
Annex = Literal["A", "B", "C"]
HS_EDITION = "HS 2022"


class EntryBase(Strict):
    """What every searchable entry has: an id, names, search terms, a short answer, sources."""

    id: EntryId
    names: Text4
    label: Text4 | None = None
    abbreviations: list[NonEmpty] = Field(default_factory=list)
    synonyms: TermList
    short: Text4
    related: list[EntryId] = Field(default_factory=list)
    sources: list[SourceId] = Field(min_length=1)


class HsAssignment(Strict):
    """One HS 2022 code for one scope of a chemical, confirmed by a source or indicative only."""

    code: HsCode
    scope: Scope
    status: Status
    basis: ConfirmedBasis | None = None
    confidence: Literal["high", "medium", "low"] | None = None
    applies_to: Text
    why: Text | None = None
    national_subdivision: bool = False
    sources: list[SourceId] = Field(min_length=1)

    @model_validator(mode="after")
    def _status_rules(self) -> HsAssignment:
        if self.status == "confirmed" and (self.basis is None or self.confidence is not None):
            raise ValueError("a confirmed code needs a basis and no confidence level")
        if self.status == "indicative" and (self.basis or not self.confidence or not self.why):
            raise ValueError("an indicative code needs a confidence and a why, and no basis")
        return self


class CasEntry(Strict):
    number: CasNumber
    label: Text | None = None
    provenance: Provenance
    sources: list[SourceId] = Field(default_factory=list)


class Listing(Strict):
    year: int = Field(ge=2001, le=2030)
    cop: NonEmpty | None = None
    decision: NonEmpty | None = None
    decision_provenance: Provenance = "sources"
    in_force: NonEmpty | None = Field(default=None, pattern=r"^\d{4}(-\d{2}-\d{2})?$")
    in_force_provenance: Provenance = "sources"
    note: Text | None = None
    sources: list[SourceId] = Field(default_factory=list)


class Review(Strict):
    proposed_annex: Annex
    stage: Text
    history: list[Fact] = Field(min_length=1)
    outlook: Fact


class Rotterdam(Strict):
    listed: bool
    provenance: Provenance
    note: Text | None = None
    sources: list[SourceId] = Field(default_factory=list)


class Lookalike(Strict):
    """An unlisted substance easily confused with this entry; asked alone, it is not found."""

    names: list[NonEmpty] = Field(min_length=1)
    cas: CasNumber | None = None
    note: Text


class Chemical(EntryBase):
    status: Literal["listed", "under_review"]
    hs_edition: Literal["HS 2022"]
    names_provenance: Provenance
    trade_names: list[NonEmpty] = Field(default_factory=list)
    class_terms: list[NonEmpty] = Field(default_factory=list)
    caution: Text
    cas: list[CasEntry] = Field(default_factory=list)
    cas_note: Text | None = None
    annexes: list[Annex] = Field(default_factory=list)
    listing: Listing | None = None
    review: Review | None = None
    uses: list[Text] = Field(min_length=1)
    exemptions: Fact
    hs: list[HsAssignment] = Field(default_factory=list)
    not_applicable_scopes: list[Scope] = Field(default_factory=list)
    hs_gaps: list[Text] = Field(default_factory=list)
    rotterdam: Rotterdam
    basel: list[NonEmpty] = Field(default_factory=list)
    notes: list[Fact] = Field(default_factory=list)
    lookalikes: list[Lookalike] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Chemical:
        listed = self.status == "listed"
        if listed and (not self.annexes or self.listing is None or self.review is not None):
            raise ValueError("a listed chemical needs annexes and a listing, and no review")
        if not listed and (self.review is None or self.annexes or self.listing is not None):
            raise ValueError("a chemical under review needs a review, and no annex or listing")
        codes = [assignment.code for assignment in self.hs]
        if len(codes) != len(set(codes)):
            raise ValueError("an HS code may appear only once per chemical")
        return self


class ArticleHs(Strict):
    """An article code: 'pop_named' when the HS text names the POP, otherwise indicative."""

    code: HsCode
    status: Status
    basis: Literal["pop_named", "usual_classification", "best_belief"]
    sources: list[SourceId] = Field(min_length=1)

    @model_validator(mode="after")
    def _status_rules(self) -> ArticleHs:
        if (self.status == "confirmed") != (self.basis == "pop_named"):
            raise ValueError("only a code whose HS text names the POP can be confirmed")
        return self


class Article(EntryBase):
    hs_edition: Literal["HS 2022"]
    keywords: TermList
    may_contain: list[EntryId] = Field(min_length=1)
    hs: list[ArticleHs] = Field(min_length=1)
    what_to_check: list[Text] = Field(min_length=1)
    note: Text
    basel: list[NonEmpty] = Field(default_factory=list)
    association_provenance: Provenance


class Convention(EntryBase):
    keywords: TermList
    at_the_border: list[Fact] = Field(min_length=1)
    key_points: list[Fact] = Field(default_factory=list)


class GlossaryTerm(EntryBase):
    details: Fact | None = None


class FaqEntry(EntryBase):
    keywords: TermList
    answer: list[Fact] = Field(min_length=1)


class WasteCode(EntryBase):
    annex: Literal["I", "II", "VIII", "IX"]
    in_force: bool
    text: Fact
    chemicals: list[EntryId] = Field(default_factory=list)
    pops_note: Text | None = None


class HsEdition(EntryBase):
    keywords: TermList
    known: list[Fact] = Field(min_length=1)
    unknown: list[Fact] = Field(default_factory=list)


class HsText(Strict):
    en: NonEmpty
    es: NonEmpty | None = None


class HsCodeInfo(Strict):
    """An HS 2022 code used in the content: its (abbreviated S01) text and what kind it is."""

    code: HsCode
    text: HsText
    kind: Literal["pop_specific", "residual", "general"]
    note: Text | None = None
    sources: list[SourceId] = Field(min_length=1)


class Source(Strict):
    id: SourceId
    title: NonEmpty
    url: NonEmpty | None = None
    kind: NonEmpty
    supports: NonEmpty


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(min_length=1)


class FaqFile(Strict):
    questions: list[FaqEntry] = Field(min_length=1)


class WasteFile(Strict):
    entries: list[WasteCode] = Field(min_length=1)
    notes: list[Fact] = Field(default_factory=list)


class EditionsFile(Strict):
    editions: list[HsEdition] = Field(min_length=1)


class HsCodesFile(Strict):
    codes: list[HsCodeInfo] = Field(min_length=1)


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)
