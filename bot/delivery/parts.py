"""What one queued message becomes on the wire, in the recipient's language: a list of parts.

A row with attachments is several Telegram messages. They are sent in a fixed order and
`parts_sent` counts the ones Telegram accepted, so a crash between two parts resumes after
the last one recorded instead of repeating it. The order: a single photo or document with a
text short enough to be its caption is one message; otherwise the attachments come first and
the text with its buttons last, so the message to act on is the newest in the chat.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.delivery.messages import OutboundMessage, pick

# Telegram's caption limit is 1024 characters of rendered text; the HTML source is longer
# than what it renders, so a source within the limit always fits.
CAPTION_LIMIT = 1024

PartKind = Literal["text", "photo", "document", "location"]


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """One Telegram message: text (HTML), a file by id with an optional caption, or a place."""

    kind: PartKind
    text: str | None = None
    file_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    buttons: tuple[tuple[Button, ...], ...] = ()


def render_buttons(message: OutboundMessage, language: str) -> tuple[tuple[Button, ...], ...]:
    return tuple(
        tuple(Button(pick(b.labels, language), b.callback_data, b.url) for b in row)
        for row in message.buttons
    )


def build_parts(payload: Mapping[str, Any], language: str) -> list[Part]:
    """The parts of a stored payload for a reader of `language` (fallback English)."""
    message = OutboundMessage.from_payload(payload)
    text = pick(message.texts, language)
    buttons = render_buttons(message, language)
    files = list(message.attachments)
    if len(files) == 1 and files[0].kind != "location" and len(text) <= CAPTION_LIMIT:
        return [Part(files[0].kind, text=text, file_id=files[0].file_id, buttons=buttons)]
    parts = [
        Part("location", latitude=a.latitude, longitude=a.longitude)
        if a.kind == "location"
        else Part(a.kind, file_id=a.file_id)
        for a in files
    ]
    return [*parts, Part("text", text=text, buttons=buttons)]
