"""Her CV as PDF and DOCX, opened again: her entries under the right headings, in the CV language, any script."""

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from bot.cv.dates import ApproxDate
from bot.cv.informal import informal_experience
from bot.cv.model import CV, LIMITS, Education, Experience, Target
from bot.cv.render import CV_LANGUAGES, cv_docx, cv_layout, cv_pdf, cv_text, document_strings, file_name
from bot.i18n import Catalogues
from tests.unit.cv_support import CATS, full_cv


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_left_edges(data: bytes) -> dict[str, float]:
    """Where each piece of text on page 1 starts, in points from the left edge."""
    edges: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            edges.setdefault(text.strip(), tm[4])

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return edges


def test_an_english_pdf_lists_her_entries_under_english_headings():
    data = cv_pdf(full_cv(), "en", CATS)
    text = pdf_text(data)
    for heading in ("Work experience", "Education and training", "Languages", "Digital skills", "Soft skills"):
        assert heading in text
    for hers in ("Amina Kone", "Kitchen assistant", "Pizzeria Da Mario", "Prepared vegetables and sauces", "Lycée"):
        assert hers in text
    # Informal work in CV wording, then her own line.
    assert "Cooking for large groups" in text and "Planned and cooked meals for 10 people or more" in text
    assert text.index("Helped with homework") < text.index("Cared for three children at home")
    assert "March 2023 – present" in text and "May 2012 – September 2014" in text
    assert "Italian" in text and "B1 – Intermediate" in text
    assert "Mother tongues" in text and "Arabic and French" in text
    assert "Monday – Saturday" in text and "immediately" in text
    assert "no certificate" in text  # only for the school she left without one
    assert text.count("no certificate") == 1


def test_the_pdf_is_small_two_pages_at_most_and_names_no_app():
    data = cv_pdf(full_cv(), "en", CATS)
    reader = PdfReader(io.BytesIO(data))
    assert 1 <= len(reader.pages) <= 2
    assert len(data) < 200_000
    assert reader.metadata.get("/Producer", "") == "" and reader.metadata.get("/Creator", "") == ""
    assert reader.metadata.get("/Title") == "Curriculum vitae – Amina Kone"


def test_an_italian_cv_has_italian_headings_and_her_words_as_she_typed_them():
    text = pdf_text(cv_pdf(full_cv(), "it", CATS))
    assert "Esperienza lavorativa" in text and "Istruzione e formazione" in text and "Patente di guida" in text
    assert "Cucina per grandi gruppi" in text  # informal work worded in Italian
    assert "marzo 2023 – oggi" in text  # Italian month names
    assert "Kitchen assistant" in text  # her own words are not translated
    assert "Lingue madri" in text and "Arabo e francese" in text
    assert "senza attestato" in text
    assert "Work experience" not in text


def test_an_arabic_cv_is_proper_unicode_and_set_from_the_right():
    data = cv_pdf(full_cv(arabic=True), "ar", CATS)
    text = pdf_text(data)
    assert "أمينة خليل" in text and "الخبرة العملية" in text and "الطبخ للمجموعات الكبيرة" in text
    assert not any(0xFB50 <= ord(char) <= 0xFEFF for char in text)  # real letters, not presentation forms
    edges = pdf_left_edges(data)
    middle = float(PdfReader(io.BytesIO(data)).pages[0].mediabox.width) / 2
    assert edges["أمينة خليل"] > middle and edges["الخبرة العملية"] > middle


def test_an_italian_cv_with_arabic_entries_sets_only_those_lines_from_the_right():
    data = cv_pdf(full_cv(arabic=True), "it", CATS)
    edges = pdf_left_edges(data)
    middle = float(PdfReader(io.BytesIO(data)).pages[0].mediabox.width) / 2
    assert edges["مساعدة مطبخ"] > middle  # her role typed in Arabic
    assert edges["Esperienza lavorativa"] < middle and edges["Pizzeria Da Mario"] < middle


