"""Her CV as a file: a clean, Europass-inspired PDF (fpdf2, HarfBuzz) and an editable DOCX (python-docx).

Both are made in memory from one layout: headings and fixed phrases in the CV
language, her typed text as she typed it. Right-to-left lines (an Arabic CV, or
a line she typed in Arabic or Persian in any CV) are shaped and set right to left.
Nothing in the files names the app that made them.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from babel.dates import format_date, get_day_names
from babel.lists import format_list

from bot import clock
from bot.cv import informal
from bot.cv.dates import PRESENT_TEXT, format_approximate_date, format_period
from bot.cv.model import CEFR_LABELS, CV, DIGITAL_SKILLS, SECTORS, SHIFTS, SOFT_SKILLS, language_name
from bot.i18n import N_, Catalogues, babel_locale, first_strong_rtl

# The languages a CV can be written in (her interface language may be another): the five countries'
# first, then English, then the languages of the women. Not Nigerian Pidgin: employers there and here
# expect a CV in English.
CV_LANGUAGES: tuple[str, ...] = (
    "el", "it", "de", "ro", "bg", "en", "fr", "es", "ar", "fa", "uk", "ru", "sq", "ti", "zh", "vi",
)  # fmt: skip

DOCUMENT_TITLE = N_("Curriculum vitae")
WORK = N_("Work experience")
EDUCATION = N_("Education and training")
LANGUAGES = N_("Languages")
MOTHER_TONGUE = N_("Mother tongue")
MOTHER_TONGUES = N_("Mother tongues")
DIGITAL = N_("Digital skills")
SOFT = N_("Soft skills")
DRIVING = N_("Driving licence")
AVAILABILITY = N_("Availability")
INTERESTS = N_("Interests")
NO_CERTIFICATE = N_("no certificate")
DAYS = N_("Days")
SHIFTS_LABEL = N_("Shifts")
AVAILABLE_FROM = N_("Available from")
IMMEDIATELY = N_("immediately")
DATE_OF_BIRTH = N_("Date of birth")
NATIONALITY = N_("Nationality")


def document_strings() -> list[str]:
    """Every fixed phrase a CV can print: each CV language must translate all of them."""
    return [
        DOCUMENT_TITLE,
        WORK,
        EDUCATION,
        LANGUAGES,
        MOTHER_TONGUE,
        MOTHER_TONGUES,
        DIGITAL,
        SOFT,
        DRIVING,
        AVAILABILITY,
        INTERESTS,
        NO_CERTIFICATE,
        DAYS,
        SHIFTS_LABEL,
        AVAILABLE_FROM,
        IMMEDIATELY,
        DATE_OF_BIRTH,
        NATIONALITY,
        PRESENT_TEXT,
        *SECTORS.values(),
        *DIGITAL_SKILLS.values(),
        *SOFT_SKILLS.values(),
        *CEFR_LABELS.values(),
        *SHIFTS.values(),
        *(text for work in informal.OFFERS for text in (work.role, work.context, *work.tasks)),
    ]


# --- one layout for every format ----------------------------------------------------------------------------------

NAME, TITLE, CONTACT, WHEN, ROLE, PLACE, BULLET, NOTE, TEXT, PAIR = (
    "name",
    "title",
    "contact",
    "when",
    "role",
    "place",
    "bullet",
    "note",
    "text",
    "pair",
)


@dataclass(frozen=True)
class Line:
    """One printed line. `fixed`: a phrase in the CV language (its direction is the CV's); else her typed text
    (its direction is its own). A PAIR has a `label` (fixed) before its text."""

    kind: str
    text: str
    fixed: bool = False
    label: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple[tuple[Line, ...], ...]  # each entry is kept together on a page


@dataclass(frozen=True)
class Layout:
    title: str
    header: tuple[Line, ...]
    sections: tuple[Section, ...]
    rtl: bool

    def texts(self) -> list[str]:
        """Every piece of text it prints."""
        lines = [*self.header, *(line for section in self.sections for entry in section.entries for line in entry)]
        headings = [section.heading for section in self.sections]
        return [self.title, *headings, *(f"{line.label}{line.text}" for line in lines)]


def cv_layout(cv: CV, language: str, cats: Catalogues) -> Layout:
    """What the CV prints, in order, in `language`: the same for the PDF, the DOCX and the review screen."""

    def t(message: str) -> str:
        return cats.gettext(message, language)

    # Through its stored form: whoever built `cv`, what prints is cleaned of control characters and held to LIMITS.
    cv = CV.from_dict(cv.to_dict())
    present = t(PRESENT_TEXT)
    header: list[Line] = []
    if cv.name:
        header.append(Line(NAME, cv.name))
    if cv.target.title:
        header.append(Line(TITLE, cv.target.title))
    elif cv.target.sector in SECTORS and cv.target.sector != "other":
        header.append(Line(TITLE, t(SECTORS[cv.target.sector]), fixed=True))
    contact = [value for value in (cv.contact.phone, cv.contact.email, cv.contact.city) if value]
    if contact:
        header.append(Line(CONTACT, "  ·  ".join(contact)))
    personal = []
    if cv.date_of_birth:
        born = format_date(cv.date_of_birth, "long", locale=babel_locale(language))
        personal.append(Line(PAIR, born, fixed=True, label=t(DATE_OF_BIRTH)))
    if cv.nationality:
        personal.append(Line(PAIR, cv.nationality, label=t(NATIONALITY)))
    header += personal

    sections: list[Section] = []
    work = []
    for item in cv.experiences:
        entry = []
        if period := format_period(item.start, item.end, language, present):
            entry.append(Line(WHEN, period, fixed=True))
        if role := informal.role_of(item, t):
            entry.append(Line(ROLE, role, fixed=not item.role))
        if place := informal.place_of(item, t):
            entry.append(Line(PLACE, place, fixed=not item.employer))
        tasks = informal.tasks_of(item, t)
        standard = len(tasks) - len(item.tasks)  # the offer's task lines come first, in the CV language
        entry += [Line(BULLET, task, fixed=index < standard) for index, task in enumerate(tasks)]
        if entry:
            work.append(tuple(entry))
    if work:
        sections.append(Section(t(WORK), tuple(work)))

    education = []
    for item in cv.education:
        entry = []
        if period := format_period(item.start, item.end, language, present):
            entry.append(Line(WHEN, period, fixed=True))
        if item.what:
            entry.append(Line(ROLE, item.what))
        if item.where:
            entry.append(Line(PLACE, item.where))
        if item.certificate is False and entry:
            entry.append(Line(NOTE, t(NO_CERTIFICATE), fixed=True))
        if entry:
            education.append(tuple(entry))
    if education:
        sections.append(Section(t(EDUCATION), tuple(education)))

    languages = []
    if cv.mother_tongues:
        names = _join([language_name(value, language, capital=False) for value in cv.mother_tongues], language)
        names = names[:1].upper() + names[1:]
        label = t(MOTHER_TONGUE if len(cv.mother_tongues) == 1 else MOTHER_TONGUES)
        languages.append((Line(PAIR, names, fixed=True, label=label),))
    for skill in cv.languages:
        level = f"{skill.level} – {t(CEFR_LABELS[skill.level])}" if skill.level in CEFR_LABELS else skill.level
        languages.append((Line(PAIR, level, fixed=True, label=language_name(skill.language, language)),))
    if languages:
        sections.append(Section(t(LANGUAGES), tuple(languages)))

    for heading, chosen, names in ((DIGITAL, cv.digital_skills, DIGITAL_SKILLS), (SOFT, cv.soft_skills, SOFT_SKILLS)):
        labels = [t(names[skill]) for skill in chosen if skill in names]
        if labels:
            sections.append(Section(t(heading), ((Line(TEXT, "  ·  ".join(labels), fixed=True),),)))

    if cv.driving_licence:
        sections.append(Section(t(DRIVING), ((Line(TEXT, cv.driving_licence),),)))

    available = []
    if cv.availability.days:
        available.append((Line(PAIR, _days(cv.availability.days, language), fixed=True, label=t(DAYS)),))
    shifts = [t(SHIFTS[shift]) for shift in cv.availability.shifts if shift in SHIFTS]
    if shifts:
        text = _join(shifts, language)
        available.append((Line(PAIR, text[:1].upper() + text[1:], fixed=True, label=t(SHIFTS_LABEL)),))
    if cv.availability.start is not None:
        start = cv.availability.start
        when = t(IMMEDIATELY) if start.present else format_approximate_date(start, language, present)
        available.append((Line(PAIR, when, fixed=True, label=t(AVAILABLE_FROM)),))
    if available:
        sections.append(Section(t(AVAILABILITY), tuple(available)))

    if cv.interests:
        sections.append(Section(t(INTERESTS), ((Line(TEXT, ", ".join(cv.interests)),),)))

    title = t(DOCUMENT_TITLE) + (f" – {cv.name}" if cv.name else "")
    return Layout(title, tuple(header), tuple(sections), Catalogues.language_rtl(language))


def _join(items: list[str], language: str) -> str:
    try:
        return format_list(items, style="standard", locale=babel_locale(language))
    except (ValueError, LookupError):
        return ", ".join(items)


def _days(days: Iterable[int], language: str) -> str:
    """ "Monday – Friday", "Monday, Wednesday and Saturday", in the CV language: runs of three or more as a range."""
    names = get_day_names("wide", locale=babel_locale(language))
    chosen = sorted(set(days))
    runs: list[list[int]] = []
    for day in chosen:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]} – {names[run[-1]]}")
        else:
            parts += [names[day] for day in run]
    text = _join(parts, language)
    return text[:1].upper() + text[1:]


def cv_text(cv: CV, language: str, cats: Catalogues) -> str:
    """The whole CV as plain text (for the review screen): headings, entries, one line each."""
    layout = cv_layout(cv, language, cats)
    lines = [_plain(line) for line in layout.header]
    for section in layout.sections:
        lines += ["", section.heading]
        for entry in section.entries:
            lines += [_plain(line) for line in entry]
    return "\n".join(lines).strip()


def _plain(line: Line) -> str:
    if line.kind == PAIR:
        return f"{line.label}: {line.text}"
    if line.kind == BULLET:
        return f"• {line.text}"
    return line.text


def file_name(cv: CV, extension: str) -> str:
    """ "CV_Amina_K.pdf": her name in its own script, nothing else (the name shows in chats and downloads)."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", cv.name))
    stem = "_".join(["CV", *words])[:60].rstrip("_")
    return f"{stem}.{extension}"


