"""Documents she can keep or show: built as PDF with fpdf2, text shaped by HarfBuzz.

HarfBuzz shapes Arabic and other joined scripts and fpdf2 applies the Unicode
bidirectional algorithm, so a right-to-left language prints correctly beside a
left-to-right one. The DejaVu Sans font ships with the package (licence beside
it) because it covers Latin, Greek, Cyrillic and Arabic and a fresh machine may
have no fonts at all. Noto Emoji (monochrome, licence beside it) is the fallback
for the emoji she may type, which DejaVu lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

FONTS_DIR = Path(__file__).with_name("fonts")
FONT = "DejaVu"
EMOJI_FONT = "NotoEmoji"


TITLE, HEADING, TEXT = "title", "heading", "text"
_STYLES = {TITLE: FontFace(emphasis="BOLD", size_pt=14), HEADING: FontFace(emphasis="BOLD", size_pt=11), TEXT: None}


@dataclass(frozen=True)
class Row:
    """The same line in each language of the document, left to right as the columns go."""

    kind: str  # TITLE, HEADING or TEXT
    cells: tuple[str, ...]


def _new_pdf(title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("")  # no app name in the file's properties: the file may be seen by others
    pdf.set_producer("")
    pdf.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font(EMOJI_FONT, "", str(FONTS_DIR / "NotoEmoji-Regular.ttf"))
    pdf.set_fallback_fonts([EMOJI_FONT], exact_match=False)  # bold text falls back to the one emoji weight
    pdf.set_text_shaping(use_shaping_engine=True)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    return pdf


def side_by_side_pdf(rows: Sequence[Row], rtl: Sequence[bool]) -> bytes:
    """A table with one column per language (one column is fine); right-to-left columns are set right-aligned."""
    pdf = _new_pdf(rows[0].cells[0] if rows else "")
    pdf.set_font(FONT, size=10)
    with pdf.table(
        col_widths=tuple(1 for _ in rtl),
        text_align=tuple("RIGHT" if right_to_left else "LEFT" for right_to_left in rtl),
        first_row_as_headings=False,
        borders_layout="HORIZONTAL_LINES",
        line_height=6,
        padding=2,
    ) as table:
        for row in rows:
            cells = table.row()
            for text in row.cells:
                cells.cell(text, style=_STYLES[row.kind])
    return bytes(pdf.output())
