"""Bot API methods that create, change or remove messages.

Validation order follows what a bot observes from Telegram: parameter errors (empty text,
bad markup) come before chat errors, and the flood check comes last so a rejected request
never consumes a send slot.
"""

from __future__ import annotations

import itertools
import time
from typing import TYPE_CHECKING, Any

from bot.sandbox.errors import NOT_MODIFIED, bad_request
from bot.sandbox.files import FileKind
from bot.sandbox.html_check import ParsedText, render
from bot.sandbox.markup import parse_reply_markup
from bot.sandbox.models import SentMessage
from bot.sandbox.params import Params
from bot.sandbox.registry import api_method

if TYPE_CHECKING:
    from bot.sandbox.state import FakeTelegram

MAX_TEXT = 4096
MAX_CAPTION = 1024
_media_groups = itertools.count(10**12)


def _now() -> int:
    return int(time.time())


def _text(params: Params, name: str = "text") -> tuple[str, ParsedText]:
    raw = params.get_str(name)
    if raw is None or not raw.strip():
        raise bad_request("message text is empty")
    parsed = render(raw, params.get_str("parse_mode"), params.get_json("entities"))
    if not parsed.text.strip():
        raise bad_request("message text is empty")
    return raw, parsed


def _caption(params: Params) -> tuple[str, ParsedText]:
    raw = params.get_str("caption") or ""
    parsed = render(raw, params.get_str("parse_mode"), params.get_json("caption_entities"))
    if len(parsed.text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return raw, parsed


def _reply_to(fake: FakeTelegram, params: Params, chat_id: int) -> int | None:
    reply = params.get_json("reply_parameters")
    if isinstance(reply, dict):
        message_id = reply.get("message_id")
        allow = bool(reply.get("allow_sending_without_reply"))
        if reply.get("chat_id") not in (None, chat_id, str(chat_id)):
            raise bad_request("message to be replied not found")
    else:
        message_id = params.get_int("reply_to_message_id")
        allow = params.get_bool("allow_sending_without_reply")
    if message_id is None:
        return None
    if fake.find_message(chat_id, int(message_id)) is None:
        if allow:
            return None
        raise bad_request("message to be replied not found")
    return int(message_id)


def _bot_message(chat_id: int, params: Params, reply_to: int | None, **fields: Any) -> SentMessage:
    return SentMessage(
        message_id=0,
        chat_id=chat_id,
        from_bot=True,
        date=_now(),
        parse_mode=params.get_str("parse_mode"),
        reply_to_message_id=reply_to,
        protect_content=params.get_bool("protect_content"),
        disable_notification=params.get_bool("disable_notification"),
        **fields,
    )


@api_method("sendMessage")
def send_message(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    chat_id = params.chat_id()
    raw, parsed = _text(params)
    if len(parsed.text) > MAX_TEXT:
        raise bad_request("message is too long")
    markup = parse_reply_markup(params)
    chat = fake.recipient(chat_id)
    reply_to = _reply_to(fake, params, chat_id)
    preview = params.get_json("link_preview_options")
    if preview is None and params.get_bool("disable_web_page_preview"):
        preview = {"is_disabled": True}
    fake.limiter.acquire(chat_id)
    message = _bot_message(
        chat_id,
        params,
        reply_to,
        text=parsed.text,
        html=raw,
        entities=parsed.entities,
        reply_markup=markup,
        link_preview_options=preview,
    )
    return fake.message_api(fake.add_message(chat, message))


def _send_file(fake: FakeTelegram, params: Params, name: str, kind: FileKind) -> dict[str, Any]:
    chat_id = params.chat_id()
    raw, parsed = _caption(params)
    markup = parse_reply_markup(params)
    chat = fake.recipient(chat_id)
    reply_to = _reply_to(fake, params, chat_id)
    stored = fake.files.resolve(params, name, kind)
    fake.limiter.acquire(chat_id)
    message = _bot_message(
        chat_id,
        params,
        reply_to,
        kind=kind,
        file=stored,
        text=parsed.text,
        html=raw,
        entities=parsed.entities,
        reply_markup=markup,
    )
    return fake.message_api(fake.add_message(chat, message))


@api_method("sendPhoto")
def send_photo(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    return _send_file(fake, params, "photo", "photo")


@api_method("sendDocument")
def send_document(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    return _send_file(fake, params, "document", "document")


@api_method("sendLocation")
def send_location(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    chat_id = params.chat_id()
    latitude = params.need_float("latitude", "latitude is empty")
    longitude = params.need_float("longitude", "longitude is empty")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise bad_request("wrong location specified")
    markup = parse_reply_markup(params)
    chat = fake.recipient(chat_id)
    reply_to = _reply_to(fake, params, chat_id)
    fake.limiter.acquire(chat_id)
    message = _bot_message(
        chat_id,
        params,
        reply_to,
        kind="location",
        location=(latitude, longitude),
        reply_markup=markup,
    )
    return fake.message_api(fake.add_message(chat, message))


@api_method("sendMediaGroup")
def send_media_group(fake: FakeTelegram, params: Params) -> list[dict[str, Any]]:
    chat_id = params.chat_id()
    media = params.get_json("media", error="can't parse media JSON object")
    if not isinstance(media, list) or not 2 <= len(media) <= 10:
        raise bad_request("wrong number of media specified: must be between 2 and 10")
    chat = fake.recipient(chat_id)
    reply_to = _reply_to(fake, params, chat_id)
    prepared = []
    for item in media:
        if not isinstance(item, dict) or not isinstance(item.get("media"), str):
            raise bad_request("can't parse InputMedia: media not found")
        kind: FileKind = "photo" if item.get("type") == "photo" else "document"
        caption = item.get("caption") or ""
        parsed = render(caption, item.get("parse_mode"), item.get("caption_entities"))
        if len(parsed.text) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        stored = fake.files.resolve_value(item["media"], params.files, kind)
        prepared.append((kind, stored, caption, parsed))
    fake.limiter.acquire(chat_id, len(prepared))
    group = str(next(_media_groups))
    results = []
    for kind, stored, caption, parsed in prepared:
        message = _bot_message(
            chat_id,
            params,
            reply_to,
            kind=kind,
            file=stored,
            text=parsed.text,
            html=caption,
            entities=parsed.entities,
            media_group_id=group,
        )
        results.append(fake.message_api(fake.add_message(chat, message)))
    return results


def _source(fake: FakeTelegram, params: Params, action: str) -> SentMessage:
    from_chat = params.need_int("from_chat_id", "from_chat_id is empty")
    source = fake.find_message(from_chat, params.message_id())
    if source is None:
        raise bad_request(f"message to {action} not found")
    if source.protect_content:
        raise bad_request(f"message can't be {action}ed".replace("copyed", "copied"))
    return source


@api_method("copyMessage")
def copy_message(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    chat_id = params.chat_id()
    source = _source(fake, params, "copy")
    markup = parse_reply_markup(params)
    text, html, entities = source.text, source.html, source.entities
    if source.kind in ("photo", "document") and "caption" in params:
        html, parsed = _caption(params)
        text, entities = parsed.text, parsed.entities
    chat = fake.recipient(chat_id)
    reply_to = _reply_to(fake, params, chat_id)
    fake.limiter.acquire(chat_id)
    message = _bot_message(
        chat_id,
        params,
        reply_to,
        kind=source.kind,
        text=text,
        html=html,
        entities=entities,
        file=source.file,
        location=source.location,
        reply_markup=markup,
    )
    return {"message_id": fake.add_message(chat, message).message_id}


@api_method("forwardMessage")
def forward_message(fake: FakeTelegram, params: Params) -> dict[str, Any]:
    chat_id = params.chat_id()
    source = _source(fake, params, "forward")
    chat = fake.recipient(chat_id)
    sender = fake.me if source.from_bot else fake.chats[source.chat_id].user.api()
    fake.limiter.acquire(chat_id)
    message = _bot_message(
        chat_id,
        params,
        None,
        kind=source.kind,
        text=source.text,
        html=source.html,
        entities=source.entities,
        file=source.file,
        location=source.location,
        forward_origin={"type": "user", "sender_user": sender, "date": source.date},
    )
    return fake.message_api(fake.add_message(chat, message))


# --- editing ----------------------------------------------------------------------------------


def _inline_markup(message: SentMessage) -> dict[str, Any] | None:
    markup = message.reply_markup
    return markup if markup and "inline_keyboard" in markup else None


def _editable(fake: FakeTelegram, params: Params) -> SentMessage:
    chat_id = params.chat_id()
    message_id = params.message_id()
    fake.recipient(chat_id)
    message = fake.find_message(chat_id, message_id)
    if message is None:
        raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    return message


def _apply_edit(
    fake: FakeTelegram,
    message: SentMessage,
    html: str,
    parsed: ParsedText,
    markup: dict[str, Any] | None,
) -> dict[str, Any]:
    """Telegram drops an inline keyboard that the edit does not repeat."""
    current = (message.text, message.entities, _inline_markup(message))
    if current == (parsed.text, parsed.entities, markup):
        raise bad_request(NOT_MODIFIED)
    message.edits.append(message.text)
    message.text, message.html, message.entities = parsed.text, html, parsed.entities
    if markup is not None or _inline_markup(message) is not None:
        message.reply_markup = markup
    message.edit_date = _now()
    fake.message_changed(message)
    return fake.message_api(message)


def _edit_inline(fake: FakeTelegram, inline_id: str, changes: dict[str, Any]) -> bool:
    stored = fake.inline_messages.get(inline_id)
    if stored is None:
        raise bad_request("MESSAGE_ID_INVALID")
    if all(stored.get(key) == value for key, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    stored.update(changes)
    return True


@api_method("editMessageText")
def edit_message_text(fake: FakeTelegram, params: Params) -> dict[str, Any] | bool:
    raw, parsed = _text(params)
    if len(parsed.text) > MAX_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    markup = parse_reply_markup(params, inline_only=True)
    inline_id = params.get_str("inline_message_id")
    if inline_id:
        return _edit_inline(
            fake,
            inline_id,
            {"text": parsed.text, "entities": parsed.entities, "reply_markup": markup},
        )
    message = _editable(fake, params)
    if message.kind != "text":
        raise bad_request("there is no text in the message to edit")
    return _apply_edit(fake, message, raw, parsed, markup)


@api_method("editMessageCaption")
def edit_message_caption(fake: FakeTelegram, params: Params) -> dict[str, Any] | bool:
    raw, parsed = _caption(params)
    markup = parse_reply_markup(params, inline_only=True)
    inline_id = params.get_str("inline_message_id")
    if inline_id:
        return _edit_inline(fake, inline_id, {"caption": parsed.text, "reply_markup": markup})
    message = _editable(fake, params)
    if message.kind not in ("photo", "document"):
        raise bad_request("there is no caption in the message to edit")
    return _apply_edit(fake, message, raw, parsed, markup)


@api_method("editMessageReplyMarkup")
def edit_message_reply_markup(fake: FakeTelegram, params: Params) -> dict[str, Any] | bool:
    markup = parse_reply_markup(params, inline_only=True)
    inline_id = params.get_str("inline_message_id")
    if inline_id:
        return _edit_inline(fake, inline_id, {"reply_markup": markup})
    message = _editable(fake, params)
    if _inline_markup(message) == markup:
        raise bad_request(NOT_MODIFIED)
    message.reply_markup = markup
    message.edit_date = _now()
    fake.message_changed(message)
    return fake.message_api(message)


@api_method("deleteMessage")
def delete_message(fake: FakeTelegram, params: Params) -> bool:
    chat_id = params.chat_id()
    message = fake.find_message(chat_id, params.message_id())
    if message is None:
        raise bad_request("message to delete not found")
    message.deleted = True
    return True


@api_method("deleteMessages")
def delete_messages(fake: FakeTelegram, params: Params) -> bool:
    chat_id = params.chat_id()
    ids = params.get_json("message_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must contain 1-100 message identifiers")
    for message_id in ids:
        message = fake.find_message(chat_id, int(message_id))
        if message is not None:
            message.deleted = True
    return True
