"""The schema refuses bad content at load, naming the file and the field to fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.knowledge.catalogue import load_catalogue
from bot.knowledge.fields import Text, cas_check_digit_ok
from bot.knowledge.loader import ContentError
from bot.knowledge.schema import HsAssignment

Edit = Callable[[Path, Callable[[Any], None]], None]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalogue(path)
    return [str(problem) for problem in caught.value.problems]


def test_packaged_content_loads_without_problems() -> None:
    catalogue = load_catalogue()
    assert catalogue.counts()["chemicals"] == 38
    assert catalogue.counts()["articles"] == 20


@pytest.mark.parametrize(
    ("cas", "valid"),
    [("1763-23-1", True), ("50-29-3", True), ("135821-03-3", True), ("1763-23-2", False)],
)
def test_cas_check_digit(cas: str, valid: bool) -> None:
    assert cas_check_digit_ok(cas) is valid


def test_unknown_key_is_rejected(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_copy / "chemicals" / "aldrin.yaml", lambda d: d.update(colour="blue"))
    problems = problems_of(content_copy)
    assert any("chemicals/aldrin.yaml: colour: Extra inputs" in p for p in problems), problems


def test_hs_code_format_is_enforced(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(
        content_copy / "chemicals" / "aldrin.yaml", lambda d: d["hs"][0].update(code="290382")
    )
    problems = problems_of(content_copy)
    assert any("aldrin.yaml: hs.0.code" in p and "not an HS code" in p for p in problems)


def test_cas_checksum_is_enforced(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(
        content_copy / "chemicals" / "ddt.yaml", lambda d: d["cas"][0].update(number="50-29-4")
    )
    problems = problems_of(content_copy)
    assert any("ddt.yaml: cas.0.number" in p and "check digit" in p for p in problems), problems


def test_spanish_is_mandatory_and_french_may_fall_back(
    content_copy: Path, edit_yaml: Edit
) -> None:
    def drop(data: Any) -> None:
        del data["uses"][0]["es"]
        del data["short"]["fr"]

    edit_yaml(content_copy / "chemicals" / "lindane.yaml", drop)
    problems = problems_of(content_copy)
    assert any("lindane.yaml: uses.0.es: Field required" in p for p in problems), problems
    assert any("lindane.yaml: short.fr: Field required" in p for p in problems), problems


def test_indicative_code_must_say_why() -> None:
    with pytest.raises(ValidationError, match="needs a confidence and a why"):
        HsAssignment(
            code="3808.91",
            scope="pesticide_preparation",
            status="indicative",
            confidence="medium",
            applies_to=Text(en="insecticides", es="insecticidas"),
            sources=["S02"],
        )


def test_confirmed_code_cannot_carry_a_confidence_level() -> None:
    with pytest.raises(ValidationError, match="needs a basis and no confidence"):
        HsAssignment(
            code="2903.82",
            scope="substance",
            status="confirmed",
            basis="subheading_text",
            confidence="high",
            applies_to=Text(en="pure", es="pura"),
            sources=["S01"],
        )


def test_article_code_confirmed_only_when_the_hs_text_names_the_pop(
    content_copy: Path, edit_yaml: Edit
) -> None:
    edit_yaml(
        content_copy / "articles" / "transformers.yaml",
        lambda d: d["hs"][0].update(status="confirmed"),
    )
    problems = problems_of(content_copy)
    assert any("transformers.yaml: hs.0" in p and "names the POP" in p for p in problems), problems


def test_listed_chemical_needs_an_annex(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_copy / "chemicals" / "mirex.yaml", lambda d: d.update(annexes=[]))
    assert any("mirex.yaml" in p and "annexes" in p for p in problems_of(content_copy))


def test_id_must_match_file_name(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_copy / "chemicals" / "mirex.yaml", lambda d: d.update(id="mirex2"))
    assert any("mirex.yaml: id: must equal file name" in p for p in problems_of(content_copy))


def test_entry_ids_are_short_ascii(content_copy: Path, edit_yaml: Edit) -> None:
    long_id = "a_very_long_identifier_for_callbacks"
    edit_yaml(content_copy / "glossary.yaml", lambda d: d["terms"][0].update(id=long_id))
    assert any("glossary.yaml: terms.0.id" in p for p in problems_of(content_copy))


def test_broken_yaml_is_reported_with_its_file(content_copy: Path) -> None:
    (content_copy / "faq.yaml").write_text("questions: [unclosed", encoding="utf-8")
    assert any(p.startswith("faq.yaml: not valid YAML") for p in problems_of(content_copy))


def test_every_problem_is_reported_at_once(content_copy: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_copy / "chemicals" / "aldrin.yaml", lambda d: d.update(colour="blue"))
    edit_yaml(content_copy / "chemicals" / "ddt.yaml", lambda d: d.update(colour="red"))
    problems = problems_of(content_copy)
    assert any("aldrin.yaml" in p for p in problems)
    assert any("ddt.yaml" in p for p in problems)
