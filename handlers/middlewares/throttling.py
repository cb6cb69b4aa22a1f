"""A flood guard: one person sending dozens of updates a second must not starve everyone else.

Per user, at most `limit` updates in any `window` seconds are handled; beyond that updates are
dropped and the person is told once per window. It lives in each process's memory: it protects
that process, it is not an accounting system.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, Update

from bot.i18n import normalize_locale, translator


class ThrottlingMiddleware(BaseMiddleware):
    def __init__(
        self,
        limit: int = 20,
        window: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("event_from_user")
        if user is None or self.limit <= 0 or self._allow(user.id):
            return await handler(event, data)
        if self._should_warn(user.id):
            await self._warn(event, normalize_locale(user.language_code))
        return None

    def _allow(self, user_id: int) -> bool:
        now = self.clock()
        seen = self._seen.setdefault(user_id, deque())
        while seen and now - seen[0] >= self.window:
            seen.popleft()
        if len(seen) >= self.limit:
            return False
        seen.append(now)
        if len(self._seen) > 10_000:  # forget idle users now and then
            self._seen = {
                uid: q for uid, q in self._seen.items() if q and now - q[-1] < self.window
            }
        return True

    def _should_warn(self, user_id: int) -> bool:
        now = self.clock()
        if now - self._warned.get(user_id, -self.window) < self.window:
            return False
        self._warned[user_id] = now
        return True

    async def _warn(self, event: TelegramObject, locale: str) -> None:
        """Runs before the database is read: the language is Telegram's, not the profile's."""
        _ = translator(locale).gettext
        text = _("You are sending messages very fast. Please wait a few seconds.")
        update = event if isinstance(event, Update) else None
        target = update.event if update is not None else event
        if isinstance(target, Message):
            await target.answer(text)
        elif isinstance(target, CallbackQuery):
            await target.answer(text, show_alert=True)
