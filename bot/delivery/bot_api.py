"""Bot API calls as plain JSON posts: the sender's fast path (see bot.delivery.telegram).

The request bodies are the documented Bot API parameters; the answer is Telegram's envelope
`{"ok": ..., "result": ..., "error_code": ..., "description": ..., "parameters": ...}`.
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession

from bot.delivery.errors import Flood, Rejected, SendError, Transient, Unreachable
from bot.delivery.parts import Button, Part
from bot.delivery.telegram import SEND_TIMEOUT

METHODS = {
    "text": "sendMessage",
    "photo": "sendPhoto",
    "document": "sendDocument",
    "location": "sendLocation",
}


def _keyboard(rows: tuple[tuple[Button, ...], ...]) -> dict[str, Any]:
    def button(b: Button) -> dict[str, str]:
        return {
            "text": b.label,
            **({"url": b.url} if b.url else {"callback_data": b.callback_data or ""}),
        }

    return {"inline_keyboard": [[button(b) for b in row] for row in rows]}


def request_body(chat_id: int, part: Part) -> dict[str, Any]:
    """The JSON parameters of the method that sends `part`."""
    body: dict[str, Any] = {"chat_id": chat_id}
    if part.kind == "text":
        body.update(text=part.text or "", parse_mode="HTML")
        body["link_preview_options"] = {"is_disabled": True}
    elif part.kind == "location":
        body.update(latitude=part.latitude, longitude=part.longitude)
    else:
        body[part.kind] = part.file_id
        if part.text:
            body.update(caption=part.text, parse_mode="HTML")
    if part.buttons:
        body["reply_markup"] = _keyboard(part.buttons)
    return body


def outcome(status: int, raw: bytes) -> int:
    """Telegram's answer: the new message id, or the SendError it stands for."""
    try:
        answer = json.loads(raw)
    except ValueError:
        raise Transient(f"HTTP {status}: not a Bot API answer") from None
    if answer.get("ok"):
        return int(answer["result"]["message_id"])
    code = int(answer.get("error_code") or status)
    description = str(answer.get("description") or "")
    raise _error(code, description, answer.get("parameters") or {})


def _error(code: int, description: str, parameters: dict[str, Any]) -> SendError:
    reason = f"{code} {description}"
    if code == 429:
        return Flood(reason, float(parameters.get("retry_after") or 1))
    if code == 403:
        return Unreachable(reason)
    if code == 400:
        return Rejected(reason)
    return Transient(reason)  # 5xx, 401, 404, 409: not this message's fault


class HttpTransport:
    def __init__(self, bot: Bot, session: AiohttpSession, timeout: float = SEND_TIMEOUT) -> None:
        self._token = bot.token
        self._session = session
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(self, chat_id: int, part: Part) -> int:
        url = self._session.api.api_url(token=self._token, method=METHODS[part.kind])
        http = await self._session.create_session()
        try:
            async with http.post(
                url, json=request_body(chat_id, part), timeout=self._timeout
            ) as resp:
                status, raw = resp.status, await resp.read()
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise Transient(f"network: {type(exc).__name__}") from None
        return outcome(status, raw)

    async def close(self) -> None:
        await self._session.close()
