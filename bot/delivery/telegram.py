"""The sender's two ways to Telegram, behind one call: `send(chat_id, part) -> message id`.

* `HttpTransport` (production): posts the Bot API JSON itself to the Bot's API server
  (and through its proxy), on an `AiohttpSession` of its own. aiogram's method objects,
  form encoding and response models cost most of a send's CPU: one process reaches about
  1,700 sends/s through `bot.send_message`, about 5,800/s posting JSON
  (bench/delivery/transport.py; docs/delivery.md).
* `AiogramTransport`: `bot.send_message(...)` and friends, for any other session (the
  in-process sandbox of the tests, a custom session).

Both turn every failure into a `bot.delivery.errors` class and give up on a request after
`timeout` seconds (a third of the lease at most: the lease guard relies on it).
"""

from __future__ import annotations

from typing import Protocol

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
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

SEND_TIMEOUT = 20.0
HTML = ParseMode.HTML  # queued texts are Telegram HTML, whatever the Bot's defaults
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class Transport(Protocol):
    async def send(self, chat_id: int, part: Part) -> int:
        """Send one part; returns Telegram's message id or raises a SendError subclass."""
        ...

    async def close(self) -> None: ...


def transport_for(bot: Bot, *, timeout: float = SEND_TIMEOUT, connections: int = 100) -> Transport:
    """The fast path gets a session of its own (same API server and proxy as the Bot's), so
    deliveries never queue behind the dispatcher's long poll, with room for every send in
    flight."""
    from bot.delivery.bot_api import HttpTransport

    if isinstance(bot.session, AiohttpSession):
        session = AiohttpSession(proxy=bot.session.proxy, limit=max(100, connections))
        session.api = bot.session.api
        return HttpTransport(bot, session, timeout)
    return AiogramTransport(bot, timeout)


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


class AiogramTransport:
    def __init__(self, bot: Bot, timeout: float = SEND_TIMEOUT) -> None:
        self.bot = bot
        self.timeout = max(1, round(timeout))

    async def _call(self, chat_id: int, part: Part) -> Message:
        bot, markup, timeout = self.bot, _markup(part.buttons), self.timeout
        if part.kind == "text":
            return await bot.send_message(
                chat_id, part.text or "", parse_mode=HTML, reply_markup=markup,
                link_preview_options=NO_PREVIEW, request_timeout=timeout,
            )  # fmt: skip
        if part.kind == "photo":
            return await bot.send_photo(
                chat_id, part.file_id or "", caption=part.text, parse_mode=HTML,
                reply_markup=markup, request_timeout=timeout,
            )  # fmt: skip
        if part.kind == "document":
            return await bot.send_document(
                chat_id, part.file_id or "", caption=part.text, parse_mode=HTML,
                reply_markup=markup, request_timeout=timeout,
            )  # fmt: skip
        return await bot.send_location(
            chat_id, part.latitude or 0.0, part.longitude or 0.0, reply_markup=markup,
            request_timeout=timeout,
        )  # fmt: skip

    async def send(self, chat_id: int, part: Part) -> int:
        try:
            message = await self._call(chat_id, part)
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

    async def close(self) -> None:
        """The Bot's session belongs to the app."""