def test_a_docx_has_the_same_entries_as_real_headings_and_bullets():
    document = docx.Document(io.BytesIO(cv_docx(full_cv(), "en", CATS)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Work experience", "Education and training", "Languages"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Prepared vegetables and sauces for 80 covers a day" in bullets
    assert "Served customers and handled cash" in bullets
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Amina Kone" and "Mother tongues: Arabic and French" in texts


def test_a_docx_names_no_app_in_its_properties():
    data = cv_docx(full_cv(), "en", CATS)
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.author == "" and properties.comments == "" and properties.last_modified_by == ""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"python-docx" not in archive.read("docProps/core.xml")


def _direction(paragraph) -> tuple[bool, list[tuple[str, bool]]]:
    ppr = paragraph._p.pPr
    bidi = ppr is not None and ppr.find(qn("w:bidi")) is not None
    runs = [(run.text, run._r.rPr is not None and run._r.rPr.find(qn("w:rtl")) is not None) for run in paragraph.runs]
    return bidi, runs


def test_an_arabic_docx_has_right_to_left_paragraphs_and_runs():
    document = docx.Document(io.BytesIO(cv_docx(full_cv(arabic=True), "ar", CATS)))
    paragraphs = {p.text: p for p in document.paragraphs}
    bidi, runs = _direction(paragraphs["الخبرة العملية"])
    assert bidi and runs == [("الخبرة العملية", True)]
    bidi, runs = _direction(paragraphs["تحضير الخضار والصلصات"])
    assert bidi and all(rtl for _text, rtl in runs)
    bidi, runs = _direction(paragraphs["Pizzeria Da Mario"])  # a Latin name keeps its direction inside the run
    assert bidi and runs == [("Pizzeria Da Mario", False)]
    contact = next(p for p in document.paragraphs if p.text.startswith("+39"))
    assert not _direction(contact)[0]  # phone numbers never run right to left
    text = "\n".join(paragraphs)
    assert not any(0xFB50 <= ord(char) <= 0xFEFF for char in text)


def test_an_italian_docx_marks_only_her_arabic_lines_right_to_left():
    document = docx.Document(io.BytesIO(cv_docx(full_cv(arabic=True), "it", CATS)))
    paragraphs = {p.text: p for p in document.paragraphs}
    assert _direction(paragraphs["مساعدة مطبخ"]) == (True, [("مساعدة مطبخ", True)])
    assert _direction(paragraphs["Esperienza lavorativa"])[0] is False


def test_mixed_scripts_emoji_and_stray_control_characters_still_make_both_files():
    cv = CV(
        name="Amina\x00 Коне Κώστα",
        target=Target(None, "Cook 👩‍🍳 😊"),
        experiences=[Experience("آشپز در رستوران، پختن غذا", "Ресторант «Роза»", tasks=["Μαγείρεμα 🍲 & Kochen\x07"])],
    )
    pdf, document = cv_pdf(cv, "bg", CATS), cv_docx(cv, "bg", CATS)
    text = pdf_text(pdf)
    assert "Amina Коне Κώστα" in text and "Ресторант «Роза»" in text and "آشپز" in text
    assert "😊" in text and "👩" in text and "🍳" in text and "🍲" in text  # emoji come from the bundled Noto Emoji
    assert "\x00" not in text and "\x07" not in text
    paragraphs = [p.text for p in docx.Document(io.BytesIO(document)).paragraphs]
    assert "Cook 👩‍🍳 😊" in paragraphs  # an editable file keeps everything she typed
    assert "Μαγείρεμα 🍲 & Kochen" in paragraphs


def test_chinese_and_tigrinya_she_types_are_drawn_not_dropped():
    cv = CV(
        name="王丽 ለተሰላሴ",
        target=Target(None, "厨师助理"),
        experiences=[Experience("ኣብ ቤት መግቢ ምድላው", "餐厅 «龙»", tasks=["准备蔬菜", "ምጽራይ ክሽነ"])],
    )
    text = pdf_text(cv_pdf(cv, "it", CATS))
    for typed in ("王丽", "ለተሰላሴ", "厨师助理", "ኣብ ቤት መግቢ ምድላው", "准备蔬菜", "ምጽራይ ክሽነ"):
        assert typed in text, typed


def test_a_latin_only_cv_does_not_embed_the_large_chinese_font():
    latin = cv_pdf(CV(name="Amina Kone", target=Target(None, "Cook")), "it", CATS)
    chinese = cv_pdf(CV(name="Amina 王", target=Target(None, "Cook")), "it", CATS)
    assert b"DroidSansFallback" not in latin
    assert b"DroidSansFallback" in chinese


def test_a_cv_with_only_a_name_prints_no_empty_sections():
    cv = CV(name="Amina")
    text = pdf_text(cv_pdf(cv, "en", CATS))
    assert text.strip() == "Amina"
    assert cv_text(cv, "en", CATS) == "Amina"
    assert [p.text for p in docx.Document(io.BytesIO(cv_docx(cv, "en", CATS))).paragraphs] == ["Amina"]


def test_a_cv_of_only_informal_work_reads_as_real_experience():
    cv = CV(name="Amina", experiences=[informal_experience("children"), informal_experience("elderly")])
    text = cv_text(cv, "en", CATS)
    assert "Work experience\nChildcare\nFamily and community\n• Looked after children" in text
    assert "Care of older and ill people" in text


def test_dates_are_shown_as_given_and_no_gap_is_ever_shown():
    cv = CV(
        experiences=[
            Experience("Cook", start=ApproxDate(2019)),
            Experience("Cleaner"),  # no dates at all
        ],
        education=[Education("Course", end=ApproxDate(2021, 6))],
    )
    lines = cv_text(cv, "en", CATS).splitlines()
    assert lines == ["Work experience", "2019", "Cook", "Cleaner", "", "Education and training", "June 2021", "Course"]


def test_the_longest_cv_she_can_build_still_renders():
    task = "Prepared and served meals for guests, cleaned the kitchen and checked the stock " * 3
    cv = CV(
        name="N" * 200,
        experiences=[Experience("R" * 200, "E" * 200, tasks=[task] * 30) for _ in range(30)],
    )
    layout = cv_layout(cv, "en", CATS)
    assert len(layout.sections[0].entries) == LIMITS.experiences
    reader = PdfReader(io.BytesIO(cv_pdf(cv, "en", CATS)))
    assert len(reader.pages) > 2  # long, but whole: nothing she wrote is silently dropped beyond the limits
    assert docx.Document(io.BytesIO(cv_docx(cv, "en", CATS))).paragraphs


class _Recording(Catalogues):
    def __init__(self) -> None:
        super().__init__({})
        self.asked: set[str] = set()

    def gettext(self, message: str, language: str | None = None) -> str:
        self.asked.add(message)
        return message


def test_every_fixed_phrase_a_cv_prints_is_listed_for_translation():
    cats = _Recording()
    everything = full_cv()
    everything.education[0].certificate = False
    everything.mother_tongues = ["ar"]
    everything.date_of_birth = __import__("datetime").date(1990, 1, 2)
    everything.nationality = "x"
    for cv in (everything, full_cv()):
        cv_pdf(cv, "en", cats)
    assert cats.asked <= set(document_strings())
    assert "Work experience" in cats.asked and "Date of birth" in cats.asked


def test_file_names_carry_her_name_and_nothing_else():
    assert file_name(CV(name="Amina Kone"), "pdf") == "CV_Amina_Kone.pdf"
    assert file_name(CV(name="أمينة خليل"), "docx") == "CV_أمينة_خليل.docx"
    assert file_name(CV(name="../../etc/passwd"), "pdf") == "CV_etc_passwd.pdf"
    assert file_name(CV(), "pdf") == "CV.pdf"


REAL = Catalogues.load()


@pytest.mark.parametrize("language", [code for code in CV_LANGUAGES if code != "en"])
def test_every_cv_language_translates_every_fixed_phrase(language):
    assert REAL.has_catalogue(language), f"no catalogue for CV language {language}"
    from babel.messages.pofile import read_po

    from bot.i18n import LOCALES_DIR

    with (LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    # An entry may read like the English ("Agriculture" in French): what counts is that it is translated.
    untranslated = [text for text in document_strings() if not (catalogue.get(text) and catalogue.get(text).string)]
    assert not untranslated
