"""Scale-out: two real `popsbot run --webhook` processes behind a (simulated) load balancer,
on one PostgreSQL and one Redis. One conversation hops between them at every update, and a
broadcast queued in the database is drained by both, each message exactly once, with the
global rate shared through Redis (no 429 from the sandbox)."""

from __future__ import annotations

import asyncio
import ctypes
import functools
import os
import secrets
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from bot.sandbox import SANDBOX_TOKEN, BotCall, FakeTelegram, SandboxServer
from db.engine import build_engine, build_sessionmaker
from db.models import OutboxMessage
from tests.delivery.conftest import add_people, queue
from tests.e2e.conftest import REPO, free_port
from tests.services import REDIS_URL, fresh_postgres_database, require_redis

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]
SECRET = "scale-out-secret-" + "x" * 16
PR_SET_PDEATHSIG = 1


@pytest.fixture
def cluster_db() -> Iterator[str]:
    require_redis()
    with fresh_postgres_database("popsbot_scale") as url:
        yield url


def die_with_parent() -> None:
    """In the child: SIGKILL when the test process dies, even without its teardown (a
    `timeout` wrapper killing pytest), so no replica is left running."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Replica:
    def __init__(self, name: str, env: dict[str, str], workdir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/telegram/webhook"
        self.env = {**env, "WEBHOOK_URL": self.url, "WEBHOOK_PORT": str(self.port)}
        self.workdir = workdir / name
        self.workdir.mkdir()
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with (self.workdir / "bot.log").open("w") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", "--webhook", cwd=self.workdir, env=self.env,
                stdout=log, stderr=asyncio.subprocess.STDOUT, preexec_fn=die_with_parent,
            )  # fmt: skip

    def log(self) -> str:
        return (self.workdir / "bot.log").read_text()[-3000:]

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 20)
            except TimeoutError:
                self.proc.kill()


@pytest.fixture
async def replicas(
    cluster_db: str, tmp_path: Path
) -> AsyncIterator[tuple[FakeTelegram, list[Replica]]]:
    fake = FakeTelegram()
    async with SandboxServer(fake, host="127.0.0.1", port=0) as server:
        env = {
            "PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "PYTHONPATH": str(REPO),
            "BOT_TOKEN": SANDBOX_TOKEN, "TELEGRAM_API_BASE_URL": server.base_url,
            "DATABASE_URL": cluster_db, "REDIS_URL": REDIS_URL, "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_HOST": "127.0.0.1", "LOG_LEVEL": "INFO",
            "DELIVERY_TICK_SECONDS": "0.3", "DELIVERY_BATCH": "4", "DELIVERY_CONCURRENCY": "2",
        }  # fmt: skip
        pair = [Replica(name, env, tmp_path) for name in ("a", "b")]
        since = fake.next_seq
        await asyncio.gather(*(r.start() for r in pair))
        for replica in pair:
            try:
                await fake.wait_for_call(
                    functools.partial(_sets_webhook, replica.url),
                    timeout=40,
                    since=since,  # the replicas start in any order
                )
            except TimeoutError:
                raise AssertionError(f"replica did not start:\n{replica.log()}") from None
        # The sandbox pushes to one URL only; updates are fetched here and spread by hand.
        await fake.call("deleteWebhook", {})
        yield fake, pair
        await asyncio.gather(*(r.stop() for r in pair))
    await fake.close()


def _sets_webhook(url: str, call: BotCall) -> bool:
    return call.method == "setWebhook" and call.params.get("url") == url


class Balancer:
    """Round-robin over the replicas, like the load balancer in deploy/compose."""

    def __init__(self, fake: FakeTelegram, replicas: list[Replica]) -> None:
        self.fake, self.replicas, self.offset, self.turn = fake, replicas, 0, 0
        self.handled_by: list[str] = []
        # The sandbox numbers updates from 1; the replicas' dedupe marks live 2 days in the
        # shared Redis, so each run shifts its ids to a range of its own.
        self.id_base = 10**8 + secrets.randbelow(10**9)

    async def forward(self, http: aiohttp.ClientSession) -> None:
        updates: list[dict[str, Any]] = await self.fake.call(
            "getUpdates", {"offset": self.offset, "timeout": 0}
        )
        assert updates, "the sandbox produced no update"
        for update in updates:
            self.offset = update["update_id"] + 1
            update = {**update, "update_id": self.id_base + update["update_id"]}
            replica = self.replicas[self.turn % len(self.replicas)]
            self.turn += 1
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with http.post(replica.url, json=update, headers=headers) as response:
                assert response.status == 200, await response.text()
            self.handled_by.append(replica.url)


async def test_two_replicas_share_conversations_and_the_outbox(
    replicas: tuple[FakeTelegram, list[Replica]], cluster_db: str
) -> None:
    fake, pair = replicas
    balancer = Balancer(fake, pair)
    user = 700_000_000 + secrets.randbelow(10_000_000)  # fresh FSM keys in a shared Redis
    fake.add_user(user, "Lucia", language_code="es")
    async with aiohttp.ClientSession() as http:
        fake.send_text(user, "/start")
        await balancer.forward(http)  # replica a
        assert "idioma" in fake.last_message(user).text  # type: ignore[union-attr]
        fake.press_button(user, "English")
        await balancer.forward(http)  # replica b: knows the step replica a opened
        assert "Which country" in fake.last_message(user).text  # type: ignore[union-attr]
        fake.press_button(user, "Peru")
        await balancer.forward(http)  # replica a again
        assert "Main menu" in fake.last_message(user).text  # type: ignore[union-attr]
    assert set(balancer.handled_by) == {pair[0].url, pair[1].url}

    engine = build_engine(cluster_db)
    maker = build_sessionmaker(engine)
    ids = list(range(900_001, 900_061))
    await add_people(maker, fake, ids)
    await queue(maker, "broadcast:scale", ids, datetime.now(UTC))  # no wake: the ticks find it
    arrived = await _wait(lambda: all(fake.messages_to(u) for u in ids), timeout=30)
    await asyncio.sleep(0.5)  # anything doubled would show up by now
    async with maker() as session:
        stmt = select(OutboxMessage.status, OutboxMessage.leased_by)
        rows = (await session.execute(stmt)).all()
    await engine.dispose()
    assert arrived, f"broadcast not delivered:\n{pair[0].log()}\n{pair[1].log()}"
    assert Counter(len(fake.messages_to(u)) for u in ids) == {1: 60}
    assert {status for status, _ in rows} == {"sent"}
    senders = Counter(str(by).rsplit(":", 1)[0] for _, by in rows)
    assert len(senders) == 2, senders  # host:pid of both replicas
    assert not [c for c in fake.calls if c.status == 429]


async def _wait(predicate: Any, timeout: float) -> bool:  # noqa: ASYNC109
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.1)
    return bool(predicate())
