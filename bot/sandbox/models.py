"""Records the fake keeps, shaped for assertions in tests and for the console.

They are plain mutable dataclasses: ``messages_to`` hands out the live records, so a test
holding a message sees later edits and deletion without asking again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MessageKind = Literal["text", "photo", "document", "location"]


@dataclass(slots=True)
class SandboxUser:
    """A Telegram account talking to the bot; chat id of its private chat = ``id``."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    blocked_bot: bool = False
    deactivated: bool = False
    started: bool = False
    is_premium: bool = False

    def api(self) -> dict[str, Any]:
        """The ``User`` object Telegram puts in ``from``."""
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        if self.is_premium:
            data["is_premium"] = True
        return data

    def chat(self) -> dict[str, Any]:
        """The private ``Chat`` object for this user."""
        data: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        return data


@dataclass(frozen=True, slots=True)
class Button:
    """One inline keyboard button as the user sees it."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(slots=True)
class UploadedFile:
    """A multipart file part, as received over HTTP or read from an aiogram InputFile."""

    data: bytes
    filename: str | None = None
    content_type: str | None = None


@dataclass(slots=True)
class StoredFile:
    """A file Telegram "has": reachable by ``file_id`` and downloadable by ``file_path``."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    kind: Literal["photo", "document"]
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0

    @property
    def file_size(self) -> int:
        return len(self.data)

    def photo_size(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": self.file_size,
        }

    def document(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
        }
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data


@dataclass(slots=True)
class SentMessage:
    """Current state of one message in a private chat (bot's or user's), edits applied."""

    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    kind: MessageKind = "text"
    text: str = ""
    html: str = ""
    parse_mode: str | None = None
    entities: tuple[dict[str, Any], ...] = ()
    reply_markup: dict[str, Any] | None = None
    file: StoredFile | None = None
    location: tuple[float, float] | None = None
    reply_to_message_id: int | None = None
    protect_content: bool = False
    disable_notification: bool = False
    link_preview_options: dict[str, Any] | None = None
    forward_origin: dict[str, Any] | None = None
    media_group_id: str | None = None
    edit_date: int | None = None
    deleted: bool = False
    edits: list[str] = field(default_factory=list)

    @property
    def edited(self) -> bool:
        return self.edit_date is not None

    @property
    def caption(self) -> str | None:
        """Visible caption of a media message (``text`` holds it too)."""
        return self.text if self.kind in ("photo", "document") else None

    @property
    def file_id(self) -> str | None:
        return self.file.file_id if self.file else None

    @property
    def buttons(self) -> list[list[Button]]:
        """Inline keyboard rows; empty when the message has none."""
        markup = self.reply_markup or {}
        return [
            [
                Button(
                    text=str(button.get("text", "")),
                    callback_data=button.get("callback_data"),
                    url=button.get("url"),
                )
                for button in row
            ]
            for row in markup.get("inline_keyboard", ())
        ]

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        """Labels of a reply keyboard sent with this message, if any."""
        markup = self.reply_markup or {}
        if "keyboard" not in markup:
            return None
        return [
            [b if isinstance(b, str) else str(b.get("text", "")) for b in row]
            for row in markup["keyboard"]
        ]

    @property
    def removes_keyboard(self) -> bool:
        return bool((self.reply_markup or {}).get("remove_keyboard"))


@dataclass(slots=True)
class BotCall:
    """One Bot API request the bot made, successful or not.

    ``params`` are as received: strings for form/multipart bodies (aiogram's encoding, with
    objects as JSON text), native JSON values for ``application/json`` bodies.
    """

    seq: int
    method: str
    params: dict[str, Any]
    ok: bool
    time: float
    status: int = 200
    result: Any = None
    error: str | None = None
    files: tuple[str, ...] = ()

    @property
    def chat_id(self) -> int | None:
        raw = self.params.get("chat_id")
        try:
            return int(raw) if raw is not None else None
        except (TypeError, ValueError):
            return None

    @property
    def text(self) -> str | None:
        raw = self.params.get("text", self.params.get("caption"))
        return None if raw is None else str(raw)


@dataclass(slots=True)
class CallbackQueryRecord:
    """A button press waiting for (or having received) answerCallbackQuery."""

    id: str
    user_id: int
    message_id: int | None
    data: str | None
    answered: bool = False
    answer: dict[str, Any] | None = None


@dataclass(slots=True)
class InlineQueryRecord:
    """An inline query and the results the bot answered with."""

    id: str
    user_id: int
    query: str
    results: list[dict[str, Any]] | None = None
    answer: dict[str, Any] | None = None
