"""What the officer sees: short cards, valid Telegram HTML, honest labels, visible fallbacks."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.i18n import translator
from bot.knowledge import labels
from bot.knowledge.answer import SECTIONS, Answer
from bot.knowledge.cards import render_answer, render_section
from bot.knowledge.catalogue import Catalogue
from bot.knowledge.normalize import format_code
from bot.knowledge.render_util import CARD_LIMIT
from tests.knowledge.conftest import html_errors, strip_tags

LANGS = ("en", "es", "fr", "pt")


def every_entry(catalogue: Catalogue) -> Iterator[str]:
    yield from catalogue.entries
    yield from (f"hs:{code}" for code in catalogue.raw.hs_codes)
    yield from (f"hs:{heading}" for heading in catalogue.index.headings)


@pytest.fixture(scope="module")
def all_answers(catalogue: Catalogue) -> list[tuple[str, str, str, Answer]]:
    return [
        (lang, entry_id, section, render_section(catalogue, entry_id, section, lang))
        for lang in LANGS
        for entry_id in every_entry(catalogue)
        for section in SECTIONS
    ]


def test_cards_fit_a_phone_screen(all_answers: list) -> None:
    too_long = [
        (lang, entry_id, len(answer.plain))
        for lang, entry_id, section, answer in all_answers
        if section == "card" and len(answer.plain) > CARD_LIMIT
    ]
    assert too_long == []


def test_no_section_exceeds_telegram_limit(all_answers: list) -> None:
    assert all(len(a.plain) <= 4096 and len(a.html) <= 4096 for *_, a in all_answers)


def test_html_is_valid_telegram_html_and_plain_is_the_same_text(all_answers: list) -> None:
    for lang, entry_id, section, answer in all_answers:
        assert html_errors(answer.html) == [], (lang, entry_id, section)
        assert strip_tags(answer.html) == answer.plain, (lang, entry_id, section)
        assert "<" not in answer.plain or "<" in strip_tags(answer.html)


def test_buttons_fit_callback_data(all_answers: list) -> None:
    for *_, answer in all_answers:
        for button in answer.buttons:
            assert button.entry_id.isascii()
            assert len(button.entry_id) <= 24
            assert len(f"k:{button.entry_id}:{button.section}".encode()) <= 64
            assert button.section in (*SECTIONS, "entry")
            assert 0 < len(button.label) <= 32


def test_user_text_is_escaped(catalogue: Catalogue) -> None:
    query = "<b>bold</b> & <script>x</script>"
    answer = render_answer(catalogue, catalogue.search(query, "en"), "en")
    assert html_errors(answer.html) == []
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in answer.html
    assert query in answer.plain


def test_indicative_codes_are_never_labelled_confirmed(catalogue: Catalogue) -> None:
    for lang in LANGS:
        indicative = labels.indicative(translator(lang).gettext)
        for chem in catalogue.raw.chemicals.values():
            card = render_section(catalogue, chem.id, "card", lang).plain
            for assignment in chem.hs:
                shown = format_code(assignment.code)
                lines = [line for line in card.splitlines() if shown in line and "•" in line]
                if assignment.status == "indicative":
                    assert lines, (lang, chem.id, assignment.code)
                    for line in lines:
                        assert indicative in line, (lang, chem.id, line)
                        assert "✓" not in line, (lang, chem.id, line)


def test_indicative_only_hs_card_shows_no_confirmation(catalogue: Catalogue) -> None:
    answer = render_answer(catalogue, catalogue.search("3824.99", "en"), "en")
    assert "✓" not in answer.plain
    assert labels.indicative(translator("en").gettext) in answer.plain


def test_codes_are_printed_with_the_dot(catalogue: Catalogue) -> None:
    card = render_section(catalogue, "pcb", "card", "en").plain
    assert "3824.82" in card
    assert "2710.91" in card
    for chem in catalogue.raw.chemicals.values():
        plain = render_section(catalogue, chem.id, "card", "en").plain
        assert not re.search(r"(?<![\d-])\d{6}(?![\d-])", plain), chem.id


def test_shared_code_warning(catalogue: Catalogue) -> None:
    answer = render_answer(catalogue, catalogue.search("2903.82", "en"), "en")
    assert "Shared code" in answer.plain
    assert all(name in answer.plain for name in ("Aldrin", "Chlordane", "Heptachlor"))
    assert [b.entry_id for b in answer.buttons] == ["aldrin", "chlordane", "heptachlor"]


def test_national_code_is_read_as_its_subheading_with_a_warning(catalogue: Catalogue) -> None:
    answer = render_answer(catalogue, catalogue.search("2903820000", "en"), "en")
    assert "2903.82" in answer.plain
    assert "Only the first six digits are international" in answer.plain


def test_heading_lists_its_subheadings(catalogue: Catalogue) -> None:
    answer = render_answer(catalogue, catalogue.search("3824", "en"), "en")
    for code in ("3824.82", "3824.84", "3824.88", "3824.89", "3824.99"):
        assert code in answer.plain
    assert {b.entry_id for b in answer.buttons} >= {"hs:3824.82", "hs:3824.99"}


def test_content_language_and_visible_english_fallback(catalogue: Catalogue) -> None:
    es = render_section(catalogue, "lindane", "uses", "es").plain
    assert "Medicamento de uso humano (piojos, sarna)" in es
    assert "(EN)" not in es
    fr = render_section(catalogue, "lindane", "uses", "fr").plain
    assert "Human pharmaceutical (head lice, scabies) (EN)" in fr
    pt_card = render_section(catalogue, "hexachlorobenzene", "card", "pt").plain
    assert pt_card.startswith("Hexaclorobenzeno (HCB)")
    assert "Fungicida (tratamento de sementes)" in pt_card


def test_knowledge_facts_are_marked_unconfirmed(catalogue: Catalogue) -> None:
    marker = labels.not_confirmed_marker(translator("en").gettext)
    uses = render_section(catalogue, "aldrin", "uses", "en").plain
    assert marker in uses  # exemptions come from the compiler's knowledge
    sources = render_section(catalogue, "pfos", "sources", "en").plain
    assert "1763-23-1 (PFOS)" in sources
    assert "2795-39-3 (K-PFOS) " + marker in sources


def test_choices_and_not_found(catalogue: Catalogue) -> None:
    choices = render_answer(catalogue, catalogue.search("PFO", "en"), "en")
    assert choices.plain.startswith("Did you mean")
    assert {(b.entry_id, b.section) for b in choices.buttons} == {
        ("pfos", "entry"),
        ("pfoa", "entry"),
    }
    missing = render_answer(catalogue, catalogue.search("glyphosate", "en"), "en")
    assert "Not a listed POP or not in the curated content" in missing.plain
    assert missing.buttons == []


def test_cas_answer_names_the_matched_substance(catalogue: Catalogue) -> None:
    answer = render_answer(catalogue, catalogue.search("4151-50-2", "es"), "es")
    assert answer.plain.startswith("CAS 4151-50-2 = sulfluramida")
    assert len(answer.plain) <= CARD_LIMIT


def test_every_card_carries_sources_and_edition(catalogue: Catalogue) -> None:
    for chem in catalogue.raw.chemicals.values():
        card = render_section(catalogue, chem.id, "card", "en").plain
        assert "HS 2022 · Sources: " + chem.sources[0] in card, chem.id
        sources = render_section(catalogue, chem.id, "sources", "en").plain
        assert all(source in sources for source in chem.sources), chem.id


def test_stale_button_gets_a_clear_answer(catalogue: Catalogue) -> None:
    answer = render_section(catalogue, "no_such_entry", "card", "en")
    assert "no longer in the curated content" in answer.plain


@pytest.mark.parametrize("code", ["3813.00", "3903.11", "4403.11", "3808.91"])
def test_unconfirmed_article_codes_are_shown_as_indicative(
    catalogue: Catalogue, code: str
) -> None:
    answer = render_answer(catalogue, catalogue.search(code, "en"), "en")
    assert "✓" not in answer.plain
    assert labels.indicative(translator("en").gettext) in answer.plain
