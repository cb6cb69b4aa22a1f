"""Words for a case's values in a given language; shared by the messages popsbot queues for
other people and by the screens of the person acting (one source of every label)."""

from __future__ import annotations

from collections.abc import Callable

from bot.i18n import translator

Gettext = Callable[[str], str]


def gettext_for(lang: str) -> Gettext:
    return translator(lang).gettext


def kind_label(value: str | None, lang: str) -> str:
    _ = gettext_for(lang)
    labels = {
        "chemical": _("Suspected POP chemical"),
        "pesticide": _("Pesticide"),
        "article": _("Article or product that may contain POPs"),
        "waste": _("Waste"),
        "other": _("Other"),
    }
    return labels.get(value or "", "—")


def direction_label(value: str | None, lang: str) -> str:
    _ = gettext_for(lang)
    labels = {"import": _("Import"), "export": _("Export"), "transit": _("Transit")}
    return labels.get(value or "", "—")


def action_label(value: str, lang: str) -> str:
    _ = gettext_for(lang)
    labels = {
        "detained": _("Detained"),
        "seized": _("Seized"),
        "sampled": _("Sampled"),
        "released": _("Released"),
    }
    return labels.get(value, value)


def outcome_label(value: str | None, lang: str) -> str:
    _ = gettext_for(lang)
    labels = {
        "confirmed_pop": _("Confirmed POP"),
        "not_pop": _("Not a POP"),
        "referred": _("Referred to another authority"),
        "insufficient": _("Insufficient information"),
        "other": _("Other outcome"),
    }
    return labels.get(value or "", "—")


def status_label(value: str, lang: str) -> str:
    _ = gettext_for(lang)
    labels = {
        "draft": _("draft"),
        "submitted": _("submitted, waiting for acknowledgement"),
        "acknowledged": _("acknowledged"),
        "info_requested": _("information requested"),
        "closed": _("closed"),
    }
    return labels.get(value, value)


def unit_label(value: str | None, lang: str) -> str:
    _ = gettext_for(lang)
    labels = {"kg": "kg", "t": "t", "l": "L", "m3": "m³", "units": _("units")}
    return labels.get(value or "", "")


def convention_label(value: str | None, lang: str) -> str:
    _ = gettext_for(lang)
    labels = {"stockholm": _("Stockholm"), "basel": _("Basel"), "rotterdam": _("Rotterdam")}
    return labels.get(value or "", "—")


def directory_role_label(value: str, lang: str) -> str:
    _ = gettext_for(lang)
    labels = {
        "ocp": _("official contact point"),
        "nfp": _("national focal point"),
        "other": _("other contact"),
    }
    return labels.get(value, value)
