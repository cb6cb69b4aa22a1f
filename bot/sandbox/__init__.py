"""Sandbox Bot API: a fake Telegram for tests, the console and benchmarks (loopback only).

``FakeTelegram`` is the in-memory Telegram; ``SandboxServer`` serves it over HTTP for a
real bot process; ``SandboxSession`` plugs it into an aiogram ``Bot`` without sockets.
"""

from typing import TYPE_CHECKING, Any

from bot.sandbox.errors import ApiError
from bot.sandbox.limits import SandboxLimits
from bot.sandbox.models import BotCall, Button, SandboxUser, SentMessage, UploadedFile
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import BOT_ID, BOT_USERNAME, FakeTelegram
from bot.sandbox.updates import WebhookDelivery, WebhookRetry

if TYPE_CHECKING:
    from bot.sandbox.session import SandboxSession

#: A token aiogram accepts whose numeric part equals the sandbox bot's id, so ``bot.id``
#: and ``getMe().id`` agree.
SANDBOX_TOKEN = f"{BOT_ID}:sandbox-token-0123456789"

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "SANDBOX_TOKEN",
    "ApiError",
    "BotCall",
    "Button",
    "FakeTelegram",
    "SandboxLimits",
    "SandboxServer",
    "SandboxSession",
    "SandboxUser",
    "SentMessage",
    "UploadedFile",
    "WebhookDelivery",
    "WebhookRetry",
]


def __getattr__(name: str) -> Any:
    """Import the aiogram session lazily: aiogram takes seconds to import, and the
    standalone server and the HTTP-only e2e harness never need it."""
    if name == "SandboxSession":
        from bot.sandbox.session import SandboxSession

        return SandboxSession
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
