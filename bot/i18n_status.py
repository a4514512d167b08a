"""`python -m bot i18n status`: where each catalogue stands, for the organisation's translators.

Review states come from TRANSLATIONS.md (the one place a person records who reviewed what), so the table
never claims a review that nobody wrote down.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel.messages.pofile import read_po

from bot.i18n import INTERFACE_SHARE, KNOWN_LANGUAGES, LOCALES_DIR, SOURCE_LANGUAGE

TRANSLATIONS_FILE = Path(__file__).resolve().parent.parent / "TRANSLATIONS.md"
_ROW = re.compile(r"^\|\s*`?([a-z]{2,3})`?\s*\|.*\|\s*([^|]+?)\s*\|\s*$")


@dataclass(frozen=True)
class CatalogueStatus:
    code: str
    total: int
    translated: int
    fuzzy: int
    changed: str
    review: str

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def state(self) -> str:
        if self.code == SOURCE_LANGUAGE:
            return "source"
        if self.missing == 0 and self.fuzzy == 0:
            return "complete"
        return "documents only" if self.translated / max(self.total, 1) < INTERFACE_SHARE else "nearly complete"


def review_states(path: Path = TRANSLATIONS_FILE) -> dict[str, str]:
    """Language code -> the review column of TRANSLATIONS.md's table (last column)."""
    if not path.exists():
        return {}
    states = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            states[match.group(1)] = match.group(2)
    return states


def _last_changed(po: Path) -> str:
    """The day of the catalogue's last commit (a fresh clone's file times say nothing), else its file time."""
    try:
        day = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", po.name],
            cwd=po.parent,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        day = ""
    return day or datetime.fromtimestamp(po.stat().st_mtime).strftime("%Y-%m-%d")


def statuses(locales_dir: Path = LOCALES_DIR, translations: Path = TRANSLATIONS_FILE) -> list[CatalogueStatus]:
    reviews = review_states(translations)
    rows = []
    for po in sorted(locales_dir.glob("*/LC_MESSAGES/messages.po")):
        code = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        messages = [message for message in catalog if message.id]
        translated = sum(
            1
            for message in messages
            if not message.fuzzy
            and (all(message.string) if isinstance(message.string, tuple) else bool(message.string))
        )
        fuzzy = sum(1 for message in messages if message.fuzzy)
        changed = _last_changed(po)
        rows.append(CatalogueStatus(code, len(messages), translated, fuzzy, changed, reviews.get(code, "not recorded")))
    # English is the source: every string is "translated" by definition, shown first so the count of
    # languages a woman can use reads off the table.
    template = locales_dir / "messages.pot"
    if template.exists():
        with template.open("rb") as handle:
            total = sum(1 for message in read_po(handle) if message.id)
        rows.append(CatalogueStatus(SOURCE_LANGUAGE, total, total, 0, _last_changed(template), "source text"))
    order = [language.code for language in KNOWN_LANGUAGES]
    return sorted(rows, key=lambda row: order.index(row.code) if row.code in order else len(order))


def status_table(rows: list[CatalogueStatus]) -> str:
    header = f"{'language':<9}{'total':>7}{'done':>7}{'fuzzy':>7}{'missing':>9}  {'changed':<11}{'state':<17}review"
    lines = [header]
    for row in rows:
        lines.append(
            f"{row.code:<9}{row.total:>7}{row.translated:>7}{row.fuzzy:>7}{row.missing:>9}  "
            f"{row.changed:<11}{row.state:<17}{row.review}"
        )
    return "\n".join(lines)
