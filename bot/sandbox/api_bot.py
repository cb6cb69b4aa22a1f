"""Bot API methods about the bot itself, updates, queries, files and chats.

These rarely fail in production, but the bot calls them at startup (getMe, setMyCommands,
setWebhook) or on every interaction (answerCallbackQuery), so an unimplemented one would
break the bot in the sandbox.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from bot.sandbox.errors import QUERY_TOO_OLD, bad_request
from bot.sandbox.html_check import render
from bot.sandbox.markup import validate_markup
from bot.sandbox.params import Params
from bot.sandbox.registry import api_method

if TYPE_CHECKING:
    from bot.sandbox.state import FakeTelegram

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_LANGUAGE = re.compile(r"^([a-z]{2})?$")


@api_method("getMe")
def get_me(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    return dict(fake.me)


@api_method("logOut", "close")
def log_out(fake: FakeTelegram, params: Params) -> bool:
    return True


# --- updates ----------------------------------------------------------------------------------


@api_method("getUpdates")
async def get_updates(fake: FakeTelegram, params: Params) -> list[dict[str, Any]]:
    limit = params.get_int("limit") or 100
    timeout = params.get_int("timeout") or 0
    allowed = params.get_json("allowed_updates")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed_updates JSON array")
    return await fake.updates.get_updates(
        params.get_int("offset"), max(1, min(limit, 100)), max(0, timeout), allowed
    )


@api_method("setWebhook")
async def set_webhook(fake: FakeTelegram, params: Params) -> bool:
    url = params.get_str("url") or ""
    drop = params.get_bool("drop_pending_updates")
    if not url:
        await fake.updates.delete_webhook(drop)
        return True
    secret = params.get_str("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    connections = params.get_int("max_connections") or 40
    if not 1 <= connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    allowed = params.get_json("allowed_updates")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed_updates JSON array")
    fake.updates.set_webhook(url, secret, connections, allowed, drop)
    return True


@api_method("deleteWebhook")
async def delete_webhook(fake: FakeTelegram, params: Params) -> bool:
    await fake.updates.delete_webhook(params.get_bool("drop_pending_updates"))
    return True


@api_method("getWebhookInfo")
def get_webhook_info(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    return fake.updates.webhook_info()


# --- chats ------------------------------------------------------------------------------------


@api_method("sendChatAction")
def send_chat_action(fake: FakeTelegram, params: Params) -> bool:
    chat_id = params.chat_id()
    action = params.get_str("action")
    if action not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    fake.recipient(chat_id)
    return True


@api_method("getChat")
def get_chat(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    chat = fake.recipient(params.chat_id())
    data = chat.user.chat()
    data.update(
        {
            "accent_color_id": chat.user.id % 7,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
                "gifts_from_channels": True,
            },
        }
    )
    return data


@api_method("setChatMenuButton")
def set_chat_menu_button(fake: FakeTelegram, params: Params) -> bool:
    chat_id = params.get_int("chat_id")
    if chat_id is not None:
        fake.recipient(chat_id)
    button = params.get_json("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in (
        "commands",
        "web_app",
        "default",
    ):
        raise bad_request("can't parse menu button")
    fake.menu_buttons[chat_id] = button
    return True


@api_method("getChatMenuButton")
def get_chat_menu_button(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    chat_id = params.get_int("chat_id")
    if chat_id in fake.menu_buttons:
        return fake.menu_buttons[chat_id]
    return fake.menu_buttons.get(None, {"type": "commands" if chat_id is None else "default"})


# --- commands and profile ---------------------------------------------------------------------


def scope_key(scope: Any) -> str:
    """Canonical key of a BotCommandScope: commands are stored per scope and language."""
    if scope is None:
        scope = {"type": "default"}
    return json.dumps(scope, sort_keys=True, separators=(",", ":"))


def _scope_and_language(params: Params) -> tuple[str, str]:
    scope = params.get_json("scope", error="can't parse BotCommandScope JSON object")
    if scope is not None and (not isinstance(scope, dict) or scope.get("type") not in _SCOPES):
        raise bad_request("BotCommandScope type is invalid")
    language = params.get_str("language_code") or ""
    if not _LANGUAGE.match(language):
        raise bad_request("invalid language code specified")
    return scope_key(scope), language


@api_method("setMyCommands")
def set_my_commands(fake: FakeTelegram, params: Params) -> bool:
    commands = params.get_json("commands", error="can't parse commands JSON object")
    if not isinstance(commands, list):
        raise bad_request("commands must be an Array")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = str(command.get("description", "")).strip()
        if not 1 <= len(description) <= 256:
            raise bad_request(
                "command description is empty"
                if not description
                else "BOT_COMMAND_DESCRIPTION_INVALID"
            )
    key = _scope_and_language(params)
    stored = [{"command": c["command"], "description": c["description"]} for c in commands]
    if stored:
        fake.commands[key] = stored
    else:
        fake.commands.pop(key, None)
    return True


@api_method("getMyCommands")
def get_my_commands(fake: FakeTelegram, params: Params) -> list[dict[str, Any]]:
    return list(fake.commands.get(_scope_and_language(params), []))


@api_method("deleteMyCommands")
def delete_my_commands(fake: FakeTelegram, params: Params) -> bool:
    fake.commands.pop(_scope_and_language(params), None)
    return True


def _profile_text(name: str, limit: int) -> Any:
    def setter(fake: FakeTelegram, params: Params) -> bool:
        value = params.get_str(name) or ""
        if len(value) > limit:
            raise bad_request(f"{name} is too long")
        language = params.get_str("language_code") or ""
        fake.bot_texts[(name, language)] = value
        return True

    def getter(fake: FakeTelegram, params: Params) -> dict[str, str]:
        language = params.get_str("language_code") or ""
        value = fake.bot_texts.get((name, language), fake.bot_texts.get((name, ""), ""))
        return {name: value}

    return setter, getter


for _name, _limit, _set, _get in (
    ("description", 512, "setMyDescription", "getMyDescription"),
    ("short_description", 120, "setMyShortDescription", "getMyShortDescription"),
    ("name", 64, "setMyName", "getMyName"),
):
    _setter, _getter = _profile_text(_name, _limit)
    api_method(_set)(_setter)
    api_method(_get)(_getter)


# --- queries ----------------------------------------------------------------------------------


@api_method("answerCallbackQuery")
def answer_callback_query(fake: FakeTelegram, params: Params) -> bool:
    query_id = params.get_str("callback_query_id") or ""
    record = fake.callback_queries.get(query_id)
    if record is None or record.answered:
        raise bad_request(QUERY_TOO_OLD)
    text = params.get_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    record.answer = {
        "text": text,
        "show_alert": params.get_bool("show_alert"),
        "url": params.get_str("url"),
        "cache_time": params.get_int("cache_time") or 0,
    }
    return True


@api_method("answerInlineQuery")
def answer_inline_query(fake: FakeTelegram, params: Params) -> bool:
    query_id = params.get_str("inline_query_id") or ""
    record = fake.inline_queries.get(query_id)
    if record is None or record.results is not None:
        raise bad_request(QUERY_TOO_OLD)
    results = params.get_json("results", error="can't parse inline query results JSON object")
    if not isinstance(results, list):
        raise bad_request("results must be an Array")
    if len(results) > 50:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        _check_inline_result(result, seen)
    record.results = results
    record.answer = {
        "cache_time": params.get_int("cache_time"),
        "is_personal": params.get_bool("is_personal"),
        "next_offset": params.get_str("next_offset") or "",
        "button": params.get_json("button"),
    }
    return True


def _check_inline_result(result: Any, seen: set[str]) -> None:
    if not isinstance(result, dict) or not result.get("type"):
        raise bad_request("can't parse InlineQueryResult: type not found")
    result_id = str(result.get("id", ""))
    if not 1 <= len(result_id.encode()) <= 64:
        raise bad_request("RESULT_ID_INVALID")
    if result_id in seen:
        raise bad_request("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    content = result.get("input_message_content")
    if isinstance(content, dict) and "message_text" in content:
        parsed = render(
            str(content["message_text"]), content.get("parse_mode"), content.get("entities")
        )
        if not parsed.text.strip():
            raise bad_request("message text is empty")
        if len(parsed.text) > 4096:
            raise bad_request("MESSAGE_TOO_LONG")
    if result.get("reply_markup") is not None:
        validate_markup(result["reply_markup"], inline_only=True)


# --- files ------------------------------------------------------------------------------------


@api_method("getFile")
def get_file(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    file_id = params.need_str("file_id", "file_id is empty")
    stored = fake.files.get_file(file_id)
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.file_size,
        "file_path": stored.file_path,
    }
