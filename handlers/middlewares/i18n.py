"""Answer every user in the language stored on their profile."""

from __future__ import annotations

from typing import Any

from aiogram.types import TelegramObject
from aiogram.utils.i18n import I18nMiddleware

from bot.i18n import normalize_locale


class UserI18nMiddleware(I18nMiddleware):
    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user = data.get("user")
        if user is not None:
            return str(user.language)
        tg_user = data.get("event_from_user")
        code = getattr(tg_user, "language_code", None)
        return normalize_locale(code, self.i18n.default_locale)
