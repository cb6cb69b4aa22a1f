"""The sender's own ceiling: a broadcast with Telegram's limits lifted (paid broadcasts allow
up to 1,000 msg/s), on SQLite and on PostgreSQL.

Run: python -m bench.delivery.ceiling [--count 20000] [--db sqlite|postgres|both]
     [--concurrency 64] [--batch 500]
The real `popsbot run` process sends a broadcast queued before it starts (DELIVERY_RATE=0:
no global limit); the sandbox (in this process, FakeTelegram(max_calls=...) so its call log
stays small) times every send. Rate = sends / (last send - first send).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

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
from bot.sandbox import FakeTelegram, SandboxLimits, SandboxServer


async def run_one(kind: str, count: int, concurrency: int, batch: int) -> dict[str, float]:
    fake = FakeTelegram(max_calls=1000)
    fake.limits = SandboxLimits(enabled=False)
    ids = user_ids(count)
    add_recipients(fake, ids)
    times: list[float] = []
    fake.on_call.append(lambda c: times.append(c.time) if c.method == "sendMessage" else None)
    async with SandboxServer(fake, host="127.0.0.1", port=0) as server, database(kind) as url:
        await seed(url, ids, datetime.now(UTC))
        with tempfile.TemporaryDirectory() as tmp:
            child = BotChild(
                server, url, Path(tmp), DELIVERY_RATE="0", DELIVERY_CHAT_INTERVAL="0",
                DELIVERY_CONCURRENCY=str(concurrency), DELIVERY_BATCH=str(batch),
            )  # fmt: skip
            started = time.monotonic()
            await child.start()
            done = await wait_until(lambda: len(times) >= count, within=count / 100 + 60)
            elapsed = time.monotonic() - started
            await asyncio.sleep(0.5)
            await child.kill()
            if not done:
                print(child.log_text()[-3000:])
    counts = delivered_counts(fake, ids)
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    await fake.close()
    return {
        "sent": len(times),
        "rate": (len(times) - 1) / span,
        "duplicates": sum(max(0, n - 1) for n in counts.values()),
        "missing": sum(1 for n in counts.values() if n == 0),
        "wall": elapsed,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    print(machine())
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    for kind in kinds:
        r = await run_one(kind, args.count, args.concurrency, args.batch)
        print(
            f"{kind}: {r['sent']:.0f} sent at {r['rate']:.0f} msg/s (first to last send); "
            f"duplicates {r['duplicates']:.0f}, missing {r['missing']:.0f}; "
            f"process start to last send {r['wall']:.1f} s"
        )


if __name__ == "__main__":
    asyncio.run(main())
