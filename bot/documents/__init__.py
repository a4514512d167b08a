"""Documents she can keep or show: built as PDF with fpdf2, text shaped by HarfBuzz.

HarfBuzz shapes Arabic and other joined scripts and fpdf2 applies the Unicode
bidirectional algorithm, so a right-to-left language prints correctly beside a
left-to-right one. The DejaVu Sans font ships with the package (licence beside
it) because it covers Latin, Greek, Cyrillic and Arabic and a fresh machine may
have no fonts at all. Fallback fonts draw what DejaVu lacks: Noto Emoji
(monochrome) the emoji she may type, Noto Sans Ethiopic Tigrinya, and Droid Sans
Fallback Chinese (licences beside them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

FONTS_DIR = Path(__file__).with_name("fonts")
FONT = "DejaVu"


@dataclass(frozen=True)
class Fallback:
    """A font for characters DejaVu lacks; `ranges` (code points) say when a document needs it, None = always."""

    name: str
    regular: str
    bold: str | None = None
    ranges: tuple[tuple[int, int], ...] | None = None

    def needed_for(self, text: str) -> bool:
        return self.ranges is None or any(low <= ord(char) <= high for char in text for low, high in self.ranges)


# Loaded only when the text needs them: the Chinese font alone takes a third of a second to load.
FALLBACKS = (
    Fallback("NotoEmoji", "NotoEmoji-Regular.ttf"),
    Fallback(
        "NotoSansEthiopic",
        "NotoSansEthiopic-Regular.ttf",
        "NotoSansEthiopic-Bold.ttf",
        ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
    ),
    Fallback(
        "DroidSansFallback",
        "DroidSansFallbackFull.ttf",
        None,
        ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x2FA1F)),
    ),
)


@cache
def printable_glyphs() -> frozenset[int]:
    """Characters the bundled fonts can draw, bold or not; any other is left out of a PDF, not drawn as a box."""
    from fontTools.ttLib import TTFont

    def cmap(name: str) -> frozenset[int]:
        return frozenset(TTFont(FONTS_DIR / name, lazy=True).getBestCmap())

    fallbacks = frozenset().union(*(cmap(fallback.regular) for fallback in FALLBACKS))
    return (cmap("DejaVuSans.ttf") | fallbacks) & (cmap("DejaVuSans-Bold.ttf") | fallbacks)


TITLE, HEADING, TEXT = "title", "heading", "text"
_STYLES = {TITLE: FontFace(emphasis="BOLD", size_pt=14), HEADING: FontFace(emphasis="BOLD", size_pt=11), TEXT: None}


@dataclass(frozen=True)
class Row:
    """The same line in each language of the document, left to right as the columns go."""

    kind: str  # TITLE, HEADING or TEXT
    cells: tuple[str, ...]


def _new_pdf(title: str, texts: Iterable[str] = ()) -> FPDF:
    """An A4 PDF with DejaVu and the fallback fonts `texts` need."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("")  # no app name in the file's properties: the file may be seen by others
    pdf.set_producer("")
    pdf.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
    all_text = "".join((title, *texts))
    fallbacks = [fallback for fallback in FALLBACKS if fallback.needed_for(all_text)]
    for fallback in fallbacks:
        pdf.add_font(fallback.name, "", str(FONTS_DIR / fallback.regular))
        if fallback.bold:
            pdf.add_font(fallback.name, "B", str(FONTS_DIR / fallback.bold))
    # Not an exact match: bold text falls back to a font's regular weight where it has no bold.
    pdf.set_fallback_fonts([fallback.name for fallback in fallbacks], exact_match=False)
    pdf.set_text_shaping(use_shaping_engine=True)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    return pdf


def side_by_side_pdf(rows: Sequence[Row], rtl: Sequence[bool]) -> bytes:
    """A table with one column per language (one column is fine); right-to-left columns are set right-aligned."""
    pdf = _new_pdf(rows[0].cells[0] if rows else "", (text for row in rows for text in row.cells))
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
