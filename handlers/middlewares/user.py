"""Find or create the user behind the update and the Actor their permissions are checked on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from aiogram.types import User as TgUser

from bot.users.profiles import TelegramIdentity, actor_of, touch


class UserMiddleware(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        tg_user: TgUser | None = data.get("event_from_user")
        if tg_user is None or tg_user.is_bot:
            return await handler(event, data)
        settings = data["services"].settings
        user = await touch(
            data["session"],
            TelegramIdentity(
                id=tg_user.id,
                first_name=tg_user.first_name,
                last_name=tg_user.last_name,
                username=tg_user.username,
                language_code=tg_user.language_code,
            ),
            default_locale=settings.default_locale,
            admin_ids=frozenset(settings.admin_ids),
        )
        data["user"] = user
        data["actor"] = actor_of(user)
        return await handler(event, data)
