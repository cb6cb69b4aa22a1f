"""Small pieces the case handlers share: the policy from settings, files from a message."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.cases.access import CasePolicy
from bot.cases.files import FileInfo
from bot.errors import InvalidInput
from handlers.cases_texts import refusal
from handlers.deps import Services

H = TypeVar("H", bound=Callable[..., Awaitable[Any]])


class ReportStates(StatesGroup):
    """The officer is answering the report's questions (the answers live in the draft row)."""

    filling = State()


class CaseStates(StatesGroup):
    """Typing inside a case; `case_id` (and `outcome`) in the state data."""

    question = State()  # a focal point's question to the reporter
    close_note = State()  # a focal point's note when closing
    answering = State()  # the reporter's answer


class DirectoryStates(StatesGroup):
    line = State()  # an admin typing one directory line


def policy_of(services: Services) -> CasePolicy:
    return CasePolicy.from_settings(services.settings)


def file_of(message: Message) -> FileInfo | None:
    """The photo (largest size) or document of a message, as plain values."""
    if message.photo:
        photo = message.photo[-1]
        return FileInfo("photo", photo.file_id, photo.file_unique_id, "image/jpeg", None,
                        photo.file_size)  # fmt: skip
    if message.document:
        doc = message.document
        return FileInfo("document", doc.file_id, doc.file_unique_id, doc.mime_type,
                        doc.file_name, doc.file_size)  # fmt: skip
    return None


def refusing(handler: H) -> H:
    """Answer a value a case service refuses (a closed case, an unknown outcome) in the
    reader's words where it happened: an alert on a button, a message otherwise. aiogram
    reads the wrapped handler's parameters, so injection is unchanged."""

    @functools.wraps(handler)
    async def wrapper(event: Message | CallbackQuery, *args: Any, **kwargs: Any) -> Any:
        try:
            return await handler(event, *args, **kwargs)
        except InvalidInput as error:
            if isinstance(event, CallbackQuery):
                await event.answer(refusal(error)[:200], show_alert=True)
            else:
                await event.answer("⚠️ " + refusal(error))
            return None

    return wrapper  # type: ignore[return-value]
