"""CAS numbers and HS codes in a question: exact look-ups that come before any text matching."""

from __future__ import annotations

from bot.knowledge.index import SearchIndex
from bot.knowledge.normalize import HsQuery, cas_from_digits, find_cas, find_hs_codes
from bot.knowledge.results import Match, SearchResult
from bot.knowledge.stopwords import STOPWORDS


def by_code(index: SearchIndex, query: str, folded: str) -> SearchResult | None:
    """The answer to a CAS number or an HS code in `query`, or None if it holds neither.

    A bare 4-8 digit number is read as a code only if the content knows it, if it was written as
    a code (a dot, or a word such as "SA"), or if the question is nothing but the number, so that
    "Aroclor 1254" stays a name and "2025" in a sentence is not taken for heading 20.25.
    """
    cas = find_cas(query) or _bare_cas(index, folded)
    if cas is not None:
        entries = index.cas.get(cas, [])
        matches = [Match(entry_id, 100.0, "cas") for entry_id in entries]
        if len(entries) == 1:
            return SearchResult("entry", query, matches, cas=cas)
        return SearchResult("not_found", query, matches, cas=cas)
    only_code = not [t for t in folded.split() if t not in STOPWORDS and not t.isdigit()]
    for hs in find_hs_codes(query):
        known = hs.code in index.codes or (hs.heading and hs.code in index.headings)
        if known or hs.explicit or only_code:
            return _hs_result(index, query, hs)
    return None


def _bare_cas(index: SearchIndex, folded: str) -> str | None:
    for token in folded.split():
        cas = cas_from_digits(token)
        if cas is not None and cas in index.cas:
            return cas
    return None


def _hs_result(index: SearchIndex, query: str, hs: HsQuery) -> SearchResult:
    """Every entry using the code (or, for a heading, any of its subheadings), confirmed first."""
    codes = [hs.code] if not hs.heading else [hs.code, *index.headings.get(hs.code, [])]
    matches: dict[str, Match] = {}
    for code in codes:
        for use in index.codes.get(code, []):
            score = 100.0 if use.status == "confirmed" else 90.0
            score -= 10.0 if use.kind == "article" else 0.0
            current = matches.get(use.entry_id)
            if current is None or current.score < score:
                matches[use.entry_id] = Match(use.entry_id, score, f"hs:{use.status}")
    ranked = sorted(
        matches.values(), key=lambda m: (-m.score, index.rank_of(m.entry_id), m.entry_id)
    )
    return SearchResult("hs_code" if ranked else "not_found", query, ranked, hs=hs)
