"""Her CV as plain data: what she gave, step by step, with limits, and a JSON form that survives new versions.

Plain Python, no Telegram. Her typed text is kept as she typed it (only cleaned
of invisible control characters and cut to a sensible length); fixed choices
(sector, skills, levels, shifts) are stored as ids and printed in the CV language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from babel import Locale

from bot.cv.dates import ApproxDate
from bot.i18n import N_

FORMAT_VERSION = 1

# The sectors she picks from (issue 4, step 1), in the order shown.
SECTORS: dict[str, str] = {
    "cleaning": N_("Cleaning and housekeeping"),
    "care": N_("Care of children or elderly people"),
    "kitchen": N_("Kitchen and restaurants"),
    "hotels": N_("Hotels"),
    "shops": N_("Shops"),
    "factories": N_("Factories and warehouses"),
    "agriculture": N_("Agriculture"),
    "office": N_("Office and reception"),
    "beauty": N_("Hairdressing and beauty"),
    "interpreting": N_("Interpreting and cultural mediation"),
    "other": N_("Other"),
}

# The Annex I digital-skills modules, as a CV names them.
DIGITAL_SKILLS: dict[str, str] = {
    "phone": N_("Using a smartphone"),
    "messaging": N_("Messaging apps"),
    "email": N_("E-mail"),
    "documents": N_("Writing and saving documents"),
    "search": N_("Searching the internet"),
    "safety": N_("Staying safe online"),
    "video": N_("Video calls"),
}

# The guide's soft skills.
SOFT_SKILLS: dict[str, str] = {
    "communication": N_("Communication"),
    "critical_thinking": N_("Critical thinking"),
    "leadership": N_("Leadership"),
    "positive_attitude": N_("Positive attitude"),
    "teamwork": N_("Teamwork"),
    "work_ethic": N_("Work ethic"),
}

# The European scale (CEFR): the level's name on the CV, and plain words for her self-assessment.
CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")
CEFR_LABELS: dict[str, str] = {
    "A1": N_("Beginner"),
    "A2": N_("Elementary"),
    "B1": N_("Intermediate"),
    "B2": N_("Upper intermediate"),
    "C1": N_("Advanced"),
    "C2": N_("Proficient"),
}
CEFR_IN_PLAIN_WORDS: dict[str, str] = {
    "A1": N_("I understand and use a few everyday words and very simple phrases."),
    "A2": N_("I understand simple sentences about everyday things, like shopping or work, and can answer simply."),
    "B1": N_("I manage most everyday situations and can talk about my work and my plans."),
    "B2": N_("I talk easily with native speakers and understand most of what I hear at work."),
    "C1": N_("I speak fluently and understand long, difficult texts and conversations."),
    "C2": N_("I understand almost everything and express myself as well as a native speaker."),
}

SHIFTS: dict[str, str] = {
    "morning": N_("mornings"),
    "afternoon": N_("afternoons"),
    "evening": N_("evenings"),
    "night": N_("nights"),
}
DAYS: tuple[int, ...] = tuple(range(7))  # 0 is Monday, as in Python and Babel


@dataclass(frozen=True)
class Limits:
    """How long each typed answer and how many entries a CV may have: enough for one or two pages."""

    name: int = 80
    title: int = 80
    phone: int = 30
    email: int = 100
    city: int = 60
    role: int = 80
    employer: int = 80
    task: int = 200
    tasks: int = 10
    experiences: int = 15
    education_what: int = 120
    education_where: int = 80
    education: int = 10
    language: int = 40
    languages: int = 10
    mother_tongues: int = 3
    licence: int = 20
    interest: int = 60
    interests: int = 8
    nationality: int = 60


LIMITS = Limits()

# Characters that never belong in a CV line: controls, lone surrogates, non-characters, and stray
# directional controls (line direction is set by the renderer). Joiners (ZWJ, ZWNJ) stay: Persian needs them.
_UNWANTED = {"Cc", "Cs", "Co", "Cn"}
_STRAY_DIRECTION = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean(text: object) -> str:
    """Her text on one line: control characters gone, runs of white space one space, NFC."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text).translate(_STRAY_DIRECTION)
    text = "".join(" " if char in "\t\n\r\v\f\x85\u2028\u2029" else char for char in text)
    text = "".join(char for char in text if unicodedata.category(char) not in _UNWANTED)
    return re.sub(r"\s+", " ", text).strip()


def clip(text: object, limit: int) -> tuple[str, bool]:
    """Her cleaned text cut to `limit` characters (at a space when one is near the end), and whether it was cut."""
    text = clean(text)
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space >= limit * 0.7:
        cut = cut[:space]
    while cut and unicodedata.category(cut[-1]) in {"Mn", "Me", "Cf", "Zs"}:  # no dangling mark or joiner
        cut = cut[:-1]
    return cut.rstrip(" ,;:-–"), True


