"""One claimed row from start to finish: check, render, send its parts, record the outcome.

What happens after a failure depends only on its class (see bot.delivery.errors):
429 pauses every sender and retries the same part; 403 marks the person unreachable and
skips the row; 400 fails the row with Telegram's reason, never to be retried; network
trouble puts the row back with a growing delay until the attempts are spent.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from bot.delivery import claims
from bot.delivery.claims import UNREACHABLE_REASON, Claim
from bot.delivery.errors import Flood, Rejected, SendError, Unreachable
from bot.delivery.parts import Part, build_parts
from db.repositories.outbox import UNREACHABLE_PREFIX

if TYPE_CHECKING:
    from bot.delivery.engine import Engine

log = logging.getLogger(__name__)
FLOOD_WAITS = 5  # 429s in a row for one part before the row goes back to the queue


class GiveBack(Exception):
    """Not tried (shutting down, or the lease would end mid-send): back to pending."""


async def deliver(engine: Engine, claim: Claim) -> None:
    refused = _refusal(engine, claim)
    if refused is None:
        try:
            parts = build_parts(claim.payload, claim.language)
        except (KeyError, TypeError, ValueError) as exc:
            refused = claims.failed(claim, f"invalid payload: {exc!r}")
    if refused is not None:
        await engine.recorder.record(refused)
        return
    try:
        message_id, started = await _send_parts(engine, claim, parts)
    except GiveBack:
        await engine.recorder.record(claims.released(claim))
    except SendError as exc:
        await _record_failure(engine, claim, exc)
    else:
        change = claims.sent(claim, message_id=message_id, parts=len(parts), at=engine.clock.now())
        await engine.recorder.record(change)
        engine.windows.add(time.monotonic() - started)
        log.debug("delivery: row %s sent (%s)", claim.id, claim.purpose)


def _refusal(engine: Engine, claim: Claim) -> dict[str, Any] | None:
    """The outcome of a row that must not be sent at all, if it must not."""
    if claim.unreachable or claim.recipient_id in engine.unreachable:
        return claims.skipped(claim, UNREACHABLE_REASON)
    if claim.expires_at is not None and claim.expires_at <= engine.clock.now():
        return claims.skipped(claim, "expired before it could be sent")
    if claim.attempts > engine.services.settings.delivery_max_attempts:
        # Claimed again and again without an outcome: its process keeps dying on it.
        reason = f"gave up after {claim.attempts - 1} attempts without an answer"
        return claims.failed(claim, reason)
    return None


async def _send_parts(engine: Engine, claim: Claim, parts: list[Part]) -> tuple[int | None, float]:
    """Send the parts not sent yet; returns the last message id and when its request left."""
    message_id, started = None, time.monotonic()
    for index in range(claim.parts_sent, len(parts)):
        message_id, started = await _send_one(engine, claim, parts[index])
        if index + 1 < len(parts):
            await engine.recorder.record(claims.progress(claim, index + 1))
            engine.windows.add(time.monotonic() - started)
    return message_id, started


async def _send_one(engine: Engine, claim: Claim, part: Part) -> tuple[int, float]:
    flood: Flood | None = None
    for _ in range(FLOOD_WAITS):
        await _check_lease(engine, claim)
        delay = engine.pacing.chats.reserve(claim.recipient_id)
        if delay > 0:
            await asyncio.sleep(delay)
        await engine.pacing.limiter.acquire()
        await _check_lease(engine, claim)
        started = time.monotonic()
        try:
            return await engine.transport.send(claim.recipient_id, part), started
        except Flood as exc:
            log.warning("delivery: 429, every sender waits %.0f s", exc.retry_after)
            await engine.pacing.limiter.pause(exc.retry_after)
            flood = exc
    assert flood is not None
    raise flood


async def _check_lease(engine: Engine, claim: Claim) -> None:
    """Never start a send that could outlive the lease: another worker may then take the
    row and send it again."""
    if not await engine.keep_lease(claim):
        raise GiveBack


async def _record_failure(engine: Engine, claim: Claim, exc: SendError) -> None:
    now = engine.clock.now()
    if isinstance(exc, Unreachable):
        engine.unreachable.add(claim.recipient_id)
        change = claims.skipped(claim, f"{UNREACHABLE_PREFIX}: {exc.reason}")
        await engine.recorder.record(change, unreachable=claim.recipient_id, at=now)
        log.info("delivery: row %s skipped, recipient unreachable", claim.id)
        return
    if isinstance(exc, Rejected):
        await engine.recorder.record(claims.failed(claim, exc.reason))
        log.warning("delivery: row %s failed (%s): %s", claim.id, claim.purpose, exc.reason)
        return
    delay = exc.retry_after if isinstance(exc, Flood) else None
    attempts = engine.services.settings.delivery_max_attempts
    change = claims.retry_later(claim, exc.reason, now=now, max_attempts=attempts, delay=delay)
    await engine.recorder.record(change)
    log.info("delivery: row %s will be retried (%s)", claim.id, type(exc).__name__)
