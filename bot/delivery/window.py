"""The exactly-once window, measured on every send.

A message is at risk of being sent twice only between the moment its request leaves for
Telegram and the commit that records Telegram's answer: a process killed in between leaves
the row leased, and after the lease it is sent again. The sender times that span for every
part it sends and logs its distribution after each busy cycle (docs/delivery.md).
"""

from __future__ import annotations

from collections import deque


class Windows:
    def __init__(self, keep: int = 10_000) -> None:
        self._samples: deque[float] = deque(maxlen=keep)
        self.count = 0
        self.total = 0.0
        self.max = 0.0

    def add(self, seconds: float) -> None:
        self._samples.append(seconds)
        self.count += 1
        self.total += seconds
        self.max = max(self.max, seconds)

    def percentile(self, share: float) -> float:
        ordered = sorted(self._samples)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    def summary(self) -> str:
        if not self.count:
            return "no sends"
        mean, p50, p99 = self.total / self.count, self.percentile(0.5), self.percentile(0.99)
        return (
            f"send-to-commit window over {self.count} sends: mean {mean * 1000:.1f} ms, "
            f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {self.max * 1000:.1f} ms"
        )

    def reset(self) -> None:
        self._samples.clear()
        self.count, self.total, self.max = 0, 0.0, 0.0
