"""aiogram session that executes Bot API methods on a FakeTelegram in-process.

Handler tests get production behaviour without sockets: parameters are encoded exactly as
``AiohttpSession.build_form_data`` encodes them (objects as JSON text, files as
``attach://`` parts) and Telegram's JSON answer goes through ``check_response``, so the
same TelegramBadRequest / TelegramForbiddenError / TelegramRetryAfter surface.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any, cast

from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.methods.base import TelegramType
from aiohttp import ClientResponseError, RequestInfo
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from bot.sandbox.models import UploadedFile
from bot.sandbox.state import FakeTelegram

if TYPE_CHECKING:
    from aiogram.client.bot import Bot
    from aiogram.methods import TelegramMethod
    from aiogram.types import InputFile

# Never contacted: ``.invalid`` cannot resolve. Only used to build and parse file URLs.
SANDBOX_API = TelegramAPIServer.from_base("http://sandbox.invalid")
_FILE_MARKER = "/file/bot"


class SandboxSession(BaseSession):
    """The "recording fake session": every call lands in ``fake.calls``."""

    def __init__(self, fake: FakeTelegram, **kwargs: Any) -> None:
        kwargs.setdefault("api", SANDBOX_API)
        super().__init__(**kwargs)
        self.fake = fake

    async def build_params(
        self, bot: Bot, method: TelegramMethod[TelegramType]
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        """Same field selection and encoding as aiogram's multipart form."""
        params: dict[str, Any] = {}
        inputs: dict[str, InputFile] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=inputs)
            if not prepared:
                continue
            if isinstance(prepared, str) and type(prepared) is not str:
                # prepare_value passes str enums (ParseMode.HTML) through; the wire carries
                # their value, while str() would give "ParseMode.HTML" on Python 3.11.
                prepared = str.__str__(prepared)
            params[key] = prepared
        files: dict[str, UploadedFile] = {}
        for key, input_file in inputs.items():
            chunks = [chunk async for chunk in input_file.read(bot)]
            files[key] = UploadedFile(
                data=b"".join(chunks),
                filename=input_file.filename or key,
                content_type="application/octet-stream",
            )
        return params, files

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - aiogram interface
    ) -> TelegramType:
        params, files = await self.build_params(bot, method)
        status, body = await self.fake.handle(method.__api_method__, params, files)
        response = self.check_response(
            bot=bot, method=method, status_code=status, content=json.dumps(body)
        )
        return cast(TelegramType, response.result)

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - aiogram interface
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        path = ""
        marker = url.find(_FILE_MARKER)
        if marker >= 0:
            rest = url[marker + len(_FILE_MARKER) :]
            path = rest.split("/", 1)[1] if "/" in rest else ""
        stored = self.fake.files.by_path.get(path)
        if stored is None:
            if raise_for_status:
                raise ClientResponseError(
                    RequestInfo(URL(url), "GET", CIMultiDictProxy(CIMultiDict()), URL(url)),
                    (),
                    status=404,
                    message="Not Found",
                )
            return
        for start in range(0, len(stored.data), chunk_size):
            yield stored.data[start : start + chunk_size]

    async def close(self) -> None:
        """Nothing to release: the fake outlives sessions and is closed by its owner."""
