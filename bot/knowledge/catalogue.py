"""The loaded catalogue: validated content, its search index and the public search entry point.

Loading reads, validates and cross-checks every file and raises a single ContentError listing
every problem; nothing is loaded at import time. `default_catalogue()` caches the catalogue of
the packaged content for the process (handlers, CLI); tests load their own from a path.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.knowledge.crossrefs import HS_ENTRY_PREFIX, check
from bot.knowledge.index import SearchIndex, build_index
from bot.knowledge.loader import ContentError, RawContent, read_content
from bot.knowledge.schema import Article, Chemical, EntryBase, HsCodeInfo
from bot.knowledge.search import Searcher, SearchResult
from content import CONTENT_DIR


class Catalogue:
    """Everything the bot knows, indexed once; read-only after construction."""

    def __init__(self, raw: RawContent) -> None:
        self.raw = raw
        self.index: SearchIndex = build_index(raw)
        self._searcher = Searcher(self.index)
        self.entries: dict[str, EntryBase] = {}
        for group in (
            raw.chemicals,
            raw.articles,
            raw.conventions,
            raw.glossary,
            raw.faq,
            raw.waste,
            raw.editions,
        ):
            self.entries.update(group)

    def search(self, query: str, lang: str) -> SearchResult:
        """Rank the entries a free-text question is about (see bot.knowledge.search)."""
        return self._searcher.search(query, lang)

    def kind(self, entry_id: str) -> str:
        """'chemical', 'article', ..., or 'hs' for a code entry such as 'hs:2903.82'."""
        if entry_id.startswith(HS_ENTRY_PREFIX):
            return "hs"
        return self.index.kinds[entry_id]

    def has(self, entry_id: str) -> bool:
        if entry_id.startswith(HS_ENTRY_PREFIX):
            return (
                self.hs_code(entry_id[len(HS_ENTRY_PREFIX) :]) is not None
                or entry_id[3:] in self.index.headings
            )
        return entry_id in self.entries

    def chemical(self, entry_id: str) -> Chemical:
        return self.raw.chemicals[entry_id]

    def article(self, entry_id: str) -> Article:
        return self.raw.articles[entry_id]

    def hs_code(self, code: str) -> HsCodeInfo | None:
        return self.raw.hs_codes.get(code)

    def articles_containing(self, chemical_id: str) -> list[Article]:
        return [
            article for article in self.raw.articles.values() if chemical_id in article.may_contain
        ]

    def counts(self) -> dict[str, int]:
        raw = self.raw
        return {
            "chemicals": len(raw.chemicals),
            "articles": len(raw.articles),
            "conventions": len(raw.conventions),
            "glossary terms": len(raw.glossary),
            "FAQ entries": len(raw.faq),
            "HS codes": len(raw.hs_codes),
            "HS editions": len(raw.editions),
            "waste codes": len(raw.waste),
            "sources": len(raw.sources),
        }


def load_catalogue(path: Path = CONTENT_DIR) -> Catalogue:
    """Load, validate and index the content under `path`; ContentError lists every problem."""
    raw, problems = read_content(Path(path))
    problems += check(raw)
    if problems:
        raise ContentError(problems)
    return Catalogue(raw)


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The packaged content, loaded on first use and kept for the life of the process."""
    return load_catalogue(CONTENT_DIR)
