"""Fixed UI words of the cards, translated through gettext (content strings are not here).

Each function takes the `_` of the reader's locale, so `pybabel extract` sees every msgid as a
literal `_("...")` call; translations live in locales/ (incoming: locales/incoming/knowledge.*.po).
"""

from __future__ import annotations

from collections.abc import Callable

Gettext = Callable[[str], str]


def scope(scope_id: str, _: Gettext) -> str:
    labels = {
        "substance": _("Substance"),
        "related_compound": _("Related compounds"),
        "pesticide_preparation": _("Pesticide preparations"),
        "mixture": _("Mixtures and preparations"),
        "specific_preparation": _("Preparations in other headings"),
        "article": _("Articles and materials"),
        "waste": _("Wastes"),
    }
    return labels[scope_id]


def annex(annex_id: str, _: Gettext) -> str:
    labels = {
        "A": _("Annex A (elimination)"),
        "B": _("Annex B (restriction)"),
        "C": _("Annex C (unintentional production)"),
    }
    return labels[annex_id]


def kind(kind_id: str, _: Gettext) -> str:
    labels = {
        "chemical": _("POP"),
        "article": _("Article category"),
        "convention": _("Convention"),
        "glossary": _("Glossary"),
        "faq": _("Question"),
        "waste": _("Basel waste code"),
        "edition": _("HS edition"),
        "hs": _("HS code"),
    }
    return labels[kind_id]


def basis(basis_id: str, _: Gettext) -> str:
    labels = {
        "subheading_text": _("named in the HS subheading text"),
        "subheading_note": _("named in a Chapter 38 subheading note"),
        "wco_recommendation": _("WCO Recommendation (national subdivision)"),
        "customs_ruling": _("customs ruling on this substance"),
    }
    return labels[basis_id]


def code_kind(kind_id: str, _: Gettext) -> str:
    labels = {
        "pop_specific": _("POP-specific subheading: its text or a legal note names POPs."),
        "residual": _("Residual 'other' subheading: it also covers many goods that are not POPs."),
        "general": _("General code: it is not specific to POPs."),
    }
    return labels[kind_id]


def section_button(section: str, entry_kind: str, _: Gettext) -> str:
    if section == "uses":
        return _("What to check") if entry_kind == "article" else _("Uses and exemptions")
    labels = {
        "card": _("Card"),
        "articles": _("Articles"),
        "conventions": _("Other conventions"),
        "sources": _("Sources"),
    }
    return labels[section]


def confidence(level: str, _: Gettext) -> str:
    labels = {
        "high": _("confidence: high"),
        "medium": _("confidence: medium"),
        "low": _("confidence: low"),
    }
    return labels[level]


def confirmed(_: Gettext) -> str:
    return _("confirmed")


def indicative(_: Gettext) -> str:
    return _("Indicative only — not confirmed")


def usual_classification(_: Gettext) -> str:
    return _("usual classification of the article by its nature; says nothing about POP content")


def not_confirmed_marker(_: Gettext) -> str:
    return _("(not confirmed in the sources)")
