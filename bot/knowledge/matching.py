"""Text matching: which entries the words of a question name, and how well.

Exact phrases first (longest first, with and without spaces, and in a crude singular), then
typos of whole names (rapidfuzz ratio), then loose resemblance that may only suggest: a word
that looks like a word of a name, or the start of a name.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.knowledge.index import SearchIndex, TermRef
from bot.knowledge.normalize import stem_key
from bot.knowledge.stopwords import STOPWORDS

FUZZY_CUTOFF = 84.0  # rapidfuzz ratio for a typo of a whole name
SHORT_FUZZY_CUTOFF = 88.0  # four letters: one letter missing or added, no substitution
TOKEN_CUTOFF = 88.0  # ratio for a word resembling a word of a name (choices only)
MAX_NGRAM = 6
MAX_FUZZY_NGRAM = 4


@dataclass
class Hit:
    score: float
    matched_on: str
    whole: bool  # the whole of a name matched: may be answered directly
    covered: frozenset[int]  # positions of the question's words this hit explains


class Matcher:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def exact(self, key: str, lang: str, covered: frozenset[int]) -> dict[str, Hit]:
        exact = self.index.exact
        refs = exact.get(key) or exact.get(key.replace(" ", "")) or exact.get("~" + stem_key(key))
        return self._hits(refs or [], 100.0, lang, covered, "")

    def _hits(
        self, refs: list[TermRef], base: float, lang: str, covered: frozenset[int], how: str
    ) -> dict[str, Hit]:
        hits: dict[str, Hit] = {}
        for ref in refs:
            score = base * ref.weight + (0.5 if ref.lang == lang else 0.0)
            label = f"{how}{ref.field}" + (f":{ref.lang}" if ref.lang else "")
            if ref.entry_id not in hits or hits[ref.entry_id].score < score:
                hits[ref.entry_id] = Hit(score, label, ref.whole, covered)
        return hits

    def match(self, tokens: list[str], content: list[int], lang: str) -> dict[str, list[Hit]]:
        """Every hit for every entry, exact phrases claiming their words before fuzzy ones."""
        hits: dict[str, list[Hit]] = {}
        claimed: set[int] = set()
        for start, size, span in _spans(tokens, content, MAX_NGRAM):
            if span <= claimed:
                continue
            found = self.exact(" ".join(tokens[start : start + size]), lang, span)
            if found:
                claimed |= span
                for entry_id, hit in found.items():
                    hits.setdefault(entry_id, []).append(hit)
        for start, size, span in _spans(tokens, content, MAX_FUZZY_NGRAM):
            if span & claimed or {tokens[start], tokens[start + size - 1]} & STOPWORDS:
                continue  # no name starts or ends with "is", "de", "pour"...
            phrase = " ".join(tokens[start : start + size])
            found = self._fuzzy(phrase, lang, span) or self._loose(phrase, size, span)
            for entry_id, hit in found.items():
                hits.setdefault(entry_id, []).append(hit)
        return hits

    def _fuzzy(self, phrase: str, lang: str, span: frozenset[int]) -> dict[str, Hit]:
        if len(phrase) < 4:
            return {}
        cutoff = FUZZY_CUTOFF if len(phrase) > 4 else SHORT_FUZZY_CUTOFF
        best: dict[str, Hit] = {}
        keys = self.index.fuzzy_keys
        for key, score, _ in process.extract(
            phrase, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
        ):
            if key[0] != phrase[0]:
                continue  # typos rarely hit the first letter; this keeps "weather" off "leather"
            for entry_id, hit in self._hits(
                self.index.exact[key], score, lang, span, "fuzzy:"
            ).items():
                if entry_id not in best or best[entry_id].score < hit.score:
                    best[entry_id] = hit
        return best

    def _loose(self, phrase: str, size: int, span: frozenset[int]) -> dict[str, Hit]:
        """Resemblance that can only suggest: a word of a name, or the start of a name."""
        if size != 1 or phrase in STOPWORDS or phrase.isdigit():
            return {}
        found: dict[str, Hit] = {}
        if len(phrase) >= 5:
            words = self.index.token_keys
            for word, score, _ in process.extract(
                phrase, words, scorer=fuzz.ratio, score_cutoff=TOKEN_CUTOFF, limit=6
            ):
                if word[0] == phrase[0]:
                    for entry_id in self.index.tokens[word]:
                        found.setdefault(entry_id, Hit(score * 0.8, "word", False, span))
        elif len(phrase) >= 3:
            for key, refs in self.index.short_keys.items():
                if key.startswith(phrase) and key != phrase:
                    for ref in refs:
                        found.setdefault(ref.entry_id, Hit(72.0, "prefix", False, span))
        if len(phrase) >= 4:
            keys = self.index.words
            first = bisect_left(keys, phrase)
            for key in keys[first : first + 12]:
                if not key.startswith(phrase):
                    break
                for ref in self.index.exact[key]:
                    found.setdefault(ref.entry_id, Hit(70.0, "prefix", False, span))
        return found


def _spans(
    tokens: list[str], content: list[int], longest: int
) -> list[tuple[int, int, frozenset[int]]]:
    """(start, size, positions) of every phrase with at least one content word, longest first."""
    wanted = set(content)
    spans = []
    for size in range(min(longest, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            span = frozenset(range(start, start + size))
            if span & wanted:
                spans.append((start, size, span))
    return spans
