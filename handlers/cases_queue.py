"""/cases: the cases a focal point (or admin) handles, open or closed, and their export."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import export, labels, queues, render
from bot.users.roles import Actor, Role
from db.models import User
from handlers.cases_common import policy_of
from handlers.cases_kb import QueueCb, queue_markup
from handlers.common import show
from handlers.deps import Services
from handlers.menu import MenuCb

router = Router(name="cases_queue")


async def _queue(
    event: Message | CallbackQuery, session: AsyncSession, actor: Actor, user: User,
    services: Services, *, closed: bool,
) -> None:  # fmt: skip
    cases = await queues.handler_queue(session, actor, policy_of(services), closed=closed)
    lang = user.language
    rows = [
        (f"{c.reference} · {c.country} · {labels.status_label(c.status, lang)}", c.id)
        for c in cases
    ]
    title = _("<b>Closed cases</b>") if closed else _("<b>Open cases</b>")
    lines = [title]
    lines += [
        f"{label}\n  {render.substance(c, lang, services.catalogue)}"
        for (label, _id), c in zip(rows, cases, strict=True)
    ]
    if not cases:
        lines.append(_("No case here."))
    await show(event, "\n".join(lines)[:4000], queue_markup(rows, closed=closed))


@router.message(Command("cases"))
@router.callback_query(MenuCb.filter(F.action == "cases"))
@router.callback_query(QueueCb.filter(F.view == "open"))
async def open_cases(
    event: Message | CallbackQuery, session: AsyncSession, actor: Actor, user: User,
    services: Services,
) -> None:  # fmt: skip
    await _queue(event, session, actor, user, services, closed=False)


@router.callback_query(QueueCb.filter(F.view == "closed"))
async def closed_cases(
    query: CallbackQuery, session: AsyncSession, actor: Actor, user: User, services: Services
) -> None:
    await _queue(query, session, actor, user, services, closed=True)


@router.callback_query(QueueCb.filter(F.view.in_(export.FORMATS)))
async def export_file(
    query: CallbackQuery, callback_data: QueueCb, session: AsyncSession, actor: Actor,
    services: Services,
) -> None:  # fmt: skip
    """A focal point exports their country; an admin every country."""
    cases = await export.collect(session, actor, policy=policy_of(services))
    data = export.render(callback_data.view, cases, services.catalogue)
    focal = actor.grant(Role.FOCAL_POINT)
    country = focal.country if focal and not actor.has(Role.ADMIN) else None
    name = export.file_name(callback_data.view, country, services.clock.now())
    await query.answer()
    if query.message is not None and query.bot is not None:
        caption = _("{count} case(s), with summaries by country, POP and HS code.").format(
            count=len(cases)
        )
        await query.bot.send_document(
            query.message.chat.id, BufferedInputFile(data, filename=name), caption=caption
        )
