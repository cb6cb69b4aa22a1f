"""Button data of the buttons case messages carry when they go through the outbox.

Services queue those messages and must not import aiogram, so the data is built here; the
handlers read it with typed CallbackData factories of the same shape (`handlers.cases_kb.WorkCb`
and `MineCb`), and a test holds the two together.
"""

from __future__ import annotations

WORK_PREFIX = "cw"  # a focal point (or admin) handling a case
MINE_PREFIX = "mc"  # the reporting officer
WORK_ACTIONS = ("open", "ack", "info", "close", "reassign")
MINE_ACTIONS = ("open", "answer")


def work_data(action: str, case_id: int) -> str:
    if action not in WORK_ACTIONS:
        raise ValueError(f"unknown case action {action!r}")
    return f"{WORK_PREFIX}:{action}:{case_id}"


def mine_data(action: str, case_id: int) -> str:
    if action not in MINE_ACTIONS:
        raise ValueError(f"unknown case action {action!r}")
    return f"{MINE_PREFIX}:{action}:{case_id}"
