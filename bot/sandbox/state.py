"""FakeTelegram: the whole in-memory Telegram the sandbox serves.

Three faces share one state:

* the Bot API (``call``), used identically by the HTTP server and the in-process session;
* user actions (``send_text``, ``press``...), what a Telegram client would do, each
  producing the Update Telegram would send;
* observation helpers (``calls``, ``messages_to``, ``wait_for_*``, ``settle``) for tests and
  the console.

Everything runs on one asyncio loop; per-call work is O(1) in the number of stored messages
and calls so delivery benchmarks measure the bot, not the fake.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox import api_bot, api_messages  # noqa: F401  (registers the methods)
from bot.sandbox.errors import CHAT_NOT_FOUND, ApiError, bad_request, forbidden
from bot.sandbox.files import FileStore
from bot.sandbox.html_check import utf16_len
from bot.sandbox.limits import Clock, RateLimiter, SandboxLimits
from bot.sandbox.models import (
    BotCall,
    CallbackQueryRecord,
    InlineQueryRecord,
    SandboxUser,
    SentMessage,
    StoredFile,
    UploadedFile,
)
from bot.sandbox.params import Params
from bot.sandbox.registry import lookup
from bot.sandbox.updates import UpdateHub, WebhookDelivery, WebhookRetry

log = logging.getLogger(__name__)

BOT_ID = 100000
BOT_USERNAME = "popsbot_sandbox_bot"
BOT_FIRST_NAME = "popsbot (sandbox)"
# Calls that poll rather than act: they do not count as "the bot is busy" for settle().
_PASSIVE_METHODS = frozenset({"getUpdates", "getWebhookInfo", "getMe"})

CallHook = Callable[[BotCall], Any]
CallPredicate = Callable[[BotCall], bool]
MessagePredicate = Callable[[SentMessage], bool]


@dataclass(slots=True)
class ChatState:
    """One private chat: messages keyed by id, ids shared by both sides like Telegram."""

    user: SandboxUser
    next_message_id: int = 1
    messages: dict[int, SentMessage] = field(default_factory=dict)
    reply_keyboard: list[list[str]] | None = None


class FakeTelegram:
    """In-memory Telegram for one bot. See the module docstring for the three faces."""

    def __init__(
        self,
        *,
        clock: Clock = time.monotonic,
        limits: SandboxLimits | None = None,
        webhook_retry: WebhookRetry | None = None,
        max_calls: int | None = None,
    ) -> None:
        self.clock = clock
        self.max_calls = max_calls
        self.me: dict[str, Any] = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.users: dict[int, SandboxUser] = {}
        self.chats: dict[int, ChatState] = {}
        self.files = FileStore()
        self.updates = UpdateHub(self._webhook_reply, self._touch, webhook_retry)
        self.calls: list[BotCall] = []
        self.on_call: list[CallHook] = []
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.inline_queries: dict[str, InlineQueryRecord] = {}
        self.inline_messages: dict[str, dict[str, Any]] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.bot_texts: dict[tuple[str, str], str] = {}
        self._limits = limits or SandboxLimits()
        self.limiter = RateLimiter(self._limits, clock)
        self._seq = 0
        self._calls_offset = 0
        self._user_ids = itertools.count(1001)
        self._query_ids = itertools.count(1)
        self._call_waiters: list[tuple[CallPredicate, asyncio.Future[BotCall]]] = []
        self._message_waiters: list[
            tuple[int, MessagePredicate | None, asyncio.Future[SentMessage]]
        ] = []
        self._hook_tasks: set[asyncio.Task[Any]] = set()
        self._last_activity = time.monotonic()

    # --- configuration -------------------------------------------------------------------

    @property
    def limits(self) -> SandboxLimits:
        return self._limits

    @limits.setter
    def limits(self, value: SandboxLimits) -> None:
        """Replacing the limits also forgets the buckets, like a fresh Telegram session."""
        self._limits = value
        self.limiter = RateLimiter(value, self.clock)

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        return self.updates.deliveries

    # --- the Bot API ---------------------------------------------------------------------

    async def call(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, UploadedFile] | None = None,
    ) -> Any:
        """Execute one Bot API method; returns its ``result`` or raises :class:`ApiError`."""
        found = lookup(method)
        name = found[0] if found else method
        try:
            if found is None:
                raise ApiError(404, "Not Found")
            outcome = found[1](self, Params(params, files))
            result = await outcome if inspect.isawaitable(outcome) else outcome
        except ApiError as exc:
            self._record(name, params, exc.status, None, exc.description, files)
            raise
        except Exception as exc:
            self._record(name, params, 500, None, f"Internal Server Error: {exc!r}", files)
            raise
        # A cancelled call (the client went away mid long-poll) got no answer: not logged.
        self._record(name, params, 200, result, None, files)
        return result

    async def handle(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, UploadedFile] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """``call`` wrapped into Telegram's response envelope: (HTTP status, JSON body)."""
        try:
            result = await self.call(method, params, files)
        except ApiError as exc:
            return exc.status, exc.payload()
        except Exception:
            # A sandbox bug must look like a Telegram outage to the bot, not hang it.
            log.exception("sandbox failed on %s", method)
            return 500, ApiError(500, "Internal Server Error").payload()
        return 200, {"ok": True, "result": result}

    async def _webhook_reply(
        self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        return await self.call(method, params, files)

    def _record(
        self,
        method: str,
        params: dict[str, Any],
        status: int,
        result: Any,
        error: str | None,
        files: dict[str, UploadedFile] | None,
    ) -> None:
        entry = BotCall(
            seq=self._seq,
            method=method,
            params=params,
            ok=error is None,
            time=self.clock(),
            status=status,
            result=result,
            error=error,
            files=tuple(files) if files else (),
        )
        self._seq += 1
        self.calls.append(entry)
        if self.max_calls is not None and len(self.calls) > self.max_calls:
            drop = len(self.calls) // 2
            del self.calls[:drop]
            self._calls_offset += drop
        if method not in _PASSIVE_METHODS:
            self._touch()
        if self._call_waiters:
            for predicate, future in list(self._call_waiters):
                if not future.done() and _safe(predicate, entry):
                    future.set_result(entry)
        for hook in self.on_call:
            self._run_hook(hook, entry)

    def _run_hook(self, hook: CallHook, entry: BotCall) -> None:
        try:
            outcome = hook(entry)
        except Exception:
            log.exception("sandbox on_call hook failed")
            return
        if inspect.isawaitable(outcome):
            task = asyncio.ensure_future(outcome)
            self._hook_tasks.add(task)
            task.add_done_callback(self._hook_done)

    def _hook_done(self, task: asyncio.Task[Any]) -> None:
        self._hook_tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("sandbox on_call hook failed", exc_info=task.exception())

    def _touch(self) -> None:
        self._last_activity = time.monotonic()

    # --- helpers for method handlers -----------------------------------------------------

    def recipient(self, chat_id: int) -> ChatState:
        """The chat a bot may write to, or Telegram's error for why it may not."""
        chat = self.chats.get(chat_id)
        user = chat.user if chat else self.users.get(chat_id)
        if user is None or not user.started:
            raise bad_request(CHAT_NOT_FOUND)
        if user.deactivated:
            raise forbidden("user is deactivated")
        if user.blocked_bot:
            raise forbidden("bot was blocked by the user")
        return chat if chat is not None else self._chat(user)

    def _chat(self, user: SandboxUser) -> ChatState:
        chat = self.chats.get(user.id)
        if chat is None:
            chat = self.chats[user.id] = ChatState(user)
        return chat

    def add_message(self, chat: ChatState, message: SentMessage) -> SentMessage:
        """Give ``message`` the chat's next id and store it; notifies waiters for bot ones."""
        message.message_id = chat.next_message_id
        chat.next_message_id += 1
        chat.messages[message.message_id] = message
        if message.from_bot:
            markup = message.reply_markup or {}
            if "keyboard" in markup:
                chat.reply_keyboard = message.reply_keyboard
            elif markup.get("remove_keyboard"):
                chat.reply_keyboard = None
            self.message_changed(message)
        return message

    def message_changed(self, message: SentMessage) -> None:
        """A bot message appeared or was edited: wake ``wait_for_message`` callers."""
        if not self._message_waiters:
            return
        for chat_id, predicate, future in list(self._message_waiters):
            if (
                chat_id == message.chat_id
                and not future.done()
                and (predicate is None or _safe(predicate, message))
            ):
                future.set_result(message)

    def find_message(self, chat_id: int, message_id: int) -> SentMessage | None:
        chat = self.chats.get(chat_id)
        message = chat.messages.get(message_id) if chat else None
        return None if message is None or message.deleted else message

    def message_api(self, message: SentMessage, *, nested: bool = True) -> dict[str, Any]:
        """The Bot API ``Message`` object for ``message`` as it is now."""
        user = self.chats[message.chat_id].user
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "from": self.me if message.from_bot else user.api(),
            "chat": user.chat(),
            "date": message.date,
        }
        text_key, entities_key = "text", "entities"
        if message.kind == "photo" and message.file is not None:
            data["photo"] = [message.file.photo_size()]
            text_key, entities_key = "caption", "caption_entities"
        elif message.kind == "document" and message.file is not None:
            data["document"] = message.file.document()
            text_key, entities_key = "caption", "caption_entities"
        elif message.kind == "location" and message.location is not None:
            data["location"] = {
                "latitude": message.location[0],
                "longitude": message.location[1],
            }
        if message.text or message.kind == "text":
            data[text_key] = message.text
            if message.entities:
                data[entities_key] = list(message.entities)
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.protect_content:
            data["has_protected_content"] = True
        if message.forward_origin is not None:
            data["forward_origin"] = message.forward_origin
        if message.media_group_id is not None:
            data["media_group_id"] = message.media_group_id
        if nested and message.reply_to_message_id is not None:
            replied = self.find_message(message.chat_id, message.reply_to_message_id)
            if replied is not None:
                data["reply_to_message"] = self.message_api(replied, nested=False)
        return data

    # --- users and what their Telegram client does ---------------------------------------

    def add_user(
        self,
        user_id: int | None = None,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        started: bool = False,
        is_premium: bool = False,
    ) -> SandboxUser:
        """Create a Telegram account. ``started=True``: it already opened the bot."""
        if user_id is None:
            user_id = next(self._user_ids)
            while user_id in self.users:
                user_id = next(self._user_ids)
        if user_id in self.users:
            raise ValueError(f"sandbox user {user_id} already exists")
        if user_id <= 0 or user_id == BOT_ID:
            raise ValueError("sandbox users need a positive id different from the bot's")
        user = SandboxUser(
            id=user_id,
            first_name=first_name or f"User{user_id}",
            last_name=last_name,
            username=username,
            language_code=language_code,
            started=started,
            is_premium=is_premium,
        )
        self.users[user_id] = user
        self._chat(user)
        return user

    def user(self, user_id: int) -> SandboxUser:
        try:
            return self.users[user_id]
        except KeyError:
            raise KeyError(f"unknown sandbox user {user_id}; call add_user() first") from None

    def _acting_user(self, user_id: int) -> tuple[SandboxUser, ChatState]:
        user = self.user(user_id)
        if user.deactivated:
            raise ValueError(f"sandbox user {user_id} is deactivated and cannot act")
        if user.blocked_bot:
            self.unblock(user_id)
        user.started = True
        return user, self._chat(user)

    def _user_message(self, user_id: int, **fields: Any) -> SentMessage:
        user, chat = self._acting_user(user_id)
        reply_to = fields.get("reply_to_message_id")
        if reply_to is not None and self.find_message(chat.user.id, reply_to) is None:
            raise ValueError(f"message {reply_to} does not exist in chat {user_id}")
        message = self.add_message(
            chat,
            SentMessage(message_id=0, chat_id=user.id, from_bot=False, date=_now(), **fields),
        )
        self.limiter.grant_reply_credit(user.id)
        self._touch()
        self.updates.push("message", self.message_api(message), user.id)
        return message

    def send_text(self, user_id: int, text: str, *, reply_to: int | None = None) -> SentMessage:
        """The user types ``text``; a leading ``/command`` gets its bot_command entity."""
        entities: tuple[dict[str, Any], ...] = ()
        if text.startswith("/") and len(text) > 1:
            command = text.split(maxsplit=1)[0]
            entities = ({"type": "bot_command", "offset": 0, "length": utf16_len(command)},)
        return self._user_message(
            user_id, text=text, html=text, entities=entities, reply_to_message_id=reply_to
        )

    def send_photo(self, user_id: int, data: bytes, caption: str | None = None) -> SentMessage:
        stored = self.files.add(data, "photo")
        return self._user_message(
            user_id, kind="photo", file=stored, text=caption or "", html=caption or ""
        )

    def send_document(
        self,
        user_id: int,
        data: bytes,
        file_name: str,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> SentMessage:
        stored = self.files.add(data, "document", file_name, mime_type)
        return self._user_message(
            user_id, kind="document", file=stored, text=caption or "", html=caption or ""
        )

    def send_location(self, user_id: int, latitude: float, longitude: float) -> SentMessage:
        return self._user_message(user_id, kind="location", location=(latitude, longitude))

    def press(self, user_id: int, message_id: int, callback_data: str) -> str:
        """Press the inline button carrying ``callback_data``; returns the query id."""
        message = self.find_message(user_id, message_id)
        if message is None or not message.from_bot:
            raise ValueError(f"no bot message {message_id} in chat {user_id}")
        if not any(b.callback_data == callback_data for row in message.buttons for b in row):
            labels = [(b.text, b.callback_data) for row in message.buttons for b in row]
            raise ValueError(
                f"message {message_id} has no button with callback_data {callback_data!r}; "
                f"buttons: {labels}"
            )
        user, _ = self._acting_user(user_id)
        query_id = f"{user_id}{next(self._query_ids):010d}"
        self.callback_queries[query_id] = CallbackQueryRecord(
            query_id, user_id, message_id, callback_data
        )
        self.limiter.grant_reply_credit(user_id)
        self._touch()
        payload = {
            "id": query_id,
            "from": user.api(),
            "message": self.message_api(message),
            "chat_instance": str(-(user_id * 7919 % 10**12)),
            "data": callback_data,
        }
        self.updates.push("callback_query", payload, user_id)
        return query_id

    def press_button(
        self, user_id: int, text_or_index: str | int, message_id: int | None = None
    ) -> str:
        """Press a button by label (exact, else unique case-insensitive substring) or by
        1-based position, on ``message_id`` or the latest bot message with a keyboard."""
        message = self._keyboard_message(user_id, message_id)
        buttons = [button for row in message.buttons for button in row]
        if isinstance(text_or_index, int):
            if not 1 <= text_or_index <= len(buttons):
                raise ValueError(f"button #{text_or_index} does not exist: {buttons}")
            chosen = buttons[text_or_index - 1]
        else:
            exact = [b for b in buttons if b.text == text_or_index]
            loose = [b for b in buttons if text_or_index.lower() in b.text.lower()]
            matches = exact or loose
            if len(matches) != 1:
                found = "no" if not matches else "several"
                raise ValueError(
                    f"{found} buttons match {text_or_index!r}: {[b.text for b in buttons]}"
                )
            chosen = matches[0]
        if chosen.callback_data is None:
            raise ValueError(f"button {chosen.text!r} has no callback_data (url={chosen.url})")
        return self.press(user_id, message.message_id, chosen.callback_data)

    def _keyboard_message(self, user_id: int, message_id: int | None) -> SentMessage:
        if message_id is not None:
            message = self.find_message(user_id, message_id)
            if message is None or not message.buttons:
                raise ValueError(f"bot message {message_id} has no inline keyboard")
            return message
        for message in reversed(self.messages_to(user_id)):
            if not message.deleted and message.buttons:
                return message
        raise ValueError(f"no bot message with an inline keyboard in chat {user_id}")

    def inline_query(self, user_id: int, query: str, offset: str = "") -> str:
        """The user types ``@bot query`` in some chat; returns the inline query id."""
        user = self.user(user_id)
        query_id = f"{user_id}{next(self._query_ids):010d}"
        self.inline_queries[query_id] = InlineQueryRecord(query_id, user_id, query)
        self._touch()
        payload = {
            "id": query_id,
            "from": user.api(),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        self.updates.push("inline_query", payload, user_id)
        return query_id

    def chosen_inline_result(self, user_id: int, query_id: str, result_id: str) -> str | None:
        """The user picks a result of an answered inline query; returns the
        inline_message_id when the result has an inline keyboard (as Telegram does)."""
        record = self.inline_queries.get(query_id)
        if record is None or record.results is None:
            raise ValueError(f"inline query {query_id} was not answered")
        result = next((r for r in record.results if str(r.get("id")) == result_id), None)
        if result is None:
            raise ValueError(f"inline query {query_id} has no result {result_id!r}")
        payload: dict[str, Any] = {
            "result_id": result_id,
            "from": self.user(user_id).api(),
            "query": record.query,
        }
        inline_id = None
        if result.get("reply_markup"):
            inline_id = f"sbx-inline-{query_id}-{result_id}"
            self.inline_messages[inline_id] = {
                "result": result,
                "reply_markup": result["reply_markup"],
            }
            payload["inline_message_id"] = inline_id
        self._touch()
        self.updates.push("chosen_inline_result", payload, user_id)
        return inline_id

    def block(self, user_id: int) -> None:
        """The user blocks the bot: 403 on sends and a my_chat_member update (kicked)."""
        user = self.user(user_id)
        if user.blocked_bot:
            return
        user.blocked_bot = True
        self._member_update(user, "member", "kicked")

    def unblock(self, user_id: int) -> None:
        """The user presses "Restart": sends work again and the bot hears about it."""
        user = self.user(user_id)
        if not user.blocked_bot:
            return
        user.blocked_bot = False
        self._member_update(user, "kicked", "member")

    def deactivate(self, user_id: int) -> None:
        """The account is deleted: sends fail with 403 ``user is deactivated``."""
        self.user(user_id).deactivated = True

    def _member_update(self, user: SandboxUser, old: str, new: str) -> None:
        def member(status: str) -> dict[str, Any]:
            data: dict[str, Any] = {"status": status, "user": self.me}
            if status == "kicked":
                data["until_date"] = 0
            return data

        payload = {
            "chat": user.chat(),
            "from": user.api(),
            "date": _now(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        self._touch()
        self.updates.push("my_chat_member", payload, user.id)

    # --- observation ---------------------------------------------------------------------

    def messages_to(self, user_id: int) -> list[SentMessage]:
        """Bot messages in the chat with ``user_id``, oldest first, deleted ones flagged."""
        chat = self.chats.get(user_id)
        if chat is None:
            return []
        return [m for m in chat.messages.values() if m.from_bot]

    def last_message(self, user_id: int) -> SentMessage | None:
        """The newest bot message still visible in the chat."""
        chat = self.chats.get(user_id)
        if chat is None:
            return None
        for message in reversed(chat.messages.values()):
            if message.from_bot and not message.deleted:
                return message
        return None

    def reply_keyboard(self, user_id: int) -> list[list[str]] | None:
        """The reply keyboard the user currently sees, if any."""
        chat = self.chats.get(user_id)
        return chat.reply_keyboard if chat else None

    def calls_since(self, seq: int) -> list[BotCall]:
        """Calls with ``seq`` >= the given one still in the log."""
        return self.calls[max(0, seq - self._calls_offset) :]

    @property
    def next_seq(self) -> int:
        """Sequence number the next call will get; pass to ``wait_for_call(since=...)``."""
        return self._seq

    def reset_calls(self) -> None:
        self._calls_offset = self._seq
        self.calls.clear()

    def stored_file(self, file_id: str) -> StoredFile | None:
        return self.files.by_id.get(file_id)

    def commands_for(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """Commands stored by setMyCommands for exactly this scope and language."""
        from bot.sandbox.api_bot import scope_key

        return self.commands.get((scope_key(scope), language_code), [])

    async def wait_for_call(
        self,
        predicate: CallPredicate,
        timeout: float = 5.0,  # noqa: ASYNC109 - a plain number reads best in tests
        *,
        since: int | None = None,
    ) -> BotCall:
        """The first call matching ``predicate`` made from now on (or from ``since``)."""
        if since is not None:
            for entry in self.calls_since(since):
                if _safe(predicate, entry):
                    return entry
        future: asyncio.Future[BotCall] = asyncio.get_running_loop().create_future()
        waiter = (predicate, future)
        self._call_waiters.append(waiter)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            recent = [f"{c.method}({c.error or 'ok'})" for c in self.calls[-10:]]
            raise TimeoutError(
                f"no matching Bot API call within {timeout}s; last calls: {recent}"
            ) from None
        finally:
            self._call_waiters.remove(waiter)

    async def wait_for_message(
        self,
        user_id: int,
        predicate: MessagePredicate | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> SentMessage:
        """The next bot message sent to, or edited in, the chat with ``user_id``."""
        future: asyncio.Future[SentMessage] = asyncio.get_running_loop().create_future()
        waiter = (user_id, predicate, future)
        self._message_waiters.append(waiter)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            last = self.last_message(user_id)
            raise TimeoutError(
                f"no new bot message for {user_id} within {timeout}s; "
                f"last: {last.text if last else None!r}"
            ) from None
        finally:
            self._message_waiters.remove(waiter)

    async def settle(self, quiet: float = 0.2, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until every update was handed to the bot and it made no call for ``quiet`` s.

        A heuristic, like a human waiting for the bot to stop typing: pick ``quiet``
        longer than the bot's slowest think time between receiving and answering.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            idle = time.monotonic() - self._last_activity
            if idle >= quiet and self.updates.undelivered == 0:
                return
            if loop.time() >= deadline:
                raise TimeoutError(
                    f"bot did not settle within {timeout}s "
                    f"(undelivered updates: {self.updates.undelivered})"
                )
            await asyncio.sleep(max(0.005, min(quiet - idle, deadline - loop.time(), 0.05)))

    async def close(self) -> None:
        """Stop webhook delivery and wake pollers; the recorded state stays readable."""
        await self.updates.close()
        for task in list(self._hook_tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def __aenter__(self) -> FakeTelegram:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


def _now() -> int:
    return int(time.time())


def _safe(predicate: Callable[[Any], bool], value: Any) -> bool:
    try:
        return bool(predicate(value))
    except Exception:
        log.exception("sandbox waiter predicate failed")
        return False
