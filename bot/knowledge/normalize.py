"""Turn what an officer types on a phone into comparable keys, HS codes and CAS numbers.

Officers write "Clordano", "clordano", "α-HCH", "SA 3824.88", "2903 82", "29038200" or
"1763231": folding (case, accents, Greek letters, punctuation) and the code parsers below make
all of these land on the same content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ω": "omega"}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_CAS_DASHED = re.compile(r"(?<![\d-])(\d{2,7})-(\d{2})-(\d)(?![\d-])")
_DIGIT_CHUNK = re.compile(r"(?<![\d-])\d+(?:[. ]\d+)*(?![\d-])")
# Words that say "this number is a tariff code", in the four languages and common tariff names.
HS_MARKERS = frozenset(
    [
        "hs",
        "sa",
        "sh",
        "ncm",
        "nandina",
        "sac",
        "tigie",
        "naladisa",
        "cet",
        "tec",
        "arancel",
        "arancelaria",
        "arancelario",
        "partida",
        "subpartida",
        "posicion",
        "fraccion",
        "inciso",
        "codigo",
        "code",
        "heading",
        "subheading",
        "tariff",
        "position",
        "sous",
        "nomenclature",
        "nomenclatura",
        "item",
        "subposicao",
        "posicao",
    ]
)


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces."""
    lowered = text.casefold()
    for letter, name in _GREEK.items():
        lowered = lowered.replace(letter, f" {name} ")
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_ALNUM.sub(" ", plain).strip()


def compact(text: str) -> str:
    """The folded text without spaces: 'UV-328', 'uv 328' and 'uv328' become one key."""
    return fold(text).replace(" ", "")


def _stem(token: str) -> str:
    if len(token) >= 5 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    if len(token) >= 5 and token.endswith("e"):
        token = token[:-1]
    return token


def stem_key(folded: str) -> str:
    """A crude singular shared by en/es/fr/pt plurals: 'transformadores' ~ 'transformador'."""
    return " ".join(_stem(token) if not token.isdigit() else token for token in folded.split())


def cas_from_digits(digits: str) -> str | None:
    """Read a bare digit string as a CAS number (last digit check, two before it the middle)."""
    if not 5 <= len(digits) <= 10 or not digits.isdigit():
        return None
    return f"{digits[:-3]}-{digits[-3:-1]}-{digits[-1]}"


def find_cas(text: str) -> str | None:
    """The first CAS number written with dashes, whether or not its check digit is right."""
    match = _CAS_DASHED.search(text)
    return "-".join(match.groups()) if match else None


@dataclass(frozen=True)
class HsQuery:
    """An HS code found in a question, read down to the internationally comparable level."""

    raw: str
    code: str  # "2903.82" for a subheading, "2903" for a heading
    heading: bool
    national: bool  # typed with 8-10 digits: only the first six are international
    explicit: bool  # written with a dot or next to a word such as "SA", "partida", "HS"

    @property
    def digits(self) -> str:
        return self.code.replace(".", "")


def _shape(chunk: str) -> str | None:
    """The digits of a chunk if its grouping looks like an HS code, else None."""
    parts = re.split(r"[. ]", chunk)
    digits = "".join(parts)
    if len(digits) not in (4, 6, 8, 10):
        return None
    head, rest = parts[0], parts[1:]
    if not rest:
        return digits
    if len(head) == 4 and (all(len(part) == 2 for part in rest) or len(rest[0]) in (4, 6)):
        return digits if len(rest) == 1 or all(len(part) == 2 for part in rest) else None
    if len(head) == 2 and len(rest[0]) == 2 and all(len(part) == 2 for part in rest):
        return digits
    return None


def find_hs_codes(text: str) -> list[HsQuery]:
    """Every plausible HS code in `text`, in order; the caller decides which ones are meant."""
    lowered = text.casefold()
    marked = bool(HS_MARKERS.intersection(fold(text).split()))
    found = []
    for match in _DIGIT_CHUNK.finditer(lowered):
        chunk = match.group(0).strip()
        digits = _shape(chunk)
        if digits is None:
            continue
        heading = len(digits) == 4
        code = digits if heading else f"{digits[:4]}.{digits[4:6]}"
        explicit = marked or "." in chunk
        found.append(HsQuery(chunk, code, heading, len(digits) > 6, explicit))
    return found


def format_code(code: str) -> str:
    """Print an HS code the way officers read it: 2903.82 for a subheading, 29.03 for a heading."""
    return f"{code[:2]}.{code[2:]}" if len(code) == 4 else code
