"""aiogram routers, one module per conversation area, listed once in `get_routers()`."""

from __future__ import annotations

from aiogram import Router


def get_routers() -> list[Router]:
    """Every router in the order it must see updates; the app and the tests both use this.

    Specific conversations come first; `fallback` is last so it only gets what nobody handled.
    """
    from handlers import (
        admin,
        broadcast,
        broadcast_send,
        cases_directory,
        cases_mine,
        cases_queue,
        cases_report,
        cases_review,
        cases_work,
        delivery,
        errors,
        events,
        events_draft,
        events_draft_finish,
        events_draft_more,
        events_org,
        fallback,
        knowledge,
        menu,
        onboarding,
        settings,
    )

    return [
        errors.router,
        events.router,  # its /start ev_<code> deep link comes before onboarding's /start
        onboarding.router,
        menu.router,
        settings.router,
        admin.router,
        cases_report.router,  # the report's steps (states) before free-text readers
        cases_review.router,
        cases_mine.router,
        cases_work.router,
        cases_queue.router,
        cases_directory.router,
        events_org.router,
        events_draft.router,
        events_draft_more.router,
        events_draft_finish.router,
        broadcast.router,
        broadcast_send.router,
        knowledge.router,  # free text with no step open: after every conversation
        delivery.router,  # my_chat_member: blocked / unblocked
        fallback.router,
    ]


def release_routers(parent: Router) -> None:
    """Detach our routers from a closed Dispatcher so a new one can include them.

    Routers are module objects and aiogram lets a router have one parent; a process that
    builds a second application (every test does) needs them back. aiogram has no public
    way to detach, hence the private attribute.
    """
    for router in parent.sub_routers:
        router._parent_router = None
    parent.sub_routers.clear()
