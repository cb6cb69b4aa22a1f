"""Folding and code parsing: every spelling an officer may type lands on the same key."""

from __future__ import annotations

import pytest

from bot.knowledge.normalize import cas_from_digits, compact, find_cas, find_hs_codes, fold


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Clordécona", "clordecona"),
        ("α-HCH", "alpha hch"),
        ("UV-328", "uv 328"),
        ("¿Qué es el DDT?", "que es el ddt"),
        ("Hexabromocyclododécane", "hexabromocyclododecane"),
    ],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_compact_joins_spellings() -> None:
    assert compact("UV-328") == compact("uv 328") == compact("UV328")


@pytest.mark.parametrize(
    ("typed", "code", "heading", "national", "explicit"),
    [
        ("2903.82", "2903.82", False, False, True),
        ("290382", "2903.82", False, False, False),
        ("2903 82", "2903.82", False, False, False),
        ("SA 3824.88", "3824.88", False, False, True),
        ("29038200", "2903.82", False, True, False),
        ("2903820000", "2903.82", False, True, False),
        ("2903.82.00.00", "2903.82", False, True, True),
        ("3808.59.10", "3808.59", False, True, True),
        ("29.03", "2903", True, False, True),
        ("partida 2903", "2903", True, False, True),
    ],
)
def test_hs_spellings(
    typed: str, code: str, heading: bool, national: bool, explicit: bool
) -> None:
    found = find_hs_codes(typed)[0]
    assert (found.code, found.heading, found.national, found.explicit) == (
        code,
        heading,
        national,
        explicit,
    )


def test_cas_is_not_read_as_an_hs_code() -> None:
    assert find_hs_codes("1763-23-1") == []
    assert find_cas("CAS 1763-23-1 PFOS") == "1763-23-1"


def test_cas_without_dashes() -> None:
    assert cas_from_digits("1763231") == "1763-23-1"
    assert cas_from_digits("335671") == "335-67-1"
    assert cas_from_digits("12") is None
