"""`popsbot run` (long polling) as a real process: onboarding, and a restart in the middle."""

from __future__ import annotations

import signal

import pytest

from bot.sandbox import FakeTelegram, SandboxServer
from tests.e2e.conftest import BotProcess

pytestmark = pytest.mark.e2e


async def test_newcomer_reaches_the_menu_over_http(
    sandbox: tuple[FakeTelegram, SandboxServer], bot_process: BotProcess
) -> None:
    fake, _ = sandbox
    await bot_process.start()
    spanish = [c["command"] for c in fake.commands_for(language_code="es")]
    assert {"menu", "help", "language", "country", "timezone", "cancel"} <= set(spanish)
    fake.add_user(2001, "Rosa", language_code="en")
    fake.send_text(2001, "/start")
    assert "which language" in (await fake.wait_for_message(2001, timeout=15)).text
    fake.press_button(2001, "English")
    assert "Which country" in (await fake.wait_for_message(2001, timeout=15)).text
    fake.press_button(2001, "Uruguay")
    menu = await fake.wait_for_message(2001, lambda m: "Main menu" in m.text, timeout=15)
    assert "customs officer" in menu.text
    assert await bot_process.stop() == 0  # SIGTERM: a clean stop


async def test_conversation_survives_a_kill(
    sandbox: tuple[FakeTelegram, SandboxServer], bot_process: BotProcess
) -> None:
    """kill -9 between two steps: the state lives in the database, so the step is kept."""
    fake, _ = sandbox
    await bot_process.start()
    fake.add_user(2002, "Raúl", language_code="en")
    fake.send_text(2002, "/start")
    await fake.wait_for_message(2002, timeout=15)
    fake.press_button(2002, "English")
    await fake.wait_for_message(2002, timeout=15)
    await fake.settle(quiet=0.3)
    await bot_process.stop(signal.SIGKILL)
    await bot_process.start()
    fake.press_button(2002, "Chile")
    zones = await fake.wait_for_message(2002, lambda m: "time zones" in m.text, timeout=15)
    assert "Punta Arenas" in " ".join(b.text for row in zones.buttons for b in row)
