"""A minimal document model that renders the same answer as Telegram HTML and as plain text.

Cards are built from styled segments instead of HTML strings, so every content string is escaped
exactly once, tags are always balanced, and the plain text is the HTML minus the tags. Lines are
added against a character budget: optional lines are dropped when they would not fit.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Literal

Style = Literal["b", "i", "code"] | None
TELEGRAM_LIMIT = 4096
ELLIPSIS = "…"


@dataclass(frozen=True)
class Seg:
    text: str
    style: Style = None
    href: str | None = None

    def html(self) -> str:
        text = html.escape(self.text, quote=False)
        if self.href:
            return f'<a href="{html.escape(self.href, quote=True)}">{text}</a>'
        return f"<{self.style}>{text}</{self.style}>" if self.style else text


def b(text: str) -> Seg:
    return Seg(text, "b")


def i(text: str) -> Seg:
    return Seg(text, "i")


def code(text: str) -> Seg:
    return Seg(text, "code")


def link(text: str, href: str) -> Seg:
    return Seg(text, None, href)


Piece = Seg | str


@dataclass
class Doc:
    """Lines of segments under a visible-character budget (plain length)."""

    limit: int = TELEGRAM_LIMIT
    lines: list[list[Seg]] = field(default_factory=list)

    def plain_length(self) -> int:
        return len(self.plain())

    def add(self, *pieces: Piece, optional: bool = False) -> bool:
        """Append one line; an optional line that would break the budget is skipped."""
        line = [piece if isinstance(piece, Seg) else Seg(piece) for piece in pieces if piece]
        extra = sum(len(seg.text) for seg in line) + (1 if self.lines else 0)
        if self.plain_length() + extra <= self.limit:
            self.lines.append(line)
            return True
        if optional:
            return False
        self._truncate_into(line)
        return False

    def _truncate_into(self, line: list[Seg]) -> None:
        room = self.limit - self.plain_length() - (1 if self.lines else 0) - len(ELLIPSIS)
        kept: list[Seg] = []
        for seg in line:
            if room <= 0:
                break
            kept.append(Seg(seg.text[:room], seg.style, seg.href))
            room -= len(seg.text[:room])
        if kept or self.limit - self.plain_length() > len(ELLIPSIS):
            self.lines.append([*kept, Seg(ELLIPSIS)])

    def plain(self) -> str:
        return "\n".join("".join(seg.text for seg in line) for line in self.lines)

    def html(self) -> str:
        return "\n".join("".join(seg.html() for seg in line) for line in self.lines)
