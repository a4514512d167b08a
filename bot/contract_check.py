"""Contract check rules: what is in order, what is missing, which warning signs apply. No Telegram."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.content import ContractCheck, Question


class Answer(StrEnum):
    YES = "y"
    NO = "n"
    NOT_SURE = "u"


@dataclass(frozen=True)
class Summary:
    in_order: tuple[Question, ...]
    missing: tuple[Question, ...]  # items answered No: ask the employer
    unclear: tuple[Question, ...]  # items answered Not sure: check or ask
    warnings: tuple[Question, ...]  # warning signs answered Yes
    unsure_warnings: tuple[Question, ...]  # warning signs answered Not sure

    @property
    def needs_a_person(self) -> bool:
        return bool(self.warnings)

    @property
    def to_ask(self) -> tuple[Question, ...]:
        return self.missing + self.unclear


def summarise(check: ContractCheck, answers: dict[str, str]) -> Summary:
    """Sort her answers; a question she skipped counts as "not sure", never as fine."""

    def answer(question: Question) -> Answer:
        try:
            return Answer(answers.get(question.id, Answer.NOT_SURE))
        except ValueError:
            return Answer.NOT_SURE

    items, warnings = check.items, check.warnings
    return Summary(
        in_order=tuple(q for q in items if answer(q) is Answer.YES),
        missing=tuple(q for q in items if answer(q) is Answer.NO),
        unclear=tuple(q for q in items if answer(q) is Answer.NOT_SURE),
        warnings=tuple(q for q in warnings if answer(q) is Answer.YES),
        unsure_warnings=tuple(q for q in warnings if answer(q) is Answer.NOT_SURE),
    )
