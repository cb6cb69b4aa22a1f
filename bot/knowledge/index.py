"""The search index, built once when the catalogue loads: every way an entry can be named.

Names, labels, abbreviations, trade names, synonyms, keywords, class terms and look-alike names
are folded into exact keys (with and without spaces); their tokens feed a token vocabulary used
only for "did you mean" choices; CAS numbers and HS codes get their own tables. Search then does
dictionary look-ups first and fuzzy matching only on what is left.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from bot.knowledge.fields import TermList, Text4
from bot.knowledge.loader import RawContent
from bot.knowledge.normalize import compact, fold, stem_key
from bot.knowledge.schema import EntryBase

# How much a hit on each kind of term is worth: a name is a name, a keyword only suggests.
WEIGHTS = {
    "name": 1.0,
    "label": 1.0,
    "abbreviation": 1.0,
    "lookalike": 1.0,
    "trade_name": 0.98,
    "synonym": 0.98,
    "class_term": 0.95,
    "keyword": 0.92,
    "question": 0.85,
}
# Search priority when two entries score the same: the substance before what contains it.
KIND_ORDER = ("chemical", "article", "convention", "waste", "glossary", "edition", "faq")
_PARENS = re.compile(r"\(([^()]*)\)")


# Supporting entries explain words; a POP or an article is what a question is usually about.
KIND_WEIGHTS = {"glossary": 0.92, "faq": 0.95}


@dataclass(frozen=True)
class TermRef:
    entry_id: str
    field: str
    lang: str | None
    whole: bool  # a whole-term hit may be answered directly; class terms only suggest
    kind_weight: float = 1.0

    @property
    def weight(self) -> float:
        return WEIGHTS[self.field] * self.kind_weight


@dataclass(frozen=True)
class CodeUse:
    """One entry using one HS code, with what the content says about it."""

    entry_id: str
    kind: str  # "chemical" or "article"
    status: str  # "confirmed" or "indicative"
    scope: str  # chemical scope, or "article"


@dataclass
class SearchIndex:
    exact: dict[str, list[TermRef]] = field(default_factory=lambda: defaultdict(list))
    tokens: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    short_keys: dict[str, list[TermRef]] = field(default_factory=lambda: defaultdict(list))
    cas: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, list[CodeUse]] = field(default_factory=lambda: defaultdict(list))
    headings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[str, str] = field(default_factory=dict)
    fuzzy_keys: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # sorted one-word keys, for prefixes
    token_keys: list[str] = field(default_factory=list)  # the words of all names, for choices
    contains: dict[str, frozenset[str]] = field(default_factory=dict)  # article -> chemicals

    def add(self, text: str, ref: TermRef) -> None:
        """Index a term as typed, without its bracketed part, and the bracketed part itself."""
        variants = {text, _PARENS.sub(" ", text)}
        variants.update(inner for inner in _PARENS.findall(text) if 0 < len(inner) <= 14)
        for variant in variants:
            key = fold(variant)
            if not key:
                continue
            for index_key in {key, key.replace(" ", ""), "~" + stem_key(key)}:
                if ref not in self.exact[index_key]:
                    self.exact[index_key].append(ref)
            for token in key.split():
                if len(token) >= 4 and not token.isdigit() and ref.field != "lookalike":
                    self.tokens[token].add(ref.entry_id)
            if len(compact(variant)) <= 8 and ref.field in ("abbreviation", "trade_name"):
                self.short_keys[compact(variant)].append(ref)

    def rank_of(self, entry_id: str) -> int:
        return KIND_ORDER.index(self.kinds.get(entry_id, "faq"))


def _ref(index: SearchIndex, entry_id: str, field_name: str, lang: str | None) -> TermRef:
    kind_weight = KIND_WEIGHTS.get(index.kinds[entry_id], 1.0)
    return TermRef(entry_id, field_name, lang, True, kind_weight)


def _add_names(index: SearchIndex, entry_id: str, names: Text4, field_name: str = "name") -> None:
    for lang in ("en", "es", "fr", "pt"):
        index.add(getattr(names, lang), _ref(index, entry_id, field_name, lang))


def _add_terms(index: SearchIndex, entry_id: str, terms: TermList, field_name: str) -> None:
    for term, lang in terms.all_terms():
        index.add(term, _ref(index, entry_id, field_name, lang))


def _add_common(index: SearchIndex, entry: EntryBase, kind: str) -> None:
    entry_id = entry.id
    index.kinds[entry_id] = kind
    _add_names(index, entry_id, entry.names, "question" if kind == "faq" else "name")
    label = getattr(entry, "label", None)
    if label is not None:
        _add_names(index, entry_id, label, "label")
    for abbreviation in getattr(entry, "abbreviations", []):
        index.add(abbreviation, _ref(index, entry_id, "abbreviation", None))
    _add_terms(index, entry_id, entry.synonyms, "synonym")
    keywords = getattr(entry, "keywords", None)
    if keywords is not None:
        _add_terms(index, entry_id, keywords, "keyword")


def build_index(raw: RawContent) -> SearchIndex:
    """Index every entry of the catalogue; called once per load."""
    index = SearchIndex()
    for chemical in raw.chemicals.values():
        _add_common(index, chemical, "chemical")
        for name in chemical.trade_names:
            index.add(name, TermRef(chemical.id, "trade_name", None, True))
        for term in chemical.class_terms:
            index.add(term, TermRef(chemical.id, "class_term", None, False))
        for lookalike in chemical.lookalikes:
            for name in lookalike.names:
                index.add(name, TermRef(chemical.id, "lookalike", None, True))
        for cas in chemical.cas:
            index.cas[cas.number].append(chemical.id)
        for assignment in chemical.hs:
            index.codes[assignment.code].append(
                CodeUse(chemical.id, "chemical", assignment.status, assignment.scope)
            )
    for article in raw.articles.values():
        _add_common(index, article, "article")
        for article_code in article.hs:
            index.codes[article_code.code].append(
                CodeUse(article.id, "article", article_code.status, "article")
            )
    groups = (
        (raw.conventions, "convention"),
        (raw.glossary, "glossary"),
        (raw.faq, "faq"),
        (raw.waste, "waste"),
        (raw.editions, "edition"),
    )
    for group, kind in groups:
        for entry in group.values():
            _add_common(index, entry, kind)
    for code in raw.hs_codes:
        if len(code) == 7:
            index.headings[code[:4]].append(code)
    index.fuzzy_keys = sorted(k for k in index.exact if len(k) >= 4 and not k.startswith("~"))
    index.words = sorted(k for k in index.exact if " " not in k and not k.startswith("~"))
    index.contains = {a.id: frozenset(a.may_contain) for a in raw.articles.values()}
    index.token_keys = sorted(index.tokens)
    return index