# --- direction --------------------------------------------------------------------------------------------------


def _line_direction(line: Line, cv_rtl: bool) -> tuple[bool, bool]:
    """(paragraph is right to left, line is right-aligned). Fixed phrases follow the CV language; her text follows
    its first letter (a phone number or an e-mail address stays left to right even in an Arabic CV)."""
    own = first_strong_rtl(line.label + line.text if line.kind == PAIR else line.text)
    rtl = cv_rtl if line.fixed or line.kind == WHEN else bool(own)
    if line.kind == PAIR and not line.fixed and cv_rtl:
        rtl = True  # a label in the CV language leads the line
    return rtl, cv_rtl or rtl


_SHAPED = ("R", "AL", "AN", "NSM")


def needs_shaping(text: str) -> bool:
    """True when a line needs HarfBuzz and the bidirectional algorithm: right-to-left letters, Arabic-Indic digits,
    combining marks or joiners. Latin, Greek and Cyrillic (composed) print correctly without."""
    return any(unicodedata.bidirectional(char) in _SHAPED or char in "\u200c\u200d" for char in text)


def _rtl_segments(text: str) -> list[tuple[str, bool]]:
    """The text cut where its direction changes, each piece with whether it is right to left.
    Neutral characters (spaces, digits, punctuation) stay with the piece before them."""
    pieces: list[tuple[str, bool]] = []
    current = ""
    direction = first_strong_rtl(text) or False
    for char in text:
        kind = unicodedata.bidirectional(char)
        new = True if kind in ("R", "AL") else False if kind == "L" else direction
        if new != direction and current:
            pieces.append((current, direction))
            current = ""
        direction = new
        current += char
    if current:
        pieces.append((current, direction))
    return pieces


