"""Card and sections of a POP entry: what it is, its annex, its HS codes, the key caution.

The HS block is rendered at three levels of detail and the most detailed one that fits a phone
screen wins; an indicative code is always on a line that says so, at every level.
"""

from __future__ import annotations

from itertools import groupby

from bot.knowledge import labels
from bot.knowledge.answer import Answer
from bot.knowledge.doc import Doc, Piece, b, code
from bot.knowledge.render_util import CARD_LIMIT, Ctx, section_buttons, to_answer
from bot.knowledge.schema import CORE_SCOPES, Chemical, HsAssignment

SCOPE_ORDER = (
    "substance",
    "related_compound",
    "pesticide_preparation",
    "mixture",
    "specific_preparation",
    "article",
    "waste",
)


def status_text(ctx: Ctx, status: str) -> str:
    return (
        "✓ " + labels.confirmed(ctx._)
        if status == "confirmed"
        else "⚠ " + labels.indicative(ctx._)
    )


def listing_line(ctx: Ctx, chem: Chemical) -> str:
    _ = ctx._
    if chem.review is not None:
        text = _(
            "Under review by the POPs Review Committee (proposed for Annex {annex}): "
            "not a listed POP yet."
        )
        return text.format(annex=chem.review.proposed_annex)
    annexes = ", ".join(labels.annex(annex, _) for annex in chem.annexes)
    year = chem.listing.year if chem.listing else ""
    return _("Stockholm Convention: {annexes} · listed in {year}").format(
        annexes=annexes, year=year
    )


def _sorted_hs(chem: Chemical) -> list[HsAssignment]:
    return sorted(
        chem.hs, key=lambda a: (SCOPE_ORDER.index(a.scope), a.status != "confirmed", a.code)
    )


def _missing_scopes(chem: Chemical) -> list[str]:
    present = {a.scope for a in chem.hs}
    return [s for s in CORE_SCOPES if s not in present and s not in chem.not_applicable_scopes]


def hs_lines(ctx: Ctx, chem: Chemical, level: int) -> list[list[Piece]]:
    """HS lines at detail level 2 (each code, what it covers), 1 (by scope) or 0 (by status)."""
    _ = ctx._
    lines: list[list[Piece]] = []
    ordered = _sorted_hs(chem)
    if level == 2:
        for a in ordered:
            extra = (
                " · " + _("WCO: national subdivision recommended")
                if a.national_subdivision
                else ""
            )
            what = f"{labels.scope(a.scope, _)}: {ctx.t(a.applies_to)}"
            lines.append(
                ["• ", code(_fmt(a.code)), f" · {what} · {status_text(ctx, a.status)}{extra}"]
            )
    else:
        key = (lambda a: (a.scope, a.status)) if level == 1 else (lambda a: ("", a.status))
        groups = sorted(ordered, key=lambda a: (a.status != "confirmed",) if level == 0 else ())
        for (scope_id, status), items in groupby(groups, key=key):
            codes = ", ".join(_fmt(a.code) for a in items)
            head = f"{labels.scope(scope_id, _)} · " if scope_id else ""
            lines.append([f"• {head}{status_text(ctx, status)}: ", code(codes)])
    for scope_id in _missing_scopes(chem):
        lines.append([_("• {scope}: no specific HS code").format(scope=labels.scope(scope_id, _))])
    if not chem.hs and not _missing_scopes(chem):
        lines.append([_("No HS code applies to this entry.")])
    return lines


def _fmt(hs_code: str) -> str:
    return f"{hs_code[:2]}.{hs_code[2:]}" if len(hs_code) == 4 else hs_code


def card(ctx: Ctx, chem: Chemical) -> Answer:
    doc = _card_doc(ctx, chem, 2) or _card_doc(ctx, chem, 1) or _card_doc(ctx, chem, 0)
    assert doc is not None  # level 0 always renders (truncated if it must)
    sections = ["uses", "articles", "conventions", "sources"]
    if not ctx.cat.articles_containing(chem.id):
        sections.remove("articles")
    return to_answer(doc, section_buttons(ctx, chem.id, "chemical", sections))


def _card_doc(ctx: Ctx, chem: Chemical, level: int) -> Doc | None:
    """The card at one detail level, or None when that level does not fit a phone screen."""
    _ = ctx._
    doc = Doc(limit=CARD_LIMIT if level == 0 else 10_000)
    doc.add(b(ctx.t(chem.names) if level == 2 else ctx.label(chem.id)))
    doc.add(listing_line(ctx, chem))
    doc.add(ctx.t(chem.short))
    doc.add(b(_("HS 2022 codes:")))
    for line in hs_lines(ctx, chem, level):
        doc.add(*line)
    doc.add("⚠ " + ctx.t(chem.caution))
    footer = ctx.footer_text(chem.sources)
    if level > 0 and doc.plain_length() + 1 + len(footer) > CARD_LIMIT:
        return None
    doc.limit = CARD_LIMIT - len(footer) - 1
    if chem.cas:
        numbers = [entry.number for entry in chem.cas]
        shown = ", ".join(numbers[:3]) + (", …" if len(numbers) > 3 else "")
        doc.add(_("CAS: {numbers}").format(numbers=shown), optional=True)
    doc.limit = CARD_LIMIT
    doc.add(footer)
    return doc
