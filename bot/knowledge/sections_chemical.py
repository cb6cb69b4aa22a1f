"""The "more" sections of a POP entry: uses and exemptions, articles, conventions, sources."""

from __future__ import annotations

from bot.knowledge import labels
from bot.knowledge.answer import Answer
from bot.knowledge.cards_chemical import SCOPE_ORDER, status_text
from bot.knowledge.doc import Doc, Seg, b, link
from bot.knowledge.normalize import format_code
from bot.knowledge.render_util import Ctx, to_answer
from bot.knowledge.schema import Chemical, HsAssignment


def uses(ctx: Ctx, chem: Chemical) -> Answer:
    _ = ctx._
    doc = Doc()
    doc.add(b(ctx.t(chem.names)))
    doc.add(b(_("Uses")))
    for use in chem.uses:
        doc.add("• " + ctx.t(use))
    doc.add(b(_("Exemptions and acceptable purposes")))
    doc.add(ctx.fact(chem.exemptions))
    if chem.review is not None:
        doc.add(b(_("Review status")))
        doc.add(ctx.t(chem.review.stage))
        for step in chem.review.history:
            doc.add("• " + ctx.fact(step), optional=True)
        doc.add(ctx.fact(chem.review.outlook), optional=True)
    return to_answer(
        doc, [ctx.button(chem.id, "card", labels.section_button("card", "chemical", _))]
    )


def articles(ctx: Ctx, chem: Chemical) -> Answer:
    _ = ctx._
    doc = Doc()
    found = ctx.cat.articles_containing(chem.id)
    doc.add(b(_("Articles that may contain {name}").format(name=ctx.label(chem.id))))
    if not found:
        doc.add(_("No article category in the curated content is linked to this POP."))
    for article in found:
        codes = ", ".join(format_code(a.code) for a in article.hs[:3])
        more = ", …" if len(article.hs) > 3 else ""
        doc.add("• ", b(ctx.label(article.id)), f" (HS {codes}{more})")
    doc.add(_("An article is classified by its nature: its HS code never shows POP content."))
    buttons = [ctx.button(article.id, "card") for article in found[:6]]
    return to_answer(doc, buttons)


def conventions(ctx: Ctx, chem: Chemical) -> Answer:
    _ = ctx._
    doc = Doc()
    doc.add(b(ctx.t(chem.names)))
    doc.add(b(_("Stockholm Convention")))
    if chem.listing is not None:
        doc.add(", ".join(labels.annex(annex, _) for annex in chem.annexes))
        _listing(ctx, doc, chem)
    elif chem.review is not None:
        doc.add(ctx.t(chem.review.stage) + " · " + _("not a listed POP yet"))
    doc.add(b(_("Rotterdam Convention (Annex III, prior informed consent)")))
    rotterdam = chem.rotterdam
    if rotterdam.listed:
        status = _(
            "Listed in Annex III: exports need prior informed consent and the HS code "
            "on the shipping documents."
        )
    else:
        status = _("Not listed in Annex III.")
    doc.add(status + ctx.mark(rotterdam.provenance))
    if rotterdam.note is not None:
        doc.add(ctx.t(rotterdam.note), optional=True)
    doc.add(b(_("Basel Convention (wastes)")))
    if not chem.basel:
        doc.add(_("No Basel entry is linked to this POP in the curated content."))
    for waste_id in chem.basel:
        doc.add("• " + ctx.label(waste_id))
    buttons = [ctx.button(waste_id, "card") for waste_id in chem.basel[:4]]
    buttons += [ctx.button(cid, "card") for cid in ("stockholm", "rotterdam", "basel")]
    return to_answer(doc, buttons)


def _listing(ctx: Ctx, doc: Doc, chem: Chemical) -> None:
    _ = ctx._
    listing = chem.listing
    assert listing is not None
    parts = [_("Listed in {year}").format(year=listing.year)]
    if listing.cop:
        parts.append(listing.cop)
    if listing.decision:
        parts.append(
            _("decision {decision}").format(decision=listing.decision)
            + ctx.mark(listing.decision_provenance)
        )
    doc.add(" · ".join(parts))
    if listing.in_force:
        text = _("In force since {date}").format(date=ctx.date(listing.in_force))
        doc.add(text + ctx.mark(listing.in_force_provenance))
    if listing.note is not None:
        doc.add(ctx.t(listing.note))


def _evidence_line(ctx: Ctx, assignment: HsAssignment) -> str:
    _ = ctx._
    head = f"{format_code(assignment.code)} · {status_text(ctx, assignment.status)}"
    if assignment.status == "confirmed" and assignment.basis is not None:
        head += " · " + labels.basis(assignment.basis, _)
    if assignment.confidence is not None:
        head += " · " + labels.confidence(assignment.confidence, _)
    why = f": {ctx.t(assignment.why)}" if assignment.why is not None else ""
    return f"• {head}{why} [{', '.join(assignment.sources)}]"


def sources(ctx: Ctx, chem: Chemical) -> Answer:
    _ = ctx._
    doc = Doc()
    cited = source_lines(ctx, chem.sources)
    doc.reserve(cited)
    doc.add(b(ctx.label(chem.id) + " · " + _("evidence and sources")))
    if chem.hs:
        doc.add(b(_("Evidence for each HS code")))
    for assignment in sorted(chem.hs, key=lambda a: (SCOPE_ORDER.index(a.scope), a.code)):
        doc.add(_evidence_line(ctx, assignment), optional=True)
    gaps = [ctx.t(gap) for gap in chem.hs_gaps]
    notes = [ctx.fact(note) for note in chem.notes]
    for title, items in ((_("Gaps"), gaps), (_("Notes"), notes)):
        if items:
            doc.add(b(title), optional=True)
            for item in items:
                doc.add("• " + item, optional=True)
    _cas_and_names(ctx, doc, chem)
    edition = _(
        "Codes are HS 2022. HS 2028 applies from 1 January 2028; "
        "which POPs get new codes is not confirmed."
    )
    doc.add(edition, optional=True)
    doc.release()
    for line in cited:
        doc.add(*line, optional=True)
    card_button = ctx.button(chem.id, "card", labels.section_button("card", "chemical", _))
    return to_answer(doc, [card_button])


def _cas_and_names(ctx: Ctx, doc: Doc, chem: Chemical) -> None:
    _ = ctx._
    if chem.cas:
        doc.add(b(_("CAS numbers")), optional=True)
        for cas in chem.cas:
            label = f" ({ctx.t(cas.label)})" if cas.label is not None else ""
            doc.add(f"• {cas.number}{label}{ctx.mark(cas.provenance)}", optional=True)
    if chem.cas_note is not None:
        doc.add(ctx.t(chem.cas_note), optional=True)
    if chem.names_provenance == "knowledge":
        doc.add(
            _(
                "Spanish, French and Portuguese names are not yet checked against "
                "the official UN translations."
            ),
            optional=True,
        )


def source_lines(ctx: Ctx, source_ids: list[str]) -> list[list[Seg]]:
    """The cited sources with their titles, linked where the source has an address."""
    lines = [[b(ctx._("Sources"))]]
    for source_id in source_ids:
        source = ctx.cat.raw.sources[source_id]
        title = source.title if len(source.title) <= 90 else source.title[:89] + "…"
        head = link(source_id, source.url) if source.url else b(source_id)
        lines.append([Seg("• "), head, Seg(f" {title}")])
    return lines


def source_list(ctx: Ctx, doc: Doc, source_ids: list[str]) -> None:
    for line in source_lines(ctx, source_ids):
        doc.add(*line, optional=True)
