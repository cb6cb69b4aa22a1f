"""Cards of the supporting entries: conventions, glossary, FAQ, Basel waste codes, HS editions."""

from __future__ import annotations

from bot.knowledge import labels
from bot.knowledge.answer import Answer, AnswerButton
from bot.knowledge.doc import Doc, b
from bot.knowledge.render_util import CARD_LIMIT, Ctx, to_answer
from bot.knowledge.schema import (
    Convention,
    EntryBase,
    FaqEntry,
    GlossaryTerm,
    HsEdition,
    WasteCode,
)
from bot.knowledge.sections_chemical import source_list


def _related(ctx: Ctx, entry: EntryBase, limit: int = 4) -> list[AnswerButton]:
    return [ctx.button(target, "card") for target in entry.related[:limit]]


def _sources_button(ctx: Ctx, entry: EntryBase, kind: str) -> list[AnswerButton]:
    return [ctx.button(entry.id, "sources", labels.section_button("sources", kind, ctx._))]


def convention(ctx: Ctx, entry: Convention) -> Answer:
    _ = ctx._
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(ctx.t(entry.label or entry.names)))
    doc.add(ctx.t(entry.short))
    doc.add(b(_("At the border:")))
    for fact in entry.at_the_border:
        doc.add("• " + ctx.fact(fact), optional=True)
    doc.add(ctx.footer_text(entry.sources, edition=False), optional=True)
    return to_answer(doc, _related(ctx, entry) + _sources_button(ctx, entry, "convention"))


def glossary(ctx: Ctx, entry: GlossaryTerm) -> Answer:
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(ctx.t(entry.names)))
    doc.add(ctx.t(entry.short))
    if entry.details is not None:
        doc.add(ctx.fact(entry.details), optional=True)
    doc.add(ctx.footer_text(entry.sources, edition=False), optional=True)
    return to_answer(doc, _related(ctx, entry) + _sources_button(ctx, entry, "glossary"))


def faq(ctx: Ctx, entry: FaqEntry) -> Answer:
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(ctx.t(entry.names)))
    doc.add(ctx.t(entry.short))
    for fact in entry.answer:
        doc.add("• " + ctx.fact(fact), optional=True)
    doc.add(ctx.footer_text(entry.sources, edition=False), optional=True)
    return to_answer(doc, _related(ctx, entry) + _sources_button(ctx, entry, "faq"))


def waste(ctx: Ctx, entry: WasteCode) -> Answer:
    _ = ctx._
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(ctx.t(entry.names)))
    state = _("in force") if entry.in_force else _("deleted")
    doc.add(_("Basel Convention, Annex {annex} · {state}").format(annex=entry.annex, state=state))
    doc.add(ctx.fact(entry.text))
    if entry.chemicals:
        names = ", ".join(ctx.label(chemical_id) for chemical_id in entry.chemicals)
        doc.add(b(_("POPs concerned:")), " " + names, optional=True)
    if entry.pops_note is not None:
        doc.add(ctx.t(entry.pops_note), optional=True)
    doc.add(ctx.footer_text(entry.sources, edition=False), optional=True)
    buttons = [ctx.button(chemical_id, "card") for chemical_id in entry.chemicals[:4]]
    return to_answer(doc, buttons + _related(ctx, entry, 2) + _sources_button(ctx, entry, "waste"))


def edition(ctx: Ctx, entry: HsEdition) -> Answer:
    _ = ctx._
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(ctx.t(entry.names)))
    doc.add(ctx.t(entry.short))
    doc.add(b(_("Known:")))
    for fact in entry.known:
        doc.add("• " + ctx.fact(fact), optional=True)
    if entry.unknown:
        doc.add(b(_("Not known:")), optional=True)
        for fact in entry.unknown:
            doc.add("• " + ctx.fact(fact), optional=True)
    doc.add(ctx.footer_text(entry.sources, edition=False), optional=True)
    return to_answer(doc, _sources_button(ctx, entry, "edition"))


def sources(ctx: Ctx, entry: EntryBase) -> Answer:
    _ = ctx._
    doc = Doc()
    doc.add(b(ctx.label(entry.id) + " · " + _("evidence and sources")))
    for group in ("key_points", "answer", "unknown"):
        for fact in getattr(entry, group, []):
            doc.add("• " + ctx.fact(fact) + f" [{', '.join(fact.sources)}]", optional=True)
    source_list(ctx, doc, entry.sources)
    return to_answer(doc, [ctx.button(entry.id, "card", labels.section_button("card", "", _))])
