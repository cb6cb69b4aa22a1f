"""How far a delivery got: counts by state for every row whose purpose starts with a prefix.

The events feature shows this live to organizers ("sent 120, pending 30, unreachable 4").
`unreachable` counts rows skipped because Telegram refused the person (403: blocked the bot,
deleted account); `skipped` counts the other skips (expired, cancelled). The two never
overlap, so the six counts add up to `total`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import outbox as repo


@dataclass(frozen=True)
class DeliveryReport:
    pending: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    unreachable: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    @property
    def done(self) -> bool:
        """Nothing left to try: every row is sent, failed or skipped."""
        return self.pending == 0 and self.sending == 0


async def delivery_report(session: AsyncSession, purpose_prefix: str) -> DeliveryReport:
    """Counts for purposes starting with `purpose_prefix` (e.g. "event.broadcast:WS2025:")."""
    reports = (await reports_by_purpose(session, purpose_prefix)).values()
    names = [f.name for f in fields(DeliveryReport)]
    return DeliveryReport(**{name: sum(getattr(r, name) for r in reports) for name in names})


async def reports_by_purpose(
    session: AsyncSession, purpose_prefix: str = ""
) -> dict[str, DeliveryReport]:
    """One report per purpose (for `popsbot outbox status`), purposes in alphabetical order."""
    totals: dict[str, dict[str, int]] = {}
    for purpose, status, count in await repo.counts(session, purpose_prefix):
        totals.setdefault(purpose, {})[status] = count
    names = {f.name for f in fields(DeliveryReport)}
    return {
        purpose: DeliveryReport(**{k: v for k, v in by_status.items() if k in names})
        for purpose, by_status in sorted(totals.items())
    }
