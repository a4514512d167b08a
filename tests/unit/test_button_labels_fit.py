"""Every button label, in every language she can choose, fits on a phone without being cut."""

import pytest
from aiogram_dialog.widgets.kbd import Column, Group, Row

import bot.app as app
from bot.content import load_glossary, load_interview, load_lessons
from bot.cv.model import SECTORS
from bot.dialogs.widgets import T
from bot.i18n import BUTTON_CELLS, Catalogues, label_cells
from bot.interview import PRACTICE_SECTORS
from bot.talk import TOPICS

CATS = Catalogues.load()
DIALOGS = [
    app.start_dialog,
    app.menu_dialog,
    app.contract_dialog,
    app.orientation_dialog,
    app.glossary_dialog,
    app.cv_dialog,
    app.interview_dialog,
    app.talk_dialog,
    app.pairing_dialog,
    app.counsellor_dialog,
    app.settings_dialog,
    app.deleted_dialog,
]


def _labels(widget, per_row: int):
    """(label, buttons sharing its row) for every translated button under `widget`."""
    if isinstance(widget, Row):
        for child in widget.buttons:
            yield from _labels(child, max(per_row, len(widget.buttons)))
    elif isinstance(widget, Column):
        for child in widget.buttons:
            yield from _labels(child, per_row)
    elif isinstance(widget, Group):
        for child in widget.buttons:
            yield from _labels(child, max(per_row, widget.width or 1))
    elif isinstance(getattr(widget, "text", None), T):
        yield widget.text.message, per_row


def static_button_labels() -> dict[str, int]:
    found: dict[str, int] = {}
    for make in DIALOGS:
        for window in make().windows.values():
            for label, per_row in _labels(window.keyboard, 1):
                found[label] = max(per_row, found.get(label, 1))
    return found


def content_button_labels() -> dict[str, int]:
    """Labels the getters build from content: each is one button to a row."""
    lessons = [lesson.title for lesson in load_lessons().lessons]
    words = [term.term for term in load_glossary().terms]
    topics = [topic.topic for topic in load_interview().may_decline]
    return dict.fromkeys(
        [*lessons, *words, *topics, *SECTORS.values(), *PRACTICE_SECTORS.values(), *TOPICS.values()], 1
    )


LABELS = static_button_labels() | content_button_labels()


def test_the_walk_finds_the_buttons_people_press():
    assert LABELS["✖ Exit"] == 1
    assert LABELS["⬅ Back"] == 2  # shares a row with "Next ➡"
    assert len(LABELS) > 150
    assert LABELS["Job centre (public employment service)"] == 1


def test_cells_count_wide_characters_twice():
    assert label_cells("Next ➡") == 6
    assert label_cells("下一步") == 6
    assert label_cells("📄 简历") == 7


@pytest.mark.parametrize("language", [lang.code for lang in CATS.languages])
def test_button_labels_fit_a_phone(language):
    too_wide = [
        (label, translated, per_row)
        for label, per_row in LABELS.items()
        if label_cells(translated := CATS.gettext(label, language)) > BUTTON_CELLS[min(per_row, 3)]
    ]
    assert not too_wide, f"{language}: shorten these labels: {too_wide[:6]}"
