"""Why the sender posts Bot API JSON itself: sends/s through aiogram's `bot.send_message`
versus the same request as a plain JSON post, both on aiohttp, against the sandbox.

Run: python -m bench.delivery.transport [--count 10000] [--concurrency 64]
The sandbox (limits off) runs in a child process so that each side has a core; no database.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable

import aiohttp
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bench.delivery.common import ROOT, add_recipients, machine, user_ids
from bot.sandbox import SANDBOX_TOKEN, FakeTelegram, SandboxLimits, SandboxServer

TEXT = "<b>Reminder</b>: the regional POPs workshop starts tomorrow at 09:00."


async def serve(count: int) -> None:
    fake = FakeTelegram(max_calls=1000)
    fake.limits = SandboxLimits(enabled=False)
    add_recipients(fake, user_ids(count))
    async with SandboxServer(fake, host="127.0.0.1", port=0) as server:
        print(server.base_url, flush=True)
        await asyncio.Event().wait()


async def rate(send: Callable[[int], Awaitable[None]], count: int, concurrency: int) -> float:
    slots = asyncio.Semaphore(concurrency)

    async def one(chat_id: int) -> None:
        async with slots:
            await send(chat_id)

    started = time.perf_counter()
    await asyncio.gather(*(one(u) for u in user_ids(count)))
    return count / (time.perf_counter() - started)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--serve", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        await serve(args.serve)
        return
    print(machine())
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.delivery.transport", "--serve", str(args.count * 2),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None
    base = (await child.stdout.readline()).decode().strip()
    try:
        await compare(base, args.count, args.concurrency)
    finally:
        child.kill()
        await child.wait()


async def compare(base: str, count: int, concurrency: int) -> None:
    session = AiohttpSession()
    session.api = TelegramAPIServer.from_base(base)
    bot = Bot(SANDBOX_TOKEN, session=session)

    async def via_aiogram(chat_id: int) -> None:
        await bot.send_message(chat_id, TEXT, parse_mode="HTML")

    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))
    url = f"{base}/bot{SANDBOX_TOKEN}/sendMessage"

    async def via_json(chat_id: int) -> None:
        body = {"chat_id": chat_id + count, "text": TEXT, "parse_mode": "HTML"}
        async with http.post(url, json=body) as response:
            assert (await response.json())["ok"]

    try:
        print(f"aiogram bot.send_message: {await rate(via_aiogram, count, concurrency):.0f}/s")
        print(f"JSON post (aiohttp):      {await rate(via_json, count, concurrency):.0f}/s")
    finally:
        await http.close()
        await bot.session.close()


if __name__ == "__main__":
    asyncio.run(main())
