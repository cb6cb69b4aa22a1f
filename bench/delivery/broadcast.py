"""A broadcast at Telegram's limit: 10,000 recipients, the sandbox enforcing 30 msg/s overall
and about 1/s per chat with real 429 answers; popsbot at its default DELIVERY_RATE=30.

Run: python -m bench.delivery.broadcast [--count 10000] [--db sqlite|postgres]
Achieved rate = (accepted sends - 1) / (last accepted send - first), against the 30/s limit.
"""

from __future__ import annotations

import argparse
import asyncio
import re
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
from bot.sandbox import BotCall, FakeTelegram, SandboxServer

LIMIT = 30.0


async def run(kind: str, count: int) -> None:
    fake = FakeTelegram(max_calls=2000)
    ids = user_ids(count)
    add_recipients(fake, ids)
    accepted: list[float] = []
    refused = [0]

    def on_call(call: BotCall) -> None:
        if call.method == "sendMessage":
            if call.ok:
                accepted.append(call.time)
            elif call.status == 429:
                refused[0] += 1

    fake.on_call.append(on_call)
    async with SandboxServer(fake, host="127.0.0.1", port=0) as server, database(kind) as url:
        await seed(url, ids, datetime.now(UTC))
        with tempfile.TemporaryDirectory() as tmp:
            child = BotChild(server, url, Path(tmp), LOG_LEVEL="INFO")
            started = time.monotonic()
            await child.start()
            await wait_until(lambda: len(accepted) >= count, within=count / LIMIT * 1.5 + 60)
            wall = time.monotonic() - started
            await asyncio.sleep(1)
            await child.kill()
            windows = re.findall(r"send-to-commit window.*", child.log_text())
    counts = delivered_counts(fake, ids)
    rate = (len(accepted) - 1) / (accepted[-1] - accepted[0])
    print(
        f"{kind}: {len(accepted)} accepted sends, first to last {accepted[-1] - accepted[0]:.1f} s"
    )
    print(f"  achieved {rate:.2f} msg/s = {rate / LIMIT:.1%} of the {LIMIT:.0f}/s limit")
    print(f"  429 answers: {refused[0]}")
    print(f"  duplicates: {sum(max(0, n - 1) for n in counts.values())}, "
          f"missing: {sum(1 for n in counts.values() if n == 0)}")  # fmt: skip
    print(f"  process start to last send: {wall:.1f} s")
    for line in windows[-1:]:
        print(f"  sender log: {line}")
    await fake.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    print(machine())
    await run(args.db, args.count)


if __name__ == "__main__":
    asyncio.run(main())
