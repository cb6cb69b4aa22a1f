"""Bot API method table: one place mapping method names to handler functions.

Telegram treats method names case-insensitively, so lookups go through the lower-cased name
while the call log keeps the canonical spelling.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.sandbox.params import Params
    from bot.sandbox.state import FakeTelegram

Handler = Callable[["FakeTelegram", "Params"], Any | Awaitable[Any]]

METHODS: dict[str, tuple[str, Handler]] = {}


def api_method(*names: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` under each Bot API method name given."""

    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = (name, handler)
        return handler

    return register


def lookup(method: str) -> tuple[str, Handler] | None:
    return METHODS.get(method.lower())
