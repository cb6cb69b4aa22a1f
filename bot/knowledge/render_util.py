"""Shared rendering helpers: the reader's context, language fallback, labels and footers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from bot.i18n import normalize_locale, translator
from bot.knowledge import labels
from bot.knowledge.answer import Answer, AnswerButton
from bot.knowledge.catalogue import Catalogue
from bot.knowledge.doc import Doc
from bot.knowledge.fields import Fact, Text
from bot.knowledge.labels import Gettext
from bot.knowledge.normalize import format_code
from bot.knowledge.schema import HsCodeInfo

CARD_LIMIT = 900  # visible characters of a card: one phone screen
FALLBACK_MARK = " (EN)"
BUTTON_LABEL_MAX = 32


@dataclass(frozen=True)
class Ctx:
    """Everything a renderer needs about the reader: catalogue, language and translations."""

    cat: Catalogue
    lang: str
    _: Gettext

    @classmethod
    def make(cls, catalogue: Catalogue, lang: str) -> Ctx:
        locale = normalize_locale(lang)
        return cls(catalogue, locale, translator(locale).gettext)

    def t(self, text: Text | None) -> str:
        """Content text in the reader's language, visibly marked when it falls back to English."""
        if text is None:
            return ""
        value, fallback = text.get(self.lang)
        return value + FALLBACK_MARK if fallback else value

    def hs_text(self, info: HsCodeInfo) -> str:
        """The S01 wording of a code; Spanish where curated, else English marked as fallback."""
        if self.lang == "es" and info.text.es:
            return info.text.es
        return info.text.en + ("" if self.lang == "en" else FALLBACK_MARK)

    def fact(self, fact: Fact) -> str:
        return self.t(fact.text) + self.mark(fact.provenance)

    def mark(self, provenance: str) -> str:
        return " " + labels.not_confirmed_marker(self._) if provenance == "knowledge" else ""

    def label(self, entry_id: str) -> str:
        """The short display name of an entry (its label if it has one, else its name)."""
        if entry_id.startswith("hs:"):
            return f"HS {format_code(entry_id[3:])}"
        entry = self.cat.entries[entry_id]
        names = entry.label or entry.names
        return self.t(names)

    def button(self, entry_id: str, section: str, text: str | None = None) -> AnswerButton:
        label = text if text is not None else self.label(entry_id)
        if len(label) > BUTTON_LABEL_MAX:
            label = label[: BUTTON_LABEL_MAX - 1].rstrip() + "…"
        return AnswerButton(label, entry_id, section)

    def date(self, value: str) -> str:
        """An ISO date or a bare year, formatted for the reader's locale."""
        if len(value) == 4:
            return value
        return format_date(date.fromisoformat(value), format="medium", locale=self.lang)

    def footer_text(self, sources: list[str], edition: bool = True) -> str:
        """'HS 2022 · Sources: S01, S02': every card carries its edition and sources."""
        ids = ", ".join(sources[:6]) + (f" +{len(sources) - 6}" if len(sources) > 6 else "")
        if edition:
            return self._("HS 2022 · Sources: {ids}").format(ids=ids)
        return self._("Sources: {ids}").format(ids=ids)


def to_answer(doc: Doc, buttons: list[AnswerButton] | None = None) -> Answer:
    return Answer(doc.html(), doc.plain(), buttons or [])


def section_buttons(ctx: Ctx, entry_id: str, kind: str, sections: list[str]) -> list[AnswerButton]:
    return [ctx.button(entry_id, s, labels.section_button(s, kind, ctx._)) for s in sections]
