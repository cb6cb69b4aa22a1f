"""Answers to an HS code: every POP a code may cover, and the POP-relevant codes of a heading.

A shared code is said to be shared, a residual code is said to be residual, and a national
8-10 digit code is read as its international 6-digit subheading with a warning; a code that the
content does not link to any POP gets a plain "not in the curated content".
"""

from __future__ import annotations

from bot.knowledge import labels
from bot.knowledge.answer import Answer
from bot.knowledge.cards_chemical import status_text
from bot.knowledge.doc import Doc, Piece, b, code
from bot.knowledge.index import CodeUse
from bot.knowledge.normalize import HsQuery, format_code
from bot.knowledge.render_util import CARD_LIMIT, Ctx, to_answer


def national_note(ctx: Ctx, hs: HsQuery) -> str:
    text = ctx._(
        "You typed {typed}: read as HS {code}. Only the first six digits are international; "
        "national 8-10 digit lines differ by country, so check your national tariff."
    )
    return text.format(typed=hs.raw, code=format_code(hs.code))


def _use_line(ctx: Ctx, hs_code: str, use: CodeUse) -> list[Piece]:
    _ = ctx._
    if use.kind == "article":
        entry = next(h for h in ctx.cat.article(use.entry_id).hs if h.code == hs_code)
        how = {
            "pop_named": "✓ " + _("confirmed: the HS text names the POP"),
            "usual_classification": labels.usual_classification(_),
            "best_belief": "⚠ " + labels.indicative(_),
        }[entry.basis]
        return ["• ", b(ctx.label(use.entry_id)), " · " + how]
    chem = ctx.cat.chemical(use.entry_id)
    assignment = next(a for a in chem.hs if a.code == hs_code)
    what = f"{labels.scope(assignment.scope, _)}: {ctx.t(assignment.applies_to)}"
    return ["• ", b(ctx.label(chem.id)), f" · {what} · {status_text(ctx, assignment.status)}"]


def code_card(ctx: Ctx, hs_code: str, hs: HsQuery | None = None) -> Answer:
    _ = ctx._
    info = ctx.cat.hs_code(hs_code)
    assert info is not None
    uses = sorted(
        ctx.cat.index.codes.get(hs_code, []),
        key=lambda u: (u.kind != "chemical", u.status != "confirmed", u.entry_id),
    )
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(f"HS {format_code(hs_code)}"), " (HS 2022)")
    text = ctx.hs_text(info)
    doc.add(text if len(text) <= 220 else text[:219] + "…")
    doc.add(labels.code_kind(info.kind, _))
    if hs is not None and hs.national:
        doc.add("⚠ " + national_note(ctx, hs))
    chemicals = [use for use in uses if use.kind == "chemical"]
    if len(chemicals) > 1:
        warning = _(
            "Shared code: it may cover {count} POPs and cannot identify the POP by itself. "
            "Check the CAS number on the SDS."
        )
        doc.add("⚠ " + warning.format(count=len(chemicals)))
    if info.note is not None:
        doc.add(ctx.t(info.note), optional=True)
    doc.add(b(_("In the curated content:")))
    footer = ctx.footer_text(info.sources)
    lines = [_use_line(ctx, hs_code, use) for use in uses]
    if doc.plain_length() + sum(_width(line) + 1 for line in lines) + len(footer) + 1 > CARD_LIMIT:
        lines = _grouped_lines(ctx, uses)
    for line in lines:
        doc.add(*line)
    doc.add(footer, optional=True)
    buttons = [ctx.button(use.entry_id, "card") for use in uses[:6]]
    return to_answer(doc, buttons)


def _width(line: list[Piece]) -> int:
    return sum(len(part if isinstance(part, str) else part.text) for part in line)


def _grouped_lines(ctx: Ctx, uses: list[CodeUse]) -> list[list[Piece]]:
    """Every POP and article on a few lines, grouped by status, when one line each is too long."""
    _ = ctx._
    groups = (
        (
            _("✓ Confirmed for:"),
            [u for u in uses if u.kind == "chemical" and u.status == "confirmed"],
        ),
        (
            "⚠ " + labels.indicative(_) + ":",
            [u for u in uses if u.kind == "chemical" and u.status != "confirmed"],
        ),
        (_("Articles (classified by their nature):"), [u for u in uses if u.kind == "article"]),
    )
    return [
        [b(title), " " + ", ".join(ctx.label(u.entry_id) for u in items)]
        for title, items in groups
        if items
    ]


def heading_card(ctx: Ctx, heading: str, hs: HsQuery | None = None) -> Answer:
    _ = ctx._
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(_("Heading {heading}").format(heading=format_code(heading))), " (HS 2022)")
    if hs is not None and hs.national:
        doc.add("⚠ " + national_note(ctx, hs))
    codes = ([heading] if heading in ctx.cat.raw.hs_codes else []) + ctx.cat.index.headings.get(
        heading, []
    )
    doc.add(b(_("POP-relevant codes in the curated content:")))
    for hs_code in codes:
        uses = ctx.cat.index.codes.get(hs_code, [])
        names = sorted({ctx.label(use.entry_id) for use in uses})
        if all(use.kind == "article" for use in uses):
            mark = " · " + _("articles classified by their nature")
        elif any(use.status == "confirmed" for use in uses):
            mark = ""
        else:
            mark = " · ⚠ " + labels.indicative(_)
        doc.add("• ", code(format_code(hs_code)), " " + ", ".join(names) + mark, optional=True)
    doc.add(_("Choose a code for the POPs it may cover."), optional=True)
    return to_answer(doc, [ctx.button(f"hs:{c}", "card") for c in codes[:8]])


def unknown_code(ctx: Ctx, hs: HsQuery) -> Answer:
    _ = ctx._
    doc = Doc(limit=CARD_LIMIT)
    text = _("HS {code} is not in the curated content: no POP is linked to it here.")
    doc.add(text.format(code=format_code(hs.code)))
    if hs.national:
        doc.add("⚠ " + national_note(ctx, hs))
    heading = hs.code[:4]
    related = ctx.cat.index.headings.get(heading, [])
    if related and not hs.heading:
        listing = ", ".join(format_code(c) for c in related)
        doc.add(
            _("POP-relevant codes under heading {heading}: {codes}").format(
                heading=format_code(heading), codes=listing
            )
        )
    doc.add(
        _(
            "An HS code alone never proves that goods are free of POPs: "
            "check the SDS and CAS numbers."
        )
    )
    buttons = [ctx.button(f"hs:{heading}", "card")] if related else []
    return to_answer(doc, buttons)
