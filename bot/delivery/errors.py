"""How a send can fail, in the sender's terms rather than aiogram's.

The Telegram adapter turns every Bot API failure into one of these; the worker decides from
the class alone what happens to the row (wait, skip the person, fail, retry later).
"""

from __future__ import annotations


class SendError(Exception):
    """A part was not accepted; `reason` is safe to store and show (no message text)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason[:500]


class Flood(SendError):
    """429: Telegram asks everyone to wait `retry_after` seconds."""

    def __init__(self, reason: str, retry_after: float) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Unreachable(SendError):
    """403: the person blocked the bot or the account is gone; retrying cannot help."""


class Rejected(SendError):
    """400: this message can never be sent as it is (bad HTML, unknown chat, bad file id)."""


class Transient(SendError):
    """Network trouble or a Telegram 5xx: the same send may work later."""
