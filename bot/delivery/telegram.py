"""The only module of the sender that knows aiogram: one part in, one message id out.

Request timeouts are short (the lease guard assumes a send never takes longer than
`SEND_TIMEOUT`), and every Bot API failure is mapped to a `bot.delivery.errors` class.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message

from bot.delivery.errors import Flood, Rejected, Transient, Unreachable
from bot.delivery.parts import Button, Part

SEND_TIMEOUT = 20
HTML = ParseMode.HTML  # queued texts are Telegram HTML, whatever the Bot's defaults
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _markup(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=b.label, callback_data=b.callback_data, url=b.url)
                for b in row
            ]
            for row in rows
        ]
    )


async def _call(bot: Bot, chat_id: int, part: Part) -> Message:
    markup = _markup(part.buttons)
    timeout = SEND_TIMEOUT
    if part.kind == "text":
        return await bot.send_message(
            chat_id, part.text or "", parse_mode=HTML, reply_markup=markup,
            link_preview_options=NO_PREVIEW, request_timeout=timeout,
        )  # fmt: skip
    if part.kind == "photo":
        return await bot.send_photo(
            chat_id, part.file_id or "", caption=part.text, parse_mode=HTML, reply_markup=markup,
            request_timeout=timeout,
        )  # fmt: skip
    if part.kind == "document":
        return await bot.send_document(
            chat_id, part.file_id or "", caption=part.text, parse_mode=HTML, reply_markup=markup,
            request_timeout=timeout,
        )  # fmt: skip
    return await bot.send_location(
        chat_id, part.latitude or 0.0, part.longitude or 0.0, reply_markup=markup,
        request_timeout=timeout,
    )  # fmt: skip


async def send_part(bot: Bot, chat_id: int, part: Part) -> int:
    """Send one part; returns Telegram's message id or raises a SendError subclass."""
    try:
        message = await _call(bot, chat_id, part)
    except TelegramRetryAfter as exc:
        raise Flood(f"429 {exc.message}", float(exc.retry_after)) from None
    except TelegramForbiddenError as exc:
        raise Unreachable(f"403 {exc.message}") from None
    except TelegramBadRequest as exc:
        raise Rejected(f"400 {exc.message}") from None
    except (TelegramNetworkError, TelegramServerError) as exc:
        raise Transient(f"{type(exc).__name__}: {exc.message}") from None
    except TelegramAPIError as exc:  # 401, 404, 409...: not this message's fault
        raise Transient(f"{type(exc).__name__}: {exc.message}") from None
    except ValueError as exc:  # the payload does not make a valid request (pydantic)
        raise Rejected(f"invalid message: {type(exc).__name__}") from None
    return message.message_id
