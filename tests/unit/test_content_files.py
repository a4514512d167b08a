"""`content check` on broken lessons, countries and glossary files: it names the file and the entry."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content import CONTENT_DIR, ContentError, check_all, load_lessons
from bot.i18n import Catalogues


@pytest.fixture
def content(tmp_path: Path) -> Path:
    names = ("contract_check.yaml", "lessons.yaml", "countries.yaml", "glossary.yaml", "interview.yaml")
    for name in (*names, "directory.example.yaml"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    return tmp_path


def break_file(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "lessons.yaml",
            "  - id: contract_basics",
            "  - id: safe_job_search",
            "lesson 'safe_job_search': id used twice",
        ),
        ("lessons.yaml", "    title: Your rights at work", "    title: Your rights {at} work", "curly braces"),
        (
            "lessons.yaml",
            "  - id: rights_at_work\n",
            "  - id: rights_at_work\n    country_page: beach\n",
            "country_page",
        ),
        ("lessons.yaml", "    reviewed: 2026-11-22\n", "    reviewed: soon\n", "'reviewed'"),
        ("countries.yaml", "    pages:\n      jobs:", "    pages:\n      beach: x\n      jobs:", "pages must be"),
        ("countries.yaml", "  - code: GR", "  - code: Greece", "two capital letters"),
        ("glossary.yaml", "    see: [net_pay, deductions]", "    see: [net_pay, holiday_pay]", "'holiday_pay'"),
        ("glossary.yaml", "      AT: Bruttolohn", "      XX: Bruttolohn", "no local word for AT"),
        ("directory.example.yaml", "country: GR", "country: FR", "country FR has no entry"),
        ("interview.yaml", "    kind: situation\n", "    kind: small_talk\n", "kind must be one of"),
        ("interview.yaml", "    sectors: [kitchen]", "    sectors: [space]", "sectors must be"),
        ("interview.yaml", "  - id: x_sit_colleagues_conflict", "  - id: g_tell_about_yourself", "id used twice"),
    ],
)
def test_a_broken_file_is_caught_and_named(content: Path, name, old, new, expected):
    break_file(content, name, old, new)
    with pytest.raises(ContentError, match=expected) as error:
        check_all(content, directory_file=content / "directory.example.yaml")
    assert str(error.value).startswith(name)


def test_a_page_over_the_screen_limit_is_caught(content: Path):
    break_file(
        content,
        "lessons.yaml",
        "      - >-\n        Most job offers",
        "      - " + "x" * 601 + "\n      - >-\n        Most job offers",
    )
    with pytest.raises(ContentError, match="lesson 'safe_job_search', page 1: longer than 600"):
        load_lessons(content / "lessons.yaml")


def test_every_lesson_has_its_own_review_date_and_the_required_topics():
    lessons = load_lessons()
    assert all(lesson.version >= 1 and lesson.reviewed for lesson in lessons.lessons)
    ids = {lesson.id for lesson in lessons.lessons}
    assert {
        "labour_market",
        "safe_job_search",
        "contract_types",
        "pay_and_taxes",
        "soft_skills",
        "small_business",
    } <= ids
    assert lessons.lessons[-1].directory, "the lesson about local help comes last"


def test_content_check_command_fails_with_one_clear_line_on_a_broken_file(content: Path, tmp_path: Path):
    # The command checks the shipped files; a broken directory file is what an organisation can break.
    broken = tmp_path / "directory.yaml"
    broken.write_text((CONTENT_DIR / "directory.example.yaml").read_text().replace("country: GR", "country: FR"))
    result = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check"],
        capture_output=True,
        text=True,
        env={"DIRECTORY_FILE": str(broken), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "directory.yaml" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("language", [lang.code for lang in Catalogues.load().languages])
def test_translated_screens_keep_to_one_idea_per_screen(language):
    """The 600-character limit holds in every complete language, not only in the English source."""
    from bot.content import load_contract_check, load_glossary, load_interview
    from bot.country import countries
    from bot.i18n import Catalogues

    cats = Catalogues.load()

    def t(text):
        return cats.gettext(text, language)

    texts = [(lesson.id, t(page)) for lesson in load_lessons().lessons for page in lesson.pages]
    texts += [(f"{c.code}/{name}", t(page)) for c in countries().countries for name, page in c.pages.items()]
    texts += [(term.id, t(term.meaning)) for term in load_glossary().terms]
    texts += [(q.id, t(q.question) + t(q.why)) for q in load_contract_check().questions]
    interview = load_interview()
    texts += [(q.id, t(q.question) + t(q.why) + t(q.contains)) for q in interview.questions]  # the tips screen
    texts += [(q.id, t(q.example) + t(q.tip)) for q in interview.questions]  # the example screen
    texts += [(d.id, t(d.topic) + t(d.question) + t(d.why) + t(d.decline)) for d in interview.may_decline]
    too_long = [(where, len(text)) for where, text in texts if len(text) > 600]
    assert not too_long
