"""Every cross-reference resolves: ids, sources, article contents, Basel codes, HS codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.knowledge.catalogue import Catalogue, load_catalogue
from bot.knowledge.crossrefs import check
from bot.knowledge.loader import ContentError, read_content
from content import CONTENT_DIR

Edit = Callable[[Path, Callable[[Any], None]], None]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalogue(path)
    return [str(problem) for problem in caught.value.problems]


def test_packaged_content_has_no_dangling_reference() -> None:
    raw, problems = read_content(CONTENT_DIR)
    assert problems == []
    assert check(raw) == []


def test_every_reference_resolves(catalogue: Catalogue) -> None:
    raw = catalogue.raw
    ids = set(catalogue.entries)
    for entry in catalogue.entries.values():
        assert set(entry.related) <= ids, entry.id
        assert set(entry.sources) <= set(raw.sources), entry.id
    for article in raw.articles.values():
        assert set(article.may_contain) <= set(raw.chemicals), article.id
        assert {code.code for code in article.hs} <= set(raw.hs_codes), article.id
        assert set(article.basel) <= set(raw.waste), article.id
    for chemical in raw.chemicals.values():
        assert {a.code for a in chemical.hs} <= set(raw.hs_codes), chemical.id
        for waste_id in chemical.basel:
            assert chemical.id in raw.waste[waste_id].chemicals, (chemical.id, waste_id)


def test_unknown_chemical_in_an_article(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_copy / "articles" / "eee.yaml", lambda d: d["may_contain"].append("dioxane"))
    assert any(
        "articles/eee.yaml: may_contain" in p and "dioxane" in p for p in problems_of(content_copy)
    )


def test_unknown_source(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(
        content_copy / "chemicals" / "pcb.yaml", lambda d: d["hs"][0].update(sources=["S99"])
    )
    assert any("chemicals/pcb.yaml" in p and "S99" in p for p in problems_of(content_copy))


def test_unknown_related_entry(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_copy / "glossary.yaml", lambda d: d["terms"][0]["related"].append("nowhere"))
    assert any("glossary.yaml" in p and "nowhere" in p for p in problems_of(content_copy))


def test_hs_code_missing_from_hs_codes(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(
        content_copy / "chemicals" / "mirex.yaml", lambda d: d["hs"][0].update(code="2903.84")
    )
    assert any(
        "mirex.yaml: hs[0].code: 2903.84 is not in hs_codes.yaml" in p
        for p in problems_of(content_copy)
    )


def test_unused_hs_code(content_copy: Path, edit_yaml: Edit) -> None:
    def add(data: Any) -> None:
        data["codes"].append(
            {"code": "0101.21", "text": {"en": "Horses"}, "kind": "general", "sources": ["S01"]}
        )

    edit_yaml(content_copy / "hs_codes.yaml", add)
    assert any("hs_codes.yaml: 0101.21: not used" in p for p in problems_of(content_copy))


def test_basel_links_must_agree_both_ways(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_copy / "chemicals" / "pcp.yaml", lambda d: d["basel"].remove("A4040"))
    assert any("chemicals/pcp.yaml: basel: missing A4040" in p for p in problems_of(content_copy))


def test_duplicate_id_across_files(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_copy / "glossary.yaml", lambda d: d["terms"][0].update(id="aldrin"))
    assert any("'aldrin' already used" in p for p in problems_of(content_copy))
