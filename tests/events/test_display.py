"""Times shown in the reader's zone and language: the seed workshop in each of the six
countries it was scheduled for, DST changes between Europe and the Americas, midnight."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.events import render
from bot.events.spec import EventSpec, to_utc
from bot.events.timeshow import differs, own_zone_line, start_phrase, when
from db.models import Event
from tests.events.conftest import SEED_CODE

SEED_START = datetime(2025, 9, 18, 14, 0, tzinfo=UTC)  # 16:00 CEST
SEED_END = datetime(2025, 9, 18, 16, 0, tzinfo=UTC)  # 18:00 CEST

SIX_COUNTRIES = [
    # zone, en phrase, es phrase, local end
    ("America/Nassau", "Thursday, September 18, 2025, 10:00 (Bahamas Time)",
     "jueves, 18 de septiembre de 2025, 10:00 (hora de Bahamas)", "12:00"),
    ("America/La_Paz", "Thursday, September 18, 2025, 10:00 (Bolivia Time)",
     "jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia)", "12:00"),
    ("America/Dominica", "Thursday, September 18, 2025, 10:00 (Dominica Time)",
     "jueves, 18 de septiembre de 2025, 10:00 (hora de Dominica)", "12:00"),
    ("America/Lima", "Thursday, September 18, 2025, 09:00 (Peru Time)",
     "jueves, 18 de septiembre de 2025, 09:00 (hora de Perú)", "11:00"),
    ("America/Montevideo", "Thursday, September 18, 2025, 11:00 (Uruguay Time)",
     "jueves, 18 de septiembre de 2025, 11:00 (hora de Uruguay)", "13:00"),
    ("America/Port_of_Spain", "Thursday, September 18, 2025, 10:00 (Trinidad &amp; Tobago Time)",
     "jueves, 18 de septiembre de 2025, 10:00 (hora de Trinidad y Tobago)", "12:00"),
]  # fmt: skip


def test_seed_spec_is_16_to_18_cest(seed_spec: EventSpec) -> None:
    assert seed_spec.code == SEED_CODE
    assert (seed_spec.starts_at, seed_spec.ends_at) == (SEED_START, SEED_END)
    assert seed_spec.timezone == "Europe/Madrid"
    assert (seed_spec.languages, seed_spec.interpretation) == (["en"], ["es"])
    assert set(seed_spec.title) == {"en", "es", "fr", "pt"}
    assert set(seed_spec.description) >= {"en", "es"}


@pytest.mark.parametrize(("zone", "english", "spanish", "end"), SIX_COUNTRIES)
def test_seed_in_each_country_in_en_and_es(
    zone: str, english: str, spanish: str, end: str
) -> None:
    assert when(SEED_START, SEED_END, zone, "en") == f"{english}, until {end}"
    assert when(SEED_START, SEED_END, zone, "es") == f"{spanish}, hasta las {end}"
    own_en = own_zone_line(SEED_START, SEED_END, zone, "Europe/Madrid", "en")
    assert own_en == "In the event's time zone: 16:00–18:00 (Madrid, UTC+2)"
    own_es = own_zone_line(SEED_START, SEED_END, zone, "Europe/Madrid", "es")
    assert own_es == "Hora del evento: 16:00–18:00 (Madrid, UTC+2)"


def test_the_issue_example_is_exact() -> None:
    assert (
        start_phrase(SEED_START, "America/La_Paz", "es")
        == "jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia)"
    )


def test_seed_card_for_a_reader_in_la_paz(seed_spec: EventSpec) -> None:
    event = Event(code=seed_spec.code, status="scheduled", revision=1, **_fields(seed_spec))
    text = render.card(event, "es", "America/La_Paz", show_link=False)
    assert "jueves, 18 de septiembre de 2025, 10:00 (hora de Bolivia), hasta las 12:00" in text
    assert "Hora del evento: 16:00–18:00 (Madrid, UTC+2)" in text
    assert "En inglés, con interpretación simultánea al español" in text
    assert "Taller regional para América Latina y el Caribe" in text
    assert "Not available" not in text
    assert "inglés:" not in text
    french = render.card(event, "fr", "America/Port_of_Spain", show_link=False)
    assert "Atelier régional" in french  # a title of its own
    assert "Objectives:" in french  # no French description: English, and the card says so
    assert "Pas encore disponible dans votre langue" in french


def test_own_zone_is_not_repeated_when_the_clock_reads_the_same() -> None:
    assert not differs(SEED_START, "Europe/Madrid", "Europe/Madrid")
    assert not differs(SEED_START, "Europe/Paris", "Europe/Madrid")
    assert differs(SEED_START, "America/La_Paz", "Europe/Madrid")


@pytest.mark.parametrize(
    ("local_start", "la_paz", "nassau"),
    [
        # Before the US change (8 March 2026): Madrid UTC+1, Nassau UTC-5.
        ("2026-03-05T16:00", "11:00", "10:00"),
        # After the US change, before the EU one (29 March): Nassau UTC-4 catches up.
        ("2026-03-12T16:00", "11:00", "11:00"),
        # After both: Madrid UTC+2, so both read an hour earlier.
        ("2026-04-02T16:00", "10:00", "10:00"),
    ],
)
def test_madrid_event_across_the_us_dst_change(local_start: str, la_paz: str, nassau: str) -> None:
    start = to_utc(datetime.fromisoformat(local_start), "Europe/Madrid")
    end = to_utc(datetime.fromisoformat(local_start.replace("16:00", "18:00")), "Europe/Madrid")
    assert f", {la_paz} (hora de Bolivia)" in when(start, end, "America/La_Paz", "es")
    assert f", {nassau} (Bahamas Time)" in when(start, end, "America/Nassau", "en")


def test_the_offset_shown_is_the_one_on_the_day_not_today() -> None:
    """A reminder written on 5 March (Nassau UTC-5) for 12 March (UTC-4) shows 11:00."""
    start = to_utc(datetime(2026, 3, 12, 16, 0), "Europe/Madrid")
    end = to_utc(datetime(2026, 3, 12, 18, 0), "Europe/Madrid")
    line = own_zone_line(start, end, "America/Nassau", "Europe/Madrid", "en")
    assert line == "In the event's time zone: 16:00–18:00 (Madrid, UTC+1)"
    assert (
        when(start, end, "America/Nassau", "en")
        == "Thursday, March 12, 2026, 11:00 (Bahamas Time), until 13:00"
    )


def test_an_event_crossing_midnight() -> None:
    start = to_utc(datetime(2026, 10, 31, 23, 0), "America/La_Paz")
    end = to_utc(datetime(2026, 11, 1, 1, 0), "America/La_Paz")
    assert when(start, end, "America/La_Paz", "es") == (
        "sábado, 31 de octubre de 2026, 23:00 (hora de Bolivia), "
        "hasta el domingo, 1 de noviembre de 2026, a las 01:00"
    )
    # In Madrid (back on UTC+1 since 25 October) it is one morning, 04:00 to 06:00.
    assert when(start, end, "Europe/Madrid", "en") == (
        "Sunday, November 1, 2026, 04:00 (Spain (Madrid) Time), until 06:00"
    )
    assert own_zone_line(start, end, "Europe/Madrid", "America/La_Paz", "en") == (
        "In the event's time zone: Saturday, October 31, 2026, 23:00 – "
        "Sunday, November 1, 2026, 01:00 (La Paz, UTC-4)"
    )


def test_an_early_morning_event_is_the_evening_before_in_lima() -> None:
    start = to_utc(datetime(2026, 6, 10, 2, 0), "Europe/Madrid")
    end = to_utc(datetime(2026, 6, 10, 4, 0), "Europe/Madrid")
    assert when(start, end, "America/Lima", "en") == (
        "Tuesday, June 9, 2026, 19:00 (Peru Time), until 21:00"
    )
    assert own_zone_line(start, end, "America/Lima", "Europe/Madrid", "en") == (
        "In the event's time zone: Wednesday, June 10, 2026, 02:00–04:00 (Madrid, UTC+2)"
    )


def test_a_time_skipped_by_the_clocks_is_refused() -> None:
    with pytest.raises(ValueError, match="does not exist"):
        to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Madrid")


def _fields(spec: EventSpec) -> dict[str, object]:
    from bot.events.manage import fields_of

    return fields_of(spec)
