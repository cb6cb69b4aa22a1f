"""Settings validation, countries and time zones, time formatting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from bot.config import Settings
from bot.geo import countries, country_name, resolve_zone, sorted_countries, zone_label
from bot.timefmt import short_datetime


def make(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_defaults_are_the_embedded_setup() -> None:
    settings = make()
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.redis_url is None
    assert settings.telegram_api_base_url is None


def test_environment_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", "12, 34 56")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@127.0.0.1/db")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.admin_ids == [12, 34, 56]
    assert settings.database_url == "postgresql+asyncpg://u@127.0.0.1/db"
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081"


@pytest.mark.parametrize(
    "values",
    [
        {"bot_token": "changeme"},
        {"bot_token": "<your-token>"},
        {"webhook_secret": "change-me"},
        {"webhook_secret": "short"},
        {"webhook_secret": "has spaces in it, which Telegram refuses"},
        {"telegram_api_base_url": "http://127.0.0.1:8081/bot123:abc"},
        {"default_locale": "de"},
    ],
)
def test_placeholders_and_bad_values_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        make(**values)


def test_token_is_never_printed() -> None:
    settings = make(bot_token="123456:AAAAAAAAAAAAAAAAAAAAAAAA")
    assert "AAAAAAAA" not in repr(settings)
    assert "AAAAAAAA" not in str(settings.model_dump())


def test_served_countries_and_localized_names() -> None:
    assert len(countries()) == 33
    assert country_name("BO", "es") == "Bolivia"
    assert country_name("BR", "fr") == "Brésil"
    names = [name for _, name in sorted_countries("es")]
    assert names.index("Belice") < names.index("Bolivia") < names.index("Perú")


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Madrid", "Europe/Madrid"),
        ("europe/madrid", "Europe/Madrid"),
        ("madrid", "Europe/Madrid"),
        ("la paz", "America/La_Paz"),
        ("Not/AZone", None),
        ("x" * 5000, None),
        ("", None),
    ],
)
def test_typed_time_zones(typed: str, zone: str | None) -> None:
    assert resolve_zone(typed) == zone


def test_zone_label_follows_dst() -> None:
    # Santiago is UTC-3 in (southern) summer and UTC-4 in winter.
    summer = zone_label("America/Santiago", "es", datetime(2026, 1, 15, tzinfo=UTC))
    winter = zone_label("America/Santiago", "es", datetime(2026, 7, 15, tzinfo=UTC))
    assert summer == "Santiago de Chile (UTC-3)"
    assert winter == "Santiago de Chile (UTC-4)"
    assert zone_label("Asia/Kolkata", "en", datetime(2026, 1, 1, tzinfo=UTC)).endswith(
        "(UTC+5:30)"
    )
    assert zone_label("Atlantic/Reykjavik", "en", datetime(2026, 1, 1, tzinfo=UTC)).endswith(
        "(UTC)"
    )


def test_short_datetime_crosses_midnight_in_the_readers_zone() -> None:
    at = datetime(2026, 3, 8, 3, 30, tzinfo=UTC)
    assert short_datetime(at, "America/La_Paz", "es") == "7 mar 2026, 23:30"
    assert short_datetime(at, "Europe/Madrid", "en") == "8 Mar 2026, 04:30"
