"""The contract checklist file: her language beside the country's, no warning signs, readable in any script."""

import io
from datetime import date

from pypdf import PdfReader

from bot.content import load_contract_check
from bot.contract_check import summarise
from bot.documents import HEADING, TITLE
from bot.documents.contract import checklist_rows, contract_checklist_pdf, document_languages
from bot.i18n import Catalogues

CATS = Catalogues.load()
CHECK = load_contract_check()
ANSWERS = {"parties": "y", "leave": "n", "agreement": "u", "documents": "y", "fees": "y"}


def test_rows_pair_each_line_with_its_translation():
    rows = checklist_rows(summarise(CHECK, ANSWERS), ["fr", "el"], CATS, date(2026, 11, 23))
    assert rows[0].kind == TITLE
    assert rows[0].cells == (CATS.gettext("Contract checklist", "fr"), CATS.gettext("Contract checklist", "el"))
    assert "23 novembre 2026" in rows[2].cells[0]
    assert "Νοεμβρίου 2026" in rows[2].cells[1]
    headings = [row.cells[0] for row in rows if row.kind == HEADING]
    expected = ("Stated in the contract", "Missing from the contract", "Not sure yet", "Questions for the employer")
    assert headings == [CATS.gettext(text, "fr") for text in expected]
    leave = CHECK.by_id("leave")
    assert (CATS.gettext(leave.ask, "fr"), CATS.gettext(leave.ask, "el")) in [row.cells for row in rows]


def test_warning_signs_never_reach_the_file():
    rows = checklist_rows(summarise(CHECK, ANSWERS), ["en"], CATS, date(2026, 11, 23))
    printed = " ".join(cell for row in rows for cell in row.cells)
    for warning in CHECK.warnings:
        assert warning.label not in printed


def test_the_country_language_is_added_only_when_it_differs_and_exists():
    assert document_languages("ar", "el", CATS) == ["ar", "el"]
    assert document_languages("it", "it", CATS) == ["it"]
    assert document_languages("fr", None, CATS) == ["fr"]
    assert document_languages("fr", "xx", CATS) == ["fr"]


def test_country_languages_are_offered_and_print_the_countrys_column():
    offered = {lang.code for lang in CATS.languages}
    assert offered >= {"el", "it", "de", "ro", "bg"}
    assert document_languages("el", "el", CATS) == ["el"]  # a Greek speaker in Greece: one column
    assert document_languages("ti", "de", CATS) == ["ti", "de"]


def test_pdf_in_arabic_and_greek_is_a_readable_pdf():
    pdf = contract_checklist_pdf(summarise(CHECK, ANSWERS), ["ar", "el"], CATS, date(2026, 11, 23))
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert CATS.gettext("Contract checklist", "el") in text
    assert reader.metadata.get("/Producer", "") == ""  # nothing names the app that made it
    assert len(pdf) < 200_000  # fonts are subset: small enough to send on a slow connection
