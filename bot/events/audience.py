"""Who a broadcast goes to, written the same way in the bot and on the command line:

all                  every onboarded user
role:officer         holders of a role (officer, focal_point, organizer, admin)
country:PE,BO        users in these countries
language:es,pt       users reading these languages
event:CODE           the registrants of an event
confirmed:CODE       registrants who pressed "I'll attend"
unconfirmed:CODE     registrants who did not (yet)
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import InvalidInput
from bot.geo import countries
from bot.i18n import SUPPORTED_LOCALES
from bot.users.roles import Role

EVENT_KINDS = ("event", "confirmed", "unconfirmed")
KINDS = ("all", "role", "country", "language", *EVENT_KINDS)


@dataclass(frozen=True)
class Audience:
    kind: str
    values: tuple[str, ...] = ()

    @property
    def spec(self) -> str:
        return self.kind if not self.values else f"{self.kind}:{','.join(self.values)}"

    @property
    def event_code(self) -> str | None:
        return self.values[0] if self.kind in EVENT_KINDS else None


def _values(kind: str, raw: str) -> tuple[str, ...]:
    parts = tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if kind == "role":
        if len(parts) != 1 or parts[0] not in {role.value for role in Role}:
            raise InvalidInput("audience", "role")
        return parts
    if kind == "country":
        codes = tuple(part.upper() for part in parts)
        if not codes or any(code not in countries() for code in codes):
            raise InvalidInput("audience", "country")
        return codes
    if kind == "language":
        codes = tuple(part.lower() for part in parts)
        if not codes or any(code not in SUPPORTED_LOCALES for code in codes):
            raise InvalidInput("audience", "language")
        return codes
    if len(parts) != 1:  # event kinds
        raise InvalidInput("audience", "event")
    return parts


def parse_audience(text: str) -> Audience:
    """'country:PE,BO' -> Audience('country', ('PE', 'BO')); InvalidInput('audience', ...)."""
    kind, _, raw = text.strip().partition(":")
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise InvalidInput("audience", "kind")
    if kind == "all":
        if raw.strip():
            raise InvalidInput("audience", "kind")
        return Audience("all")
    return Audience(kind, _values(kind, raw))
