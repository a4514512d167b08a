"""Glossary search as she would use it: her words, the country's words, typos of case and accents."""

from datetime import date

import pytest

from bot.content import Term, load_glossary
from bot.country import countries
from bot.glossary import MAX_RESULTS, clean_query, normalise, search


def term(term_id: str, name: str, meaning: str = "Something.", **local: str) -> Term:
    return Term(id=term_id, term=name, meaning=meaning, local=local, see=(), version=1, reviewed=date(2026, 11, 23))


TERMS = [
    term("gross_pay", "Gross pay", "Pay before tax.", AT="Bruttolohn", GR="Μικτές αποδοχές"),
    term("net_pay", "Net pay", "What you receive after tax.", AT="Nettolohn", GR="Καθαρές αποδοχές"),
    term("overtime", "Overtime", "Hours beyond your normal hours.", AT="Überstunden"),
]
FRENCH = {"Gross pay": "Salaire brut", "Net pay": "Salaire net", "Overtime": "Heures supplémentaires"}
ARABIC = {"Gross pay": "الأجر الإجمالي", "Net pay": "الأجر الصافي", "Overtime": "العمل الإضافي"}


def in_english(text: str) -> str:
    return text


@pytest.mark.parametrize(
    ("typed", "translate", "first"),
    [
        ("gross pay", in_english, "gross_pay"),
        ("GROSS", in_english, "gross_pay"),
        ("salaire brut", FRENCH.get, "gross_pay"),
        ("heures supplementaires", FRENCH.get, "overtime"),  # no accent typed
        ("bruttolohn", in_english, "gross_pay"),  # the word on an Austrian pay slip
        ("uberstunden", in_english, "overtime"),
        ("μικτες", in_english, "gross_pay"),  # Greek without its accent
        ("الاجر الصافي", ARABIC.get, "net_pay"),  # alef written without hamza
        ("after tax", in_english, "net_pay"),  # found in the meaning when no name matches
    ],
)
def test_she_finds_the_word_however_she_types_it(typed, translate, first):
    query = clean_query(typed)
    found = search(TERMS, query, lambda text: translate(text) or text)
    assert found and found[0].id == first, [t.id for t in found]


def test_a_name_match_comes_before_a_meaning_match():
    found = search(TERMS, clean_query("pay"), in_english)
    assert [t.id for t in found][:2] == ["gross_pay", "net_pay"]


def test_no_match_is_an_empty_list():
    assert search(TERMS, clean_query("banana"), in_english) == []


@pytest.mark.parametrize("typed", ["", "a", "   ", "?!", "x" * 500, None])
def test_text_that_cannot_be_a_search_is_refused(typed):
    assert clean_query(typed) is None


def test_normalise_folds_case_accents_and_arabic_letter_variants():
    assert normalise("Überstunden!") == "uberstunden"
    assert normalise("أجر") == normalise("اجر")
    assert normalise("Salariu  brut,") == "salariu brut"


def test_shipped_glossary_is_big_enough_and_covers_every_country():
    glossary = load_glossary(country_codes=tuple(c.code for c in countries().countries))
    assert len(glossary.terms) >= 40
    ids = {t.id for t in glossary.terms}
    required = {"gross_pay", "net_pay", "probation_period", "notice_period", "overtime", "shift"}
    assert required | {"collective_agreement", "social_insurance", "tax_number", "pay_slip"} <= ids


def test_results_are_capped():
    many = [term(f"t{i}", f"Pay {i}") for i in range(20)]
    assert len(search(many, "pay", in_english)) == MAX_RESULTS
