"""Body decoding shared by the HTTP front end and webhook-reply handling.

Telegram takes the same parameters as query string, urlencoded form, multipart form or
JSON; webhook responses may carry a method call in any of those encodings too.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import BodyPartReader, MultipartReader, hdrs
from aiohttp.web import Request
from multidict import CIMultiDictProxy, MultiDictProxy

from bot.sandbox.errors import bad_request
from bot.sandbox.models import UploadedFile

Decoded = tuple[dict[str, Any], dict[str, UploadedFile]]


async def read_request(request: Request) -> Decoded:
    """Parameters of an API request: query string merged with the body."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if not request.body_exists:
        return params, files
    ctype = request.content_type
    if ctype == "application/json":
        body = await request.read()
        if body.strip():
            params.update(decode_json_object(body))
    elif ctype.startswith("multipart/"):
        more, files = await read_multipart(await request.multipart())
        params.update(more)
    else:
        form: MultiDictProxy[Any] = await request.post()
        params.update({key: value for key, value in form.items() if isinstance(value, str)})
    return params, files


def decode_json_object(body: bytes | str) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError:
        raise bad_request("can't parse JSON request body") from None
    if not isinstance(data, dict):
        raise bad_request("JSON request body must be an object")
    return data


async def read_multipart(reader: MultipartReader) -> Decoded:
    """Text parts become parameters, parts with a filename become uploads."""
    params: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    while True:
        part = await reader.next()
        if part is None:
            break
        if not isinstance(part, BodyPartReader) or not part.name:
            continue
        if part.filename is not None:
            data = bytes(await part.read(decode=False))
            files[part.name] = UploadedFile(
                data=data,
                filename=part.filename,
                content_type=part.headers.get(hdrs.CONTENT_TYPE),
            )
        else:
            params[part.name] = await part.text()
    return params, files


async def read_reply_body(
    headers: CIMultiDictProxy[str], content: Any, body_reader: Any
) -> Decoded | None:
    """A webhook response carrying a method call, or None when it carries nothing."""
    ctype = headers.get(hdrs.CONTENT_TYPE, "").split(";")[0].strip().lower()
    if ctype.startswith("multipart/"):
        return await read_multipart(MultipartReader(headers, content))
    raw = await body_reader()
    if not raw.strip():
        return None
    if ctype == "application/json":
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        return (data, {}) if isinstance(data, dict) else None
    if ctype == "application/x-www-form-urlencoded":
        from urllib.parse import parse_qsl

        return dict(parse_qsl(raw.decode("utf-8", "replace"))), {}
    return None
