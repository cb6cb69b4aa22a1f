"""kill -9 in the middle of a 2,000-message broadcast, restart: who got nothing, who got two?

Run: python -m bench.delivery.crash [--mode limit|paid|ceiling] [--trials N] [--count 2000]
     [--db sqlite|postgres]
Each trial: a fresh database and sandbox, the real `popsbot run` sends the broadcast and is
killed with SIGKILL at a uniformly random moment of it; a new process is started and runs
until every recipient has a message (rows of the dead process come back when its lease of
DELIVERY_LEASE_SECONDS=10 ends). Counted from what the sandbox holds: lost = recipients with no
message, doubled = recipients with two. "At risk" is measured at the kill: messages Telegram
accepted whose row was not yet recorded as sent; they are the ones the restart repeats.
mode limit: sandbox limits on, DELIVERY_RATE=30; paid: limits off, DELIVERY_RATE=1000 (paid
broadcasts), DELIVERY_CONCURRENCY=64; ceiling: as paid with DELIVERY_RATE=0, the sender flat
out with 64 sends in flight (the window at its widest).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.delivery.common import (
    BotChild,
    add_recipients,
    database,
    delivered_counts,
    machine,
    seed,
    user_ids,
    wait_until,
)
from bot.sandbox import BotCall, FakeTelegram, SandboxLimits, SandboxServer
from db.engine import build_engine, build_sessionmaker
from db.models import OutboxMessage

MODES = {
    "limit": {"DELIVERY_RATE": "30"},
    "paid": {"DELIVERY_RATE": "1000", "DELIVERY_CHAT_INTERVAL": "0",
             "DELIVERY_CONCURRENCY": "64", "DELIVERY_BATCH": "500"},
    "ceiling": {"DELIVERY_RATE": "0", "DELIVERY_CHAT_INTERVAL": "0",
                "DELIVERY_CONCURRENCY": "64", "DELIVERY_BATCH": "500"},
}  # fmt: skip


async def recorded_sent(url: str) -> int:
    engine = build_engine(url)
    async with build_sessionmaker(engine)() as session:
        stmt = select(func.count()).where(OutboxMessage.status == "sent")
        count = int(await session.scalar(stmt) or 0)
    await engine.dispose()
    return count


async def kill_later(child: BotChild, delay: float) -> None:
    """SIGKILL after `delay` from a thread of its own: a timer on this event loop (which also
    runs the sandbox) would tend to fire right after the sandbox handled a request, i.e.
    inside the window being measured."""
    assert child.proc is not None
    timer = threading.Timer(delay, os.kill, (child.proc.pid, signal.SIGKILL))
    timer.start()
    await asyncio.to_thread(timer.join)


async def trial(
    kind: str, mode: str, count: int, duration: float | None, rng: random.Random
) -> dict[str, Any]:
    """One broadcast killed at a uniformly random moment of its `duration` (None: not killed,
    to measure the duration)."""
    env = MODES[mode]
    fake = FakeTelegram(max_calls=2000)
    if mode != "limit":
        fake.limits = SandboxLimits(enabled=False)
    ids = user_ids(count)
    add_recipients(fake, ids)
    sent = [0]

    def on_send(call: BotCall) -> None:
        if call.ok and call.method == "sendMessage":
            sent[0] += 1

    fake.on_call.append(on_send)
    async with SandboxServer(fake, host="127.0.0.1", port=0) as server, database(kind) as url:
        await seed(url, ids, datetime.now(UTC))
        with tempfile.TemporaryDirectory() as tmp:
            settings = {**env, "DELIVERY_LEASE_SECONDS": "10", "LOG_LEVEL": "INFO"}
            first = BotChild(server, url, Path(tmp, "1"), **settings)
            first.workdir.mkdir()
            await first.start()
            await wait_until(lambda: sent[0] > 0, within=60)
            started = time.monotonic()
            if duration is None:
                await wait_until(lambda: sent[0] >= count, within=600)
                duration = time.monotonic() - started
            else:
                await kill_later(first, rng.uniform(0, duration))
            await first.kill(signal.SIGKILL)
            at_kill = sent[0]
            at_risk = at_kill - await recorded_sent(url)
            second = BotChild(server, url, Path(tmp, "2"), **settings)
            second.workdir.mkdir()
            await second.start()
            done = await wait_until(
                lambda: all(fake.messages_to(u) for u in ids), within=duration * 2 + 60
            )
            await asyncio.sleep(1.5)
            await second.kill(signal.SIGTERM)
            windows = re.findall(r"send-to-commit window.*", second.log_text())
    counts = delivered_counts(fake, ids)
    await fake.close()
    return {
        "killed_after": at_kill,
        "at_risk": at_risk,
        "lost": sum(1 for n in counts.values() if n == 0),
        "doubled": sum(1 for n in counts.values() if n == 2),
        "more": sum(1 for n in counts.values() if n > 2),
        "done": done,
        "window": windows[-1] if windows else "",
        "duration": duration,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=sorted(MODES), default="limit")
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(machine())
    totals = {"lost": 0, "doubled": 0, "at_risk": 0}
    calibration = await trial(args.db, args.mode, args.count, None, rng)
    duration = float(calibration["duration"])
    print(f"uninterrupted broadcast: first to last send {duration:.2f} s; kills fall in it")
    for number in range(1, args.trials + 1):
        r = await trial(args.db, args.mode, args.count, duration, rng)
        for key in totals:
            totals[key] += int(r[key])
        print(
            f"trial {number}: killed after {r['killed_after']:.0f} sends, "
            f"at risk {r['at_risk']:.0f} -> lost {r['lost']:.0f}, doubled {r['doubled']:.0f}, "
            f"more than two {r['more']:.0f}{'' if r['done'] else ' (NOT COMPLETE)'}"
        )
        if r["window"]:
            print(f"  restarted sender: {r['window']}")
    print(f"{args.db} {args.mode}, {args.trials} trials of {args.count}: {totals}")


if __name__ == "__main__":
    asyncio.run(main())
