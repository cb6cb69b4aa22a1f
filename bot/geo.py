"""Countries popsbot serves, their time zones, and localized names (Babel/CLDR).

The list is data (content/countries.yaml, sourced); names are never stored because CLDR already
has them in every language we speak.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import yaml
from babel import Locale
from babel.dates import get_timezone_location

from content import CONTENT_DIR

OTHER_COUNTRY = "ZZ"  # ISO 3166 user-assigned code: "somewhere else"


@dataclass(frozen=True)
class Country:
    iso2: str
    zones: tuple[str, ...]
    stockholm_party: bool

    @property
    def default_zone(self) -> str:
        return self.zones[0]


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """The served countries keyed by ISO code, in file order."""
    raw = yaml.safe_load((CONTENT_DIR / "countries.yaml").read_text(encoding="utf-8"))
    result: dict[str, Country] = {}
    for row in raw["countries"]:
        zones = tuple(row["zones"])
        for zone in zones:
            ZoneInfo(zone)  # fail at load, not in front of a user
        result[row["iso2"]] = Country(row["iso2"], zones, bool(row["stockholm_party"]))
    return result


def is_known_country(code: str) -> bool:
    return code == OTHER_COUNTRY or code in countries()


def country_name(code: str, locale: str) -> str:
    """Localized country name; 'ZZ' reads as CLDR's 'Unknown Region' in the user's language."""
    territories = Locale.parse(locale).territories
    return str(territories.get(code, code))


def sorted_countries(locale: str) -> list[tuple[str, str]]:
    """(code, localized name) sorted by the name as the reader sees it, accents ignored."""
    import unicodedata

    def key(item: tuple[str, str]) -> str:
        decomposed = unicodedata.normalize("NFKD", item[1])
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()

    return sorted(((code, country_name(code, locale)) for code in countries()), key=key)


def zone_label(zone: str, locale: str, at: datetime) -> str:
    """'Manaos (UTC-4)': a city the reader recognises plus the offset in force at `at`."""
    city = get_timezone_location(zone, locale=locale, return_city=True)
    return f"{city} ({utc_offset(at, zone)})"


def utc_offset(at: datetime, zone: str) -> str:
    """'UTC-4', 'UTC+5:30', 'UTC': short enough for a button, unambiguous in every language."""
    offset = at.astimezone(ZoneInfo(zone)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    if minutes == 0:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@lru_cache(maxsize=1)
def _zone_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for zone in available_timezones():
        lookup[zone.casefold()] = zone
        city = zone.rsplit("/", 1)[-1].replace("_", " ").casefold()
        lookup.setdefault(city, zone)
    return lookup


def resolve_zone(text: str) -> str | None:
    """An IANA zone from what a user typed: 'Europe/Madrid', 'europe/madrid' or 'Madrid'."""
    cleaned = " ".join(text.strip().split())
    if not cleaned or len(cleaned) > 64:
        return None
    candidates = (cleaned.casefold(), cleaned.replace(" ", "_").casefold())
    for candidate in candidates:
        zone = _zone_lookup().get(candidate) or _zone_lookup().get(candidate.replace("_", " "))
        if zone:
            try:
                ZoneInfo(zone)
            except ZoneInfoNotFoundError:
                return None
            return zone
    return None
