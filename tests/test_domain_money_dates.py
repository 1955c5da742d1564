"""Money and dates as an Indonesian reader expects them."""

from datetime import date, datetime

import pytest

from lasem_tui.domain.dates import date_in_words, format_clock, format_date_long, parse_date
from lasem_tui.domain.money import (
    AmountError,
    amount_in_words,
    format_rupiah,
    parse_amount,
    parse_volume,
)


@pytest.mark.parametrize(
    "text",
    ["1500000", "1.500.000", "Rp 1.500.000", "Rp1.500.000,00", "rp. 1.500.000", " 1500000 "],
)
def test_amounts_people_type_are_read_as_whole_rupiah(text: str) -> None:
    assert parse_amount(text) == 1_500_000


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "amount_empty"),
        ("   ", "amount_empty"),
        ("-5000", "amount_negative"),
        ("Rp -5.000", "amount_negative"),
        ("lima juta", "amount_not_number"),
        ("1.50.000", "amount_not_number"),
        ("1,5 juta", "amount_not_number"),
    ],
)
def test_bad_amounts_say_what_is_wrong(text: str, code: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert caught.value.code == code


def test_rupiah_are_shown_the_indonesian_way() -> None:
    assert format_rupiah(1_250_000_000) == "Rp 1.250.000.000"
    assert format_rupiah(-5_000) == "-Rp 5.000"


def test_amounts_in_words_for_official_documents() -> None:
    assert amount_in_words(150_000_000) == "seratus lima puluh juta rupiah"


def test_volume_takes_a_decimal_comma() -> None:
    assert parse_volume("2,5") == 2.5
    assert parse_volume("1.250,5") == 1250.5
    assert parse_volume("120") == 120


def test_dates_in_indonesian() -> None:
    assert format_date_long(date(2023, 2, 17)) == "Jumat, 17 Februari 2023"
    assert format_date_long(date(2023, 2, 17), "en") == "Friday, 17 February 2023"
    assert date_in_words(date(2023, 2, 17)) == (
        "hari Jumat tanggal tujuh belas bulan Februari tahun dua ribu dua puluh tiga"
    )
    assert format_clock(datetime(2023, 2, 17, 11, 0)) == "11.00"
    assert parse_date("17/02/2023") == date(2023, 2, 17)
