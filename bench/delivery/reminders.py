"""100,000 future reminders queued: the sender's memory stays flat and the ones that fall due
during the run are sent within 2 s of their time.

Run: python -m bench.delivery.reminders [--count 100000] [--soon 300] [--db sqlite|postgres]
     [--seconds 180]
The outbox holds `count` reminders, one per person: `soon` of them fall due at random moments
of the run, plus a cluster of 30 due at the same second, the rest over the next 30 days. The
real `popsbot run` (defaults: DELIVERY_RATE=30, DELIVERY_TICK_SECONDS=5) runs all along; its
resident memory is sampled every second, and each due reminder's lateness is Telegram's (the
sandbox's) wall-clock receipt minus its due time. A baseline run with an empty outbox gives
the memory of an idle popsbot for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from bench.delivery.common import (
    MESSAGE,
    BotChild,
    add_profiles,
    add_recipients,
    database,
    machine,
)
from bench.delivery.common import user_ids as make_ids
from bot.sandbox import FakeTelegram, SandboxServer
from db.engine import build_engine, build_sessionmaker
from db.models import OutboxMessage


def due_times(
    count: int, soon: int, start: datetime, run: float, rng: random.Random
) -> list[datetime]:
    window = [start + timedelta(seconds=rng.uniform(30, run - 10)) for _ in range(soon)]
    cluster = [start + timedelta(seconds=60)] * 30
    later = [
        start + timedelta(days=1) + timedelta(seconds=rng.uniform(0, 29 * 86400))
        for _ in range(count - soon - 30)
    ]
    return window + cluster + later


async def queue(url: str, ids: list[int], dues: list[datetime]) -> None:
    """One reminder each (bulk insert: 100,000 distinct due times)."""
    payload = MESSAGE.to_payload()
    engine = build_engine(url)
    async with build_sessionmaker(engine)() as session:
        for start in range(0, len(ids), 5000):
            rows = [
                {"purpose": f"event.reminder:bench:{uid}", "recipient_id": uid,
                 "payload": payload, "status": "pending", "due_at": due, "attempts": 0,
                 "parts_sent": 0, "created_at": datetime.now(UTC)}
                for uid, due in zip(ids[start : start + 5000], dues[start : start + 5000],
                                    strict=True)
            ]  # fmt: skip
            await session.execute(insert(OutboxMessage), rows)
        await session.commit()
    await engine.dispose()


async def sample_rss(child: BotChild, seconds: float) -> list[int]:
    samples = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        samples.append(child.rss_kib())
        await asyncio.sleep(1)
    return samples


async def run(kind: str, count: int, soon: int, baseline: bool, seconds: float) -> None:
    fake = FakeTelegram(clock=time.time, max_calls=5000)
    ids = make_ids(count)
    add_recipients(fake, ids[: soon + 30])
    received: dict[int, float] = {}
    fake.on_call.append(
        lambda c: received.setdefault(int(c.params["chat_id"]), c.time)
        if c.ok and c.method == "sendMessage" else None
    )  # fmt: skip
    async with SandboxServer(fake, host="127.0.0.1", port=0) as server, database(kind) as url:
        await add_profiles(url, ids)
        if baseline:
            await idle_memory(server, url)
        start = datetime.now(UTC)
        dues = due_times(count, soon, start, seconds, random.Random(7))
        await queue(url, ids, dues)
        with tempfile.TemporaryDirectory() as tmp:
            child = BotChild(server, url, Path(tmp), LOG_LEVEL="INFO")
            await child.start()
            await fake.wait_for_call(lambda c: c.method == "deleteWebhook", timeout=60)
            remaining = seconds - (datetime.now(UTC) - start).total_seconds()
            rss = await sample_rss(child, remaining)
            await child.kill()
    report(dues[: soon + 30], ids[: soon + 30], received, rss, start)
    await fake.close()


async def idle_memory(server: SandboxServer, url: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        child = BotChild(server, url, Path(tmp))
        await child.start()
        await asyncio.sleep(8)
        rss = await sample_rss(child, 10)
        await child.kill()
    print(f"baseline (empty outbox): RSS {min(rss) / 1024:.1f}-{max(rss) / 1024:.1f} MiB")


def report(
    dues: list[datetime], ids: list[int], received: dict[int, float], rss: list[int],
    start: datetime,
) -> None:  # fmt: skip
    late = [received[uid] - due.timestamp() for uid, due in zip(ids, dues, strict=True)
            if uid in received]  # fmt: skip
    late.sort()
    missing = len(ids) - len(late)
    print(f"due during the run: {len(ids)}; sent: {len(late)}; not sent: {missing}")
    if late:
        p99 = late[min(len(late) - 1, round(0.99 * (len(late) - 1)))]
        print(
            f"lateness: min {late[0]:.3f} s, median {statistics.median(late):.3f} s, "
            f"p99 {p99:.3f} s, max {late[-1]:.3f} s; within 2 s: "
            f"{sum(1 for x in late if x <= 2)}/{len(ids)}; early: {sum(1 for x in late if x < 0)}"
        )
    mib = [x / 1024 for x in rss]
    third = max(1, len(mib) // 3)
    print(
        f"RSS over {len(mib)} s: first {mib[0]:.1f} MiB, min {min(mib):.1f}, max {max(mib):.1f}, "
        f"last {mib[-1]:.1f}; mean of first third {statistics.mean(mib[:third]):.1f}, "
        f"of last third {statistics.mean(mib[-third:]):.1f}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--soon", type=int, default=300)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--seconds", type=float, default=180.0, help="length of the run")
    args = parser.parse_args()
    print(machine())
    await run(args.db, args.count, args.soon, not args.no_baseline, args.seconds)


if __name__ == "__main__":
    asyncio.run(main())
