"""Understanding a typed answer where buttons were offered (a country name, say)."""

from __future__ import annotations

import unicodedata

from bot.geo import countries, country_name


def fold(text: str) -> str:
    """Lower case without accents or punctuation: 'Perú.' and 'peru' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = (ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in letters)
    return " ".join(cleaned.casefold().split())


def match_country(text: str, locale: str) -> str | None:
    """The served country a user typed, in their language or English, or its ISO code."""
    wanted = fold(text[:80])
    if not wanted:
        return None
    if wanted.upper() in countries():
        return wanted.upper()
    starts: set[str] = set()
    for code in countries():
        for lang in {locale, "en"}:
            name = fold(country_name(code, lang))
            if name == wanted:
                return code
            if len(wanted) >= 3 and name.startswith(wanted):
                starts.add(code)
    return starts.pop() if len(starts) == 1 else None
