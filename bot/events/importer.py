"""Events from YAML files (content/events/*.yaml, or any file an organizer writes).

One event per file, in the EventSpec schema. Importing creates the event, or updates the
event with the same code (its registrants' reminders follow); an unchanged file changes
nothing, so importing twice is harmless. Past events may be imported (archives, the seed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.events import manage
from bot.events.spec import EventSpec
from bot.users.roles import Actor
from content import CONTENT_DIR
from db.repositories import events as repo

EVENTS_DIR = CONTENT_DIR / "events"
Outcome = Literal["created", "updated", "unchanged"]


class SpecError(ValueError):
    """A file that is not a valid event, with every problem on its own line."""


def describe(error: ValidationError) -> str:
    lines = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"]) or "event"
        lines.append(f"{where}: {problem['msg']}")
    return "\n".join(lines)


def load_spec(path: Path) -> EventSpec:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SpecError(f"{path}: cannot read: {exc}") from None
    if not isinstance(raw, dict):
        raise SpecError(f"{path}: expected one event (a mapping of fields)")
    try:
        return EventSpec.model_validate(raw)
    except ValidationError as exc:
        raise SpecError(f"{path}:\n{describe(exc)}") from None


def seed_files() -> list[Path]:
    return sorted(EVENTS_DIR.glob("*.yaml"))


async def import_spec(
    session: AsyncSession, actor: Actor, spec: EventSpec, clock: Clock, owner_id: int | None
) -> Outcome:
    if await repo.by_code(session, spec.code) is None:
        await manage.create_event(session, actor, spec, clock, owner_id=owner_id, allow_past=True)
        return "created"
    result = await manage.update_event(session, actor, spec, clock, allow_past=True)
    return "updated" if result.changed else "unchanged"
