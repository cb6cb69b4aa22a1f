"""deploy/ cannot be run here (no Docker engine); check by reading what it passes to popsbot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.config import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
FIELDS = {name.upper() for name in Settings.model_fields}


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key] = value
    return pairs


def test_env_example_documents_every_setting_and_nothing_else() -> None:
    assert set(env_example()) == FIELDS


def test_env_example_placeholders_are_refused_until_filled() -> None:
    values = {k.lower(): v for k, v in env_example().items() if v}
    with pytest.raises(ValueError, match="bot_token"):
        Settings(_env_file=None, **values)  # type: ignore[call-arg]
    values.update(bot_token="123456:realistic-token-value", webhook_secret="s" * 32)
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    assert settings.require_webhook()[0].startswith("https://")


def test_compose_passes_valid_settings_to_the_bot() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    bot = compose["services"]["bot"]
    assert bot["command"] == ["popsbot", "run", "--webhook"]
    assert bot["deploy"]["replicas"] >= 2
    assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert compose["services"]["migrate"]["command"] == ["popsbot", "db", "upgrade"]
    env = {
        k: re.sub(r"\$\{(\w+):\?[^}]*\}", r"example-\1", str(v))
        for k, v in bot["environment"].items()
    }
    env.pop("SKIP_MIGRATIONS")
    assert set(env) <= FIELDS
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token="123456:realistic-token-value",
        webhook_secret="s" * 32,
        **{k.lower(): v for k, v in env.items()},
    )
    assert settings.database_url.startswith("postgresql+asyncpg://popsbot:")
    assert settings.redis_url == "redis://redis:6379/0"
    assert settings.webhook_host == "0.0.0.0"


def test_image_runs_migrations_first_as_a_non_root_user() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    entrypoint = (DEPLOY / "docker-entrypoint.sh").read_text()
    assert re.search(r"^USER popsbot$", dockerfile, re.M)
    assert 'CMD ["popsbot", "run", "--webhook"]' in dockerfile
    assert entrypoint.index("popsbot db upgrade") < entrypoint.index('exec "$@"')


def test_systemd_unit_migrates_before_start() -> None:
    unit = (DEPLOY / "popsbot.service").read_text()
    assert "ExecStartPre=/opt/popsbot/bin/popsbot db upgrade" in unit
    assert "ExecStart=/opt/popsbot/bin/popsbot run" in unit
    assert "User=popsbot" in unit
    assert "EnvironmentFile=/etc/popsbot/popsbot.env" in unit


def test_readme_documents_every_setting() -> None:
    readme = (DEPLOY.parent / "README.md").read_text()
    assert [name for name in sorted(FIELDS) if f"`{name}`" not in readme] == []
