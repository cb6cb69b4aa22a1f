"""The question of each report step, with its buttons, in the officer's language."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.cases import labels, render, steps
from bot.cases.values import UNITS, Action, Direction, Kind
from bot.geo import sorted_countries
from bot.knowledge.catalogue import Catalogue
from db.models import Case
from handlers.cases_kb import StepCb, review_markup

Prompt = tuple[str, InlineKeyboardMarkup | None]


def _buttons(step: str, options: list[tuple[str, str]], width: int = 1) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for value, label in options:
        kb.button(text=label, callback_data=StepCb(step=step, value=value))
    kb.adjust(width)
    return kb.as_markup()


def _progress(case: Case, step: str) -> str:
    asked = [
        s for s in steps.ORDER if s not in ("country", "review") and not steps.skipped(case, s)
    ]
    if step not in asked:
        return ""
    return _("Step {number} of {total}").format(number=asked.index(step) + 1, total=len(asked))


def _country(case: Case, lang: str) -> Prompt:
    options = sorted_countries(lang)
    return _("In which country did it happen? Choose it or type its name."), _buttons(
        "country", options, 2
    )


def _kind(case: Case, lang: str) -> Prompt:
    options = [(k.value, labels.kind_label(k.value, lang)) for k in Kind]
    return _("<b>New case report</b>\nWhat was found?"), _buttons("kind", options)


def _substance(case: Case, lang: str) -> Prompt:
    text = _(
        "Which substance or product? Type its name, a trade name or a CAS number as written "
        "on the goods or the documents."
    )
    return text, _buttons("substance", [("unknown", _("🤷 I don't know"))])


def substance_choices(case: Case, lang: str, found: list[str], catalogue: Catalogue) -> Prompt:
    """The entries the typed name may be, to confirm with one tap."""
    options = [(e, catalogue.entries[e].names.get(lang)[0]) for e in found]
    options.append(
        ("keep", _("Keep «{text}» as typed").format(text=case.substance_text or "")[:60])
    )
    options.append(("unknown", _("🤷 I don't know")))
    text = _("Is «{text}» one of these? Tap it to confirm, or type the name again.").format(
        text=render.clip(case.substance_text, 100)
    )
    return text, _buttons("substance", options)


def _hs_declared(case: Case, lang: str) -> Prompt:
    text = _(
        "HS code declared for the goods? Type it as written, e.g. <code>3808.52</code> or "
        "<code>3808.52.10</code>."
    )
    return text, _buttons("hs_declared", [("none", _("No code declared"))])


def _hs_suspected(case: Case, lang: str) -> Prompt:
    text = _("If you think the correct HS code is a different one, type it.")
    return text, _buttons("hs_suspected", [("same", _("Same as declared / don't know"))])


def _quantity(case: Case, lang: str) -> Prompt:
    if case.quantity is not None and case.unit is None:
        options = [(u, labels.unit_label(u, lang)) for u in UNITS]
        text = _("Which unit for {number}?").format(number=render.quantity(case, lang))
        return text, _buttons("quantity", [*options, ("unknown", _("Unknown"))], 3)
    text = _("Quantity and unit? For example: 200 kg, 1.5 t, 40 L, 12 units.")
    return text, _buttons("quantity", [("unknown", _("Unknown"))])


def _packaging(case: Case, lang: str) -> Prompt:
    text = _(
        "Packaging and labelling? For example: 20 blue drums of 200 L, labels in Chinese, "
        "no hazard symbol."
    )
    return text, _buttons("packaging", [("skip", _("Skip"))])


def _direction(case: Case, lang: str) -> Prompt:
    options = [(d.value, labels.direction_label(d.value, lang)) for d in Direction]
    return _("Import, export or transit?"), _buttons("direction", options, 3)


def _origin(case: Case, lang: str) -> Prompt:
    return _("Country of origin? Type its name."), _buttons("origin", [("unknown", _("Unknown"))])


def _destination(case: Case, lang: str) -> Prompt:
    return _("Country of destination? Type its name."), _buttons(
        "destination", [("unknown", _("Unknown"))]
    )


def _place(case: Case, lang: str) -> Prompt:
    return _("Where? Type the port, airport or border post."), None


def _location(case: Case, lang: str) -> Prompt:
    if case.latitude is not None:
        return _("📍 Location saved."), _buttons("location", [("done", _("Continue"))])
    text = _("You can share the exact location: 📎 → Location. Or continue without it.")
    return text, _buttons("location", [("done", _("Continue without location"))])


def _when(case: Case, lang: str) -> Prompt:
    text = _("When did it happen? Choose, or type the date as day/month/year.")
    options = [("today", _("Today")), ("yesterday", _("Yesterday"))]
    return text, _buttons("when", options, 2)


def _actions(case: Case, lang: str) -> Prompt:
    options = [
        (
            a.value,
            ("✅ " if a.value in case.actions else "▫️ ") + labels.action_label(a.value, lang),
        )
        for a in Action
    ]
    options.append(("done", _("Continue")))
    return _("What was done? Choose all that apply, then Continue."), _buttons(
        "actions", options, 2
    )


def _files(case: Case, lang: str) -> Prompt:
    count = len(case.attachments)
    text = _(
        "Send photos or documents (PDF, images, Office files), one or several. Press Continue "
        "when done."
    )
    if count:
        text += "\n" + _("Files so far: {count}.").format(count=count)
    return text, _buttons("files", [("done", _("Continue"))])


def _notes(case: Case, lang: str) -> Prompt:
    return _("Anything else the focal point should know? Type it, or press Skip."), _buttons(
        "notes", [("skip", _("Skip"))]
    )


def review(case: Case, lang: str, catalogue: Catalogue) -> Prompt:
    names = {
        "country": _("Country"), "kind": _("What"), "substance": _("Substance"),
        "hs": _("HS codes"), "quantity": _("Quantity"), "packaging": _("Packaging"),
        "route": _("Route"), "place": _("Where"), "when": _("When"), "actions": _("Action"),
        "files": _("Files"), "notes": _("Notes"),
    }  # fmt: skip
    text = "\n".join(
        [_("<b>Review your report</b>"), "", *render.summary_lines(case, lang, catalogue), "",
         _("Check it, change what is wrong, then submit.")]
    )  # fmt: skip
    return text[:4000], review_markup(list(names.items()))


PROMPTS: dict[str, Callable[[Case, str], Prompt]] = {
    "country": _country, "kind": _kind, "substance": _substance, "hs_declared": _hs_declared,
    "hs_suspected": _hs_suspected, "quantity": _quantity, "packaging": _packaging,
    "direction": _direction, "origin": _origin, "destination": _destination, "place": _place,
    "location": _location, "when": _when, "actions": _actions, "files": _files, "notes": _notes,
}  # fmt: skip


def prompt(case: Case, lang: str, catalogue: Catalogue) -> Prompt:
    """The question the draft waits for, with its step number."""
    step = case.draft_step or steps.REVIEW
    if step == steps.REVIEW:
        return review(case, lang, catalogue)
    text, markup = PROMPTS[step](case, lang)
    progress = _progress(case, step)
    return (f"<i>{progress}</i>\n{text}" if progress else text), markup
