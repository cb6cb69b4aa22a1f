"""Drive the real popsbot Dispatcher against the in-process sandbox, one user action at a time.

Each action (typing, pressing a button, sending a photo) creates the Telegram update the client
would send; the harness hands pending updates to the Dispatcher and waits for the handlers to
finish, so a test sees exactly what the bot answered to that action. Conversations are tables
of (action, argument, expected text), run by `Chat.run`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.app.runtime import App
from bot.sandbox import BotCall, FakeTelegram, SentMessage

REPLY_METHODS = {"sendMessage", "editMessageText", "sendPhoto", "sendDocument", "sendLocation"}


@dataclass
class Reply:
    """What the bot did in answer to one action."""

    calls: list[BotCall]

    @property
    def texts(self) -> list[str]:
        """Visible texts the user saw: messages, edits, captions and button alerts."""
        out = []
        for call in self.calls:
            if not call.ok:
                continue
            if call.method in REPLY_METHODS:
                out.append(str(call.params.get("text") or call.params.get("caption") or ""))
            elif call.method == "answerCallbackQuery" and call.params.get("text"):
                out.append(str(call.params["text"]))
        return out

    @property
    def text(self) -> str:
        return "\n---\n".join(self.texts)

    @property
    def failed(self) -> list[BotCall]:
        return [call for call in self.calls if not call.ok]


class BotHarness:
    def __init__(self, app: App, fake: FakeTelegram) -> None:
        self.app = app
        self.fake = fake
        self._offset = 0

    async def pump(self) -> None:
        """Hand every pending update to the Dispatcher and wait until each is handled."""
        while True:
            updates = await self.app.bot.get_updates(offset=self._offset, timeout=0)
            if not updates:
                return
            for update in updates:
                self._offset = update.update_id + 1
                await self.app.dispatcher.feed_update(self.app.bot, update)

    def chat(self, user_id: int, *, language: str | None = "en", first_name: str = "Ana") -> Chat:
        if user_id not in self.fake.users:
            self.fake.add_user(user_id, first_name, language_code=language)
        return Chat(self, user_id)


Expect = str | Sequence[str] | Callable[["Reply"], Any] | None


class Chat:
    """One Telegram user talking to the bot."""

    def __init__(self, harness: BotHarness, user_id: int) -> None:
        self.h = harness
        self.user_id = user_id

    async def _act(self, action: Callable[[], object]) -> Reply:
        seq = self.h.fake.next_seq
        action()
        await self.h.pump()
        return Reply(self.h.fake.calls_since(seq))

    async def say(self, text: str) -> Reply:
        return await self._act(lambda: self.h.fake.send_text(self.user_id, text))

    async def press(self, label: str | int, message_id: int | None = None) -> Reply:
        return await self._act(lambda: self.h.fake.press_button(self.user_id, label, message_id))

    async def press_data(self, message_id: int, data: str) -> Reply:
        """Press a button by its raw callback data (forged or stale buttons)."""
        return await self._act(lambda: self.h.fake.press(self.user_id, message_id, data))

    async def send_photo(self, data: bytes = b"\x89PNG fake", caption: str | None = None) -> Reply:
        return await self._act(lambda: self.h.fake.send_photo(self.user_id, data, caption))

    async def send_document(self, data: bytes, name: str, mime: str) -> Reply:
        return await self._act(lambda: self.h.fake.send_document(self.user_id, data, name, mime))

    @property
    def last(self) -> SentMessage:
        message = self.h.fake.last_message(self.user_id)
        assert message is not None, "the bot has not written to this user"
        return message

    def button_labels(self) -> list[str]:
        return [b.text for row in self.last.buttons for b in row]

    async def run(self, table: Sequence[tuple[str, Any, Expect]]) -> None:
        """Play a conversation: each row is (say|press|photo, argument, expected).

        `expected` is a substring (or several) that must appear in the bot's answer, a callable
        that checks the Reply, or None for "answered without error".
        """
        for step, (kind, argument, expected) in enumerate(table, 1):
            if kind == "say":
                reply = await self.say(argument)
            elif kind == "press":
                reply = await self.press(argument)
            elif kind == "photo":
                reply = await self.send_photo(caption=argument)
            else:
                raise ValueError(f"unknown step kind {kind!r}")
            where = f"step {step} ({kind} {argument!r})"
            assert not reply.failed, f"{where}: Bot API refused {reply.failed}"
            assert reply.texts, f"{where}: the bot did not answer"
            check(reply, expected, where)


def check(reply: Reply, expected: Expect, where: str = "") -> None:
    if expected is None:
        return
    if callable(expected):
        expected(reply)
        return
    wanted = [expected] if isinstance(expected, str) else list(expected)
    for piece in wanted:
        assert piece in reply.text, f"{where}: {piece!r} not in the answer:\n{reply.text}"
