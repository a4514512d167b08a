"""Content as data: the YAML files beside this module, their schema, and their checks.

English in the files is the source text; translations come from the same gettext
catalogues as the interface (the Babel extractor below feeds them). Plain Python,
no Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

CONTENT_DIR = Path(__file__).parent
MAX_SCREEN_CHARS = 600  # one idea per screen: question and "why" together
QUESTION_KINDS = ("item", "warning")
TRANSLATABLE_FIELDS = ("label", "question", "why", "ask")


class ContentError(ValueError):
    """A content file is wrong; the message names the file and the entry."""


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    label: str
    question: str
    why: str
    ask: str | None = None


@dataclass(frozen=True)
class ContractCheck:
    version: int
    reviewed: date
    questions: tuple[Question, ...]

    @property
    def items(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind == "item")

    @property
    def warnings(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind == "warning")

    def by_id(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ContentError(f"{path.name}: not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise ContentError(f"{path.name}: expected a mapping at the top")
    return data


def _require(data: dict, key: str, kind: type, where: str):
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise ContentError(f"{where}: '{key}' must be a non-empty {kind.__name__}")
    return value


def load_contract_check(path: Path = CONTENT_DIR / "contract_check.yaml") -> ContractCheck:
    data = _read(path)
    version = _require(data, "version", int, path.name)
    reviewed = _require(data, "reviewed", date, path.name)
    entries = _require(data, "questions", list, path.name)
    questions: list[Question] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{path.name}, question {index + 1}"
        if not isinstance(entry, dict):
            raise ContentError(f"{where}: expected a mapping")
        qid = _require(entry, "id", str, where)
        where = f"{path.name}, question '{qid}'"
        if qid in seen:
            raise ContentError(f"{where}: id used twice")
        seen.add(qid)
        unknown = set(entry) - {"id", "kind", *TRANSLATABLE_FIELDS}
        if unknown:
            raise ContentError(f"{where}: unknown field(s) {sorted(unknown)}")
        kind = _require(entry, "kind", str, where)
        if kind not in QUESTION_KINDS:
            raise ContentError(f"{where}: kind must be one of {QUESTION_KINDS}")
        fields = {name: _require(entry, name, str, where) for name in ("label", "question", "why")}
        ask = entry.get("ask")
        if kind == "item" and not (isinstance(ask, str) and ask.strip()):
            raise ContentError(f"{where}: an item needs 'ask' (what she can ask the employer)")
        if kind == "warning" and ask is not None:
            raise ContentError(f"{where}: a warning sign has no 'ask'")
        if len(fields["question"]) + len(fields["why"]) > MAX_SCREEN_CHARS:
            raise ContentError(f"{where}: question and why are longer than {MAX_SCREEN_CHARS} characters")
        questions.append(Question(id=qid, kind=kind, ask=ask, **fields))
    return ContractCheck(version=version, reviewed=reviewed, questions=tuple(questions))


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    pages: tuple[str, ...]
    directory: bool = False  # ends with the organisation's local services


@dataclass(frozen=True)
class Lessons:
    version: int
    reviewed: date
    lessons: tuple[Lesson, ...]

    def by_id(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)


def load_lessons(path: Path = CONTENT_DIR / "lessons.yaml") -> Lessons:
    data = _read(path)
    version = _require(data, "version", int, path.name)
    reviewed = _require(data, "reviewed", date, path.name)
    lessons: list[Lesson] = []
    seen: set[str] = set()
    for index, entry in enumerate(_require(data, "lessons", list, path.name)):
        where = f"{path.name}, lesson {index + 1}"
        if not isinstance(entry, dict):
            raise ContentError(f"{where}: expected a mapping")
        lesson_id = _require(entry, "id", str, where)
        where = f"{path.name}, lesson '{lesson_id}'"
        if lesson_id in seen:
            raise ContentError(f"{where}: id used twice")
        seen.add(lesson_id)
        unknown = set(entry) - {"id", "title", "pages", "directory"}
        if unknown:
            raise ContentError(f"{where}: unknown field(s) {sorted(unknown)}")
        pages = _require(entry, "pages", list, where)
        for number, page in enumerate(pages, start=1):
            if not isinstance(page, str) or not page.strip():
                raise ContentError(f"{where}, page {number}: must be text")
            if len(page) > MAX_SCREEN_CHARS:
                raise ContentError(f"{where}, page {number}: longer than {MAX_SCREEN_CHARS} characters")
        lessons.append(
            Lesson(
                id=lesson_id,
                title=_require(entry, "title", str, where),
                pages=tuple(p.strip() for p in pages),
                directory=bool(entry.get("directory", False)),
            )
        )
    return Lessons(version=version, reviewed=reviewed, lessons=tuple(lessons))


def check_all(content_dir: Path = CONTENT_DIR, directory_file: Path | None = None) -> list[str]:
    """Validate every content file; returns a line per file checked, raises ContentError on the first fault."""
    from bot.directory import EXAMPLE_DIRECTORY, load_directory

    report = []
    check = load_contract_check(content_dir / "contract_check.yaml")
    report.append(
        f"contract_check.yaml: {len(check.items)} items, {len(check.warnings)} warning signs, "
        f"version {check.version}, reviewed {check.reviewed.isoformat()}"
    )
    lessons = load_lessons(content_dir / "lessons.yaml")
    pages = sum(len(lesson.pages) for lesson in lessons.lessons)
    longest = max(len(page) for lesson in lessons.lessons for page in lesson.pages)
    report.append(f"lessons.yaml: {len(lessons.lessons)} lessons, {pages} pages, longest page {longest} characters")
    directory_path = directory_file or EXAMPLE_DIRECTORY
    directory = load_directory(directory_path)
    state = "EXAMPLE: no phone number from it is shown" if directory.example else "confirmed"
    report.append(f"{directory_path.name}: {directory.country}, {len(directory.services)} services, {state}")
    return report


def extract_babel(fileobj, keywords, comment_tags, options):
    """Babel extractor: every translatable field of a content file, with its place as a comment."""
    data = yaml.safe_load(fileobj.read().decode("utf-8")) or {}
    name = data.get("id", "content")
    for entry in data.get("questions", []):
        for field in TRANSLATABLE_FIELDS:
            if entry.get(field):
                yield 0, None, entry[field], [f"{name}/{entry.get('id')}/{field}"]
    for lesson in data.get("lessons", []):
        yield 0, None, lesson["title"], [f"lessons/{lesson['id']}/title"]
        for number, page in enumerate(lesson.get("pages", []), start=1):
            yield 0, None, page.strip(), [f"lessons/{lesson['id']}/page {number}"]
