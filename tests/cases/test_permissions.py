"""Who may do what with a case, enforced in the services: a table of roles × actions.

Every cell runs the real service on a fresh case; "no" is a PermissionDenied, whatever the
buttons would have shown.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import export, queues, relay, work
from bot.cases.access import CasePolicy
from bot.clock import FrozenClock
from bot.errors import PermissionDenied
from bot.knowledge.catalogue import Catalogue
from bot.users.roles import Actor, Role
from db.models import Case
from tests.cases import factories

ACTIONS = ("view", "ack", "info", "close", "reassign", "answer", "queue", "export")
MATRIX = {
    # who:                 view   ack    info   close  reass. answer queue    export
    "reporter":           ("yes", "no", "no", "no", "no", "yes", "no", "no"),
    "other officer":      ("no", "no", "no", "no", "no", "no", "no", "no"),
    "assigned fp":        ("yes", "yes", "yes", "yes", "yes", "no", "yes", "yes"),
    "fp same country":    ("no", "no", "no", "no", "no", "no", "empty", "yes"),
    "fp same country, visibility": ("yes", "yes", "yes", "yes", "yes", "no", "yes", "yes"),
    "fp other country":   ("no", "no", "no", "no", "no", "no", "empty", "no"),
    "organizer":          ("no", "no", "no", "no", "no", "no", "no", "no"),
    "admin":              ("yes", "yes", "yes", "yes", "yes", "no", "yes", "yes"),
    "fallback contact":   ("yes", "yes", "yes", "yes", "yes", "no", "yes", "no"),
}  # fmt: skip
REPORTER = 901


async def world(session: AsyncSession) -> dict[str, Actor]:
    await factories.person(session, 1)
    await factories.person(session, REPORTER)
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    return {
        "reporter": await factories.actor(session, REPORTER),
        "other officer": await factories.person(session, 902),
        "assigned fp": await factories.actor(session, 7001),
        "fp same country": await factories.actor(session, 7003),
        "fp same country, visibility": await factories.actor(session, 7003),
        "fp other country": await factories.actor(session, 7101),
        "organizer": await factories.person(session, 903, roles=(Role.ORGANIZER,)),
        "admin": await factories.actor(session, 1),
        "fallback contact": Actor(user_id=9000),  # no role, never opened the bot
    }


def attempts(
    actor: Actor, policy: CasePolicy, catalogue: Catalogue, clock: FrozenClock
) -> dict[str, Callable[[AsyncSession, Case], Awaitable[object]]]:
    now = clock.now()
    return {
        "view": lambda s, c: work.view(s, actor, c.id, policy),
        "ack": lambda s, c: work.acknowledge(s, actor, c.id, policy=policy, now=now),
        "info": lambda s, c: work.request_info(s, actor, c.id, "?", policy=policy, now=now),
        "close": lambda s, c: work.close(s, actor, c.id, "other", policy=policy, now=now),
        "reassign": lambda s, c: queues.targets(s, actor, c.id, policy),
        "answer": lambda s, c: relay.answer(s, actor, c.id, text="ok", policy=policy, now=now),
        "queue": lambda s, c: queues.handler_queue(s, actor, policy),
        "export": lambda s, c: export.collect(s, actor, country=c.country, policy=policy),
    }


@pytest.mark.parametrize("who", list(MATRIX))
async def test_permission_matrix(
    session: AsyncSession, catalogue: Catalogue, clock: FrozenClock, who: str
) -> None:
    people = await world(session)
    policy = CasePolicy(fallback_id=9000, country_visibility=who.endswith("visibility"))
    reporter, admin = people["reporter"], people["admin"]
    results = []
    for action, attempt in attempts(people[who], policy, catalogue, clock).items():
        if who == "fallback contact":
            reporter = await factories.person(session, 904 + len(results), country="HN")
        case = await factories.quick_report(
            session, reporter, catalogue, clock.now(), policy=policy
        )
        if action == "answer":
            await work.request_info(
                session, admin, case.id, "Labels?", policy=policy, now=clock.now()
            )
        try:
            outcome = await attempt(session, case)
        except PermissionDenied:
            results.append("no")
            continue
        if action == "queue":
            results.append("yes" if case.id in {c.id for c in outcome} else "empty")  # type: ignore[attr-defined]
        else:
            results.append("yes")
    assert dict(zip(ACTIONS, results, strict=True)) == dict(zip(ACTIONS, MATRIX[who], strict=True))
