"""Typed access to request parameters whatever the body encoding was.

Telegram accepts JSON, urlencoded and multipart bodies alike; in the latter two every value
is a string and objects arrive as JSON text. Handlers read through :class:`Params` so the
same request gives the same result over HTTP and through the in-process session.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.models import UploadedFile

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


class Params:
    """Read-only view over one request's parameters and uploaded files."""

    __slots__ = ("files", "raw")

    def __init__(
        self, raw: Mapping[str, Any], files: Mapping[str, UploadedFile] | None = None
    ) -> None:
        self.raw = raw
        self.files: Mapping[str, UploadedFile] = files or {}

    def __contains__(self, name: str) -> bool:
        return self.raw.get(name) is not None

    def get_str(self, name: str, *, required: str | None = None) -> str | None:
        """String value; ``required`` is the error detail to raise when it is missing."""
        value = self.raw.get(name)
        if value is None:
            if required is not None:
                raise bad_request(required)
            return None
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def get_int(self, name: str, *, required: str | None = None) -> int | None:
        value = self.raw.get(name)
        if value is None or value == "":
            if required is not None:
                raise bad_request(required)
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise bad_request(f'invalid parameter "{name}": integer expected') from None

    def get_float(self, name: str, *, required: str | None = None) -> float | None:
        value = self.raw.get(name)
        if value is None or value == "":
            if required is not None:
                raise bad_request(required)
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f'invalid parameter "{name}": number expected') from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.raw.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return bool(value)
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise bad_request(f'invalid parameter "{name}": boolean expected')

    def get_json(self, name: str, *, error: str | None = None) -> Any:
        """Object/array value, decoding JSON text; ``error`` is the detail on bad JSON."""
        value = self.raw.get(name)
        if value is None or isinstance(value, (dict, list)):
            return value
        if isinstance(value, (int, float, bool)):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error or f"can't parse {name} JSON object") from None

    def need_str(self, name: str, error: str) -> str:
        value = self.get_str(name, required=error)
        return value if value is not None else ""

    def need_int(self, name: str, error: str) -> int:
        value = self.get_int(name, required=error)
        return value if value is not None else 0

    def need_float(self, name: str, error: str) -> float:
        value = self.get_float(name, required=error)
        return value if value is not None else 0.0

    def chat_id(self) -> int:
        """Private chats only: a numeric id; ``@username`` is not resolvable for users."""
        value = self.raw.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise bad_request("chat not found") from None

    def message_id(self, name: str = "message_id") -> int:
        value = self.get_int(name)
        if value is None:
            raise bad_request("message identifier is not specified")
        return value


def ensure(condition: bool, error: ApiError) -> None:
    """Raise ``error`` unless ``condition``; keeps validation one line per rule."""
    if not condition:
        raise error
