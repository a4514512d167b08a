"""Interview practice, without Telegram: which questions to ask, her self-review, what to suggest next.

Her answers never reach this module: only which questions she practised and the
ticks of her own review, which are kept (with "remember me") as her progress.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from bot.content import ALL_SECTORS, INTERVIEW_SECTORS, InterviewBank, InterviewQuestion, load_interview
from bot.cv.model import SECTORS
from bot.i18n import N_

GENERAL = "general"  # practice without a sector: only questions every employer asks
LENGTHS = (3, 5, 10)
PROGRESS = "interview"  # the kind her progress is kept under, with "remember me"

# The sectors practice offers: the CV builder's, where the bank has questions of their own, and "any job".
PRACTICE_SECTORS: dict[str, str] = {key: SECTORS[key] for key in INTERVIEW_SECTORS} | {GENERAL: N_("Any job")}

# The self-review: her own ticks, never a score from the bot.
CHECKS: dict[str, str] = {
    "example": N_("I gave an example"),
    "result": N_("I said what I did and what happened"),
    "short": N_("It was under a minute"),
}

# Where a kind of question is practised further in Orientation (lesson ids in lessons.yaml).
LESSON_FOR_KIND: dict[str, str] = {
    "about": "soft_skills",
    "motivation": "labour_market",
    "experience": "qualifications",
    "situation": "soft_skills",
    "practical": "rights_at_work",
    "ask_employer": "contract_basics",
}

_SECTOR = "sector"
# The order of a practice: a warm start about herself, then her kind of work, then the rest.
# Shorter practices take the beginning of the plan.
PLAN = ("about", _SECTOR, "situation", "experience", "motivation", _SECTOR, "practical", "situation", _SECTOR,
        "ask_employer")  # fmt: skip


@cache
def bank() -> InterviewBank:
    return load_interview()


def practice_sector(cv_sector: str | None) -> str:
    """The practice sector for the kind of work in her CV (a sector without its own questions is GENERAL)."""
    return cv_sector if cv_sector in INTERVIEW_SECTORS else GENERAL


def _fits(question: InterviewQuestion, slot: str, sector: str) -> bool:
    if slot == _SECTOR:
        return sector != GENERAL and sector in question.sectors
    return question.kind == slot and ALL_SECTORS in question.sectors


def pick_questions(
    questions: Iterable[InterviewQuestion],
    sector: str,
    count: int,
    practised: Iterable[str] = (),
    rng: random.Random | None = None,
) -> list[InterviewQuestion]:
    """`count` different questions for a practice in `sector`, following PLAN; questions she has not practised
    yet come first. A slot with nothing left takes any question that fits her sector."""
    rng = rng or random.Random()
    pool = [question for question in questions if question.fits(sector) or sector == GENERAL]
    if sector == GENERAL:
        pool = [question for question in pool if ALL_SECTORS in question.sectors]
    done = set(practised)
    chosen: list[InterviewQuestion] = []

    def take(candidates: list[InterviewQuestion]) -> None:
        fresh = [question for question in candidates if question.id not in done]
        chosen.append(rng.choice(fresh or candidates))

    for slot in (PLAN * (count // len(PLAN) + 1))[:count]:
        left = [question for question in pool if question not in chosen]
        if not left:
            break
        take([question for question in left if _fits(question, slot, sector)] or left)
    return chosen


def question_of_the_day(questions: Iterable[InterviewQuestion], sector: str, today: date, practised=()) -> str:
    """The same question all day (so coming back shows it again), a new one each day: one she has not practised
    if there is any left."""
    rng = random.Random(f"{today.isoformat()}:{sector}")
    return pick_questions(questions, sector, 1, practised, rng)[0].id


@dataclass
class Review:
    """Her self-review of one answer: the CHECKS she ticked, and whether it felt hard."""

    ticks: set[str] = field(default_factory=set)
    hard: bool = False

    @property
    def went_well(self) -> bool:
        return not self.hard and len(self.ticks) >= 2

    def as_dict(self) -> dict:
        return {"ticks": sorted(self.ticks & set(CHECKS)), "hard": self.hard}

    @classmethod
    def from_dict(cls, data: object) -> Review:
        data = data if isinstance(data, dict) else {}
        ticks = data.get("ticks")
        return cls(
            ticks={tick for tick in ticks if tick in CHECKS} if isinstance(ticks, list) else set(),
            hard=data.get("hard") is True,
        )


def split_easy_hard(reviews: dict[str, Review]) -> tuple[list[str], list[str]]:
    """Question ids she found easy and those to practise again, in the order she answered them."""
    easy = [question_id for question_id, review in reviews.items() if review.went_well]
    hard = [question_id for question_id, review in reviews.items() if not review.went_well]
    return easy, hard


def hardest(reviews: dict[str, Review], limit: int = 3) -> list[str]:
    """The questions she found hardest: those she marked hard, then those with the fewest ticks."""
    ranked = sorted(reviews, key=lambda question_id: (not reviews[question_id].hard, len(reviews[question_id].ticks)))
    return [question_id for question_id in ranked if not reviews[question_id].went_well][:limit]


def suggested_lessons(questions: Iterable[InterviewQuestion], limit: int = 2) -> list[str]:
    """Lessons that help with these questions, most needed first."""
    lessons: list[str] = []
    for question in questions:
        lesson = LESSON_FOR_KIND[question.kind]
        if lesson not in lessons:
            lessons.append(lesson)
    return lessons[:limit] or ["soft_skills"]


@dataclass
class Progress:
    """What is kept of her practice with "remember me": question ids and her review of each, never an answer."""

    reviews: dict[str, Review] = field(default_factory=dict)

    def record(self, question_id: str, review: Review) -> None:
        self.reviews.pop(question_id, None)
        self.reviews[question_id] = review  # the latest review of a question counts, and moves to the end

    def as_dict(self) -> dict:
        return {"reviews": {question_id: review.as_dict() for question_id, review in self.reviews.items()}}

    @classmethod
    def from_dict(cls, data: object, known: Iterable[str]) -> Progress:
        known = set(known)
        reviews = data.get("reviews") if isinstance(data, dict) else None
        if not isinstance(reviews, dict):
            return cls()
        return cls({key: Review.from_dict(value) for key, value in reviews.items() if key in known})