def clean_email(text: str) -> str | None:
    """An e-mail address as she typed it, or None when it does not look like one (ask again)."""
    address = clean(text).replace(" ", "")
    if len(address) > LIMITS.email or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}", address):
        return None
    return address


def clean_phone(text: str) -> str | None:
    """A phone number: digits with +, spaces, dashes, dots, brackets; 6 to 15 digits. None otherwise."""
    number = clean(text).translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    digits = re.sub(r"\D", "", number)
    if len(number) > LIMITS.phone or not re.fullmatch(r"\+?[\d\s().\-/]+", number) or not 6 <= len(digits) <= 15:
        return None
    return number


@dataclass
class Target:
    """The job she is looking for: a sector id from SECTORS and a title as she typed it."""

    sector: str | None = None
    title: str = ""


@dataclass
class Contact:
    """Only what she chooses to give; never a full address."""

    phone: str = ""
    email: str = ""
    city: str = ""


@dataclass
class Experience:
    """One job or activity. `offer` names an informal-work offer (bot.cv.informal) whose wording the CV prints
    in its language; her own `role` replaces the offer's role, her `tasks` come after the offer's."""

    role: str = ""
    employer: str = ""
    start: ApproxDate | None = None
    end: ApproxDate | None = None
    tasks: list[str] = field(default_factory=list)
    informal: bool = False
    offer: str | None = None


@dataclass
class Education:
    """A school, course or training; `certificate` None when she did not say."""

    what: str = ""
    where: str = ""
    start: ApproxDate | None = None
    end: ApproxDate | None = None
    certificate: bool | None = None


@dataclass
class LanguageSkill:
    """A language (an ISO code such as "it", or a name as she typed it) and her level A1 to C2."""

    language: str
    level: str


@dataclass
class Availability:
    days: list[int] = field(default_factory=list)  # 0 is Monday
    shifts: list[str] = field(default_factory=list)  # ids of SHIFTS
    start: ApproxDate | None = None  # PRESENT: from now


