"""Search behaviour as an officer meets it: names, typos, codes, ambiguity, and honest misses."""

from __future__ import annotations

import pytest

from bot.knowledge.catalogue import Catalogue

ENTRY_CASES = [
    # names in the four languages
    ("aldrin", "en", "aldrin"),
    ("clordano", "es", "chlordane"),
    ("chlordécone", "fr", "chlordecone"),
    ("endossulfam", "pt", "endosulfan"),
    ("bifenilos policlorados", "es", "pcb"),
    ("polychlorobiphényles", "fr", "pcb"),
    ("parafinas cloradas de cadeia média", "pt", "mccp"),
    # synonyms, abbreviations, trade names, questions around them
    ("What is the HS code of PFOS?", "en", "pfos"),
    ("¿qué es el HBCD?", "es", "hbcd"),
    ("Aroclor 1254", "en", "pcb"),
    ("Kepone", "en", "chlordecone"),
    ("Dechlorane Plus", "en", "dechlorane_plus"),
    ("Dechlorane", "en", "mirex"),
    # case, accents, typos
    ("HEXACLOROBENCENO", "es", "hexachlorobenzene"),
    ("hexaclorobenzeno", "es", "hexachlorobenzene"),
    ("endosulfán", "es", "endosulfan"),
    ("dieldrn", "en", "dieldrin"),
    ("chlorpirifos", "en", "chlorpyrifos"),
    ("mirx", "en", "mirex"),
    # articles and topics
    ("transformadores usados", "es", "transformers"),
    ("espuma contra incendios", "es", "firefighting_foams"),
    ("A3180", "en", "A3180"),
    ("SA 2028", "es", "hs2028"),
    ("hoja de datos de seguridad", "es", "sds"),
]


@pytest.mark.parametrize(("query", "lang", "entry_id"), ENTRY_CASES)
def test_finds_the_entry(catalogue: Catalogue, query: str, lang: str, entry_id: str) -> None:
    result = catalogue.search(query, lang)
    assert result.kind == "entry", result
    assert result.matches[0].entry_id == entry_id


@pytest.mark.parametrize("query", ["1763-23-1", "1763231", "CAS 1763-23-1", "cas: 2795-39-3"])
def test_cas_with_or_without_dashes(catalogue: Catalogue, query: str) -> None:
    result = catalogue.search(query, "en")
    assert (result.kind, result.matches[0].entry_id) == ("entry", "pfos")
    assert result.matches[0].matched_on == "cas"


def test_unknown_cas_is_not_found_and_says_so(catalogue: Catalogue) -> None:
    result = catalogue.search("64-17-5", "en")
    assert (result.kind, result.cas) == ("not_found", "64-17-5")


@pytest.mark.parametrize(
    ("query", "code", "national"),
    [
        ("2903.82", "2903.82", False),
        ("290382", "2903.82", False),
        ("2903 82", "2903.82", False),
        ("HS 2903.82", "2903.82", False),
        ("29038200", "2903.82", True),
        ("2903.82.00.00", "2903.82", True),
        ("2903820000", "2903.82", True),
    ],
)
def test_hs_spellings(catalogue: Catalogue, query: str, code: str, national: bool) -> None:
    result = catalogue.search(query, "es")
    assert result.kind == "hs_code"
    assert result.hs is not None
    assert (result.hs.code, result.hs.national) == (code, national)
    assert {m.entry_id for m in result.matches} == {"aldrin", "chlordane", "heptachlor"}


def test_sa_prefix(catalogue: Catalogue) -> None:
    result = catalogue.search("SA 3824.88", "es")
    assert result.kind == "hs_code"
    assert result.hs is not None
    assert result.hs.code == "3824.88"
    assert {m.entry_id for m in result.matches} == {"tetra_penta_bde", "hexa_hepta_bde"}


def test_heading_lists_pop_relevant_subheadings(catalogue: Catalogue) -> None:
    result = catalogue.search("partida 2903", "es")
    assert result.kind == "hs_code"
    assert result.hs is not None
    assert result.hs.heading
    ids = {m.entry_id for m in result.matches}
    assert {"aldrin", "mirex", "hbcd", "pcn", "lindane"} <= ids


def test_code_in_content_ranks_confirmed_before_indicative(catalogue: Catalogue) -> None:
    result = catalogue.search("2909.30", "en")
    assert result.matches[0].entry_id == "decabde"
    assert result.matches[0].matched_on == "hs:confirmed"


def test_code_outside_the_content_is_not_found(catalogue: Catalogue) -> None:
    result = catalogue.search("2903.11", "en")
    assert result.kind == "not_found"
    assert result.hs is not None
    assert result.hs.code == "2903.11"


@pytest.mark.parametrize(
    "query",
    [
        "glyphosate",
        "paracetamol",
        "what time is it",
        "¿qué hora es?",
        "weather tomorrow",
        "carbofuran",
        "methyl bromide",
        "bananas",
    ],
)
def test_out_of_scope_is_not_found(catalogue: Catalogue, query: str) -> None:
    result = catalogue.search(query, "en")
    assert result.kind == "not_found", result
    assert result.matches == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("PFO", {"pfos", "pfoa"}),
        ("BDE", {"decabde", "tetra_penta_bde", "hexa_hepta_bde"}),
        ("clorados", {"pcn"}),
        ("PFAS", {"pfos", "pfoa", "pfhxs", "lc_pfcas"}),
        ("HCH", {"alpha_hch", "beta_hch", "lindane"}),
    ],
)
def test_ambiguous_gives_choices(catalogue: Catalogue, query: str, expected: set[str]) -> None:
    result = catalogue.search(query, "es")
    assert result.kind == "choices"
    assert expected <= {m.entry_id for m in result.matches}
    assert len(result.matches) <= 5


def test_lookalike_is_not_a_near_miss(catalogue: Catalogue) -> None:
    result = catalogue.search("chlorpyrifos-methyl", "en")
    assert result.kind == "not_found"
    assert result.lookalike
    assert result.matches[0].entry_id == "chlorpyrifos"


def test_empty_and_punctuation_only_queries(catalogue: Catalogue) -> None:
    assert catalogue.search("", "en").kind == "not_found"
    assert catalogue.search("?!.", "en").kind == "not_found"


def test_matches_are_ranked(catalogue: Catalogue) -> None:
    result = catalogue.search("PCB transformer", "en")
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert result.matches[0].entry_id == "pcb"
