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


# The languages of the translated interface: the prompts tell her to type dates in her own words.
INTERFACE_LANGUAGES = {
    # language: (her "now", her "since 2022", her "September 2026")
    "sq": ("tani", "që nga 2022", "shtator 2026"),
    "es": ("ahora", "desde 2022", "septiembre de 2026"),
    "ti": ("ሕጂ", "ካብ 2022", "መስከረም 2026"),
    "zh": ("现在", "自2022年起", "2026年9月"),
    "vi": ("bây giờ", "từ năm 2022", "tháng 9 năm 2026"),
    "pcm": ("now", "since 2022", "Septemba 2026"),
    "el": ("τώρα", "από το 2022", "Σεπτέμβριος 2026"),
    "it": ("adesso", "dal 2022", "settembre 2026"),
    "de": ("jetzt", "seit 2022", "September 2026"),
    "ro": ("acum", "din 2022", "septembrie 2026"),
    "bg": ("сега", "от 2022 г.", "септември 2026"),
}


@pytest.mark.parametrize(("now", "since", "month"), INTERFACE_LANGUAGES.values(), ids=INTERFACE_LANGUAGES.keys())
def test_each_interface_language_reads_now_since_and_a_month(now, since, month):
    assert parse_approximate_date(now, TODAY) == PRESENT
    assert parse_period(now, TODAY) == (None, PRESENT)
    assert parse_period(since, TODAY) == (ApproxDate(2022), PRESENT)
    assert parse_approximate_date(month, TODAY) == ApproxDate(2026, 9)


@pytest.mark.parametrize(
    "typed",
    [
        "sot", "deri më sot", "hasta la fecha", "en la actualidad", "ሎሚ", "至今", "目前", "hiện tại", "nay", "Hiện nay",
        "till date", "μέχρι σήμερα", "έως τώρα", "oggi", "attuale", "fino ad oggi", "heute", "aktuell", "bis dato",
        "prezent", "până în prezent", "досега", "в момента",
    ],
)  # fmt: skip
def test_more_words_for_now_in_the_interface_languages(typed):
    assert parse_approximate_date(typed, TODAY) == PRESENT


@pytest.mark.parametrize(
    ("typed", "year", "month"),
    [
        ("2026年9月", 2026, 9),
        ("2026年09月", 2026, 9),
        ("2026年九月", 2026, 9),
        ("２０２６年９月", 2026, 9),  # full-width digits
        ("Nëntor 2025", 2025, 11),
        ("Nentor 2025", 2025, 11),  # without the diacritic
        ("setiembre 2026", 2026, 9),
        ("Tháng 9/2026", 2026, 9),
        ("T9/2026", 2026, 9),
        ("September 2026", 2026, 9),
        ("τον Σεπτέμβριο του 2026", 2026, 9),  # accusative
        ("Σεπτεμβρίου 2026", 2026, 9),  # genitive
        ("σεπτεμβρης 2026", 2026, 9),  # spoken form, no accent
        ("sett. 2026", 2026, 9),
        ("Jänner 2020", 2020, 1),
        ("Februarie 2020", 2020, 2),
        ("septembrie 2026", 2026, 9),
        ("септември 2026 г.", 2026, 9),
        ("2022年", 2022, None),
        ("para 3 vjetësh", 2023, None),
        ("vitin e kaluar", 2025, None),
        ("hace 2 años", 2024, None),
        ("ቅድሚ ክልተ ዓመት", 2024, None),
        ("ዝሓለፈ ዓመት", 2025, None),
        ("3年前", 2023, None),
        ("两年前", 2024, None),
        ("去年", 2025, None),
        ("今年", 2026, None),  # not "now", though "今" alone is
        ("3个月前", 2026, 8),
        ("3 năm trước", 2023, None),
        ("năm ngoái", 2025, None),
        ("năm nay", 2026, None),  # not "now", though "nay" alone is
        ("two years back", 2024, None),
        ("πριν 3 χρόνια", 2023, None),
        ("un anno fa", 2025, None),
        ("vor 3 Jahren", 2023, None),
        ("acum 3 ani", 2023, None),
        ("anul trecut", 2025, None),
        ("преди 3 години", 2023, None),
        ("лани", 2025, None),
    ],
)
def test_interface_languages_months_and_years_back(typed, year, month):
    assert parse_approximate_date(typed, TODAY) == ApproxDate(year, month)


def test_periods_in_the_interface_languages():
    since_2022 = (ApproxDate(2022), PRESENT)
    assert parse_period("2022年至今", TODAY) == since_2022
    assert parse_period("2022年起", TODAY) == since_2022
    assert parse_period("从2022年开始", TODAY) == since_2022
    assert parse_period("2019年3月-2021年5月", TODAY) == (ApproxDate(2019, 3), ApproxDate(2021, 5))
    assert parse_period("从2019年到2021年", TODAY) == (ApproxDate(2019), ApproxDate(2021))
    assert parse_period("2019.03-至今", TODAY) == (ApproxDate(2019, 3), PRESENT)
    assert parse_period("2019年-目前", TODAY) == (ApproxDate(2019), PRESENT)  # "目前" holds "前" ("ago"): no count
    assert parse_period("nga 2019 deri më sot", TODAY) == (ApproxDate(2019), PRESENT)
    assert parse_period("a partir de 2022", TODAY) == since_2022
    assert parse_period("ካብ 2019 ክሳብ ሕጂ", TODAY) == (ApproxDate(2019), PRESENT)
    assert parse_period("từ 2019 đến nay", TODAY) == (ApproxDate(2019), PRESENT)
    assert parse_period("tu nam 2019 den nam 2021", TODAY) == (ApproxDate(2019), ApproxDate(2021))
    assert parse_period("2019 till date", TODAY) == (ApproxDate(2019), PRESENT)
    assert parse_period("2022 onwards", TODAY) == since_2022
    assert parse_period("από το 2019 έως σήμερα", TODAY) == (ApproxDate(2019), PRESENT)
    assert parse_period("dal 2019 ad oggi", TODAY) == (ApproxDate(2019), PRESENT)
    assert parse_period("seit 2019 bis dato", TODAY) == (ApproxDate(2019), PRESENT)
    assert parse_period("de la 2019 până în prezent", TODAY) == (ApproxDate(2019), PRESENT)
    assert parse_period("începând cu 2022", TODAY) == since_2022
    assert parse_period("от 2019 до днес", TODAY) == (ApproxDate(2019), PRESENT)
