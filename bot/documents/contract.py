"""The contract checklist as a file she can show: her language and, side by side, the country's.

It lists only what the contract states and what to ask. Warning signs stay on
her screen and are never printed: she may hand this page to the employer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel.dates import format_date

from bot.contract_check import Summary
from bot.documents import HEADING, TEXT, TITLE, Row, side_by_side_pdf
from bot.i18n import N_, Catalogues, babel_locale

FILE_NAME = "contract-checklist.pdf"  # plain words: the name shows in the chat and in downloads

TITLE_TEXT = N_("Contract checklist")
INTRO_TEXT = N_("This list helps to check a job contract. It was made with a checklist app.")
MADE_ON = N_("Made on {date}")
STATED = N_("Stated in the contract")
MISSING = N_("Missing from the contract")
NOT_SURE = N_("Not sure yet")
QUESTIONS = N_("Questions for the employer")


def document_strings(summary_items) -> list[str]:
    """Every source string the file can print: each document language must translate all of them."""
    strings = [TITLE_TEXT, INTRO_TEXT, MADE_ON, STATED, MISSING, NOT_SURE, QUESTIONS]
    for item in summary_items:
        strings += [item.label, item.ask]
    return strings


def checklist_rows(summary: Summary, languages: Sequence[str], cats: Catalogues, made_on: date) -> list[Row]:
    def each(message: str, **values: str) -> tuple[str, ...]:
        return tuple(cats.gettext(message, language).format(**values) for language in languages)

    def dated() -> tuple[str, ...]:
        return tuple(
            cats.gettext(MADE_ON, language).format(date=format_date(made_on, "long", locale=babel_locale(language)))
            for language in languages
        )

    rows = [Row(TITLE, each(TITLE_TEXT)), Row(TEXT, each(INTRO_TEXT)), Row(TEXT, dated())]
    for heading, items in ((STATED, summary.in_order), (MISSING, summary.missing), (NOT_SURE, summary.unclear)):
        if items:
            rows.append(Row(HEADING, each(heading)))
            rows += [Row(TEXT, each(item.label)) for item in items]
    if summary.to_ask:
        rows.append(Row(HEADING, each(QUESTIONS)))
        rows += [Row(TEXT, each(item.ask)) for item in summary.to_ask]
    return rows


def document_languages(her_language: str, country_language: str | None, cats: Catalogues) -> list[str]:
    """Her language, then the country's when it differs and its catalogue can print the whole file."""
    languages = [her_language]
    if country_language and country_language != her_language and cats.has_catalogue(country_language):
        languages.append(country_language)
    return languages


def contract_checklist_pdf(summary: Summary, languages: Sequence[str], cats: Catalogues, made_on: date) -> bytes:
    rows = checklist_rows(summary, languages, cats, made_on)
    return side_by_side_pdf(rows, rtl=[cats.language_rtl(language) for language in languages])
