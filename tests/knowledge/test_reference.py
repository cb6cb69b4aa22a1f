"""The content says exactly what the reference says about HS codes: nothing invented.

Against the reference itself when it is available (the curation machine), and always against
a frozen copy of its codes in tests/knowledge/data/reference_codes.yaml (CI has no reference).
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.knowledge.catalogue import Catalogue
from tests.knowledge.conftest import DATA, REFERENCE

ARTICLE_STATUS = {
    "hs2022_confirmed": ("confirmed", "pop_named"),
    "heading_exists_in_hs2022": ("indicative", "usual_classification"),
    "unconfirmed": ("indicative", "best_belief"),
}


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} is not available here; the frozen snapshot test still runs")
    return yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    return yaml.safe_load((DATA / "reference_codes.yaml").read_text(encoding="utf-8"))


def content_pairs(catalogue: Catalogue, status: str) -> dict[str, list[str]]:
    pairs = {
        chem.id: sorted(a.code for a in chem.hs if a.status == status)
        for chem in catalogue.raw.chemicals.values()
    }
    return {chem_id: codes for chem_id, codes in pairs.items() if codes}


def test_confirmed_codes_match_the_frozen_reference(catalogue: Catalogue, snapshot: dict) -> None:
    assert content_pairs(catalogue, "confirmed") == snapshot["chemical_confirmed"]
    confirmed_articles = {
        article.id: sorted(h.code for h in article.hs if h.status == "confirmed")
        for article in catalogue.raw.articles.values()
        if any(h.status == "confirmed" for h in article.hs)
    }
    assert confirmed_articles == snapshot["article_confirmed"]


def test_indicative_codes_match_the_frozen_reference(catalogue: Catalogue, snapshot: dict) -> None:
    assert content_pairs(catalogue, "indicative") == snapshot["chemical_unconfirmed"]


def test_no_code_outside_the_frozen_reference(catalogue: Catalogue, snapshot: dict) -> None:
    assert set(catalogue.raw.hs_codes) == set(snapshot["all_codes"])


def test_chemical_codes_and_statuses_equal_the_reference(
    catalogue: Catalogue, reference: dict
) -> None:
    for ref in reference["chemicals"]:
        chem = catalogue.chemical(ref["id"])
        expected = {h["code"]: "confirmed" for h in ref["hs2022_confirmed"]}
        expected.update({h["code"]: "indicative" for h in ref["unconfirmed_hs"]})
        assert {a.code: a.status for a in chem.hs} == expected, ref["id"]
        for unconfirmed in ref["unconfirmed_hs"]:
            assignment = next(a for a in chem.hs if a.code == unconfirmed["code"])
            assert assignment.confidence == unconfirmed["confidence"], (ref["id"], assignment.code)


def test_article_codes_equal_the_reference(catalogue: Catalogue, reference: dict) -> None:
    for ref in reference["articles"]:
        article = catalogue.article(ref["id"])
        assert article.may_contain == ref["may_contain"], ref["id"]
        expected = {h["code"]: ARTICLE_STATUS[h["status"]] for h in ref["hs"]}
        assert {h.code: (h.status, h.basis) for h in article.hs} == expected, ref["id"]


def test_chemical_facts_equal_the_reference(catalogue: Catalogue, reference: dict) -> None:
    for ref in reference["chemicals"]:
        chem = catalogue.chemical(ref["id"])
        assert [cas.number for cas in chem.cas] == ref["cas"], ref["id"]
        assert chem.names.model_dump() == ref["names"], ref["id"]
        assert chem.rotterdam.listed == ref["rotterdam_annex_iii"]["listed"], ref["id"]
        if ref["status"] == "listed":
            assert chem.annexes == ref["annexes"], ref["id"]
            assert chem.listing is not None
            assert chem.listing.year == ref["listing"]["year"]


def test_indicative_codes_are_listed_in_the_reference_unconfirmed_list(
    catalogue: Catalogue, reference: dict
) -> None:
    listed = {(item["chemical"], item["code"]) for item in reference["unconfirmed_hs"]}
    in_content = {
        (chem.id, a.code)
        for chem in catalogue.raw.chemicals.values()
        for a in chem.hs
        if a.status == "indicative"
    }
    assert in_content == listed
