"""Deep links and button data shared by the services (outbox messages) and the handlers.

Messages queued in the outbox carry plain callback strings; the handlers parse them with the
typed `handlers.events_kb.EventCb` factory, whose packing a test checks against this module.
"""

from __future__ import annotations

DEEP_LINK_PREFIX = "ev_"
CALLBACK_PREFIX = "ev"


def deep_link(bot_username: str, code: str) -> str:
    """t.me/<bot>?start=ev_<code>: opens the event card, one tap from registering."""
    return f"https://t.me/{bot_username}?start={DEEP_LINK_PREFIX}{code}"


def callback(action: str, code: str) -> str:
    """'ev:<action>:<code>', the packing of EventCb(action=..., code=...)."""
    data = f"{CALLBACK_PREFIX}:{action}:{code}"
    if len(data.encode()) > 64:
        raise ValueError("callback data is limited to 64 bytes")
    return data
