"""`python -m bot i18n status`: the table translators read, and adding a language as the README says."""

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.i18n import LOCALES_DIR, Catalogues
from bot.i18n_status import status_table, statuses


def test_the_offered_languages_show_as_complete_and_honestly_unreviewed():
    rows = {row.code: row for row in statuses()}
    offered = [language.code for language in Catalogues.load().languages if language.code != "en"]
    for code in offered:
        assert rows[code].state == "complete" and rows[code].missing == 0
        assert rows[code].review == "drafted, not yet reviewed"  # from TRANSLATIONS.md, nothing invented
    assert rows["en"].state == "source"
    assert [row.state for row in rows.values()].count("complete") == len(offered) == 16  # 17 with English


def test_a_new_language_appears_with_everything_missing_and_is_not_offered(tmp_path: Path):
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    # What `pybabel init -l ha` does: an empty catalogue for the language from the template.
    catalog = Catalog(locale="ha")
    for message in template:
        if message.id:
            catalog.add(message.id)
    target = locales / "ha" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.po").open("wb") as handle:
        write_po(handle, catalog)
    rows = {row.code: row for row in statuses(locales)}
    assert rows["ha"].translated == 0 and rows["ha"].missing == rows["fr"].total
    assert "ha" not in [language.code for language in Catalogues.load(locales).languages]
    assert "ha " in status_table(list(rows.values()))


def test_the_command_prints_the_table():
    result = subprocess.run(
        [sys.executable, "-m", "bot", "i18n", "status"], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.splitlines()[0].split()[:2] == ["language", "total"]
    assert any(line.startswith("uk ") and "complete" in line for line in result.stdout.splitlines())
