"""Card and sections of an article category: what it may contain, its HS codes, what to check."""

from __future__ import annotations

from bot.knowledge import labels
from bot.knowledge.answer import Answer
from bot.knowledge.doc import Doc, b, code
from bot.knowledge.normalize import format_code
from bot.knowledge.render_util import CARD_LIMIT, Ctx, section_buttons, to_answer
from bot.knowledge.schema import Article
from bot.knowledge.sections_chemical import source_list


def _codes(article: Article, basis: str) -> str:
    return ", ".join(format_code(entry.code) for entry in article.hs if entry.basis == basis)


def card(ctx: Ctx, article: Article) -> Answer:
    _ = ctx._
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(ctx.t(article.names)))
    doc.add(ctx.t(article.short))
    names = ", ".join(ctx.label(chemical_id) for chemical_id in article.may_contain)
    doc.add(b(_("May contain:")), " " + names)
    doc.add(b(_("HS 2022 codes:")))
    if usual := _codes(article, "usual_classification"):
        doc.add("• ", code(usual), " · " + labels.usual_classification(_))
    if named := _codes(article, "pop_named"):
        doc.add("• ", code(named), " · ✓ " + _("confirmed: the HS text names the POP"))
    if guessed := _codes(article, "best_belief"):
        doc.add("• ", code(guessed), " · ⚠ " + labels.indicative(_))
    doc.add("✔ " + ctx.t(article.what_to_check[0]), optional=True)
    if article.basel:
        doc.add(
            _("Basel waste codes: {codes}").format(codes=", ".join(article.basel)), optional=True
        )
    doc.add(ctx.footer_text(article.sources))
    buttons = section_buttons(
        ctx, article.id, "article", ["uses", "articles", "conventions", "sources"]
    )
    return to_answer(doc, buttons)


def what_to_check(ctx: Ctx, article: Article) -> Answer:
    _ = ctx._
    doc = Doc()
    doc.add(b(ctx.t(article.names)))
    doc.add(b(_("What to check")))
    for item in article.what_to_check:
        doc.add("• " + ctx.t(item))
    doc.add(ctx.t(article.note) + ctx.mark(article.association_provenance))
    return to_answer(
        doc, [ctx.button(article.id, "card", labels.section_button("card", "article", _))]
    )


def pops(ctx: Ctx, article: Article) -> Answer:
    _ = ctx._
    doc = Doc()
    doc.add(b(_("POPs that {article} may contain").format(article=ctx.label(article.id))))
    for chemical_id in article.may_contain:
        doc.add(
            "• ",
            b(ctx.label(chemical_id)),
            " · " + ctx.t(ctx.cat.chemical(chemical_id).short),
            optional=True,
        )
    doc.add(_("The link between an article and a POP is indicative, not a legal determination."))
    return to_answer(
        doc, [ctx.button(chemical_id, "card") for chemical_id in article.may_contain[:8]]
    )


def conventions(ctx: Ctx, article: Article) -> Answer:
    _ = ctx._
    doc = Doc()
    doc.add(b(ctx.t(article.names)))
    doc.add(b(_("Basel Convention (wastes)")))
    if not article.basel:
        doc.add(_("No Basel entry is linked to this article category in the curated content."))
    for waste_id in article.basel:
        doc.add("• ", code(waste_id), " " + ctx.label(waste_id))
    doc.add(
        _(
            "Used or scrap articles may be wastes: Basel prior consent and a movement document "
            "may be required."
        )
    )
    buttons = [ctx.button(waste_id, "card") for waste_id in article.basel[:4]]
    buttons += [ctx.button(cid, "card") for cid in ("basel", "stockholm")]
    return to_answer(doc, buttons)


def sources(ctx: Ctx, article: Article) -> Answer:
    _ = ctx._
    doc = Doc()
    doc.add(b(ctx.label(article.id) + " · " + _("evidence and sources")))
    for entry in article.hs:
        info = ctx.cat.hs_code(entry.code)
        text = f" {ctx.hs_text(info)}" if info is not None else ""
        status = "✓" if entry.status == "confirmed" else "⚠"
        doc.add(
            f"• {status} ",
            code(format_code(entry.code)),
            f"{text[:110]} [{', '.join(entry.sources)}]",
            optional=True,
        )
    doc.add(
        _("The link between an article and a POP is indicative, not a legal determination."),
        optional=True,
    )
    source_list(ctx, doc, article.sources)
    return to_answer(
        doc, [ctx.button(article.id, "card", labels.section_button("card", "article", _))]
    )
