"""Content as data: the YAML files beside this module, their schema, and their checks.

English in the files is the source text; translations come from the same gettext
catalogues as the interface (the Babel extractor below feeds them). Plain Python,
no Telegram.
"""

from __future__ import annotations

import re
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
    version: int = 1
    reviewed: date | None = None  # the file's date unless the entry gives its own


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


def _read_versioned(path: Path) -> tuple[dict[str, Any], int, date]:
    """A content file with its file-wide version and review date (entries may give their own)."""
    data = _read(path)
    return data, _require(data, "version", int, path.name), _require(data, "reviewed", date, path.name)


def _require(data: dict, key: str, kind: type, where: str):
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise ContentError(f"{where}: '{key}' must be a non-empty {kind.__name__}")
    return value


def load_contract_check(path: Path = CONTENT_DIR / "contract_check.yaml") -> ContractCheck:
    data, version, reviewed = _read_versioned(path)
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
        unknown = set(entry) - {"id", "kind", "version", "reviewed", *TRANSLATABLE_FIELDS}
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
        entry_version, entry_reviewed = _versioned(entry, (version, reviewed), where)
        questions.append(Question(id=qid, kind=kind, ask=ask, version=entry_version, reviewed=entry_reviewed, **fields))
    return ContractCheck(version=version, reviewed=reviewed, questions=tuple(questions))


COUNTRY_PAGES = ("jobs", "permits", "guide")  # what the country layer adds to a lesson
MAX_TERM_CHARS = 40
MAX_MEANING_CHARS = 300


def _versioned(entry: dict, defaults: tuple[int, date], where: str) -> tuple[int, date]:
    """An entry's own version and review date; the file's when it gives none."""
    version = entry.get("version", defaults[0])
    reviewed = entry.get("reviewed", defaults[1])
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ContentError(f"{where}: 'version' must be a whole number from 1")
    if not isinstance(reviewed, date):
        raise ContentError(f"{where}: 'reviewed' must be a date like 2026-11-23")
    return version, reviewed


