"""`popsbot console`, the README's try-it command, driven through a pipe like a terminal."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO

pytestmark = pytest.mark.e2e


async def console(script: str, workdir: Path) -> str:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(workdir), "PYTHONPATH": str(REPO)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "console",
        cwd=workdir, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(proc.communicate(script.encode()), 120)
    assert proc.returncode == 0, out.decode()
    return out.decode()


async def test_newcomer_reaches_the_spanish_menu(tmp_path: Path) -> None:
    transcript = await console("/start\n2\nBolivia\n/menu\n:quit\n", tmp_path)
    assert "¡Te damos la bienvenida a popsbot, Ana!" in transcript
    assert "[2] Español" in transcript
    assert "(pressed [2] Español)" in transcript
    assert "¿En qué país trabajas?" in transcript
    assert "País: Bolivia · Zona horaria: America/La_Paz" in transcript
    assert "→ ana: Menú principal" in transcript
    assert (tmp_path / "popsbot-console.sqlite3").exists()  # the real database, migrated


async def test_several_users_and_who_receives_what(tmp_path: Path) -> None:
    script = ":as ben\n/start\n1\n26\n:users\n:as ana\n/help\n:nonsense\n:quit\n"
    transcript = await console(script, tmp_path)
    assert "→ ben: Main menu" in transcript
    assert "🛡 Administration" in transcript  # ben is the console's administrator
    assert "* ben (id 1002, en)" in transcript
    assert "→ ana: <b>popsbot</b>" not in transcript  # HTML is rendered as visible text
    assert "→ ana: popsbot" in transcript
    assert "console: unknown command" in transcript
