"""Dates as she types them in any CV language, and periods as a CV prints them (month names, no gaps)."""

from datetime import date

import pytest

from bot.cv.dates import (
    PRESENT,
    ApproxDate,
    format_approximate_date,
    format_period,
    parse_approximate_date,
    parse_full_date,
    parse_period,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "year", "month"),
    [
        ("2019", 2019, None),
        ("03/2020", 2020, 3),
        ("3.2020", 2020, 3),
        ("2020-03", 2020, 3),
        ("03/20", 2020, 3),
        ("15/03/2020", 2020, 3),
        ("March 2020", 2020, 3),
        ("mars 2020", 2020, 3),
        ("marzo de 2020", 2020, 3),
        ("März 2020", 2020, 3),
        ("Μαρτίου 2020", 2020, 3),
        ("martie 2020", 2020, 3),
        ("март 2020 г.", 2020, 3),
        ("Sept. 2021", 2021, 9),
        ("مارس ٢٠٢٠", 2020, 3),  # Arabic month name, Arabic-Indic digits
        ("آذار 2020", 2020, 3),  # Levantine month name
        ("since 2018", 2018, None),
        ("last year", 2025, None),
        ("since last year", 2025, None),
        ("l'année dernière", 2025, None),
        ("two years ago", 2024, None),
        ("il y a deux ans", 2024, None),
        ("vor zwei Jahren", 2024, None),
        ("due anni fa", 2024, None),
        ("hace 3 años", 2023, None),
        ("πριν δύο χρόνια", 2024, None),
        ("преди две години", 2024, None),
        ("منذ سنتين", 2024, None),
        ("березень 2020", 2020, 3),  # Ukrainian
        ("два роки тому", 2024, None),
        ("минулого року", 2025, None),
        ("март 2020", 2020, 3),  # Russian
        ("пять лет назад", 2021, None),
        ("в прошлом году", 2025, None),
        ("6 months ago", 2026, 5),
        ("last month", 2026, 10),
    ],
)
def test_dates_she_types_are_understood(typed, year, month):
    assert parse_approximate_date(typed, TODAY) == ApproxDate(year, month)


@pytest.mark.parametrize(
    "typed",
    [
        "now",
        "Today",
        "aujourd'hui",
        "jetzt",
        "adesso",
        "ahora",
        "τώρα",
        "сега",
        "الآن",
        "зараз",
        "досі",
        "сейчас",
        "по настоящее время",
    ],
)
def test_now_in_any_language_is_the_present(typed):
    assert parse_approximate_date(typed, TODAY) == PRESENT


@pytest.mark.parametrize("typed", ["13/2020", "2050", "1900", "ages ago", "when I was young", "", "3/4/5", "x" * 200])
def test_she_is_asked_again_rather_than_given_a_wrong_date(typed):
    assert parse_approximate_date(typed, TODAY) is None


def test_a_whole_period_can_be_typed_at_once():
    assert parse_period("2017-2019", TODAY) == (ApproxDate(2017), ApproxDate(2019))
    assert parse_period("03/2018 – now", TODAY) == (ApproxDate(2018, 3), PRESENT)
    assert parse_period("from 2015 to 2016", TODAY) == (ApproxDate(2015), ApproxDate(2016))
    assert parse_period("de mars 2019 à mai 2020", TODAY) == (ApproxDate(2019, 3), ApproxDate(2020, 5))
    assert parse_period("από 2015 έως 2018", TODAY) == (ApproxDate(2015), ApproxDate(2018))
    assert parse_period("since 2020", TODAY) == (ApproxDate(2020), PRESENT)
    assert parse_period("2019", TODAY) == (ApproxDate(2019), None)
    assert parse_period("2020 - 2018", TODAY) is None  # an end before the start is asked again
    assert parse_period("sometimes", TODAY) is None


def test_a_date_of_birth_needs_a_real_day():
    assert parse_full_date("15/03/1990", TODAY) == date(1990, 3, 15)
    assert parse_full_date("15 mars 1990", TODAY) == date(1990, 3, 15)
    assert parse_full_date("1990-03-15", TODAY) == date(1990, 3, 15)
    assert parse_full_date("31/02/1990", TODAY) is None
    assert parse_full_date("1990", TODAY) is None


def test_periods_print_with_month_names_in_the_cv_language():
    assert format_period(ApproxDate(2019, 3), ApproxDate(2020, 5), "en") == "March 2019 – May 2020"
    assert format_period(ApproxDate(2019, 3), PRESENT, "fr", "aujourd’hui") == "mars 2019 – aujourd’hui"
    assert format_period(ApproxDate(2019, 3), ApproxDate(2020, 5), "el") == "Μάρτιος 2019 – Μάιος 2020"
    assert format_period(ApproxDate(2019, 3), ApproxDate(2020, 5), "de") == "März 2019 – Mai 2020"
    assert "март 2019" in format_period(ApproxDate(2019, 3), None, "bg")
    assert format_approximate_date(ApproxDate(2020, 3), "ar") == "مارس 2020"


def test_a_cv_shows_only_what_she_gave_never_a_gap_or_an_unknown():
    assert format_period(None, None, "en") == ""
    assert format_period(ApproxDate(2018), None, "en") == "2018"
    assert format_period(None, ApproxDate(2018), "en") == "2018"
    assert format_period(ApproxDate(2018), ApproxDate(2018), "en") == "2018"
    assert format_period(ApproxDate(2018, 4), ApproxDate(2018), "en") == "April 2018"


def test_stored_dates_read_back_and_bad_ones_are_dropped():
    for value in (ApproxDate(2019), ApproxDate(2020, 3), PRESENT):
        assert ApproxDate.from_text(value.to_text()) == value
    assert ApproxDate.from_text("2020-13") is None
    assert ApproxDate.from_text(2020) is None
