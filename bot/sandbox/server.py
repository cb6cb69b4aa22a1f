"""HTTP front end: the Bot API and file downloads over loopback for a real bot process.

The server does no Telegram logic of its own; it decodes bodies and hands them to
``FakeTelegram.call`` so the in-process session and the HTTP path behave identically.
"""

from __future__ import annotations

import json
import re
from ipaddress import ip_address
from types import TracebackType

from aiohttp import web

from bot.sandbox.errors import ApiError
from bot.sandbox.state import FakeTelegram
from bot.sandbox.wire import read_request

_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
MAX_BODY = 60 * 1024 * 1024
_LOOPBACK_NAMES = ("localhost",)


def _check_loopback(host: str) -> None:
    if host in _LOOPBACK_NAMES:
        return
    try:
        loopback = ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"the sandbox binds loopback addresses only, not {host!r}")


def _json(status: int, body: dict[str, object]) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        content_type="application/json",
    )


class SandboxServer:
    """aiohttp server exposing ``fake`` at ``{base_url}/bot<token>/<method>``."""

    def __init__(
        self,
        fake: FakeTelegram,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str | None = None,
    ) -> None:
        _check_loopback(host)
        self.fake = fake
        self.host = host
        self.token = token
        self._requested_port = port
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self.app = web.Application(client_max_size=MAX_BODY)
        self.app.router.add_route("*", "/bot{token}/{method}", self._api)
        self.app.router.add_get("/file/bot{token}/{path:.*}", self._file)

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("SandboxServer is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """What TELEGRAM_API_BASE_URL / ``TelegramAPIServer.from_base`` expect."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def _token_error(self, token: str) -> ApiError | None:
        if not _TOKEN.match(token):
            return ApiError(404, "Not Found")
        if self.token is not None and token != self.token:
            return ApiError(401, "Unauthorized")
        return None

    async def _api(self, request: web.Request) -> web.Response:
        error = self._token_error(request.match_info["token"])
        if error is not None:
            return _json(error.status, error.payload())
        try:
            params, files = await read_request(request)
        except ApiError as exc:
            return _json(exc.status, exc.payload())
        status, body = await self.fake.handle(request.match_info["method"], params, files)
        return _json(status, body)

    async def _file(self, request: web.Request) -> web.Response:
        error = self._token_error(request.match_info["token"])
        if error is not None:
            return _json(error.status, error.payload())
        stored = self.fake.files.by_path.get(request.match_info["path"])
        if stored is None:
            return _json(404, ApiError(404, "Not Found").payload())
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("SandboxServer is already started")
        runner = web.AppRunner(
            self.app, access_log=None, handle_signals=False, shutdown_timeout=0.1
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self._requested_port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Stop serving (long polls are cut) and stop the fake's webhook delivery."""
        await self.fake.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()