@dataclass
class CV:
    target: Target = field(default_factory=Target)
    name: str = ""
    contact: Contact = field(default_factory=Contact)
    experiences: list[Experience] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    mother_tongues: list[str] = field(default_factory=list)
    languages: list[LanguageSkill] = field(default_factory=list)
    digital_skills: list[str] = field(default_factory=list)
    soft_skills: list[str] = field(default_factory=list)
    driving_licence: str = ""  # categories as she typed them ("B"); empty: none
    availability: Availability = field(default_factory=Availability)
    interests: list[str] = field(default_factory=list)
    # Off by default: a CV does not need them and they can invite discrimination. Set only when she adds them.
    date_of_birth: date | None = None
    nationality: str = ""
    # Where the wizard was when she last left it (a section's name, set by the dialog); never printed.
    resume_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (dates as "2019", "2020-03" or "now"), for a stored draft or her data export."""
        return {
            "v": FORMAT_VERSION,
            "target": {"sector": self.target.sector, "title": self.target.title},
            "name": self.name,
            "contact": {"phone": self.contact.phone, "email": self.contact.email, "city": self.contact.city},
            "experiences": [
                {
                    "role": item.role,
                    "employer": item.employer,
                    "start": _date_text(item.start),
                    "end": _date_text(item.end),
                    "tasks": list(item.tasks),
                    "informal": item.informal,
                    "offer": item.offer,
                }
                for item in self.experiences
            ],
            "education": [
                {
                    "what": item.what,
                    "where": item.where,
                    "start": _date_text(item.start),
                    "end": _date_text(item.end),
                    "certificate": item.certificate,
                }
                for item in self.education
            ],
            "mother_tongues": list(self.mother_tongues),
            "languages": [{"language": item.language, "level": item.level} for item in self.languages],
            "digital_skills": list(self.digital_skills),
            "soft_skills": list(self.soft_skills),
            "driving_licence": self.driving_licence,
            "availability": {
                "days": list(self.availability.days),
                "shifts": list(self.availability.shifts),
                "start": _date_text(self.availability.start),
            },
            "interests": list(self.interests),
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else None,
            "nationality": self.nationality,
            "resume_at": self.resume_at,
        }

    @classmethod
    def from_dict(cls, data: object) -> CV:
        """Read a stored draft back, whatever version wrote it: unknown keys and ids are ignored, missing or
        malformed values take their defaults, texts and lists are held to LIMITS. Never raises."""
        data = _mapping(data)
        target = _mapping(data.get("target"))
        contact = _mapping(data.get("contact"))
        availability = _mapping(data.get("availability"))
        sector = target.get("sector")
        cv = cls(
            target=Target(sector=sector if sector in SECTORS else None, title=_text(target.get("title"), LIMITS.title)),
            name=_text(data.get("name"), LIMITS.name),
            contact=Contact(
                phone=_text(contact.get("phone"), LIMITS.phone),
                email=_text(contact.get("email"), LIMITS.email),
                city=_text(contact.get("city"), LIMITS.city),
            ),
            experiences=[_experience(item) for item in _list(data.get("experiences"))[: LIMITS.experiences]],
            education=[_education(item) for item in _list(data.get("education"))[: LIMITS.education]],
            mother_tongues=_texts(data.get("mother_tongues"), LIMITS.language, LIMITS.mother_tongues),
            languages=[
                LanguageSkill(_text(item.get("language"), LIMITS.language), item["level"])
                for item in map(_mapping, _list(data.get("languages")))
                if item.get("level") in CEFR_LEVELS and _text(item.get("language"), LIMITS.language)
            ][: LIMITS.languages],
            digital_skills=_ids(data.get("digital_skills"), DIGITAL_SKILLS),
            soft_skills=_ids(data.get("soft_skills"), SOFT_SKILLS),
            driving_licence=_text(data.get("driving_licence"), LIMITS.licence),
            availability=Availability(
                days=sorted({day for day in _list(availability.get("days")) if _is_day(day)}),
                shifts=_ids(availability.get("shifts"), SHIFTS),
                start=ApproxDate.from_text(availability.get("start")),
            ),
            interests=_texts(data.get("interests"), LIMITS.interest, LIMITS.interests),
            date_of_birth=_iso_date(data.get("date_of_birth")),
            nationality=_text(data.get("nationality"), LIMITS.nationality),
            resume_at=_text(data.get("resume_at"), 40),
        )
        return cv

    def is_empty(self) -> bool:
        return replace(self, resume_at="") == CV()

    def newest_first(self) -> CV:
        """A copy with work and education in reverse date order, as CVs list them; undated entries keep their place
        at the end in her order."""
        return replace(
            self,
            experiences=_newest_first(self.experiences),
            education=_newest_first(self.education),
        )


def _newest_first(entries: list) -> list:
    def latest(entry) -> tuple[int, int]:
        for value in (entry.end, entry.start):
            if value is not None:
                return value.sort_key
        return (-1, 0)

    return sorted(entries, key=latest, reverse=True)  # sorted is stable: equal dates keep her order


def language_name(value: str, language: str, capital: bool = True) -> str:
    """A language as the CV prints it: an ISO code in the CV language ("it" -> "Italiano", or "italiano" with
    capital=False, for the middle of a list), else as she typed it."""
    if re.fullmatch(r"[a-z]{2,3}", value):
        try:
            name = Locale.parse(language).languages.get(value)
        except (ValueError, LookupError):
            name = None
        if name:
            return name[:1].upper() + name[1:] if capital else name  # scripts without case are unchanged
    return value


# --- reading a stored draft --------------------------------------------------------------------------------------


def _date_text(value: ApproxDate | None) -> str | None:
    return value.to_text() if value else None


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _text(value: object, limit: int) -> str:
    return clip(value, limit)[0]


def _texts(value: object, limit: int, count: int) -> list[str]:
    texts = [_text(item, limit) for item in _list(value)]
    return [text for text in texts if text][:count]


def _ids(value: object, known: dict[str, str]) -> list[str]:
    seen: list[str] = []
    for item in _list(value):
        if isinstance(item, str) and item in known and item not in seen:
            seen.append(item)
    return seen


def _is_day(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in DAYS


def _iso_date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _experience(value: object) -> Experience:
    data = _mapping(value)
    offer = data.get("offer")
    return Experience(
        role=_text(data.get("role"), LIMITS.role),
        employer=_text(data.get("employer"), LIMITS.employer),
        start=ApproxDate.from_text(data.get("start")),
        end=ApproxDate.from_text(data.get("end")),
        tasks=_texts(data.get("tasks"), LIMITS.task, LIMITS.tasks),
        informal=data.get("informal") is True,
        offer=offer if isinstance(offer, str) and offer else None,  # an offer unknown to this version prints nothing
    )


def _education(value: object) -> Education:
    data = _mapping(value)
    certificate = data.get("certificate")
    return Education(
        what=_text(data.get("what"), LIMITS.education_what),
        where=_text(data.get("where"), LIMITS.education_where),
        start=ApproxDate.from_text(data.get("start")),
        end=ApproxDate.from_text(data.get("end")),
        certificate=certificate if isinstance(certificate, bool) else None,
    )
