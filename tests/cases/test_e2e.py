"""The whole case story with the real `popsbot run` process against the sandbox over HTTP,
including kill -9 in the middle of a report and in the middle of routing."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.sandbox import FakeTelegram, SandboxServer, SentMessage
from tests.cases.factories import BOLIVIA_DIRECTORY
from tests.e2e.conftest import BotProcess

pytestmark = pytest.mark.e2e
Sandbox = tuple[FakeTelegram, SandboxServer]
WAIT = 20.0


async def popsbot(bot: BotProcess, *args: str) -> str:
    """A `popsbot` command on the bot's database, as an operator would run it."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=bot.workdir, env=bot.env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await proc.communicate()
    assert proc.returncode == 0, out.decode()
    return out.decode()


async def prepared(bot: BotProcess, tmp_path: Path, **env: str) -> None:
    bot.env.update(FLOOD_LIMIT="0", **env)
    directory = tmp_path / "focal_points.csv"
    directory.write_text(BOLIVIA_DIRECTORY, encoding="utf-8")
    assert "5 new" in await popsbot(bot, "focal-points", "import", str(directory))
    await bot.start()


async def act(
    fake: FakeTelegram, user_id: int, action: Callable[[], object], expect: str, who: int = 0
) -> SentMessage:
    """Do something as a user and wait for the bot's message containing `expect` to `who`
    (the same user by default)."""
    waiter = asyncio.ensure_future(
        fake.wait_for_message(who or user_id, lambda m: expect in m.text, WAIT)
    )
    await asyncio.sleep(0)
    action()
    return await waiter


async def say(fake: FakeTelegram, user_id: int, text: str, expect: str) -> SentMessage:
    return await act(fake, user_id, lambda: fake.send_text(user_id, text), expect)


async def press(
    fake: FakeTelegram, user_id: int, label: str, expect: str, who: int = 0
) -> SentMessage:
    return await act(fake, user_id, lambda: fake.press_button(user_id, label), expect, who)


async def onboard(fake: FakeTelegram, user_id: int, lang: str, name: str) -> None:
    fake.add_user(user_id, name, language_code=lang)
    language = {"en": "English", "es": "Español"}[lang]
    await say(fake, user_id, "/start", "popsbot")
    await press(fake, user_id, language, "Which country" if lang == "en" else "¿En qué país")
    await press(fake, user_id, "Bolivia", "Main menu" if lang == "en" else "Menú principal")


FIRST_HALF_ES = [
    ("say", "/report", "¿Qué se encontró?"),
    ("press", "Plaguicida", "¿Qué sustancia o producto?"),
    ("say", "DDT", "¿«DDT» es uno de estos?"),
    ("press", "DDT", "¿Código SA declarado"),
    ("say", "3808.91", "Si crees que el código SA correcto es otro"),
    ("say", "3808.52", "¿Cantidad y unidad?"),
]
SECOND_HALF_ES = [
    ("say", "200 kg", "¿Embalaje y etiquetado?"),
    ("say", "20 tambores azules", "¿Importación, exportación o tránsito?"),
    ("press", "Importación", "¿País de origen?"),
    ("say", "China", "¿Dónde?"),
    ("say", "Puerto Suárez", "ubicación exacta"),
    ("press", "Continuar sin ubicación", "¿Cuándo ocurrió?"),
    ("press", "Ayer", "¿Qué se hizo?"),
    ("press", "Retenido", "¿Qué se hizo?"),
    ("press", "Continuar", "Envía fotos o documentos"),
    ("photo", None, "Archivo añadido"),
    ("press", "Continuar", "¿Algo más"),
    ("press", "Omitir", "Revisa tu reporte"),
]


async def play(
    fake: FakeTelegram, user_id: int, steps: list[tuple[str, object, str]]
) -> SentMessage:
    message: SentMessage | None = None
    for kind, argument, expect in steps:
        if kind == "say":
            message = await say(fake, user_id, str(argument), expect)
        elif kind == "press":
            message = await press(fake, user_id, str(argument), expect)
        else:
            message = await act(
                fake, user_id, lambda: fake.send_photo(user_id, b"\x89PNG fake"), expect
            )
    assert message is not None
    return message


async def submit(fake: FakeTelegram, officer: int) -> str:
    confirmation = await press(fake, officer, "Enviar el reporte", "Reporte enviado")
    found = re.search(r"CR-\d{4}-\d{6}", confirmation.text)
    assert found is not None
    return found.group()


