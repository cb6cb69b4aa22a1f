"""Update delivery: the getUpdates queue and webhook pushes, with Telegram's semantics.

Polling: updates wait until confirmed with ``offset``; a long poll wakes as soon as one
arrives; a second concurrent poll terminates the first with 409 like Telegram does.
Webhook: updates are POSTed per chat in order (one lane per chat, lanes in parallel up to
``max_connections``), retried with a short backoff on non-2xx or connection errors, and
every attempt is recorded so tests can assert on retries.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.sandbox.errors import POLL_CONFLICT, WEBHOOK_ACTIVE, ApiError, bad_request
from bot.sandbox.models import UploadedFile
from bot.sandbox.wire import read_reply_body

log = logging.getLogger(__name__)

ALL_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
DEFAULT_UPDATE_TYPES = ALL_UPDATE_TYPES - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}
ReplyHandler = Callable[[str, dict[str, Any], dict[str, UploadedFile]], Awaitable[Any]]


@dataclass(slots=True)
class WebhookDelivery:
    """One POST attempt of one update; ``status`` is None on a connection error."""

    update_id: int
    attempt: int
    url: str
    status: int | None
    error: str | None
    time: float

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass(slots=True)
class WebhookConfig:
    url: str
    secret_token: str | None
    max_connections: int
    allowed_updates: list[str] | None


@dataclass(frozen=True, slots=True)
class WebhookRetry:
    """Backoff between attempts (last value repeats) and the attempts before dropping."""

    delays: tuple[float, ...] = (0.05, 0.1, 0.25, 0.5, 1.0)
    max_attempts: int = 10
    timeout: float = 10.0


def check_webhook_url(url: str) -> None:
    """The sandbox only ever connects to loopback: refuse any other webhook host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_request("bad webhook: Webhook URL is invalid")
    host = parts.hostname
    if host == "localhost":
        return
    try:
        loopback = ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise bad_request("bad webhook: the sandbox delivers webhooks to loopback addresses only")


