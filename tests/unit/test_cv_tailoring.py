"""Tailoring her CV to a pasted advertisement: what matches, what the advert asks that her CV does not show,
and a version with the matching experiences and skills first."""

import time

from bot.cv.dates import ApproxDate
from bot.cv.informal import informal_experience
from bot.cv.model import CV, Availability, Experience, LanguageSkill
from bot.cv.tailoring import same_word, tailor, tailor_to_sector
from tests.unit.cv_support import CATS, full_cv

ITALIAN_ADVERT = (
    "🍕 Cercasi AIUTO CUOCO per ristorante a Roma! Richiesta esperienza, conoscenza della lingua italiana, "
    "patente B, disponibilità su turni anche nel fine settimana e di notte. Pulizia della cucina, "
    "preparazione delle verdure. Gradito attestato HACCP. Lavoro di squadra! 👩‍🍳"
)


def _roles(cv: CV) -> list[str]:
    return [item.role or item.offer for item in cv.experiences]


def test_an_italian_advert_puts_her_kitchen_experience_first():
    result = tailor(full_cv(), ITALIAN_ADVERT, "it", CATS)
    # Her informal cooking, worded in Italian on the CV, shares "cucina" and "preparazione" with the advert.
    assert _roles(result.cv)[0] == "cooking"
    assert {"cucina", "preparazione", "Pulizia"} <= set(result.experience_words[0])
    assert "squadra" in result.matching_words
    assert result.cv.soft_skills[0] == "teamwork"


def test_requirements_her_cv_shows_and_those_it_does_not():
    result = tailor(full_cv(), ITALIAN_ADVERT, "it", CATS)
    met = {hit.id: hit.advert_word for hit in result.met}
    missing = {hit.id: hit.advert_word for hit in result.missing}
    assert met["driving_licence"] == "patente"
    assert met["language:it"] == "italiana"  # she speaks Italian (B1)
    assert met["hygiene"] == "HACCP"  # her HACCP course
    assert met["weekend"] == "fine settimana"  # she is available on Saturdays
    assert missing == {"night": "notte"}  # she did not choose night shifts
    night = result.missing[0]
    assert night.describe("en", CATS) == "Night work"


def test_a_language_the_advert_asks_for_is_missing_until_she_adds_it():
    cv = CV(mother_tongues=["ar"], languages=[LanguageSkill("Italiano", "A2")])
    result = tailor(cv, "Se requiere inglés y alemán. Valorable italiano.", "es", CATS)
    assert {hit.language for hit in result.missing} == {"en", "de"}
    assert {hit.language for hit in result.met} == {"it"}  # typed as "Italiano", still recognised
    assert result.missing[0].describe("en", CATS).startswith("Language: ")


def test_an_arabic_advert_is_read_too():
    cv = CV(
        experiences=[Experience("Cleaner", tasks=["Cleaned rooms"]), informal_experience("cooking")],
        languages=[LanguageSkill("en", "B1")],
        availability=Availability(shifts=["morning", "evening"]),
    )
    result = tailor(cv, "مطلوب طباخة ذات خبرة. العمل بنظام الورديات. اللغة الإنجليزية مطلوبة.", "ar", CATS)
    assert {hit.id for hit in result.met} == {"experience", "shifts", "language:en"}


def test_nothing_in_common_keeps_her_order_and_says_so():
    cv = full_cv()
    result = tailor(cv, "Software developer: Kubernetes, Golang, microservices.", "en", CATS)
    assert not result.matched_anything
    assert result.cv == cv
    assert tailor(cv, "", "en", CATS).cv == cv


def test_tailoring_reorders_but_never_drops_anything():
    cv = full_cv()
    result = tailor(cv, "Market stall: serve customers, handle cash", "en", CATS)
    assert _roles(result.cv)[0] == "market"
    assert sorted(map(repr, result.cv.experiences)) == sorted(map(repr, cv.experiences))
    assert sorted(result.cv.digital_skills) == sorted(cv.digital_skills)
    assert {hit.id for hit in result.met} == {"customers"}  # the market wording says she served customers


def test_picking_a_sector_instead_of_an_advert_puts_related_work_first():
    cv = CV(
        experiences=[
            informal_experience("market", ApproxDate(2012)),
            informal_experience("children", ApproxDate(2010)),
            informal_experience("cooking", ApproxDate(2015)),
        ]
    )
    result = tailor_to_sector(cv, "care", "en", CATS)
    assert _roles(result.cv)[0] == "children"
    assert result.met == () and result.missing == ()
    assert _roles(tailor_to_sector(cv, "kitchen", "it", CATS).cv)[0] == "cooking"


def test_a_whole_pasted_page_is_handled_quickly():
    page = "Lorem ipsum dolor sit amet, cleaning rooms 🧹 ✨ " * 3000
    started = time.perf_counter()
    result = tailor(full_cv(), page, "en", CATS)
    assert time.perf_counter() - started < 2
    assert "cleaning" in result.matching_words


def test_words_match_like_a_reader_would_match_them():
    assert same_word("cleaning", "cleaned")
    assert same_word("cook", "cooking")
    assert same_word("pulizia", "pulizie")
    assert not same_word("team", "teach")
    assert not same_word("sale", "salary")
    assert not same_word("art", "artist")
