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
    """Lines of segments under a visible-character budget; the HTML never exceeds 4096 either."""

    limit: int = TELEGRAM_LIMIT
    html_limit: int = TELEGRAM_LIMIT
    lines: list[list[Seg]] = field(default_factory=list)
    _plain: int = 0
    _html: int = 0

    def plain_length(self) -> int:
        return self._plain

    def add(self, *pieces: Piece, optional: bool = False) -> bool:
        """Append one line; an optional line that would break the budget is skipped."""
        line = [piece if isinstance(piece, Seg) else Seg(piece) for piece in pieces if piece]
        sep = 1 if self.lines else 0
        plain = sum(len(seg.text) for seg in line) + sep
        markup = sum(len(seg.html()) for seg in line) + sep
        if self._plain + plain <= self.limit and self._html + markup <= self.html_limit:
            self._append(line, plain, markup)
            return True
        if not optional:
            self._truncate_into(line)
        return False

    def _append(self, line: list[Seg], plain: int, markup: int) -> None:
        self.lines.append(line)
        self._plain += plain
        self._html += markup

    def _truncate_into(self, line: list[Seg]) -> None:
        """Keep what fits of a mandatory line, as plain text, and mark the cut."""
        sep = 1 if self.lines else 0
        text = "".join(seg.text for seg in line)
        room_plain = self.limit - self._plain - sep - len(ELLIPSIS)
        room_html = self.html_limit - self._html - sep - len(ELLIPSIS)
        cut = text[: max(room_plain, 0)]
        while cut and len(html.escape(cut, quote=False)) > room_html:
            cut = cut[:-1]
        if room_plain >= 0 and room_html >= 0:
            kept = [Seg(cut), Seg(ELLIPSIS)]
            self._append(kept, len(cut) + len(ELLIPSIS) + sep, len(kept[0].html()) + 1 + sep)

    def reserve(self, lines: list[list[Seg]]) -> None:
        """Keep room for `lines`, to be added last (e.g. the source list of a long section)."""
        self.limit -= sum(sum(len(seg.text) for seg in line) + 1 for line in lines)
        self.html_limit -= sum(sum(len(seg.html()) for seg in line) + 1 for line in lines)

    def release(self) -> None:
        self.limit = self.html_limit = TELEGRAM_LIMIT

    def plain(self) -> str:
        return "\n".join("".join(seg.text for seg in line) for line in self.lines)

    def html(self) -> str:
        return "\n".join("".join(seg.html() for seg in line) for line in self.lines)
