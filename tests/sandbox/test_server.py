"""The HTTP front end: tokens, encodings, loopback-only binding, the standalone entry point."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import aiohttp
import pytest

from bot.sandbox import SANDBOX_TOKEN, FakeTelegram, SandboxServer, SandboxUser


async def fetch(method: str, url: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as http, http.request(method, url, **kwargs) as response:
        return response.status, json.loads(await response.text())


async def test_token_shape_and_expected_token(fake: FakeTelegram) -> None:
    async with SandboxServer(fake, token=SANDBOX_TOKEN) as server:
        status, body = await fetch("GET", f"{server.base_url}/bot{SANDBOX_TOKEN}/getMe")
        assert status == 200
        assert body["result"]["username"] == "popsbot_sandbox_bot"
        status, body = await fetch("GET", f"{server.base_url}/bot123:other/getMe")
        assert (status, body) == (
            401,
            {"ok": False, "error_code": 401, "description": "Unauthorized"},
        )
        status, body = await fetch("GET", f"{server.base_url}/botnot-a-token/getMe")
        assert (status, body["description"]) == (404, "Not Found")


async def test_unknown_method_over_http(server: SandboxServer) -> None:
    status, body = await fetch("POST", f"{server.base_url}/bot1:x/sendTelepathy")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


@pytest.mark.parametrize("encoding", ["json", "form", "query", "multipart"])
async def test_every_body_encoding_is_understood(
    server: SandboxServer, fake: FakeTelegram, user: SandboxUser, encoding: str
) -> None:
    url = f"{server.base_url}/bot1:x/sendMessage"
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    fields = {
        "chat_id": str(user.id),
        "text": f"via {encoding}",
        "reply_markup": json.dumps(markup),
    }
    if encoding == "json":
        status, body = await fetch("POST", url, json={**fields, "reply_markup": markup})
    elif encoding == "form":
        status, body = await fetch("POST", url, data=fields)
    elif encoding == "query":
        status, body = await fetch("GET", url, params=fields)
    else:
        form = aiohttp.FormData()
        for key, value in fields.items():
            form.add_field(key, value)
        form.add_field("unused", b"bytes", filename="unused.bin")
        status, body = await fetch("POST", url, data=form)
    assert status == 200, body
    assert body["result"]["text"] == f"via {encoding}"
    assert fake.last_message(user.id).buttons[0][0].callback_data == "a"  # type: ignore[union-attr]


async def test_curl_style_upload_under_the_parameter_name(
    server: SandboxServer, fake: FakeTelegram, user: SandboxUser
) -> None:
    form = aiohttp.FormData()
    form.add_field("chat_id", str(user.id))
    form.add_field("document", b"%PDF-1.4 report", filename="report.pdf")
    status, body = await fetch("POST", f"{server.base_url}/bot1:x/sendDocument", data=form)
    assert status == 200
    assert body["result"]["document"]["mime_type"] == "application/pdf"
    file_id = body["result"]["document"]["file_id"]
    status, body = await fetch(
        "GET", f"{server.base_url}/bot1:x/getFile", params={"file_id": file_id}
    )
    download = f"{server.base_url}/file/bot1:x/{body['result']['file_path']}"
    async with aiohttp.ClientSession() as http, http.get(download) as got:
        assert await got.read() == b"%PDF-1.4 report"


async def test_bad_json_body(server: SandboxServer) -> None:
    status, body = await fetch(
        "POST",
        f"{server.base_url}/bot1:x/sendMessage",
        data=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert status == 400
    assert body["description"].startswith("Bad Request:")


def test_only_loopback_hosts_can_be_bound(fake: FakeTelegram) -> None:
    with pytest.raises(ValueError, match="loopback"):
        SandboxServer(fake, host="0.0.0.0")
    SandboxServer(fake, host="::1")
    SandboxServer(fake, host="localhost")


async def test_stop_cuts_a_pending_long_poll(fake: FakeTelegram) -> None:
    server = SandboxServer(fake)
    await server.start()
    poll = asyncio.create_task(fetch("GET", f"{server.base_url}/bot1:x/getUpdates?timeout=30"))
    await asyncio.sleep(0.1)
    await asyncio.wait_for(server.stop(), 3)
    status, body = await asyncio.wait_for(poll, 1)
    assert (status, body["result"]) == (200, [])


async def test_standalone_entry_point_prints_its_base_url() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.sandbox",
        "--port",
        "0",
        "--no-limits",
        stdout=asyncio.subprocess.PIPE,
        stdin=asyncio.subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 10)
        base_url = line.decode().strip()
        assert base_url.startswith("http://127.0.0.1:")
        status, body = await fetch("GET", f"{base_url}/bot{SANDBOX_TOKEN}/getMe")
        assert status == 200
        assert body["ok"] is True
    finally:
        process.terminate()
        await process.wait()
