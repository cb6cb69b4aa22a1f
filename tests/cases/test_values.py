"""What officers type, read into values; and the button data services and handlers share."""

from __future__ import annotations

from datetime import date

import pytest

from bot.cases.callbacks import mine_data, work_data
from bot.cases.countries import match_world_country
from bot.cases.values import format_hs, parse_date, parse_hs, parse_quantity
from handlers.cases_kb import MineCb, WorkCb


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("2903.82", "290382"), ("SA 2903 82", "290382"), ("2903.82.10.00", "2903821000"),
        ("HS: 290382", "290382"), ("NCM 3808.52.10", "38085210"), ("3808-52", "380852"),
        ("12345", None), ("29038210001", None), ("abc", None), ("0012.34", None),
        ("7712.34", None), ("", None), ("2903.82 y 3808.52", None),
    ],
)  # fmt: skip
def test_hs_codes_in_any_common_spelling(typed: str, digits: str | None) -> None:
    assert parse_hs(typed) == digits


def test_hs_codes_are_shown_in_pairs() -> None:
    assert [format_hs(c) for c in ("290382", "38085210", "2903821000")] == [
        "2903.82", "3808.52.10", "2903.82.10.00",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("200 kg", (200.0, "kg")), ("1.500,5 kg", (1500.5, "kg")), ("1,500.5kg", (1500.5, "kg")),
        ("1,500", (1500.0, None)), ("2,5 t", (2.5, "t")), ("2.5 toneladas", (2.5, "t")),
        ("500 g", (0.5, "kg")), ("40 litros", (40.0, "l")), ("5 m³", (5.0, "m3")),
        ("12 unidades", (12.0, "units")), ("3 drums", (3.0, None)), ("1 000 kg", (1000.0, "kg")),
        ("0", None), ("-5 kg", None), ("lots", None), ("1e9", (1.0, None)),
        ("99999999999999", None),
    ],
)  # fmt: skip
def test_quantities(typed: str, value: tuple[float, str | None] | None) -> None:
    assert parse_quantity(typed) == value


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("25/11/2026", date(2026, 11, 25)), ("25-11-26", date(2026, 11, 25)),
        ("25.11", date(2026, 11, 25)), ("2026-11-25", date(2026, 11, 25)),
        ("31/02/2026", None), ("ayer", None), ("2026-11", None), ("11/25/2026", None),
    ],
)  # fmt: skip
def test_dates_day_first(typed: str, day: date | None) -> None:
    assert parse_date(typed, date(2026, 11, 26)) == day


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("China", "CN"), ("Estados Unidos", "US"), ("EEUU", "US"), ("brasil", "BR"),
        ("Perú", "PE"), ("Allemagne", "DE"), ("Corée du Sud", "KR"), ("cn", "CN"),
        ("Boli", "BO"), ("Atlantis", None), ("Bol", None), ("", None), ("ZZ", None),
    ],
)  # fmt: skip
def test_countries_of_the_world_in_four_languages(typed: str, code: str | None) -> None:
    assert match_world_country(typed) == code


def test_button_data_of_queued_messages_reads_back_in_the_handlers() -> None:
    for action in ("open", "ack", "info", "close", "reassign"):
        data = work_data(action, 123456789)
        assert data == WorkCb(action=action, case_id=123456789).pack()
        assert WorkCb.unpack(data) == WorkCb(action=action, case_id=123456789)
    for action in ("open", "answer"):
        assert MineCb.unpack(mine_data(action, 7)) == MineCb(action=action, case_id=7)
    with pytest.raises(ValueError, match="unknown case action"):
        work_data("delete", 1)
