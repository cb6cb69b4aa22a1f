"""Questions typed at any time (no conversation step open): answered from curated content.

The answer is a short card; its buttons open the other sections. A question outside the
content gets a clear "not in the curated content" and a button to pass it to the organizers.
Also inline mode: "@bot PFOS" in any chat offers result cards.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import (
    CallbackQuery,
    InlineQuery,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
)
from aiogram.types.inline_query_result_union import InlineQueryResultUnion
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot import questions
from bot.i18n import normalize_locale
from bot.knowledge.cards import render_answer, render_section
from bot.knowledge.normalize import fold
from bot.users.roles import Actor
from db.models import User
from handlers.common import PLAIN_TEXT, show
from handlers.deps import Services
from handlers.knowledge_kb import ForwardCb, SectionCb, answer_markup
from handlers.menu import MenuCb

router = Router(name="knowledge")
MAX_QUESTION = 300  # a question, not a document: longer text is not searched


def _how_to_ask() -> str:
    return _(
        "Type a substance name (any language), an abbreviation, a CAS number such as "
        "<code>1763-23-1</code> or an HS code such as <code>2903.82</code>, and I will "
        "answer from the curated content."
    )


@router.callback_query(MenuCb.filter(F.action == "ask"))
async def ask_hint(query: CallbackQuery) -> None:
    await show(query, _how_to_ask())


@router.message(StateFilter(None), PLAIN_TEXT)
async def question(
    message: Message, session: AsyncSession, user: User, services: Services
) -> None:
    text = message.text or ""
    if len(fold(text)) < 2:  # "5", "?": not a question to search or to log as a gap
        await message.answer(_how_to_ask())
        return
    if len(text) > MAX_QUESTION:
        await message.answer(
            _("That is too long for a question. Please ask in a few words, e.g. «PFOS HS code».")
        )
        return
    result = services.catalogue.search(text, user.language)
    answer = render_answer(services.catalogue, result, user.language)
    question_id = None
    if result.kind == "not_found":
        question_id = await questions.log_unanswered(
            session, user, text, user.language, services.clock
        )
    await message.answer(answer.html, reply_markup=answer_markup(answer.buttons, question_id))


@router.callback_query(SectionCb.filter())
async def section(
    query: CallbackQuery, callback_data: SectionCb, user: User, services: Services
) -> None:
    answer = render_section(
        services.catalogue, callback_data.entry, callback_data.section, user.language
    )
    await show(query, answer.html, answer_markup(answer.buttons))


@router.callback_query(ForwardCb.filter())
async def forward(
    query: CallbackQuery,
    callback_data: ForwardCb,
    session: AsyncSession,
    actor: Actor,
    user: User,
    services: Services,
) -> None:
    sent = await questions.forward_to_organizers(
        session, actor, user, callback_data.question_id, services.clock
    )
    services.wake_delivery()
    text = (
        _("Sent to the organizers. Thank you!") if sent else _("Already sent to the organizers.")
    )
    await query.answer(text, show_alert=True)


@router.inline_query()
async def inline(query: InlineQuery, user: User | None, services: Services) -> None:
    lang = user.language if user else normalize_locale(query.from_user.language_code)
    text = query.query.strip()[:MAX_QUESTION]
    if not text:
        await query.answer([], cache_time=300, is_personal=False)
        return
    result = services.catalogue.search(text, lang)
    ids = [m.entry_id for m in result.matches[:5]] if result.kind in ("entry", "choices") else []
    answers = [render_section(services.catalogue, entry_id, "card", lang) for entry_id in ids]
    if not answers:
        answers = [render_answer(services.catalogue, result, lang)]
        ids = [f"q:{result.kind}"]
    results: list[InlineQueryResultUnion] = [
        InlineQueryResultArticle(
            id=f"{lang}:{entry_id}"[:64],
            title=(answer.plain.splitlines() or ["popsbot"])[0][:100],
            description=" ".join(answer.plain.splitlines()[1:3])[:150],
            input_message_content=InputTextMessageContent(message_text=answer.html),
        )
        for entry_id, answer in zip(ids, answers, strict=True)
    ]
    await query.answer(results, cache_time=60, is_personal=True)
