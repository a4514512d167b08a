"""The preparation sheet for a real interview: what she typed, what to bring, how to get there, what to ask,
and the questions she found hardest. One text, shown as a message or printed as a PDF, in her language.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from bot.content import InterviewQuestion
from bot.documents import HEADING, TEXT, TITLE, Row, side_by_side_pdf
from bot.i18n import N_, Catalogues

FILE_NAME = "interview-notes.pdf"  # plain words: the name shows in the chat and in downloads
DETAIL_LIMIT = 120  # employer, job, date, address: one line each

TITLE_TEXT = N_("Interview notes")
DETAILS = N_("The interview")
EMPLOYER = N_("Employer: {value}")
JOB = N_("Job: {value}")
WHEN = N_("When: {value}")
WHERE = N_("Where: {value}")
BRING = N_("What to bring")
BRING_ITEMS = (
    N_("Your identity or residence document, to show. Keep the original with you: an employer does not keep it."),
    N_("Two printed copies of your CV."),
    N_("Certificates or course papers, if you have them."),
    N_("A pen, a notebook, and your phone charged."),
)
GETTING_THERE = N_("Getting there")
GETTING_THERE_ITEMS = (
    N_("Check the way the day before, and how long it takes."),
    N_("Plan to arrive 10 minutes early."),
    N_("Keep the employer's phone number with you, to call if you are late."),
    N_("Tell someone you trust where you are going and when you will be back."),
)
TO_ASK = N_("Questions to ask")
HARDEST = N_("Practise these once more")
HARDEST_NOTE = N_("A good answer: {contains}")


@dataclass
class PrepDetails:
    """What she typed for the interview; kept only in the volatile session, never stored."""

    employer: str = ""
    job: str = ""
    when: str = ""
    where: str = ""

    @classmethod
    def from_dict(cls, data: object) -> PrepDetails:
        data = data if isinstance(data, dict) else {}
        return cls(**{name: str(data.get(name) or "")[:DETAIL_LIMIT] for name in ("employer", "job", "when", "where")})


def prep_sections(
    details: PrepDetails,
    to_ask: Sequence[InterviewQuestion],
    hardest: Sequence[InterviewQuestion],
    language: str,
    cats: Catalogues,
) -> list[tuple[str, list[str]]]:
    """(heading, lines) in `language`; empty parts are left out. Her own words are kept as she typed them."""

    def t(message: str) -> str:
        return cats.gettext(message, language)

    typed = [(EMPLOYER, details.employer), (JOB, details.job), (WHEN, details.when), (WHERE, details.where)]
    sections = [(t(DETAILS), [t(label).format(value=value) for label, value in typed if value.strip()])]
    sections.append((t(BRING), [t(item) for item in BRING_ITEMS]))
    sections.append((t(GETTING_THERE), [t(item) for item in GETTING_THERE_ITEMS]))
    sections.append((t(TO_ASK), [t(question.question) for question in to_ask]))
    sections.append(
        (
            t(HARDEST),
            [f"{t(question.question)} {t(HARDEST_NOTE).format(contains=t(question.contains))}" for question in hardest],
        )
    )
    return [(heading, lines) for heading, lines in sections if lines]


def prep_sheet_text(sections: list[tuple[str, list[str]]], title: str) -> str:
    """The sheet as a Telegram message (HTML), everything escaped."""
    parts = [f"<b>{html.escape(title, quote=False)}</b>"]
    for heading, lines in sections:
        body = "\n".join(f"• {html.escape(line, quote=False)}" for line in lines)
        parts.append(f"<b>{html.escape(heading, quote=False)}</b>\n{body}")
    return "\n\n".join(parts)


def prep_sheet_pdf(sections: list[tuple[str, list[str]]], title: str, rtl: bool) -> bytes:
    rows = [Row(TITLE, (title,))]
    for heading, lines in sections:
        rows.append(Row(HEADING, (heading,)))
        rows += [Row(TEXT, (line,)) for line in lines]
    return side_by_side_pdf(rows, rtl=[rtl])
