"""The real `popsbot run` process against the sandbox Bot API over HTTP on loopback."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox import SANDBOX_TOKEN, FakeTelegram, SandboxServer

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class BotProcess:
    """One `python -m bot run ...` child, with its log kept for failure reports."""

    def __init__(self, fake: FakeTelegram, env: dict[str, str], workdir: Path) -> None:
        self.fake = fake
        self.env = env
        self.workdir = workdir
        self.proc: asyncio.subprocess.Process | None = None
        self.log = workdir / "bot.log"
        self.starts = 0

    async def start(self, *args: str, ready_method: str = "deleteWebhook") -> None:
        self.starts += 1
        seq = self.fake.next_seq
        with self.log.open("a") as log:
            log.write(f"\n===== start #{self.starts}: run {' '.join(args)}\n")
            log.flush()
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", *args,
                cwd=self.workdir, env=self.env, stdout=log, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
        try:
            await self.fake.wait_for_call(lambda c: c.method == ready_method, 30, since=seq)
        except TimeoutError:
            raise AssertionError(f"bot did not start:\n{self.log.read_text()[-4000:]}") from None

    async def stop(self, sig: int = signal.SIGTERM) -> int:
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(sig)
            await asyncio.wait_for(self.proc.wait(), 30)
        return int(self.proc.returncode or 0)


@pytest.fixture
async def sandbox() -> AsyncIterator[tuple[FakeTelegram, SandboxServer]]:
    fake = FakeTelegram()
    server = SandboxServer(fake, host="127.0.0.1", port=0)
    await server.start()
    yield fake, server
    await server.stop()
    await fake.close()


@pytest.fixture
async def bot_process(
    sandbox: tuple[FakeTelegram, SandboxServer], tmp_path: Path
) -> AsyncIterator[BotProcess]:
    fake, server = sandbox
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(REPO),
        "BOT_TOKEN": SANDBOX_TOKEN,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        "ADMIN_IDS": "1",
        "LOG_LEVEL": "INFO",
    }
    process = BotProcess(fake, env, tmp_path)
    yield process
    if process.proc is not None and process.proc.returncode is None:
        await process.stop(signal.SIGKILL)
