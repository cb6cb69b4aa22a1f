"""Which photos and documents a report accepts. popsbot keeps Telegram's file_id and never
downloads the file, but it refuses what a focal point should not be asked to open
(executables, scripts, archives) and what is too large, with a reason the officer can act on.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import InvalidInput

MAX_FILES = 10
DOCUMENT_EXTENSIONS = frozenset(
    {"pdf", "jpg", "jpeg", "png", "heic", "heif", "webp", "tif", "tiff", "gif",
     "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "txt"}
)  # fmt: skip
DOCUMENT_MIME_TYPES = frozenset(
    {
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "text/csv",
        "text/plain",
        "application/octet-stream",  # what many phones send for a file they cannot type
    }
)


@dataclass(frozen=True)
class FileInfo:
    """What Telegram told us about a photo or document, without aiogram types."""

    kind: str  # photo | document
    file_id: str
    file_unique_id: str | None = None
    mime_type: str | None = None
    file_name: str | None = None
    size: int | None = None


def _extension(name: str | None) -> str:
    return name.rsplit(".", 1)[1].lower() if name and "." in name else ""


def check_file(info: FileInfo, max_bytes: int) -> None:
    """Raise InvalidInput('file', 'type' | 'too_big') for a file a report cannot take."""
    if info.kind not in ("photo", "document") or not info.file_id:
        raise InvalidInput("file", "type")
    if info.size is not None and info.size > max_bytes:
        raise InvalidInput("file", "too_big")
    if info.kind == "photo":
        return
    mime = (info.mime_type or "").lower()
    if _extension(info.file_name) not in DOCUMENT_EXTENSIONS:
        raise InvalidInput("file", "type")
    if mime and not (mime.startswith("image/") or mime in DOCUMENT_MIME_TYPES):
        raise InvalidInput("file", "type")
