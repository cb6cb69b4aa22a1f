"""Countries of origin and destination: any country in the world, typed in any of our
languages, by name, common short form or ISO code (CLDR names through Babel)."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

from bot.i18n import SUPPORTED_LOCALES
from bot.knowledge.normalize import fold

# Codes CLDR lists that are not countries a shipment comes from.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ"})
_ALIASES = {
    "usa": "US", "eeuu": "US", "ee uu": "US", "eua": "US", "us": "US", "estados unidos": "US",
    "uk": "GB", "england": "GB", "inglaterra": "GB", "holland": "NL", "holanda": "NL",
    "russia": "RU", "rusia": "RU", "korea": "KR", "corea": "KR", "emiratos": "AE", "uae": "AE",
}  # fmt: skip


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded name (every language we speak) -> ISO code."""
    names: dict[str, str] = {}
    for lang in SUPPORTED_LOCALES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                names.setdefault(fold(name), code)
    return names


def is_country(code: str) -> bool:
    return code in set(_names().values())


def match_world_country(text: str) -> str | None:
    """The ISO code of the country typed, or None when unknown or ambiguous."""
    wanted = fold(text[:80])
    if not wanted:
        return None
    if wanted in _ALIASES:
        return _ALIASES[wanted]
    if len(wanted) == 2 and is_country(wanted.upper()):
        return wanted.upper()
    if wanted in _names():
        return _names()[wanted]
    if len(wanted) < 4:
        return None
    found = {code for name, code in _names().items() if name.startswith(wanted)}
    return found.pop() if len(found) == 1 else None
