"""Uploaded files: file_id / file_path bookkeeping and Telegram's upload rules.

A file parameter may be an ``attach://name`` reference to a multipart part (aiogram's way),
a part sent directly under the parameter's own name (curl's way) or a ``file_id`` of a file
Telegram already has. URLs are refused: the sandbox never fetches anything from outside.
"""

from __future__ import annotations

import itertools
import mimetypes
import struct
from collections.abc import Mapping
from typing import Literal

from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.models import StoredFile, UploadedFile
from bot.sandbox.params import Params

FileKind = Literal["photo", "document"]
MAX_UPLOAD = 50 * 1024 * 1024
MAX_PHOTO = 10 * 1024 * 1024
MAX_DOWNLOAD = 20 * 1024 * 1024


class FileStore:
    """All files by file_id and by file_path (downloads)."""

    def __init__(self) -> None:
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def add(
        self,
        data: bytes,
        kind: FileKind,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        number = next(self._counter)
        if kind == "photo":
            width, height = image_size(data) or (1, 1)
            path = f"photos/file_{number}.jpg"
            stored = StoredFile(
                file_id=f"AgACAgSandbox{number:08d}Photo",
                file_unique_id=f"AQADSbx{number}",
                file_path=path,
                data=data,
                kind=kind,
                mime_type="image/jpeg",
                width=width,
                height=height,
            )
        else:
            suffix = ""
            if file_name and "." in file_name:
                suffix = "." + file_name.rsplit(".", 1)[1]
            if not mime_type or mime_type == "application/octet-stream":
                mime_type = mimetypes.guess_type(file_name or "")[0] or mime_type
            stored = StoredFile(
                file_id=f"BQACAgSandbox{number:08d}Doc",
                file_unique_id=f"AgADSbx{number}",
                file_path=f"documents/file_{number}{suffix}",
                data=data,
                kind=kind,
                file_name=file_name,
                mime_type=mime_type,
            )
        self.by_id[stored.file_id] = stored
        self.by_path[stored.file_path] = stored
        return stored

    def resolve(self, params: Params, name: str, kind: FileKind) -> StoredFile:
        """The file a send method's parameter refers to, storing fresh uploads."""
        upload = params.files.get(name)
        if upload is not None:
            return self.store_upload(upload, kind)
        value = params.get_str(name)
        if not value:
            raise bad_request(f"there is no {name} in the request")
        return self.resolve_value(value, params.files, kind)

    def resolve_value(
        self, value: str, files: Mapping[str, UploadedFile], kind: FileKind
    ) -> StoredFile:
        """``attach://part``, a file_id, or (refused) a URL."""
        if value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
            if upload is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            return self.store_upload(upload, kind)
        if value.startswith(("http://", "https://")):
            raise bad_request("failed to get HTTP URL content")
        stored = self.by_id.get(value)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if stored.kind != kind:
            raise bad_request("type of file mismatch")
        return stored

    def store_upload(self, upload: UploadedFile, kind: FileKind) -> StoredFile:
        size = len(upload.data)
        if size == 0:
            raise bad_request("file must be non-empty")
        if size > MAX_UPLOAD:
            raise ApiError(413, "Request Entity Too Large")
        if kind == "photo":
            if size > MAX_PHOTO:
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
            if image_size(upload.data) is None:
                raise bad_request("IMAGE_PROCESS_FAILED")
        return self.add(upload.data, kind, upload.filename, upload.content_type)

    def get_file(self, file_id: str) -> StoredFile:
        stored = self.by_id.get(file_id)
        if stored is None:
            raise bad_request("invalid file_id")
        if stored.file_size > MAX_DOWNLOAD:
            raise bad_request("file is too big")
        return stored


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP image; None when not an image.

    Telegram refuses a sendPhoto whose bytes are not a picture; a header sniff is enough
    to reproduce that without an imaging library.
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _webp_size(data) or (1, 1)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data) or (1, 1)
    if data.startswith(b"BM") and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(int(width)), abs(int(height))
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return int(width), int(height)
        i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    return None
