"""Public rendering API: turn a search result or a button press into an Answer.

`render_answer` answers a question; `render_section` answers a button (an entry id and a
section). Both return Telegram HTML and the same text without tags; cards aim at one phone
screen (900 visible characters) and no section exceeds Telegram's 4096.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.knowledge import cards_article, cards_chemical, cards_hs, cards_topics, labels
from bot.knowledge import sections_chemical as chem_sections
from bot.knowledge.answer import Answer
from bot.knowledge.catalogue import Catalogue
from bot.knowledge.doc import Doc, b
from bot.knowledge.fields import cas_check_digit_ok
from bot.knowledge.normalize import HsQuery
from bot.knowledge.render_util import CARD_LIMIT, Ctx, to_answer
from bot.knowledge.search import SearchResult

QUERY_ECHO_MAX = 80
_Renderer = Callable[[Ctx, Any], Answer]
_CHEMICAL: dict[str, _Renderer] = {
    "card": cards_chemical.card,
    "uses": chem_sections.uses,
    "articles": chem_sections.articles,
    "conventions": chem_sections.conventions,
    "sources": chem_sections.sources,
}
_ARTICLE: dict[str, _Renderer] = {
    "card": cards_article.card,
    "uses": cards_article.what_to_check,
    "articles": cards_article.pops,
    "conventions": cards_article.conventions,
    "sources": cards_article.sources,
}
_TOPIC_CARDS: dict[str, _Renderer] = {
    "convention": cards_topics.convention,
    "glossary": cards_topics.glossary,
    "faq": cards_topics.faq,
    "waste": cards_topics.waste,
    "edition": cards_topics.edition,
}


def render_section(catalogue: Catalogue, entry_id: str, section: str, lang: str) -> Answer:
    """Render one section: card, uses, articles, conventions, sources ("entry" = card)."""
    ctx = Ctx.make(catalogue, lang)
    if not catalogue.has(entry_id):
        doc = Doc(limit=CARD_LIMIT)
        doc.add(ctx._("This entry is no longer in the curated content."))
        return to_answer(doc)
    kind = catalogue.kind(entry_id)
    section = "card" if section == "entry" else section
    if kind == "hs":
        return _hs_card(ctx, entry_id[3:], None)
    entry = catalogue.entries[entry_id]
    if kind in ("chemical", "article"):
        table = _CHEMICAL if kind == "chemical" else _ARTICLE
        return table.get(section, table["card"])(ctx, entry)
    if section == "sources":
        return cards_topics.sources(ctx, entry)
    return _TOPIC_CARDS[kind](ctx, entry)


def render_answer(catalogue: Catalogue, result: SearchResult, lang: str) -> Answer:
    """The answer to a question, from its search result."""
    ctx = Ctx.make(catalogue, lang)
    if result.kind == "entry":
        answer = render_section(catalogue, result.matches[0].entry_id, "card", lang)
        return _with_cas_lead(ctx, result, answer) if result.cas else answer
    if result.kind == "hs_code" and result.hs is not None:
        return _hs_card(ctx, result.hs.code, result.hs)
    if result.kind == "choices":
        return _choices(ctx, result)
    return _not_found(ctx, result)


def _hs_card(ctx: Ctx, hs_code: str, hs: HsQuery | None) -> Answer:
    """A heading with POP-relevant subheadings lists them; any other code gets its own card."""
    if len(hs_code) == 4 and ctx.cat.index.headings.get(hs_code):
        return cards_hs.heading_card(ctx, hs_code, hs)
    return cards_hs.code_card(ctx, hs_code, hs)


def _with_cas_lead(ctx: Ctx, result: SearchResult, answer: Answer) -> Answer:
    """Say which CAS number was recognised, keeping the whole answer within one screen."""
    entry_id = result.matches[0].entry_id
    chem = ctx.cat.chemical(entry_id)
    cas = next((c for c in chem.cas if c.number == result.cas), None)
    name = ctx.t(cas.label) if cas is not None and cas.label is not None else ctx.label(entry_id)
    lead = Doc()
    lead.add(ctx._("CAS {cas} = {name}").format(cas=result.cas, name=name))
    room = CARD_LIMIT - lead.plain_length() - 1
    if len(answer.plain) > room:
        return Answer(lead.html(), lead.plain(), [ctx.button(entry_id, "card")])
    return Answer(
        lead.html() + "\n" + answer.html, lead.plain() + "\n" + answer.plain, answer.buttons
    )


def _echo(query: str) -> str:
    query = " ".join(query.split())
    return query if len(query) <= QUERY_ECHO_MAX else query[: QUERY_ECHO_MAX - 1] + "…"


def _choices(ctx: Ctx, result: SearchResult) -> Answer:
    _ = ctx._
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(_("Did you mean:")))
    for match in result.matches:
        kind = labels.kind(ctx.cat.kind(match.entry_id), _)
        doc.add("• ", b(ctx.label(match.entry_id)), f" ({kind})", optional=True)
    buttons = [ctx.button(match.entry_id, "entry") for match in result.matches]
    return to_answer(doc, buttons)


def _not_found(ctx: Ctx, result: SearchResult) -> Answer:
    _ = ctx._
    doc = Doc(limit=CARD_LIMIT)
    if result.lookalike and result.matches:
        return _lookalike(ctx, result)
    if result.hs is not None:
        return cards_hs.unknown_code(ctx, result.hs)
    if result.cas is not None:
        doc.add(
            _(
                "CAS {cas} is not in the curated content: it is not one of the POPs listed here."
            ).format(cas=result.cas)
        )
        if not cas_check_digit_ok(result.cas):
            doc.add(_("Its check digit is wrong: please check the number."))
    else:
        doc.add(
            b(_("Not a listed POP or not in the curated content:")), " “", _echo(result.query), "”"
        )
    doc.add(_("Try a chemical name, a CAS number (e.g. 1763-23-1) or an HS code (e.g. 2903.82)."))
    return to_answer(doc)


def _lookalike(ctx: Ctx, result: SearchResult) -> Answer:
    _ = ctx._
    entry_id = result.matches[0].entry_id
    chem = ctx.cat.chemical(entry_id)
    doc = Doc(limit=CARD_LIMIT)
    doc.add(b(_("Not a listed POP:")), " “", _echo(result.query), "”")
    for lookalike in chem.lookalikes:
        doc.add(ctx.t(lookalike.note))
    doc.add(_("Do not confuse it with: {name}").format(name=ctx.label(entry_id)))
    return to_answer(doc, [ctx.button(entry_id, "card")])
