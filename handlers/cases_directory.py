"""The focal point directory for admins in the bot: browse by country, add or update one
entry by sending a line in the import file's format, remove an entry (revokes the role)."""

from __future__ import annotations

from collections import Counter

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import directory, labels
from bot.cases.directory_csv import HEADER_LINE, RowError, parse
from bot.geo import country_name
from bot.users.roles import Actor, Role
from db.models import FocalPoint, User
from handlers.cases_common import DirectoryStates
from handlers.cases_kb import DirectoryCb, one_button
from handlers.common import PLAIN_TEXT, quote, show
from handlers.filters import HasRole
from handlers.menu import MenuCb

router = Router(name="cases_directory")
router.message.filter(HasRole(Role.ADMIN))
router.callback_query.filter(HasRole(Role.ADMIN))
HOME = DirectoryCb(action="home")


@router.callback_query(MenuCb.filter(F.action == "focal_points"))
@router.callback_query(DirectoryCb.filter(F.action == "home"))
async def home(
    query: CallbackQuery, session: AsyncSession, actor: Actor, user: User, state: FSMContext
) -> None:
    await state.clear()
    counts = Counter(entry.country for entry in await directory.entries(session, actor))
    kb = InlineKeyboardBuilder()
    for code, count in sorted(counts.items()):
        label = f"{country_name(code, user.language)} ({count})"
        kb.button(text=label, callback_data=DirectoryCb(action="country", country=code))
    kb.button(text=_("➕ Add or update a focal point"), callback_data=DirectoryCb(action="add"))
    kb.button(text=_("« Main menu"), callback_data=MenuCb(action="home"))
    kb.adjust(2)
    text = _("<b>Focal point directory</b>\n{count} focal point(s) in {countries} country(ies).")
    await show(
        query, text.format(count=sum(counts.values()), countries=len(counts)), kb.as_markup()
    )


def describe(entry: FocalPoint, lang: str) -> str:
    conventions = ", ".join(labels.convention_label(c, lang) for c in entry.conventions)
    backup = _("backup {id}").format(id=entry.backup_id) if entry.backup_id else _("no backup")
    return (
        f"<b>{quote(entry.name or str(entry.user_id), 60)}</b> · <code>{entry.user_id}</code>\n"
        f"  {labels.directory_role_label(entry.role, lang)} · {conventions} · "
        f"{'+'.join(entry.languages)} · {backup}"
    )


@router.callback_query(DirectoryCb.filter(F.action == "country"))
async def country(
    query: CallbackQuery, callback_data: DirectoryCb, session: AsyncSession, actor: Actor,
    user: User,
) -> None:  # fmt: skip
    entries = await directory.entries(session, actor, callback_data.country)
    kb = InlineKeyboardBuilder()
    for entry in entries:
        label = _("Remove {name}").format(name=(entry.name or str(entry.user_id))[:40])
        kb.button(text=label, callback_data=DirectoryCb(action="remove", user_id=entry.user_id))
    kb.button(text=_("« Directory"), callback_data=HOME)
    kb.adjust(1)
    lines = [f"<b>{quote(country_name(callback_data.country, user.language))}</b>"]
    lines += [describe(entry, user.language) for entry in entries]
    await show(query, "\n".join(lines)[:4000], kb.as_markup())


@router.callback_query(DirectoryCb.filter(F.action == "remove"))
async def remove_confirm(query: CallbackQuery, callback_data: DirectoryCb) -> None:
    kb = InlineKeyboardBuilder()
    confirm = DirectoryCb(action="confirm", user_id=callback_data.user_id)
    kb.button(text=_("Yes, remove and revoke the role"), callback_data=confirm)
    kb.button(text=_("« Directory"), callback_data=HOME)
    kb.adjust(1)
    text = _(
        "Remove <code>{id}</code> from the directory? Their focal point role is revoked and "
        "new cases no longer go to them."
    ).format(id=callback_data.user_id)
    await show(query, text, kb.as_markup())


@router.callback_query(DirectoryCb.filter(F.action == "confirm"))
async def remove(
    query: CallbackQuery, callback_data: DirectoryCb, session: AsyncSession, actor: Actor
) -> None:
    await directory.remove(session, actor, callback_data.user_id)
    text = _("Done: <code>{id}</code> was removed from the directory.")
    await show(query, text.format(id=callback_data.user_id), one_button(_("« Directory"), HOME))


@router.callback_query(DirectoryCb.filter(F.action == "add"))
async def add_ask(query: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(DirectoryStates.line)
    text = _(
        "Send one line with these values, separated by commas:\n<code>{columns}</code>\n\n"
        "For example:\n<code>123456789,BO,stockholm;rotterdam,ocp,es;en,,Ministry of "
        "Environment</code>\nRoles: ocp, nfp or other. Lists use ; between values."
    ).format(columns=HEADER_LINE)
    await show(query, text, one_button(_("« Directory"), HOME))


def row_error(error: RowError) -> str:
    columns = {"backup_telegram_id": _("backup"), "telegram_id": _("Telegram ID")}
    column = columns.get(error.column, error.column)
    reasons = {
        "invalid": _("{column}: «{value}» is not valid."),
        "not_served": _("{column}: «{value}» is not a served country (use a code such as BO)."),
        "self": _("{column}: a person cannot be their own backup."),
        "unknown_backup": _("{column}: «{value}» is not in the directory."),
    }
    text = reasons.get(error.reason, _("{column}: «{value}» is not valid."))
    return "⚠️ " + text.format(column=quote(column), value=quote(error.value, 40))


@router.message(DirectoryStates.line, PLAIN_TEXT)
async def add_lines(
    message: Message, session: AsyncSession, actor: Actor, user: User, state: FSMContext
) -> None:
    """One line, or several pasted at once: all saved, or none with every problem listed."""
    rows, errors = parse(HEADER_LINE + "\n" + (message.text or "")[:4000])
    try:
        if not errors:
            await directory.import_rows(session, actor, rows)
    except directory.DirectoryRejected as rejected:
        errors = rejected.errors
    if errors:
        await message.answer("\n".join(row_error(e) for e in errors[:8]))
        return
    await state.clear()
    saved = _("Saved: <code>{id}</code> is a focal point for {country}.")
    lines = [
        saved.format(id=row.user_id, country=quote(country_name(row.country, user.language)))
        for row in rows
    ]
    await message.answer("\n".join(lines)[:4000], reply_markup=one_button(_("« Directory"), HOME))
