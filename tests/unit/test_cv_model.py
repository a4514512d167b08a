"""Her CV draft: kept whole through its stored form, readable by later versions, held to sensible lengths."""

import json
from datetime import date

from bot.cv.dates import PRESENT, ApproxDate
from bot.cv.model import CV, LIMITS, Education, Experience, clean, clean_email, clean_phone, clip, language_name
from tests.unit.cv_support import full_cv


def test_a_saved_draft_comes_back_exactly_as_she_left_it():
    cv = full_cv()
    cv.date_of_birth = date(1990, 3, 15)
    cv.nationality = "Malienne"
    stored = json.loads(json.dumps(cv.to_dict()))  # what the encrypted store keeps is plain JSON
    assert CV.from_dict(stored) == cv


def test_a_draft_written_by_another_version_still_opens():
    stored = {
        "v": 7,
        "colour_theme": "blue",  # a key this version does not know
        "name": "Amina",
        "target": {"sector": "space_travel", "title": "Cook"},  # a sector that no longer exists
        "experiences": [
            {"role": "Cook", "start": "2019", "end": "now", "tasks": ["Cooked", 42, None], "future_field": 1},
            "not an entry",
            {"offer": "children", "informal": True, "start": "2019-13"},  # impossible month
        ],
        "languages": [{"language": "it", "level": "B1"}, {"language": "de", "level": "Z9"}],
        "digital_skills": ["email", "hologram", "email"],
        "availability": {"days": [0, 4, 9, True, "1"], "shifts": ["night", "dawn"]},
        "date_of_birth": "not a date",
    }
    cv = CV.from_dict(stored)
    assert cv.name == "Amina"
    assert cv.target.sector is None and cv.target.title == "Cook"
    assert cv.experiences[0] == Experience("Cook", "", ApproxDate(2019), PRESENT, ["Cooked"])
    assert cv.experiences[2].offer == "children" and cv.experiences[2].start is None
    assert [skill.language for skill in cv.languages] == ["it"]
    assert cv.digital_skills == ["email"]
    assert cv.availability.days == [0, 4] and cv.availability.shifts == ["night"]
    assert cv.date_of_birth is None
    assert CV.from_dict(None) == CV() and CV.from_dict({"experiences": "oops"}) == CV()


def test_long_answers_are_cut_at_a_word_and_she_is_told():
    answer = "I cleaned the big kitchen every day " * 10
    text, cut = clip(answer, LIMITS.task)
    assert cut and LIMITS.task * 0.7 <= len(text) <= LIMITS.task
    assert answer.startswith(text) and answer[len(text)] == " "  # whole words only
    assert clip("Cook", LIMITS.role) == ("Cook", False)
    one_long_word = "x" * 300
    assert clip(one_long_word, LIMITS.task) == ("x" * LIMITS.task, True)


def test_cutting_never_leaves_half_a_character_sequence():
    persian = "آشپز" + "\u200c" + "ها"  # a joiner inside a Persian word
    text, cut = clip(persian * 40, 9)
    assert cut and not text.endswith("\u200c")
    accented = "e\u0301" * 10  # letters with combining accents are composed first
    assert clip(accented, 5) == ("é" * 5, True)


def test_invisible_and_control_characters_never_reach_the_cv():
    assert clean("Cook\x00\x07 at\n\tRoma\u202e ") == "Cook at Roma"
    assert clean(None) == "" and clean(12) == ""
    stored = CV(name="Amina\x0b", experiences=[Experience(role="Cook\ud800")]).to_dict()
    cv = CV.from_dict(stored)
    assert cv.name == "Amina" and cv.experiences[0].role == "Cook"


def test_a_stored_draft_is_held_to_the_limits():
    stored = {
        "name": "A" * 500,
        "experiences": [{"role": f"Job {index}", "tasks": ["task"] * 30} for index in range(40)],
        "education": [{"what": "x" * 1000}] * 30,
        "interests": ["music"] * 50,
    }
    cv = CV.from_dict(stored)
    assert len(cv.name) == LIMITS.name
    assert len(cv.experiences) == LIMITS.experiences
    assert all(len(item.tasks) == LIMITS.tasks for item in cv.experiences)
    assert len(cv.education) == LIMITS.education and len(cv.education[0].what) == LIMITS.education_what
    assert len(cv.interests) == LIMITS.interests


def test_email_and_phone_are_checked_kindly():
    assert clean_email(" amina.k@example.com ") == "amina.k@example.com"
    assert clean_email("amina at example dot com") is None
    assert clean_email("amina@example") is None
    assert clean_phone("+39 333 123 4567") == "+39 333 123 4567"
    assert clean_phone("٠٦٩٩ ١٢٣ ٤٥٦") == "0699 123 456"  # Arabic-Indic digits are read as digits
    assert clean_phone("call me") is None
    assert clean_phone("12") is None


def test_newest_work_and_education_come_first_and_undated_entries_keep_her_order():
    cv = CV(
        experiences=[
            Experience("Old", start=ApproxDate(2010), end=ApproxDate(2012)),
            Experience("Undated A"),
            Experience("Now", start=ApproxDate(2020), end=PRESENT),
            Experience("Undated B"),
            Experience("Middle", start=ApproxDate(2015, 6)),
        ],
        education=[Education("School", end=ApproxDate(2005)), Education("Course", end=ApproxDate(2023))],
    )
    ordered = cv.newest_first()
    assert [item.role for item in ordered.experiences] == ["Now", "Middle", "Old", "Undated A", "Undated B"]
    assert [item.what for item in ordered.education] == ["Course", "School"]
    assert [item.role for item in cv.experiences][0] == "Old"  # her draft itself is untouched


def test_languages_given_as_codes_print_in_the_cv_language_and_typed_names_as_typed():
    assert language_name("it", "fr") == "Italien"
    assert language_name("it", "it", capital=False) == "italiano"
    assert language_name("ti", "de") == "Tigrinya"
    assert language_name("Wolof (Dakar)", "fr") == "Wolof (Dakar)"
