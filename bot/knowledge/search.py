"""Find the entry a question is about, or say honestly that the content does not cover it.

Order of evidence: an exact name for the whole question, a CAS number, an HS code, then exact
phrases inside the question, then fuzzy phrases (typos) and finally loose word resemblance.
Only a phrase that matches a whole name may be answered directly; word resemblance and class
terms ("PFAS", "PBDEs") only ever produce "did you mean" choices. Thresholds were set with
bench/knowledge/eval_set.yaml so that "glyphosate" is not found rather than nearly matched.
"""

from __future__ import annotations

from bot.knowledge.index import SearchIndex
from bot.knowledge.matching import Hit, Matcher
from bot.knowledge.normalize import fold
from bot.knowledge.results import Match, SearchResult
from bot.knowledge.search_codes import by_code
from bot.knowledge.stopwords import STOPWORDS

ACCEPT = 82.0  # final score needed to answer with one entry
MARGIN = 4.0  # the best entry must lead the next one by this much, else: choices
CHOICE_MIN = 62.0  # below this a candidate is not even offered as "did you mean"
MAX_CHOICES = 5

__all__ = ["Match", "SearchResult", "Searcher"]


class Searcher:
    """Stateless search over a prebuilt index; one instance per catalogue."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.matcher = Matcher(index)

    def search(self, query: str, lang: str) -> SearchResult:
        folded = fold(query)
        if not folded:
            return SearchResult("not_found", query)
        whole = self.matcher.exact(folded, lang, frozenset())
        if whole:
            return self._decide(query, whole)
        coded = by_code(self.index, query, folded)
        if coded is not None:
            return coded
        tokens = folded.split()
        content = [i for i, token in enumerate(tokens) if token not in STOPWORDS]
        content = content or list(range(len(tokens)))
        hits = self.matcher.match(tokens, content, lang)
        return self._decide(query, self._score(hits, content))

    def _score(self, hits: dict[str, list[Hit]], content: list[int]) -> dict[str, Hit]:
        """One hit per entry: its best, scaled by how much of the question the entry explains.

        Words that matched an article which may contain a matched POP count for that POP too
        (in "PCB transformer" or "mirex ant bait" the article words are context for the POP),
        and words that matched a glossary term describe whatever else was named ("DP flame
        retardant").
        """
        kinds = self.index.kinds
        covered = {
            entry_id: frozenset().union(*(hit.covered for hit in entry_hits)) & set(content)
            for entry_id, entry_hits in hits.items()
        }
        for article_id, chemicals in self.index.contains.items():
            for chemical_id in chemicals & covered.keys() if article_id in covered else ():
                covered[chemical_id] |= covered[article_id]
        glossary = [
            words for entry_id, words in covered.items() if kinds.get(entry_id) == "glossary"
        ]
        described = frozenset().union(*glossary)
        scored = {}
        for entry_id, entry_hits in hits.items():
            words = covered[entry_id] | (described if kinds.get(entry_id) != "glossary" else set())
            best = max(entry_hits, key=lambda hit: hit.score)
            factor = 0.85 + 0.15 * min(len(words) / max(len(content), 1), 1.0)
            scored[entry_id] = Hit(
                best.score * factor, best.matched_on, best.whole, frozenset(words)
            )
        return scored

    def _term_or_class(self, ranked: list[tuple[str, Hit]]) -> bool:
        """A word that is both a glossary term and a class of POPs ("brominated flame
        retardants"): offer the explanation and the POPs instead of choosing for the reader."""
        top_id, top = ranked[0]
        if self.index.kinds.get(top_id) != "glossary":
            return False
        return any(
            hit.matched_on.startswith("class_term") and hit.score >= top.score - 10
            for _, hit in ranked[1:]
        )

    def _decide(self, query: str, hits: dict[str, Hit]) -> SearchResult:
        ranked = sorted(
            hits.items(), key=lambda item: (-item[1].score, self.index.rank_of(item[0]), item[0])
        )
        ranked = [(entry_id, hit) for entry_id, hit in ranked if hit.score >= CHOICE_MIN]
        if not ranked:
            return SearchResult("not_found", query)
        matches = [
            Match(entry_id, round(hit.score, 1), hit.matched_on) for entry_id, hit in ranked
        ]
        top = ranked[0][1]
        clear = len(ranked) == 1 or ranked[1][1].score < top.score - MARGIN
        if top.whole and top.score >= ACCEPT and clear and not self._term_or_class(ranked):
            if top.matched_on.endswith("lookalike"):
                return SearchResult("not_found", query, matches[:1], lookalike=True)
            return SearchResult("entry", query, matches)
        choices = [m for m in matches if not m.matched_on.endswith("lookalike")][:MAX_CHOICES]
        return SearchResult("choices" if choices else "not_found", query, choices)
