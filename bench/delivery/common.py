"""What every delivery benchmark needs: a sandbox Bot API, a prepared database, and the real
`popsbot run` process as the sender.

The sandbox runs in the benchmark's own process (so it can count what arrived: duplicates,
429s, timing) and the bot in a child process, as in production; on a 2-core machine each
gets a core. Databases: a fresh SQLite file, or a fresh database on the PostgreSQL server of
TEST_POSTGRES_URL (dropped afterwards).
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.delivery import outbox  # noqa: E402
from bot.delivery.messages import OutboundMessage  # noqa: E402
from bot.sandbox import SANDBOX_TOKEN, FakeTelegram, SandboxServer  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import build_engine, build_sessionmaker  # noqa: E402
from db.models import User  # noqa: E402

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
MESSAGE = OutboundMessage(
    texts={
        "en": "<b>Reminder</b>: the regional POPs workshop starts tomorrow at 09:00.",
        "es": "<b>Recordatorio</b>: el taller regional sobre COP empieza mañana a las 09:00.",
    }
)
FIRST_USER = 10_000_000
SENDS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "sendLocation"})


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} CPUs, {cpu}, Python {platform.python_version()}, {date}"


@asynccontextmanager
async def database(kind: str) -> AsyncIterator[str]:
    """A fresh migrated database URL of `kind` (sqlite or postgres), removed afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{tmp}/bench.sqlite3"
            await asyncio.to_thread(migrate.upgrade, url)
            yield url
        return
    name = f"popsbot_bench_{uuid.uuid4().hex[:8]}"
    await _admin(f'CREATE DATABASE "{name}"')
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        yield url
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _admin(sql: str) -> None:
    engine = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(text(sql))
    await engine.dispose()


def user_ids(count: int) -> list[int]:
    return list(range(FIRST_USER, FIRST_USER + count))


async def seed(
    url: str,
    ids: Sequence[int],
    due: Sequence[datetime] | datetime,
    *,
    purpose: str = "broadcast:bench",
    message: OutboundMessage = MESSAGE,
) -> None:
    """Profiles for `ids` (half Spanish) and one queued message each, due at `due`."""
    await add_profiles(url, ids)
    engine = build_engine(url)
    async with build_sessionmaker(engine)() as session:
        if isinstance(due, datetime):
            await outbox.enqueue_many(
                session, purpose=purpose, recipient_ids=ids, message=message, due_at=due
            )
        else:
            for uid, at in zip(ids, due, strict=True):
                await outbox.enqueue(
                    session, purpose=f"{purpose}:{uid}", recipient_id=uid, message=message,
                    due_at=at,
                )  # fmt: skip
        await session.commit()
    await engine.dispose()


async def add_profiles(url: str, ids: Sequence[int]) -> None:
    engine = build_engine(url)
    async with build_sessionmaker(engine)() as session:
        for start in range(0, len(ids), 5000):
            rows = [
                {"id": uid, "first_name": "B", "language": "es" if uid % 2 else "en",
                 "timezone": "UTC"}
                for uid in ids[start : start + 5000]
            ]  # fmt: skip
            await session.execute(insert(User), rows)
        await session.commit()
    await engine.dispose()


def add_recipients(fake: FakeTelegram, ids: Sequence[int]) -> None:
    for uid in ids:
        fake.add_user(uid, "B", language_code="es" if uid % 2 else "en", started=True)


def sends(fake: FakeTelegram) -> list[tuple[float, int, bool, int]]:
    """(time, chat id, ok, status) of every send the sandbox answered."""
    return [
        (c.time, int(c.params.get("chat_id", 0)), c.ok, c.status)
        for c in fake.calls
        if c.method in SENDS
    ]


def delivered_counts(fake: FakeTelegram, ids: Sequence[int]) -> Counter[int]:
    """How many messages each recipient holds (0, 1, or more: duplicates)."""
    return Counter({uid: len(fake.messages_to(uid)) for uid in ids})


def _die_with_parent() -> None:
    """In the child: SIGKILL if the benchmark dies first (Linux prctl PR_SET_PDEATHSIG)."""
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)


class BotChild:
    """`python -m bot run` against the sandbox, with delivery settings from `env`."""

    def __init__(self, server: SandboxServer, url: str, workdir: Path, **env: str) -> None:
        self.env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(workdir),
            "PYTHONPATH": str(ROOT),
            "BOT_TOKEN": SANDBOX_TOKEN,
            "TELEGRAM_API_BASE_URL": server.base_url,
            "DATABASE_URL": url,
            "LOG_LEVEL": "WARNING",
            **env,
        }
        self.workdir = workdir
        self.proc: asyncio.subprocess.Process | None = None
        self.log = workdir / "bot.log"

    async def start(self) -> None:
        with self.log.open("a") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=self.workdir, env=self.env,
                stdout=log, stderr=asyncio.subprocess.STDOUT, preexec_fn=_die_with_parent,
            )  # fmt: skip

    async def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(sig)
            await self.proc.wait()

    def log_text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def rss_kib(self) -> int:
        assert self.proc is not None
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1])


async def wait_until(predicate: Callable[[], bool], within: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(step)
    return bool(predicate())
