"""The order of the report's questions, and where an answer leads (pure, no I/O).

The draft stores the step it is waiting for (`Case.draft_step`), so a restart, a lost
conversation state or a pause of days resumes at the same question. Editing from the review
screen walks the steps of one group, then returns to the review.
"""

from __future__ import annotations

from bot.cases.values import Direction
from db.models import Case

ORDER = (
    "country", "kind", "substance", "hs_declared", "hs_suspected", "quantity", "packaging",
    "direction", "origin", "destination", "place", "location", "when", "actions", "files",
    "notes", "review",
)  # fmt: skip
GROUPS: dict[str, tuple[str, ...]] = {
    "country": ("country",),
    "kind": ("kind",),
    "substance": ("substance",),
    "hs": ("hs_declared", "hs_suspected"),
    "quantity": ("quantity",),
    "packaging": ("packaging",),
    "route": ("direction", "origin", "destination"),
    "place": ("place", "location"),
    "when": ("when",),
    "actions": ("actions",),
    "files": ("files",),
    "notes": ("notes",),
}
REVIEW = "review"


def group_of(step: str) -> str | None:
    return next((name for name, steps in GROUPS.items() if step in steps), None)


def skipped(case: Case, step: str) -> bool:
    """Steps answered by an earlier answer: the reporting country for an export's origin and
    an import's destination; the country when the officer's profile already gave it."""
    if step == "origin":
        return case.direction == Direction.EXPORT
    if step == "destination":
        return case.direction == Direction.IMPORT
    return False


def first_step(case: Case) -> str:
    return "kind" if case.country else "country"


def next_step(case: Case, step: str) -> str:
    """The question after `step`: the next one in order, or back to the review when editing
    and the edited group is done."""
    index = ORDER.index(step)
    for candidate in ORDER[index + 1 :]:
        if case.draft_editing and group_of(candidate) != group_of(step):
            return REVIEW
        if not skipped(case, candidate):
            return candidate
    return REVIEW


def edit_start(case: Case, group: str) -> str:
    """The first step of a group being edited (a skipped one is not asked)."""
    steps = [step for step in GROUPS[group] if not skipped(case, step)]
    return steps[0] if steps else REVIEW