async def test_the_whole_story_over_http(
    sandbox: Sandbox, bot_process: BotProcess, tmp_path: Path
) -> None:
    fake, _ = sandbox
    await prepared(bot_process, tmp_path)
    focal, officer = 7001, 5001
    await onboard(fake, focal, "en", "Olga")
    await onboard(fake, officer, "es", "Rosa")
    await play(fake, officer, FIRST_HALF_ES + SECOND_HALF_ES)
    alert_waiter = asyncio.ensure_future(
        fake.wait_for_message(focal, lambda m: "New case" in m.text, WAIT)
    )
    reference = await submit(fake, officer)
    alert = await alert_waiter
    assert f"New case {reference}" in alert.text
    assert "Import: China → Bolivia" in alert.text
    assert alert.kind == "photo"  # the officer's photo, the alert as its caption

    await press(fake, focal, "Acknowledge", "acusó recibo", who=officer)
    await press(fake, focal, "Request information", "type your question")
    await say(fake, focal, "Are the labels in Chinese?", "Question sent")
    asked = await asyncio.wait_for(_last(fake, officer, "un punto focal pregunta"), WAIT)
    assert "Are the labels in Chinese?" in asked.text
    await press(fake, officer, "Responder", "Escribe tu respuesta")
    await act(
        fake,
        officer,
        lambda: fake.send_text(officer, "Sí, y sin símbolo"),
        "the officer answered",
        who=focal,
    )
    relayed = await act(
        fake,
        officer,
        lambda: fake.send_photo(officer, b"\x89PNG label"),
        "the officer answered",
        who=focal,
    )
    assert relayed.kind == "photo"
    await press(fake, officer, "Listo", "Gracias")
    await press(fake, focal, "Close case", "what is the outcome?")
    await press(fake, focal, "Confirmed POP", "short note")
    await press(fake, focal, "Close without a note", "se cerró", who=officer)
    mine = await say(fake, officer, "/mycases", "Tus reportes")
    assert f"{reference} · cerrado" in mine.text
    assert await bot_process.stop() == 0


async def _last(fake: FakeTelegram, user_id: int, expect: str) -> SentMessage:
    """The newest message containing `expect`, already there or still to come."""
    while True:
        for message in reversed(fake.messages_to(user_id)):
            if expect in message.text:
                return message
        await asyncio.sleep(0.05)


async def test_a_report_survives_a_kill(
    sandbox: Sandbox, bot_process: BotProcess, tmp_path: Path
) -> None:
    fake, _ = sandbox
    await prepared(bot_process, tmp_path)
    officer = 5002
    await onboard(fake, officer, "es", "Raúl")
    await play(fake, officer, FIRST_HALF_ES)
    await fake.settle(quiet=0.3)
    await bot_process.stop(signal.SIGKILL)
    await bot_process.start()
    review = await play(fake, officer, SECOND_HALF_ES)  # the quantity question is still open
    for kept in ("DDT", "3808.91", "3808.52", "200 kg", "Importación: China → Bolivia"):
        assert kept in review.text, kept
    await submit(fake, officer)


async def test_routing_survives_a_kill(
    sandbox: Sandbox, bot_process: BotProcess, tmp_path: Path
) -> None:
    """The second case is submitted (routed, its alert queued in the same transaction) while
    the sender is held back; kill -9; after the restart the alert is sent, once."""
    fake, _ = sandbox
    # One outbox message at once, then one per 1000 s; a lease just long enough to send.
    await prepared(bot_process, tmp_path, DELIVERY_RATE="0.001", DELIVERY_LEASE_SECONDS="30")
    focal, officer = 7001, 5003
    await onboard(fake, focal, "en", "Olga")
    await onboard(fake, officer, "es", "Ana")
    first_alert = asyncio.ensure_future(
        fake.wait_for_message(focal, lambda m: "New case" in m.text, WAIT)
    )
    await play(fake, officer, FIRST_HALF_ES + SECOND_HALF_ES)
    first = await submit(fake, officer)
    assert first in (await first_alert).text
    await play(fake, officer, FIRST_HALF_ES + SECOND_HALF_ES)
    second = await submit(fake, officer)
    await asyncio.sleep(0.5)  # the sender has claimed the alert and waits for the rate limit
    assert not any(second in m.text for m in fake.messages_to(focal))
    await bot_process.stop(signal.SIGKILL)
    bot_process.env["DELIVERY_RATE"] = "30"
    second_alert = asyncio.ensure_future(
        fake.wait_for_message(focal, lambda m: second in m.text, 45)
    )
    await bot_process.start()
    await second_alert
    await fake.settle(quiet=1.0)
    alerts = [m.text for m in fake.messages_to(focal) if "New case" in m.text]
    assert [first in t for t in alerts].count(True) == 1
    assert [second in t for t in alerts].count(True) == 1