def _text(value: Any, where: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: must be text")
    value = value.strip()
    if len(value) > limit:
        raise ContentError(f"{where}: longer than {limit} characters ({len(value)})")
    if "{" in value or "}" in value:
        raise ContentError(f"{where}: curly braces are kept for placeholders")
    return value


def _entries(data: dict, key: str, path: Path, noun: str, id_key: str = "id"):
    """Yield (entry, where) for each entry of a list, checking each is a mapping with a unique id."""
    seen: set[str] = set()
    for index, entry in enumerate(_require(data, key, list, path.name)):
        where = f"{path.name}, {noun} {index + 1}"
        if not isinstance(entry, dict):
            raise ContentError(f"{where}: expected a mapping")
        entry_id = _require(entry, id_key, str, where)
        where = f"{path.name}, {noun} '{entry_id}'"
        if entry_id in seen:
            raise ContentError(f"{where}: id used twice")
        seen.add(entry_id)
        yield entry, where


def _no_unknown(entry: dict, allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise ContentError(f"{where}: unknown field(s) {sorted(unknown)}")


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    pages: tuple[str, ...]
    version: int
    reviewed: date
    directory: bool = False  # ends with the organisation's local services
    country_page: str | None = None  # ends with this page of her country (COUNTRY_PAGES)


@dataclass(frozen=True)
class Lessons:
    version: int
    reviewed: date
    lessons: tuple[Lesson, ...]

    def by_id(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)


def load_lessons(path: Path = CONTENT_DIR / "lessons.yaml") -> Lessons:
    data, version, reviewed = _read_versioned(path)
    lessons: list[Lesson] = []
    for entry, where in _entries(data, "lessons", path, "lesson"):
        _no_unknown(entry, {"id", "title", "pages", "directory", "country_page", "version", "reviewed"}, where)
        pages = _require(entry, "pages", list, where)
        country_page = entry.get("country_page")
        if country_page is not None and country_page not in COUNTRY_PAGES:
            raise ContentError(f"{where}: country_page must be one of {COUNTRY_PAGES}")
        lesson_version, lesson_reviewed = _versioned(entry, (version, reviewed), where)
        lessons.append(
            Lesson(
                id=entry["id"],
                title=_text(entry.get("title"), f"{where}, title", MAX_TERM_CHARS),
                pages=tuple(
                    _text(page, f"{where}, page {number}", MAX_SCREEN_CHARS) for number, page in enumerate(pages, 1)
                ),
                version=lesson_version,
                reviewed=lesson_reviewed,
                directory=bool(entry.get("directory", False)),
                country_page=country_page,
            )
        )
    if not lessons:
        raise ContentError(f"{path.name}: no lessons")
    return Lessons(version=version, reviewed=reviewed, lessons=tuple(lessons))


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    language: str  # the country's language, for terms and side-by-side documents
    pages: dict[str, str]  # COUNTRY_PAGES -> text
    version: int
    reviewed: date


@dataclass(frozen=True)
class Countries:
    version: int
    reviewed: date
    countries: tuple[Country, ...]

    def get(self, code: str | None) -> Country | None:
        return next((country for country in self.countries if country.code == code), None)


def load_countries(path: Path = CONTENT_DIR / "countries.yaml") -> Countries:
    data, version, reviewed = _read_versioned(path)
    countries: list[Country] = []
    for entry, where in _entries(data, "countries", path, "country", id_key="code"):
        _no_unknown(entry, {"code", "name", "language", "pages", "version", "reviewed"}, where)
        if not re.fullmatch(r"[A-Z]{2}", entry["code"]):
            raise ContentError(f"{where}: code must be two capital letters (ISO 3166)")
        language = _require(entry, "language", str, where)
        if not re.fullmatch(r"[a-z]{2,3}", language):
            raise ContentError(f"{where}: language must be a code like 'el'")
        pages = _require(entry, "pages", dict, where)
        missing = [name for name in COUNTRY_PAGES if name not in pages]
        if missing or set(pages) - set(COUNTRY_PAGES):
            raise ContentError(f"{where}: pages must be exactly {COUNTRY_PAGES}")
        country_version, country_reviewed = _versioned(entry, (version, reviewed), where)
        countries.append(
            Country(
                code=entry["code"],
                name=_text(entry.get("name"), f"{where}, name", MAX_TERM_CHARS),
                language=language,
                pages={name: _text(pages[name], f"{where}, page '{name}'", MAX_SCREEN_CHARS) for name in COUNTRY_PAGES},
                version=country_version,
                reviewed=country_reviewed,
            )
        )
    if not countries:
        raise ContentError(f"{path.name}: no countries")
    return Countries(version=version, reviewed=reviewed, countries=tuple(countries))


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    meaning: str
    local: dict[str, str]  # country code -> the word as written there (not translated)
    see: tuple[str, ...]
    version: int
    reviewed: date


@dataclass(frozen=True)
class Glossary:
    version: int
    reviewed: date
    terms: tuple[Term, ...]

    def by_id(self, term_id: str) -> Term | None:
        return next((term for term in self.terms if term.id == term_id), None)


def load_glossary(path: Path = CONTENT_DIR / "glossary.yaml", country_codes: tuple[str, ...] = ()) -> Glossary:
    """The glossary; with `country_codes`, every term must give the word for each of those countries."""
    data, version, reviewed = _read_versioned(path)
    terms: list[Term] = []
    for entry, where in _entries(data, "terms", path, "term"):
        _no_unknown(entry, {"id", "term", "meaning", "local", "see", "version", "reviewed"}, where)
        local = _require(entry, "local", dict, where)
        for code in country_codes:
            if not isinstance(local.get(code), str) or not local[code].strip():
                raise ContentError(f"{where}: no local word for {code}")
        see = entry.get("see", [])
        if not isinstance(see, list) or not all(isinstance(other, str) for other in see):
            raise ContentError(f"{where}: 'see' must be a list of term ids")
        term_version, term_reviewed = _versioned(entry, (version, reviewed), where)
        terms.append(
            Term(
                id=entry["id"],
                term=_text(entry.get("term"), f"{where}, term", MAX_TERM_CHARS),
                meaning=_text(entry.get("meaning"), f"{where}, meaning", MAX_MEANING_CHARS),
                local={code: str(word).strip() for code, word in local.items()},
                see=tuple(see),
                version=term_version,
                reviewed=term_reviewed,
            )
        )
    ids = {term.id for term in terms}
    for term in terms:
        for other in term.see:
            if other not in ids:
                raise ContentError(f"{path.name}, term '{term.id}': 'see' names '{other}', which is not a term")
    return Glossary(version=version, reviewed=reviewed, terms=tuple(terms))


INTERVIEW_KINDS = ("about", "motivation", "experience", "situation", "practical", "ask_employer")
INTERVIEW_SECTORS = ("cleaning", "care", "kitchen", "hotels", "shops", "factories", "agriculture", "office")
ALL_SECTORS = "all"
# Per field, in every language; a pair shown on one screen has its own limit (see tests).
INTERVIEW_LIMITS = {"question": 170, "why": 230, "contains": 250, "example": 290, "tip": 280}
DECLINE_LIMITS = {"topic": MAX_TERM_CHARS, "question": 140, "why": 280, "decline": 260}
PHRASE_LIMIT = 110


@dataclass(frozen=True)
class InterviewQuestion:
    id: str
    kind: str  # INTERVIEW_KINDS; "ask_employer" is a question she asks
    sectors: tuple[str, ...]  # INTERVIEW_SECTORS, or (ALL_SECTORS,)
    question: str
    why: str  # why employers ask it (for ask_employer: why asking helps her)
    contains: str  # what a good answer contains (for ask_employer: what a clear answer tells her)
    example: str
    tip: str  # for someone with little formal experience or a gap in her CV
    version: int
    reviewed: date

    def fits(self, sector: str) -> bool:
        return ALL_SECTORS in self.sectors or sector in self.sectors


@dataclass(frozen=True)
class DeclineTopic:
    """A question she does not have to answer, and a polite way to say so."""

    id: str
    topic: str
    question: str
    why: str
    decline: str


@dataclass(frozen=True)
class InterviewBank:
    version: int
    reviewed: date
    questions: tuple[InterviewQuestion, ...]
    may_decline: tuple[DeclineTopic, ...]
    phrases: tuple[tuple[str, str], ...]  # (id, text): said in the country's language, hers beside it

    def by_id(self, question_id: str) -> InterviewQuestion | None:
        return next((question for question in self.questions if question.id == question_id), None)

    def decline(self, topic_id: str) -> DeclineTopic | None:
        return next((topic for topic in self.may_decline if topic.id == topic_id), None)


def load_interview(path: Path = CONTENT_DIR / "interview.yaml") -> InterviewBank:
    data, version, reviewed = _read_versioned(path)
    questions: list[InterviewQuestion] = []
    for entry, where in _entries(data, "practice", path, "question"):
        _no_unknown(entry, {"id", "kind", "sectors", "version", "reviewed", *INTERVIEW_LIMITS}, where)
        kind = _require(entry, "kind", str, where)
        if kind not in INTERVIEW_KINDS:
            raise ContentError(f"{where}: kind must be one of {INTERVIEW_KINDS}")
        sectors = _require(entry, "sectors", list, where)
        if sectors != [ALL_SECTORS] and not (sectors and set(sectors) <= set(INTERVIEW_SECTORS)):
            raise ContentError(f"{where}: sectors must be [all] or some of {INTERVIEW_SECTORS}")
        question_version, question_reviewed = _versioned(entry, (version, reviewed), where)
        fields = {name: _text(entry.get(name), f"{where}, {name}", limit) for name, limit in INTERVIEW_LIMITS.items()}
        questions.append(
            InterviewQuestion(
                id=entry["id"],
                kind=kind,
                sectors=tuple(sectors),
                version=question_version,
                reviewed=question_reviewed,
                **fields,
            )
        )
    declines = []
    for entry, where in _entries(data, "may_decline", path, "topic"):
        _no_unknown(entry, {"id", *DECLINE_LIMITS}, where)
        fields = {name: _text(entry.get(name), f"{where}, {name}", limit) for name, limit in DECLINE_LIMITS.items()}
        declines.append(DeclineTopic(id=entry["id"], **fields))
    phrases = []
    for entry, where in _entries(data, "phrases", path, "phrase"):
        _no_unknown(entry, {"id", "text"}, where)
        phrases.append((entry["id"], _text(entry.get("text"), f"{where}, text", PHRASE_LIMIT)))
    if not questions or not declines or not phrases:
        raise ContentError(f"{path.name}: needs practice questions, may_decline topics and phrases")
    return InterviewBank(
        version=version,
        reviewed=reviewed,
        questions=tuple(questions),
        may_decline=tuple(declines),
        phrases=tuple(phrases),
    )


def interview_counts(bank: InterviewBank) -> str:
    """Questions per sector and per kind, for `content check` and the notes."""
    by_sector = {
        sector: sum(1 for question in bank.questions if sector in question.sectors)
        for sector in (ALL_SECTORS, *INTERVIEW_SECTORS)
    }
    by_kind = {kind: sum(1 for question in bank.questions if question.kind == kind) for kind in INTERVIEW_KINDS}
    sectors = ", ".join(f"{name} {count}" for name, count in by_sector.items())
    kinds = ", ".join(f"{name} {count}" for name, count in by_kind.items())
    return f"by sector: {sectors}; by kind: {kinds}"


def check_all(content_dir: Path = CONTENT_DIR, directory_file: Path | None = None) -> list[str]:
    """Validate every content file and the links between them; a line per file, ContentError on the first fault."""
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
    countries = load_countries(content_dir / "countries.yaml")
    codes = tuple(country.code for country in countries.countries)
    report.append(f"countries.yaml: {len(codes)} countries ({', '.join(codes)})")
    glossary = load_glossary(content_dir / "glossary.yaml", country_codes=codes)
    longest_meaning = max(len(term.meaning) for term in glossary.terms)
    report.append(f"glossary.yaml: {len(glossary.terms)} terms, longest meaning {longest_meaning} characters")
    interview = load_interview(content_dir / "interview.yaml")
    report.append(
        f"interview.yaml: {len(interview.questions)} questions ({interview_counts(interview)}), "
        f"{len(interview.may_decline)} topics she may decline, {len(interview.phrases)} phrases"
    )
    directory_path = directory_file or EXAMPLE_DIRECTORY
    directory = load_directory(directory_path)
    if countries.get(directory.country) is None:
        raise ContentError(f"{directory_path.name}: country {directory.country} has no entry in countries.yaml")
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
        yield 0, None, lesson["title"].strip(), [f"lessons/{lesson['id']}/title"]
        for number, page in enumerate(lesson.get("pages", []), start=1):
            yield 0, None, page.strip(), [f"lessons/{lesson['id']}/page {number}"]
    for country in data.get("countries", []):
        yield 0, None, country["name"].strip(), [f"countries/{country['code']}/name"]
        for page_name, page in (country.get("pages") or {}).items():
            yield 0, None, page.strip(), [f"countries/{country['code']}/{page_name}"]
    for question in data.get("practice", []):
        for field in INTERVIEW_LIMITS:
            yield 0, None, question[field].strip(), [f"interview/{question['id']}/{field}"]
    for topic in data.get("may_decline", []):
        for field in DECLINE_LIMITS:
            yield 0, None, topic[field].strip(), [f"interview/{topic['id']}/{field}"]
    for phrase in data.get("phrases", []):
        yield 0, None, phrase["text"].strip(), [f"interview/{phrase['id']}"]
    for term in data.get("terms", []):
        yield 0, None, term["term"].strip(), [f"glossary/{term['id']}/term"]
        yield 0, None, term["meaning"].strip(), [f"glossary/{term['id']}/meaning"]
