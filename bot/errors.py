"""Domain errors. Services raise them; the transport turns each into a translated answer.

They carry codes, not sentences: the words belong to the reader's language, which only the
transport knows.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a user may cause; never a bug."""


class PermissionDenied(DomainError):
    def __init__(self, needed: str) -> None:
        super().__init__(f"needs role {needed}")
        self.needed = needed


class NotFound(DomainError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what} {key!r} not found")
        self.what = what
        self.key = key


class InvalidInput(DomainError):
    """A value a user gave that a service refuses; `reason` is a short stable code."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class InviteError(DomainError):
    """An invite that cannot be redeemed: reason is 'unknown', 'expired' or 'used'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
