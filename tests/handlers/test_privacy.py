"""What people type and the bot token never reach the logs at INFO."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import TEST_TOKEN
from tests.harness import BotHarness

SECRET = "Contenedor MSCU1234567 con 40 tambores de DDT"


async def test_contents_and_token_stay_out_of_info_logs(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    chat = harness.chat(901)
    await chat.say("/start")
    await chat.say(SECRET)  # unexpected text in a step
    await chat.press("English")
    await chat.press("Other country")
    await chat.say(SECRET)  # an unknown time zone
    await chat.say("America/Lima")
    await chat.say(SECRET)  # a question outside the content
    assert caplog.records, "expected some INFO logs to check"
    assert "MSCU1234567" not in caplog.text
    assert TEST_TOKEN.split(":")[1] not in caplog.text
