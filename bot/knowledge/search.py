"""Find the entry a question is about, or say honestly that the content does not cover it.

Order of evidence: an exact name for the whole question, a CAS number, an HS code, then exact
phrases inside the question, then fuzzy phrases (typos) and finally loose token resemblance.
Only a phrase that matches a whole name may be answered directly; token resemblance and class
terms ("PFAS", "PBDEs") only ever produce "did you mean" choices. Thresholds were set with
bench/knowledge/eval_set.yaml so that "glyphosate" is not found rather than nearly matched.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from bot.knowledge.index import SearchIndex, TermRef
from bot.knowledge.normalize import (
    HsQuery,
    cas_from_digits,
    find_cas,
    find_hs_codes,
    fold,
    stem_key,
)
from bot.knowledge.stopwords import STOPWORDS

Kind = Literal["entry", "hs_code", "choices", "not_found"]
ACCEPT = 82.0  # final score needed to answer with one entry
MARGIN = 4.0  # the best entry must lead the next one by this much, else: choices
CHOICE_MIN = 62.0  # below this a candidate is not even offered as "did you mean"
FUZZY_CUTOFF = 84.0  # rapidfuzz ratio for a typo of a whole name
SHORT_FUZZY_CUTOFF = 88.0  # four letters: one letter missing or added, no substitution
TOKEN_CUTOFF = 88.0  # ratio for a word resembling a word of a name (choices only)
MAX_CHOICES = 5
MAX_NGRAM = 6


@dataclass(frozen=True)
class Match:
    entry_id: str
    score: float
    matched_on: str


@dataclass(frozen=True)
class SearchResult:
    kind: Kind
    query: str
    matches: list[Match] = field(default_factory=list)
    hs: HsQuery | None = None
    cas: str | None = None
    lookalike: bool = False


@dataclass
class _Hit:
    score: float
    matched_on: str
    whole: bool
    covered: frozenset[int]


class Searcher:
    """Stateless search over a prebuilt index; one instance per catalogue."""

    def __init__(self, index: SearchIndex, known_cas: frozenset[str]) -> None:
        self.index = index
        self.known_cas = known_cas

    def search(self, query: str, lang: str) -> SearchResult:
        folded = fold(query)
        if not folded:
            return SearchResult("not_found", query)
        whole = self._exact(folded, lang, frozenset())
        if whole:
            return self._decide(query, whole)
        coded = self._codes(query, folded)
        if coded is not None:
            return coded
        return self._text(query, folded, lang)

    # --- codes -------------------------------------------------------------------------------

    def _codes(self, query: str, folded: str) -> SearchResult | None:
        cas = find_cas(query)
        if cas is None:
            cas = next(
                (
                    cas_from_digits(token)
                    for token in folded.split()
                    if cas_from_digits(token) in self.known_cas
                ),
                None,
            )
        if cas is not None:
            entries = self.index.cas.get(cas, [])
            matches = [Match(entry_id, 100.0, "cas") for entry_id in entries]
            return SearchResult(
                "entry" if len(entries) == 1 else "not_found", query, matches, cas=cas
            )
        only_code = not [t for t in folded.split() if t not in STOPWORDS and not t.isdigit()]
        for hs in find_hs_codes(query):
            if self._code_known(hs) or hs.explicit or only_code:
                return self._hs_result(query, hs)
        return None

    def _code_known(self, hs: HsQuery) -> bool:
        return hs.code in self.index.codes or (hs.heading and hs.code in self.index.headings)

    def _hs_result(self, query: str, hs: HsQuery) -> SearchResult:
        codes = [hs.code] if not hs.heading else [hs.code, *self.index.headings.get(hs.code, [])]
        matches: dict[str, Match] = {}
        for code in codes:
            for use in self.index.codes.get(code, []):
                score = {"confirmed": 100.0, "indicative": 90.0}[use.status]
                score -= 10.0 if use.kind == "article" else 0.0
                current = matches.get(use.entry_id)
                if current is None or current.score < score:
                    matches[use.entry_id] = Match(use.entry_id, score, f"hs:{use.status}")
        ranked = sorted(
            matches.values(), key=lambda m: (-m.score, self.index.rank_of(m.entry_id), m.entry_id)
        )
        return SearchResult("hs_code" if ranked else "not_found", query, ranked, hs=hs)

    # --- text --------------------------------------------------------------------------------

    def _exact(self, key: str, lang: str, covered: frozenset[int]) -> dict[str, _Hit]:
        exact = self.index.exact
        refs = exact.get(key) or exact.get(key.replace(" ", "")) or exact.get("~" + stem_key(key))
        return self._hits(refs or [], 100.0, lang, covered, "")

    def _hits(
        self, refs: list[TermRef], base: float, lang: str, covered: frozenset[int], how: str
    ) -> dict[str, _Hit]:
        hits: dict[str, _Hit] = {}
        for ref in refs:
            bonus = 0.5 if ref.lang == lang else 0.0
            score = base * ref.weight + bonus
            label = f"{how}{ref.field}" + (f":{ref.lang}" if ref.lang else "")
            if ref.entry_id not in hits or hits[ref.entry_id].score < score:
                hits[ref.entry_id] = _Hit(score, label, ref.whole, covered)
        return hits

    def _text(self, query: str, folded: str, lang: str) -> SearchResult:
        tokens = folded.split()
        content = [i for i, token in enumerate(tokens) if token not in STOPWORDS]
        if not content:
            content = list(range(len(tokens)))
        hits: dict[str, list[_Hit]] = {}
        claimed: set[int] = set()
        for size in range(min(MAX_NGRAM, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                span = frozenset(range(start, start + size))
                if span <= claimed or not span & set(content):
                    continue
                found = self._exact(" ".join(tokens[start : start + size]), lang, span)
                if found:
                    claimed |= span
                    for entry_id, hit in found.items():
                        hits.setdefault(entry_id, []).append(hit)
        self._fuzzy(tokens, content, claimed, lang, hits)
        return self._decide(query, self._score(hits, content))

    def _fuzzy(
        self,
        tokens: list[str],
        content: list[int],
        claimed: set[int],
        lang: str,
        hits: dict[str, list[_Hit]],
    ) -> None:
        for size in range(min(4, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                span = frozenset(range(start, start + size))
                if span & claimed or not span & set(content):
                    continue
                if tokens[start] in STOPWORDS or tokens[start + size - 1] in STOPWORDS:
                    continue  # no name starts or ends with "is", "de", "pour"...
                phrase = " ".join(tokens[start : start + size])
                found = self._fuzzy_phrase(phrase, lang, span) or self._loose(
                    phrase, size, lang, span
                )
                for entry_id, hit in found.items():
                    hits.setdefault(entry_id, []).append(hit)

    def _fuzzy_phrase(self, phrase: str, lang: str, span: frozenset[int]) -> dict[str, _Hit]:
        if len(phrase) < 4:
            return {}
        cutoff = FUZZY_CUTOFF if len(phrase) > 4 else SHORT_FUZZY_CUTOFF
        best: dict[str, _Hit] = {}
        for key, score, _ in process.extract(
            phrase, self.index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
        ):
            if key[0] != phrase[0]:
                continue
            for entry_id, hit in self._hits(
                self.index.exact[key], score, lang, span, "fuzzy:"
            ).items():
                if entry_id not in best or best[entry_id].score < hit.score:
                    best[entry_id] = hit
        return best

    def _loose(self, phrase: str, size: int, lang: str, span: frozenset[int]) -> dict[str, _Hit]:
        """Resemblance that can only suggest: a word of a name, or the start of an abbreviation."""
        if size != 1 or phrase in STOPWORDS or phrase.isdigit():
            return {}
        found: dict[str, _Hit] = {}
        if len(phrase) >= 5:
            for token, score, _ in process.extract(
                phrase,
                self.index.token_keys,
                scorer=fuzz.ratio,
                score_cutoff=TOKEN_CUTOFF,
                limit=6,
            ):
                if token[0] == phrase[0]:
                    for entry_id in self.index.tokens[token]:
                        found.setdefault(entry_id, _Hit(score * 0.8, "word", False, span))
        elif len(phrase) >= 3:
            for key, refs in self.index.short_keys.items():
                if key.startswith(phrase) and key != phrase:
                    for ref in refs:
                        found.setdefault(ref.entry_id, _Hit(72.0, "prefix", False, span))
        if len(phrase) >= 4:
            words = self.index.words
            start = bisect_left(words, phrase)
            for word in words[start : start + 12]:
                if not word.startswith(phrase):
                    break
                for ref in self.index.exact[word]:
                    found.setdefault(ref.entry_id, _Hit(70.0, "prefix", False, span))
        return found

    def _score(self, hits: dict[str, list[_Hit]], content: list[int]) -> dict[str, _Hit]:
        """One hit per entry: its best, scaled by how much of the question the entry explains.

        Words that matched an article which may contain a matched POP count for that POP too
        (in "PCB transformer" or "mirex ant bait" the article words are context for the POP),
        and words that matched a glossary term describe whatever else was named ("DP flame
        retardant").
        """
        total = max(len(content), 1)
        covered = {
            entry_id: frozenset().union(*(hit.covered for hit in entry_hits)) & set(content)
            for entry_id, entry_hits in hits.items()
        }
        for article_id, chemicals in self.index.contains.items():
            for chemical_id in chemicals & covered.keys() if article_id in covered else ():
                covered[chemical_id] |= covered[article_id]
        described = frozenset().union(
            *(
                words
                for entry_id, words in covered.items()
                if self.index.kinds.get(entry_id) == "glossary"
            )
        )
        for entry_id in covered:
            if self.index.kinds.get(entry_id) != "glossary":
                covered[entry_id] |= described
        scored = {}
        for entry_id, entry_hits in hits.items():
            best = max(entry_hits, key=lambda hit: hit.score)
            factor = 0.85 + 0.15 * min(len(covered[entry_id]) / total, 1.0)
            scored[entry_id] = _Hit(
                best.score * factor, best.matched_on, best.whole, covered[entry_id]
            )
        return scored

    def _term_or_class(self, ranked: list[tuple[str, _Hit]]) -> bool:
        """A word that is both a glossary term and a class of POPs ("brominated flame
        retardants"): offer the explanation and the POPs instead of choosing for the reader."""
        top_id, top = ranked[0]
        if self.index.kinds.get(top_id) != "glossary":
            return False
        return any(
            hit.matched_on.startswith("class_term") and hit.score >= top.score - 10
            for _, hit in ranked[1:]
        )

    def _decide(self, query: str, hits: dict[str, _Hit]) -> SearchResult:
        ranked = sorted(
            hits.items(), key=lambda item: (-item[1].score, self.index.rank_of(item[0]), item[0])
        )
        ranked = [(entry_id, hit) for entry_id, hit in ranked if hit.score >= CHOICE_MIN]
        matches = [
            Match(entry_id, round(hit.score, 1), hit.matched_on) for entry_id, hit in ranked
        ]
        if not ranked:
            return SearchResult("not_found", query)
        top = ranked[0][1]
        clear = len(ranked) == 1 or ranked[1][1].score < top.score - MARGIN
        if self._term_or_class(ranked):
            clear = False
        if top.whole and top.score >= ACCEPT and clear:
            if top.matched_on.endswith("lookalike"):
                return SearchResult("not_found", query, matches[:1], lookalike=True)
            return SearchResult("entry", query, matches)
        choices = [m for m in matches if not m.matched_on.endswith("lookalike")][:MAX_CHOICES]
        return SearchResult("choices" if choices else "not_found", query, choices)


def known_cas(index: SearchIndex) -> frozenset[str]:
    """CAS numbers present in the content, for reading bare digit strings as CAS."""
    return frozenset(index.cas)
