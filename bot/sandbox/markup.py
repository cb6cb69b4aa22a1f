"""reply_markup validation with Telegram's error texts.

Keyboards are where bots most often get a 400 in production (64-byte callback data, buttons
without an action), so these rules are checked strictly.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from bot.sandbox.errors import bad_request
from bot.sandbox.params import Params

_INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL_SCHEMES = {"http", "https", "tg", "ton", "mailto"}
MAX_CALLBACK_BYTES = 64
MAX_BUTTONS = 100


def parse_reply_markup(params: Params, *, inline_only: bool = False) -> dict[str, Any] | None:
    """The validated ``reply_markup`` of a request, or None when absent."""
    markup = params.get_json("reply_markup", error="can't parse reply keyboard markup JSON object")
    return validate_markup(markup, inline_only=inline_only)


def validate_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Check a decoded reply_markup object; returns it, or None for "no markup"."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        return {"inline_keyboard": _inline_keyboard(markup["inline_keyboard"])}
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        _reply_keyboard(markup["keyboard"])
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    if not markup:
        return None
    raise bad_request('can\'t find field "inline_keyboard"')


def _inline_keyboard(rows: Any) -> list[list[dict[str, Any]]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" must be an Array of Arrays')
    total = 0
    for row in rows:
        for button in row:
            _inline_button(button)
            total += 1
    if total > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    return rows


def _inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    if not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Can't find field \"text\"")
    actions = [name for name in _INLINE_ACTIONS if button.get(name) is not None]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in actions:
        data = button["callback_data"]
        size = len(data.encode("utf-8")) if isinstance(data, str) else 0
        if not 1 <= size <= MAX_CALLBACK_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in actions:
        url = button["url"]
        parts = urlsplit(url) if isinstance(url, str) else None
        if (
            parts is None
            or parts.scheme.lower() not in _URL_SCHEMES
            or not (parts.netloc or parts.scheme.lower() in ("tg", "mailto"))
        ):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _reply_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "keyboard" must be an Array of Arrays')
    for row in rows:
        for button in row:
            text = button if isinstance(button, str) else (button or {}).get("text")
            if not isinstance(text, str):
                raise bad_request("can't parse keyboard button: Can't find field \"text\"")
