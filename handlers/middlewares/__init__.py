"""Update middlewares: database session, user and actor, language. Order matters."""

from __future__ import annotations

from aiogram import Dispatcher
from aiogram.utils.i18n import I18n

from handlers.middlewares.db import DbSessionMiddleware
from handlers.middlewares.i18n import UserI18nMiddleware
from handlers.middlewares.throttling import ThrottlingMiddleware
from handlers.middlewares.user import UserMiddleware


def setup_middlewares(dp: Dispatcher, i18n: I18n, throttling: ThrottlingMiddleware) -> None:
    """The flood guard first (a flood must not cost database work), then the session (the user
    lookup needs it), the user, their language.

    The i18n middleware also wraps error handlers, so an error answer is in the user's language.
    """
    dp.update.outer_middleware(throttling)
    dp.update.outer_middleware(DbSessionMiddleware())
    dp.update.outer_middleware(UserMiddleware())
    language = UserI18nMiddleware(i18n)
    dp.update.outer_middleware(language)
    dp.errors.outer_middleware(language)
