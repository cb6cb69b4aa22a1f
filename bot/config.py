"""Settings: the only way configuration reaches popsbot (environment variables or a .env file).

Every field is documented in README.md and deploy/.env.example. Secrets that still hold a
placeholder from the example file are refused at start, so a half-configured deployment fails
loudly instead of running with a guessable webhook secret.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

Locale = Literal["en", "es", "fr", "pt"]

_PLACEHOLDERS = {"", "changeme", "change-me", "change_me", "secret", "token", "xxx", "todo"}
_TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{8,}$")
_WEBHOOK_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{16,256}$")


def _is_placeholder(value: str) -> bool:
    lowered = value.strip().lower()
    return lowered in _PLACEHOLDERS or lowered.startswith(("<", "your-", "replace"))


class Settings(BaseSettings):
    """All settings; names are the environment variable names (case-insensitive)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = None
    database_url: str = "sqlite+aiosqlite:///./popsbot.sqlite3"
    redis_url: str | None = None
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    default_locale: Locale = "en"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    webhook_path: str = "/telegram/webhook"

    invite_ttl_hours: int = Field(default=72, ge=1, le=24 * 90)

    # Delivery (bot/delivery, docs/delivery.md): the outbox sender.
    delivery_rate: float = Field(default=30.0, ge=0)  # messages/s for the bot; 0 = no limit
    delivery_chat_interval: float = Field(default=1.0, ge=0)  # seconds between sends to a chat
    delivery_chat_burst: int = Field(default=3, ge=1, le=20)
    delivery_concurrency: int = Field(default=16, ge=1, le=512)  # sends in flight
    delivery_batch: int = Field(default=200, ge=1, le=5000)  # rows claimed at once
    delivery_lease_seconds: int = Field(default=60, ge=10, le=3600)
    delivery_tick_seconds: float = Field(default=5.0, gt=0, le=3600)
    delivery_max_attempts: int = Field(default=10, ge=1, le=100)
    flood_limit: int = Field(default=40, ge=0, le=10_000)

    # Case reports (docs/cases.md): reminder, escalation, regional fallback, visibility, files.
    case_ack_hours: int = Field(default=24, ge=1, le=24 * 30)
    case_escalate_hours: int = Field(default=24, ge=1, le=24 * 30)
    case_fallback_chat_id: int | None = None
    case_country_visibility: bool = False
    case_max_file_mb: int = Field(default=20, ge=1, le=50)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in re.split(r"[,\s]+", value.strip()) if part]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("case_fallback_chat_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """`CASE_FALLBACK_CHAT_ID=` (left empty in a .env file) means no fallback contact."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        """Accept the usual sync spellings and pick the async driver popsbot runs on."""
        for plain, async_ in (
            ("postgresql://", "postgresql+asyncpg://"),
            ("postgres://", "postgresql+asyncpg://"),
            ("sqlite://", "sqlite+aiosqlite://"),
        ):
            if value.startswith(plain):
                return async_ + value[len(plain) :]
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _api_root(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if re.search(r"/bot[^/]*$", value):
            raise ValueError("give the root of the Bot API server, without /bot<token>")
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        raw = value.get_secret_value().strip()
        if _is_placeholder(raw) or not _TOKEN_RE.match(raw):
            raise ValueError("BOT_TOKEN must be a real bot token such as 123456:ABC-def...")
        return SecretStr(raw)

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        raw = value.get_secret_value()
        if _is_placeholder(raw) or not _WEBHOOK_SECRET_RE.match(raw):
            raise ValueError(
                "WEBHOOK_SECRET must be 16-256 characters of A-Z, a-z, 0-9, _ or - "
                "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        return value

    @field_validator("webhook_path")
    @classmethod
    def _path_shape(cls, value: str) -> str:
        return value if value.startswith("/") else "/" + value

    @model_validator(mode="after")
    def _webhook_pair(self) -> Settings:
        if self.webhook_url and not self.webhook_url.startswith(("https://", "http://")):
            raise ValueError("WEBHOOK_URL must be an http(s) URL")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def token(self) -> str:
        """The bot token, or a clear error for commands that need Telegram."""
        if self.bot_token is None:
            raise RuntimeError("BOT_TOKEN is not set (see README: Settings)")
        return self.bot_token.get_secret_value()

    def require_webhook(self) -> tuple[str, str]:
        """URL and secret for webhook mode; both are required so Telegram can be verified."""
        if not self.webhook_url or self.webhook_secret is None:
            raise RuntimeError("webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET (see README)")
        return self.webhook_url, self.webhook_secret.get_secret_value()
