"""What a renderer returns to the handlers: text in two forms and the buttons under it."""

from __future__ import annotations

from dataclasses import dataclass, field

SECTIONS = ("card", "uses", "articles", "conventions", "sources")
ENTRY_SECTION = "entry"  # a "did you mean" choice: open the entry's card


@dataclass(frozen=True)
class AnswerButton:
    """One inline button: its label and what to render when pressed (fits 64-byte callbacks)."""

    label: str
    entry_id: str
    section: str


@dataclass(frozen=True)
class Answer:
    """`html` uses only Telegram tags with content escaped; `plain` is the same without tags."""

    html: str
    plain: str
    buttons: list[AnswerButton] = field(default_factory=list)
