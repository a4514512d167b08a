"""Interview practice without Telegram: which questions she gets, her own review, and the preparation sheet."""

import io
import random
from datetime import date

import pytest
from pypdf import PdfReader

from bot.content import ALL_SECTORS, INTERVIEW_SECTORS
from bot.documents.interview_prep import PrepDetails, prep_sections, prep_sheet_pdf, prep_sheet_text
from bot.i18n import Catalogues
from bot.interview import (
    GENERAL,
    LENGTHS,
    Progress,
    Review,
    bank,
    hardest,
    pick_questions,
    practice_sector,
    question_of_the_day,
    split_easy_hard,
    suggested_lessons,
)

CATS = Catalogues.load()


@pytest.mark.parametrize("sector", [*INTERVIEW_SECTORS, GENERAL])
@pytest.mark.parametrize("count", LENGTHS)
def test_a_practice_has_as_many_different_questions_as_she_asked_for(sector, count):
    questions = pick_questions(bank().questions, sector, count, rng=random.Random(7))
    assert len(questions) == count
    assert len({question.id for question in questions}) == count
    assert questions[0].kind == "about"  # a warm start, about herself
    assert all(question.fits(sector) for question in questions)


@pytest.mark.parametrize("sector", INTERVIEW_SECTORS)
def test_a_practice_for_a_kind_of_work_asks_about_that_work(sector):
    for seed in range(5):
        questions = pick_questions(bank().questions, sector, 3, rng=random.Random(seed))
        assert sector in questions[1].sectors


def test_a_practice_for_any_job_asks_only_what_every_employer_asks():
    questions = pick_questions(bank().questions, GENERAL, 10, rng=random.Random(1))
    assert all(question.sectors == (ALL_SECTORS,) for question in questions)


def test_questions_she_has_not_practised_come_first():
    first = pick_questions(bank().questions, "kitchen", 5, rng=random.Random(3))
    again = pick_questions(bank().questions, "kitchen", 5, practised={q.id for q in first}, rng=random.Random(3))
    assert not {q.id for q in first} & {q.id for q in again}


def test_the_question_of_the_day_stays_all_day_and_changes_with_the_days():
    day = date(2026, 11, 25)
    same = {question_of_the_day(bank().questions, "care", day) for _ in range(3)}
    assert len(same) == 1
    week = {question_of_the_day(bank().questions, "care", date(2026, 12, d)) for d in range(1, 8)}
    assert len(week) > 1
    practised = {q.id for q in bank().questions if q.fits("care")} - same
    assert question_of_the_day(bank().questions, "care", day, practised) in same  # the one left
    assert question_of_the_day(bank().questions, "care", day, practised | same)  # all done: still one


def test_a_sector_without_its_own_questions_practises_for_any_job():
    assert practice_sector("kitchen") == "kitchen"
    assert practice_sector("beauty") == GENERAL
    assert practice_sector(None) == GENERAL


def test_her_ticks_decide_what_went_well_and_what_to_practise_again():
    reviews = {
        "a": Review({"example", "result", "short"}),
        "b": Review({"example"}),
        "c": Review({"example", "result"}, hard=True),
        "d": Review(),
    }
    easy, hard = split_easy_hard(reviews)
    assert easy == ["a"]
    assert hard == ["b", "c", "d"]
    assert hardest(reviews) == ["c", "d", "b"]  # marked hard first, then fewest ticks
    assert hardest({"a": reviews["a"]}) == []


def test_lessons_are_suggested_for_the_kinds_she_found_hard():
    situation = next(q for q in bank().questions if q.kind == "situation")
    asking = next(q for q in bank().questions if q.kind == "ask_employer")
    assert suggested_lessons([situation, asking]) == ["soft_skills", "contract_basics"]
    assert suggested_lessons([]) == ["soft_skills"]


def test_progress_keeps_ids_and_ticks_and_survives_a_changed_question_bank():
    progress = Progress()
    known = [q.id for q in bank().questions[:2]]
    progress.record(known[0], Review({"example", "not a check"}, hard=True))
    stored = progress.as_dict()
    assert stored == {"reviews": {known[0]: {"ticks": ["example"], "hard": True}}}
    stored["reviews"]["removed_question"] = {"ticks": ["short"]}
    stored["reviews"][known[1]] = "garbage"
    again = Progress.from_dict(stored, known)
    assert set(again.reviews) == set(known)
    assert again.reviews[known[1]] == Review()
    assert Progress.from_dict(None, known).reviews == {}


def _sheet(language: str, details: PrepDetails):
    asking = [q for q in bank().questions if q.kind == "ask_employer"][:3]
    hard = [q for q in bank().questions if q.kind == "situation"][:2]
    return prep_sections(details, asking, hard, language, CATS), asking, hard


def test_the_preparation_sheet_holds_her_details_and_leaves_out_what_she_skipped():
    details = PrepDetails(employer="Taverna <Nikos>", job="", when="Monday 10:00", where="")
    sections, asking, hard = _sheet("en", details)
    headings = [heading for heading, _lines in sections]
    assert headings == [
        "The interview",
        "What to bring",
        "Getting there",
        "Questions to ask",
        "Practise these once more",
    ]
    assert sections[0][1] == ["Employer: Taverna <Nikos>", "When: Monday 10:00"]
    assert sections[3][1] == [q.question for q in asking]
    assert hard[0].question in sections[4][1][0] and hard[0].contains in sections[4][1][0]
    text = prep_sheet_text(sections, "Interview notes")
    assert "Taverna &lt;Nikos&gt;" in text and "<Nikos>" not in text


def test_without_hard_questions_or_details_the_sheet_still_says_what_to_bring():
    sections = prep_sections(PrepDetails(), [], [], "fr", CATS)
    assert [heading for heading, _ in sections] == [
        CATS.gettext("What to bring", "fr"),
        CATS.gettext("Getting there", "fr"),
    ]


def test_the_preparation_sheet_prints_in_arabic_as_a_file():
    sections, _asking, _hard = _sheet("ar", PrepDetails(employer="مطعم الياسمين", where="Athens"))
    data = prep_sheet_pdf(sections, CATS.gettext("Interview notes", "ar"), rtl=True)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Athens" in text
    assert reader.metadata.get("/Producer") in (None, "")
