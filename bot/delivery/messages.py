"""What a queued message says, in every language it was written in, as plain data.

The service that queues a message renders it once per language (with gettext); the sender
picks the recipient's language when it sends, so a user who switches language in between still
reads their own. Stored as JSON in the outbox row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

FALLBACK = "en"


def pick(texts: Mapping[str, str], language: str) -> str:
    """The text in `language`, else English, else whatever was written."""
    if language in texts:
        return texts[language]
    if FALLBACK in texts:
        return texts[FALLBACK]
    return next(iter(texts.values()))


@dataclass(frozen=True)
class OutboundButton:
    labels: Mapping[str, str]
    callback_data: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if (self.callback_data is None) == (self.url is None):
            raise ValueError("a button has either callback_data or url")
        if self.callback_data is not None and len(self.callback_data.encode()) > 64:
            raise ValueError("callback_data is limited to 64 bytes by Telegram")


@dataclass(frozen=True)
class Attachment:
    """A file already on Telegram (by file_id), or a location."""

    kind: Literal["photo", "document", "location"]
    file_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class OutboundMessage:
    texts: Mapping[str, str]  # language -> Telegram HTML
    buttons: Sequence[Sequence[OutboundButton]] = ()
    attachments: Sequence[Attachment] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not self.texts:
            raise ValueError("a message needs a text in at least one language")

    def to_payload(self) -> dict[str, Any]:
        return {
            "texts": dict(self.texts),
            "buttons": [
                [
                    {"labels": dict(b.labels), "callback_data": b.callback_data, "url": b.url}
                    for b in row
                ]
                for row in self.buttons
            ],
            "attachments": [
                {
                    "kind": a.kind,
                    "file_id": a.file_id,
                    "latitude": a.latitude,
                    "longitude": a.longitude,
                }
                for a in self.attachments
            ],
        }

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> OutboundMessage:
        return cls(
            texts=dict(payload["texts"]),
            buttons=tuple(
                tuple(OutboundButton(**button) for button in row)
                for row in payload.get("buttons", ())
            ),
            attachments=tuple(Attachment(**a) for a in payload.get("attachments", ())),
        )