# --- PDF --------------------------------------------------------------------------------------------------------

_INK = (34, 34, 34)
_GREY = (96, 96, 96)
_ACCENT = (24, 72, 128)
_RULE = (190, 200, 215)
_MARGIN = 18
_LABEL_WIDTH = 44

# size (pt), bold, colour, line height (mm), space after (mm)
_PDF_STYLES = {
    NAME: (20, True, _ACCENT, 9.5, 1.0),
    TITLE: (12, False, _INK, 6.0, 1.0),
    CONTACT: (9.5, False, _GREY, 5.0, 0.5),
    WHEN: (8.5, False, _GREY, 4.5, 0.3),
    ROLE: (10.5, True, _INK, 5.3, 0.2),
    PLACE: (9.5, False, _GREY, 4.8, 0.6),
    BULLET: (9.5, False, _INK, 4.8, 0.4),
    NOTE: (8.5, False, _GREY, 4.5, 0.3),
    TEXT: (9.5, False, _INK, 5.0, 0.5),
    PAIR: (9.5, False, _INK, 5.0, 0.8),
}


def _printable(text: str) -> str:
    from bot.documents import printable_glyphs

    glyphs = printable_glyphs()
    kept = "".join(char for char in text if ord(char) in glyphs or char in "\u200c\u200d")
    kept = re.sub(r"(?<!\w)[\u200c\u200d]|[\u200c\u200d](?!\w)", "", kept)  # joiners left beside a dropped emoji
    return re.sub(r" {3,}", "  ", kept).strip()