class UpdateHub:
    """Owns update ids, the pending queue, long-poll waiters and webhook lanes."""

    def __init__(
        self,
        reply_handler: ReplyHandler,
        on_activity: Callable[[], None],
        retry: WebhookRetry | None = None,
    ) -> None:
        self.retry = retry or WebhookRetry()
        self.webhook: WebhookConfig | None = None
        self.deliveries: list[WebhookDelivery] = []
        self.last_error: tuple[int, str] | None = None
        self._reply_handler = reply_handler
        self._on_activity = on_activity
        self._next_id = 1
        self._pending: deque[dict[str, Any]] = deque()
        self._handed_out = 0
        self._allowed = DEFAULT_UPDATE_TYPES
        self._allowed_list: list[str] | None = None
        self._poller: asyncio.Future[None] | None = None
        self._lanes: dict[int, deque[dict[str, Any]]] = {}
        self._lane_tasks: dict[int, asyncio.Task[None]] = {}
        self._in_flight = 0
        self._semaphore = asyncio.Semaphore(40)
        self._http: aiohttp.ClientSession | None = None

    # --- producing -----------------------------------------------------------------------

    def push(self, kind: str, payload: dict[str, Any], lane: int) -> int | None:
        """Queue an update; returns its id, or None when ``allowed_updates`` excludes it."""
        if kind not in self._allowed:
            return None
        update_id = self._next_id
        self._next_id += 1
        update = {"update_id": update_id, kind: payload}
        if self.webhook is not None:
            self._lanes.setdefault(lane, deque()).append(update)
            if lane not in self._lane_tasks:
                self._lane_tasks[lane] = asyncio.get_running_loop().create_task(
                    self._run_lane(lane), name=f"sandbox-webhook-lane-{lane}"
                )
        else:
            self._pending.append(update)
            if self._poller is not None and not self._poller.done():
                self._poller.set_result(None)
        return update_id

    @property
    def undelivered(self) -> int:
        """Updates the bot has not been handed yet (used by ``settle``)."""
        lanes = sum(len(lane) for lane in self._lanes.values())
        if not self._pending:
            return lanes
        newest = self._pending[-1]["update_id"]
        oldest = self._pending[0]["update_id"]
        return lanes + max(0, newest - max(self._handed_out, oldest - 1))

    @property
    def pending_count(self) -> int:
        return len(self._pending) + sum(len(lane) for lane in self._lanes.values())

    # --- polling -------------------------------------------------------------------------

    def _set_allowed(self, allowed: list[str] | None) -> None:
        if allowed is None:
            return
        self._allowed_list = list(allowed)
        self._allowed = frozenset(allowed) & ALL_UPDATE_TYPES if allowed else DEFAULT_UPDATE_TYPES

    async def get_updates(
        self, offset: int | None, limit: int, wait: float, allowed: list[str] | None
    ) -> list[dict[str, Any]]:
        """Telegram's getUpdates: confirm up to ``offset``, long-poll up to ``wait`` s."""
        if self.webhook is not None:
            raise ApiError(409, WEBHOOK_ACTIVE)
        self._set_allowed(allowed)
        self._confirm(offset)
        if not self._pending and wait > 0:
            await self._wait(wait)
            if self.webhook is not None:
                raise ApiError(409, WEBHOOK_ACTIVE)
        batch = [self._pending[i] for i in range(min(limit, len(self._pending)))]
        if batch:
            self._handed_out = max(self._handed_out, batch[-1]["update_id"])
            self._on_activity()
        return batch

    def _confirm(self, offset: int | None) -> None:
        if offset is None or offset == 0:
            return
        pending = self._pending
        if offset > 0:
            while pending and pending[0]["update_id"] < offset:
                pending.popleft()
        else:
            while len(pending) > -offset:
                pending.popleft()

    async def _wait(self, wait: float) -> None:
        previous = self._poller
        if previous is not None and not previous.done():
            previous.set_exception(ApiError(409, POLL_CONFLICT))
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._poller = waiter
        try:
            await asyncio.wait_for(waiter, wait)
        except TimeoutError:
            pass
        finally:
            if self._poller is waiter:
                self._poller = None

    def _wake_poller(self) -> None:
        if self._poller is not None and not self._poller.done():
            self._poller.set_result(None)

    # --- webhook -------------------------------------------------------------------------

    def set_webhook(
        self,
        url: str,
        secret_token: str | None,
        max_connections: int,
        allowed: list[str] | None,
        drop_pending: bool,
    ) -> None:
        check_webhook_url(url)
        self._set_allowed(allowed)
        if drop_pending:
            self._drop_all()
        was_polling = self.webhook is None
        self.webhook = WebhookConfig(url, secret_token, max_connections, self._allowed_list)
        self._semaphore = asyncio.Semaphore(max_connections)
        self._wake_poller()
        if was_polling:
            waiting = list(self._pending)
            self._pending.clear()
            for update in waiting:
                self._requeue_to_lane(update)

    def _requeue_to_lane(self, update: dict[str, Any]) -> None:
        lane = _lane_of(update)
        self._lanes.setdefault(lane, deque()).append(update)
        if lane not in self._lane_tasks:
            self._lane_tasks[lane] = asyncio.get_running_loop().create_task(self._run_lane(lane))

    async def delete_webhook(self, drop_pending: bool) -> None:
        if self.webhook is None:
            if drop_pending:
                self._drop_all()
            return
        self.webhook = None
        await self._cancel_lanes()
        if drop_pending:
            self._drop_all()

    def _drop_all(self) -> None:
        self._pending.clear()
        for lane in self._lanes.values():
            lane.clear()

    async def _cancel_lanes(self) -> None:
        current = asyncio.current_task()
        tasks = [task for task in self._lane_tasks.values() if task is not current]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._lane_tasks.clear()
        leftovers = [update for lane in self._lanes.values() for update in lane]
        self._lanes.clear()
        leftovers.sort(key=lambda update: update["update_id"])
        self._pending.extend(leftovers)

    def webhook_info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook.url if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": self.pending_count,
        }
        if self.webhook is not None:
            info["max_connections"] = self.webhook.max_connections
            info["ip_address"] = "127.0.0.1"
            if self.webhook.allowed_updates:
                info["allowed_updates"] = self.webhook.allowed_updates
        if self.last_error is not None:
            info["last_error_date"], info["last_error_message"] = self.last_error
        return info

    async def _run_lane(self, lane: int) -> None:
        queue = self._lanes.get(lane)
        try:
            while queue:
                update = queue[0]
                async with self._semaphore:
                    settled = await self._deliver(update)
                if not settled:
                    break
                if queue and queue[0] is update:
                    queue.popleft()
        finally:
            if self._lane_tasks.get(lane) is asyncio.current_task():
                del self._lane_tasks[lane]
                if not queue:
                    self._lanes.pop(lane, None)

    async def _deliver(self, update: dict[str, Any]) -> bool:
        """True once delivered or given up on; False if the webhook went away meanwhile."""
        retry = self.retry
        for attempt in range(1, retry.max_attempts + 1):
            config = self.webhook
            if config is None:
                return False
            status, error = await self._post(config, update)
            self.deliveries.append(
                WebhookDelivery(
                    update["update_id"], attempt, config.url, status, error, time.monotonic()
                )
            )
            if status is not None and 200 <= status < 300:
                self._on_activity()
                return True
            self.last_error = (int(time.time()), error or f"Wrong response: {status}")
            delay = retry.delays[min(attempt - 1, len(retry.delays) - 1)] if retry.delays else 0
            await asyncio.sleep(delay)
        log.warning(
            "sandbox: dropped update %s after %s attempts", update["update_id"], retry.max_attempts
        )
        return True

    async def _post(
        self, config: WebhookConfig, update: dict[str, Any]
    ) -> tuple[int | None, str | None]:
        headers = {"Content-Type": "application/json"}
        if config.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = config.secret_token
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession(trust_env=False)
        body = json.dumps(update, ensure_ascii=False).encode("utf-8")
        try:
            async with self._http.post(
                config.url,
                data=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.retry.timeout),
                allow_redirects=False,
            ) as response:
                status = response.status
                reply = None
                if 200 <= status < 300:
                    reply = await read_reply_body(
                        response.headers, response.content, response.read
                    )
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            return None, f"Connection failed: {type(exc).__name__}: {exc}"
        if reply is not None and reply[0].get("method"):
            params, files = reply
            method = str(params.pop("method"))
            with contextlib.suppress(ApiError):
                await self._reply_handler(method, params, files)
        return (
            status,
            None if 200 <= status < 300 else f"Wrong response from the webhook: {status}",
        )

    async def close(self) -> None:
        """Stop lanes, wake the poller and close the HTTP client; state stays inspectable."""
        await self._cancel_lanes()
        self._wake_poller()
        if self._http is not None:
            await self._http.close()
            self._http = None


def _lane_of(update: dict[str, Any]) -> int:
    for key, value in update.items():
        if key == "update_id" or not isinstance(value, dict):
            continue
        chat = value.get("chat") or (value.get("message") or {}).get("chat")
        if chat:
            return int(chat["id"])
        sender = value.get("from")
        if sender:
            return int(sender["id"])
    return 0