def cv_pdf(cv: CV, language: str, cats: Catalogues) -> bytes:
    """The CV as an A4 PDF in `language` (one page, two with a long history), fonts embedded and subset."""
    from fpdf.enums import XPos, YPos

    from bot.documents import FONT, _new_pdf

    layout = cv_layout(cv, language, cats)
    pdf = _new_pdf(layout.title, layout.texts())
    pdf.set_author("")
    pdf.set_subject("")
    pdf.set_keywords("")
    pdf.set_lang(language)
    pdf.set_margins(_MARGIN, 16, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_xy(_MARGIN, 16)
    width = pdf.w - 2 * _MARGIN

    def use(kind: str) -> tuple[float, float]:
        size, bold, colour, height, after = _PDF_STYLES[kind]
        pdf.set_font(FONT, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        return height, after

    def cell(x: float, w: float, text: str, height: float, rtl: bool, right: bool, dry: bool) -> float:
        if needs_shaping(text):
            pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else "ltr")
        else:
            pdf.set_text_shaping(use_shaping_engine=False)  # Latin, Greek, Cyrillic: many times faster unshaped
        pdf.set_x(x)
        lines = pdf.multi_cell(
            w,
            height,
            text,
            align="R" if right else "L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            dry_run=dry,
            output="LINES",
        )
        return len(lines) * height

    def draw(line: Line, dry: bool = False) -> float:
        """Print one line (or measure it with dry=True); returns its height."""
        height, after = use(line.kind)
        rtl, right = _line_direction(line, layout.rtl)
        text = _printable(line.text)
        top = pdf.get_y()
        if line.kind == BULLET:
            bullet_x = pdf.w - _MARGIN - 4 if right else _MARGIN + 1
            text_x = _MARGIN if right else _MARGIN + 5
            used = cell(text_x, width - 5, text, height, rtl, right, dry)
            if not dry:
                pdf.set_text_color(*_ACCENT)
                end = pdf.get_y()
                pdf.set_xy(bullet_x, top)
                pdf.cell(3, height, "•", align="C")
                pdf.set_xy(_MARGIN, end)
        elif line.kind == PAIR:
            pdf.set_text_color(*_GREY)
            label_x = pdf.w - _MARGIN - _LABEL_WIDTH if right else _MARGIN
            text_x = _MARGIN if right else _MARGIN + _LABEL_WIDTH
            label_rtl = layout.rtl if line.label else rtl
            label_used = cell(label_x, _LABEL_WIDTH - 2, _printable(line.label), height, label_rtl, right, dry)
            if not dry:
                pdf.set_y(top)
            pdf.set_text_color(*_INK)
            used = max(label_used, cell(text_x, width - _LABEL_WIDTH, text, height, rtl, right, dry))
            if not dry:
                pdf.set_xy(_MARGIN, top + used)
        else:
            used = cell(_MARGIN, width, text, height, rtl, right, dry)
        if not dry:
            pdf.set_y(pdf.get_y() + after)
        return used + after

    def keep_together(lines: Iterable[Line], extra: float = 0) -> None:
        needed = sum(draw(line, dry=True) for line in lines) + extra
        if pdf.get_y() + needed > pdf.page_break_trigger and needed < pdf.page_break_trigger - 16:
            pdf.add_page()

    for line in layout.header:
        draw(line)
    pdf.set_y(pdf.get_y() + 1.5)
    pdf.set_draw_color(*_ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(_MARGIN, pdf.get_y(), pdf.w - _MARGIN, pdf.get_y())
    pdf.set_y(pdf.get_y() + 3)

    for section in layout.sections:
        keep_together(section.entries[0] if section.entries else (), extra=13)
        pdf.set_y(pdf.get_y() + 2.5)
        pdf.set_font(FONT, "B", 11.5)
        pdf.set_text_color(*_ACCENT)
        cell(_MARGIN, width, _printable(section.heading), 6.5, layout.rtl, layout.rtl, False)
        pdf.set_draw_color(*_RULE)
        pdf.set_line_width(0.3)
        pdf.line(_MARGIN, pdf.get_y() + 0.3, pdf.w - _MARGIN, pdf.get_y() + 0.3)
        pdf.set_y(pdf.get_y() + 2.2)
        for index, entry in enumerate(section.entries):
            if index:
                keep_together(entry)
            for line in entry:
                draw(line)
            if len(entry) > 1:
                pdf.set_y(pdf.get_y() + 2)
    return bytes(pdf.output())


# --- DOCX -------------------------------------------------------------------------------------------------------

# size (pt), bold, colour, space after (pt)
_DOCX_STYLES = {
    NAME: (20, True, _ACCENT, 2),
    TITLE: (12, False, _INK, 2),
    CONTACT: (9.5, False, _GREY, 1),
    WHEN: (8.5, False, _GREY, 0),
    ROLE: (10.5, True, _INK, 0),
    PLACE: (9.5, False, _GREY, 2),
    BULLET: (9.5, False, _INK, 1),
    NOTE: (8.5, False, _GREY, 2),
    TEXT: (9.5, False, _INK, 2),
    PAIR: (9.5, False, _INK, 2),
}


def cv_docx(cv: CV, language: str, cats: Catalogues) -> bytes:
    """The CV as an editable Word document in `language`; right-to-left paragraphs and runs marked as such."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    layout = cv_layout(cv, language, cats)
    document = Document()
    now = clock.now(UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = ""
    properties.subject = ""
    properties.category = ""
    properties.title = layout.title
    properties.language = language
    properties.created = now
    properties.modified = now
    properties.revision = 1

    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin = section.bottom_margin = Cm(1.6)

    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(9.5)
    normal_properties = normal.element.get_or_add_rPr()
    fonts = normal_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        normal_properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), "Arial")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:bidi"), language if layout.rtl else "ar-SA")
    normal_properties.append(lang)
    heading_style = document.styles["Heading 1"]
    heading_style.font.name = "Arial"
    heading_style.font.size = Pt(11.5)
    heading_style.font.bold = True
    heading_style.font.color.rgb = RGBColor(*_ACCENT)
    heading_style.paragraph_format.space_before = Pt(10)
    heading_style.paragraph_format.space_after = Pt(4)

    # Word refuses elements out of schema order: python-docx places most of them; bidi and szCs are placed here.
    after_bidi = (
        "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
        "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    )  # fmt: skip

    def add_runs(paragraph, text: str, size: float, bold: bool, colour: tuple[int, int, int]) -> None:
        for piece, rtl in _rtl_segments(text):
            run = paragraph.add_run(piece)
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = RGBColor(*colour)
            properties = run._r.get_or_add_rPr()
            if bold:
                properties.get_or_add_bCs()
            complex_size = OxmlElement("w:szCs")
            complex_size.set(qn("w:val"), str(round(size * 2)))
            properties.get_or_add_sz().addnext(complex_size)  # Arabic is sized by szCs, Latin by sz
            if rtl:
                properties.get_or_add_rtl()

    def paragraph_for(text_rtl: bool, right: bool, style: str | None = None):
        paragraph = document.add_paragraph(style=style)
        if text_rtl:
            # A right-to-left paragraph starts on the right: no explicit alignment needed (or wanted).
            paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *after_bidi)
        elif right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return paragraph

    def write(line: Line) -> None:
        size, bold, colour, after = _DOCX_STYLES[line.kind]
        rtl, right = _line_direction(line, layout.rtl)
        # In a right-to-left CV every paragraph runs right to left (bullets on the right), Latin runs inside
        # keep their direction; the contact line stays left to right so phone numbers never reorder.
        rtl = rtl or (layout.rtl and line.kind != CONTACT)
        paragraph = paragraph_for(rtl, right, "List Bullet" if line.kind == BULLET else None)
        paragraph.paragraph_format.space_after = Pt(after)
        paragraph.paragraph_format.space_before = Pt(0)
        if line.kind == PAIR:
            add_runs(paragraph, f"{line.label}: ", size, True, _GREY)
        add_runs(paragraph, line.text, size, bold, colour)

    for line in layout.header:
        write(line)
    for section in layout.sections:
        heading = paragraph_for(layout.rtl, layout.rtl, "Heading 1")
        add_runs(heading, section.heading, 11.5, True, _ACCENT)
        for entry in section.entries:
            for index, line in enumerate(entry):
                write(line)
                if index == len(entry) - 1 and len(entry) > 1:
                    document.paragraphs[-1].paragraph_format.space_after = Pt(6)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
