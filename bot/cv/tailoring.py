"""Her CV adapted to one job: which of her experiences and skills match the words of an advertisement she pasted,
which usual requirements it names that her CV does not show, and a copy of her CV with the matches first.

Plain word matching, no model: every result can be explained by the words that
caused it. Words are compared folded (case, accents, Arabic letter variants),
and two words match when one starts with the other or they share a long stem
("clean" / "cleaning", "pulizia" / "pulizie").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from babel import Locale

from bot.cv import informal
from bot.cv.model import CV, DIGITAL_SKILLS, SECTORS, SOFT_SKILLS
from bot.cv.render import DRIVING, WORK
from bot.glossary import normalise
from bot.i18n import N_, SOURCE_LANGUAGE, Catalogues

MAX_ADVERT_CHARS = 8000  # a pasted page is longer than any advertisement; the start is where requirements are

# --- words ------------------------------------------------------------------------------------------------------

# Words of any advertisement that say nothing about the job: function words of the CV languages and Arabic,
# and the words every advertisement uses.
_STOPWORDS_TEXT = """
the and for with you your our are will who can all any this that from have has not but per one two
job jobs work working worker workers player career careers opportunity opportunities
company position role candidate candidates looking offer offers apply
we us they them their its also more must should would able well good new years year day days week hours
les des une pour avec vous votre nos sont qui dans par sur est pas plus aux ses ces son
poste emploi travail entreprise candidat candidate recherche recherchons offre profil
der die das und mit für sie ihr wir ein eine einen dem den des ist sind von auf bei als auch oder
stelle arbeit unternehmen suchen bieten gesucht
il lo la gli le della delle del dei con per che una uno sono nel nella alla alle dal sul
lavoro azienda cerca cerchiamo cercasi offre offriamo candidato candidati ricerca
los las una unos con por para que del sus este esta son
trabajo empresa buscamos ofrecemos candidato puesto
και για την της του των στο στην στη στον από με που μια ένα είναι θα σε τα τους τις οι
εργασία εργασίας εταιρεία ζητείται ζητείται ζητούμε προσφέρουμε θέση υποψήφιος
si de la cu pentru care este sunt din pe un o ale al lui unei unui
loc munca firma companie cautam oferim candidat
и на за от с в да се е са като по към при
работа фирма търсим предлагаме кандидат позиция
في من على الى إلى عن مع هذا هذه التي الذي او أو و يجب ان أن كان
عمل العمل وظيفة شركة الشركة نبحث مطلوب مطلوبة نقدم المرشح عامل عاملة عاملات موظف موظفة
"""


def fold(text: str) -> str:
    """Folded like the glossary search (case, accents, Arabic variants and punctuation gone)."""
    return normalise(text)


_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")


def _stem(word: str) -> str:
    """Arabic "the"/"and the" prefixes off ("الطبخ" -> "طبخ"); other words unchanged."""
    if len(word) >= 5 and "\u0600" <= word[0] <= "\u06ff":
        for prefix in _ARABIC_PREFIXES:
            if word.startswith(prefix):
                return word[len(prefix) :]
    return word


_STOPWORDS = frozenset(_stem(word) for word in fold(_STOPWORDS_TEXT).split())


def _tokens(text: str) -> list[tuple[str, str]]:
    """(folded stem, word as written) for each word of `text`; numbers and short or empty words left out."""
    found = []
    for written in re.findall(r"[^\W_]+", text):
        folded = fold(written)
        for part in folded.split():
            word = _stem(part)
            if len(word) >= 3 and not word.isdigit() and word not in _STOPWORDS:
                found.append((word, written))
    return found


def same_word(a: str, b: str) -> bool:
    """Two folded words that a reader would take for the same word: equal, one the start of the other
    (from four letters: "cook" / "cooking"), or a shared start of five letters or more that leaves at most two
    letters of the shorter one ("cleaned" / "cleaning", "pulizia" / "pulizie")."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4:
        return False
    shared = 0
    for left, right in zip(short, long_, strict=False):
        if left != right:
            break
        shared += 1
    return shared == len(short) or (shared >= 5 and shared >= len(short) - 2)


class _Vocabulary:
    """Her words, indexed by their first three letters for quick comparison."""

    def __init__(self, words: Iterable[str]) -> None:
        self._by_start: dict[str, set[str]] = {}
        for word in words:
            self._by_start.setdefault(word[:3], set()).add(word)

    def has(self, word: str) -> bool:
        return any(same_word(word, mine) for mine in self._by_start.get(word[:3], ()))


# --- usual requirements -----------------------------------------------------------------------------------------

LANGUAGE_REQUIREMENT = N_("Language: {language}")
CERTIFICATE = N_("A certificate or diploma")
COMPUTER = N_("Computer skills")
SHIFT_WORK = N_("Shift work")
NIGHT_WORK = N_("Night work")
WEEKEND_WORK = N_("Weekend work")
CUSTOMERS = N_("Working with customers")
FOOD_HYGIENE = N_("Food hygiene (HACCP)")


@dataclass(frozen=True)
class Requirement:
    """A requirement advertisements often name, the word starts (folded) that name it in the CV languages and
    Arabic, and how to see it in a CV: `shown(cv, her_words)`."""

    id: str
    label: str
    starts: tuple[str, ...]
    shown: Callable[[CV, _Vocabulary], bool]


def _text_shows(starts: tuple[str, ...]) -> Callable[[CV, _Vocabulary], bool]:
    return lambda cv, words: any(words.has(_stem(fold(start))) for start in starts if " " not in start)


def _starts(words: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in words.split("|"))


_REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "experience",
        WORK,
        _starts("experien|esperienz|erfahrung|berufserfahr|εμπειρ|experient|опит|خبر"),
        lambda cv, words: bool(cv.experiences),
    ),
    Requirement(
        "certificate",
        CERTIFICATE,
        _starts(
            "certificat|diplom|qualification|qualifica|attestato|zertifikat|zeugnis|ausbildung|titulo|certificado"
            "|πτυχι|πιστοποιη|διπλωμα σπουδ|сертификат|диплом|شهاد"
        ),
        lambda cv, words: any(item.certificate for item in cv.education),
    ),
    Requirement(
        "driving_licence",
        DRIVING,
        _starts(
            "driving licen|driver s licen|drivers licen|licence b|license b|patente|fuhrerschein|permis de conduire"
            "|permis b|carnet de conducir|permiso de conducir|διπλωμα οδηγ|permis de conducere|permis auto|шофьорск"
            "|رخصه قياده|رخصه سياقه"
        ),
        lambda cv, words: bool(cv.driving_licence),
    ),
    Requirement(
        "computer",
        COMPUTER,
        _starts(
            "computer|informatic|informatiq|ordinateur|ordenador|edv|excel|υπολογιστ|calculator|компют|حاسوب|كمبيوتر"
        ),
        lambda cv, words: bool({"documents", "email", "search"} & set(cv.digital_skills)),
    ),
    Requirement(
        "teamwork",
        SOFT_SKILLS["teamwork"],
        _starts("team|equipe|squadra|equipo|ομαδ|echip|екип|فريق"),
        lambda cv, words: "teamwork" in cv.soft_skills,
    ),
    Requirement(
        "communication",
        SOFT_SKILLS["communication"],
        _starts("communicat|comunica|kommunika|επικοινων|комуник|تواصل"),
        lambda cv, words: "communication" in cv.soft_skills,
    ),
    Requirement(
        "work_ethic",
        SOFT_SKILLS["work_ethic"],
        _starts(
            "reliab|punctual|affidabil|puntual|zuverlass|punktlich|fiable|ponctuel|αξιοπιστ|συνεπ|seriozit|надежд"
            "|отговорн|ملتزم|موثوق"
        ),
        lambda cv, words: "work_ethic" in cv.soft_skills,
    ),
    Requirement(
        "shifts",
        SHIFT_WORK,
        _starts("shift|turni|turno|schicht|horaires decal|βαρδι|ture|смени|ورديات|مناوب"),
        lambda cv, words: len(cv.availability.shifts) >= 2,
    ),
    Requirement(
        "night",
        NIGHT_WORK,
        _starts("night|nott|nacht|nuit|noche|nocturn|νυχτ|noapte|нощ|ليل"),
        lambda cv, words: "night" in cv.availability.shifts,
    ),
    Requirement(
        "weekend",
        WEEKEND_WORK,
        _starts(
            "weekend|week end|fine settimana|wochenend|fin de semana|σαββατοκυριακ|уикенд|събота|saturday|samedi"
            "|sabato|samstag|sabado|σαββατ|sambata|نهايه الاسبوع"
        ),
        lambda cv, words: bool({5, 6} & set(cv.availability.days)),
    ),
    Requirement(
        "customers",
        CUSTOMERS,
        _starts("customer|client|kunde|πελατ|клиент|عملاء|زبائن|زبون"),
        _text_shows(_starts("customer|client|kunde|πελατ|клиент|عملاء|زبائن|زبون")),
    ),
    Requirement(
        "hygiene",
        FOOD_HYGIENE,
        _starts(
            "haccp|food hygien|igiene aliment|hygiene aliment|lebensmittelhyg|higiene aliment|manipulador de alimentos"
            "|υγιεινη τροφιμ|igiena aliment|хигиена на храни|سلامه الغذاء"
        ),
        _text_shows(_starts("haccp|hygien|igiene|higiene|υγιειν|igiena|хигиена")),
    ),
)


def requirement_strings() -> list[str]:
    """Every source string tailoring can show her."""
    return [LANGUAGE_REQUIREMENT] + [requirement.label for requirement in _REQUIREMENTS]


# Languages an advertisement may ask for, named in the CV languages and Arabic.
_ASKED_LANGUAGES = ("en", "fr", "it", "de", "el", "ro", "bg", "es", "ar", "ru", "uk", "pt", "sq", "tr")
_NAMING_LOCALES = ("en", "fr", "it", "de", "el", "ro", "bg", "es", "ar")


def _language_names() -> dict[str, str]:
    """Folded name of a language (in any naming locale) to its code: "inglese", "englisch", "αγγλικα" -> "en"."""
    names: dict[str, str] = {}
    for locale in _NAMING_LOCALES:
        known = Locale.parse(locale).languages
        for code in _ASKED_LANGUAGES:
            if known.get(code):
                names[_stem(fold(known[code]))] = code
    # Adjectives advertisements use beside the language names Babel gives.
    extra = {
        "english": "en", "anglais": "en", "inglés": "en", "englische": "en", "deutsche": "de",
        "deutschkenntnisse": "de", "italiana": "it", "italienisch": "it", "francese": "fr", "französisch": "fr",
        "española": "es", "ελληνικη": "el", "ελληνικα": "el", "română": "ro", "български": "bg",
    }  # fmt: skip
    names.update({_stem(fold(word)): code for word, code in extra.items()})
    return names


_LANGUAGE_NAMES = _language_names()


def language_code(value: str) -> str:
    """A language as her CV holds it (a code, or a name she typed: "Italiano", "الإيطالية") as a code when known."""
    return _LANGUAGE_NAMES.get(_stem(fold(value)), value)


# --- results ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequirementHit:
    """A requirement the advertisement names, the advertisement's word for it, and whether her CV shows it."""

    id: str
    label: str  # source string; describe() translates it
    advert_word: str
    met: bool
    language: str | None = None  # for a language requirement: its code

    def describe(self, language: str, cats: Catalogues) -> str:
        """The requirement in `language` (her interface or the CV's)."""
        if self.language is not None:
            name = Locale.parse(language).languages.get(self.language, self.language) if _parses(language) else ""
            return cats.gettext(self.label, language).format(language=name or self.language)
        return cats.gettext(self.label, language)


def _parses(language: str) -> bool:
    try:
        Locale.parse(language)
    except (ValueError, LookupError):
        return False
    return True


@dataclass(frozen=True)
class Tailoring:
    matching_words: tuple[str, ...]  # words of the advertisement her CV also has, as the advertisement writes them
    met: tuple[RequirementHit, ...]  # requirements it names that her CV shows
    missing: tuple[RequirementHit, ...]  # requirements it names that her CV does not show
    cv: CV  # her CV with what matches first
    experience_words: tuple[tuple[str, ...], ...] = field(default=())  # per experience of `cv`: its matching words

    @property
    def matched_anything(self) -> bool:
        return bool(self.matching_words or self.met)


def _item_texts(cv: CV, languages: list[str], cats: Catalogues):
    """Each part of her CV that can move, with its words: experiences, education, skills, languages."""

    def each(message: str) -> list[str]:
        return [cats.gettext(message, language) for language in languages]

    experiences = []
    for item in cv.experiences:
        texts = [item.role, item.employer, *item.tasks]
        work = informal.offer(item.offer)
        if work:
            for text in (work.role, work.context, *work.tasks):
                texts += each(text)
        experiences.append(texts)
    education = [[item.what, item.where] for item in cv.education]
    digital = [each(DIGITAL_SKILLS[skill]) + list(_SKILL_WORDS.get(skill, ())) for skill in cv.digital_skills]
    soft = [each(SOFT_SKILLS[skill]) + list(_SKILL_WORDS.get(skill, ())) for skill in cv.soft_skills]
    return experiences, education, digital, soft


# Words that stand for a skill in advertisements although the skill's name does not contain them.
_SKILL_WORDS: dict[str, tuple[str, ...]] = {
    "phone": ("smartphone", "app", "apps"),
    "messaging": ("whatsapp", "telegram", "messenger", "chat"),
    "email": ("email", "mail", "gmail", "outlook", "posta"),
    "documents": ("word", "excel", "computer", "documents", "documenti", "dokumente", "pc"),
    "search": ("internet", "online", "web", "google"),
    "video": ("zoom", "teams", "skype", "video", "videochiamate"),
    "teamwork": ("team", "squadra", "equipe", "equipo", "ομαδα", "echipa", "екип", "فريق"),
    "communication": ("comunicazione", "kommunikation", "comunicacion", "επικοινωνια", "comunicare", "комуникация"),
    "work_ethic": ("reliable", "punctual", "affidabile", "puntuale", "zuverlassig", "punktlich", "fiable", "ponctuelle",
                   "puntual", "αξιοπιστη", "συνεπης", "serioasa", "punctuala", "надеждна", "ملتزمه"),
    "positive_attitude": ("friendly", "positive", "cordiale", "solare", "freundlich", "souriante", "amable",
                          "φιλικη", "θετικη", "amabila", "позитивна", "لطيفه"),
    "critical_thinking": ("problem", "problems", "problemi", "probleme", "problemas", "προβληματα", "проблеми"),
    "leadership": ("leader", "lead", "coordinate", "coordinare", "leiten", "coordonner", "coordinar", "συντονισμος",
                   "coordona", "ръководи", "قائده"),
}  # fmt: skip


def _words_of(texts: Iterable[str]) -> set[str]:
    return {word for text in texts for word, _written in _tokens(text)}


def tailor(cv: CV, advert: str, language: str, cats: Catalogues) -> Tailoring:
    """Compare her CV (printed in `language`) with a pasted advertisement in any language.

    Her fixed phrases are compared in the CV language and in English, her own words as she typed them.
    """
    advert = (advert or "")[:MAX_ADVERT_CHARS]
    advert_tokens = _tokens(advert)
    written: dict[str, str] = {}
    counts: dict[str, int] = {}
    for word, as_written in advert_tokens:
        written.setdefault(word, as_written)
        counts[word] = counts.get(word, 0) + 1

    languages = list(dict.fromkeys([language, SOURCE_LANGUAGE]))
    experiences, education, digital, soft = _item_texts(cv, languages, cats)
    groups = {
        "experiences": [_words_of(texts) for texts in experiences],
        "education": [_words_of(texts) for texts in education],
        "digital": [_words_of(texts) for texts in digital],
        "soft": [_words_of(texts) for texts in soft],
    }
    extra = _words_of([cv.target.title, cv.driving_licence, *cv.interests])
    everything = _Vocabulary(set().union(extra, *(words for group in groups.values() for words in group)))

    matched = {word for word in counts if everything.has(word)}

    def score(words: set[str]) -> list[str]:
        vocabulary = _Vocabulary(words)
        return sorted((word for word in matched if vocabulary.has(word)), key=lambda word: (-counts[word], word))

    scores = {name: [score(words) for words in group] for name, group in groups.items()}

    def first(items: list, name: str) -> tuple[list, list[list[str]]]:
        order = sorted(range(len(items)), key=lambda index: -len(scores[name][index]))  # stable: ties keep her order
        return [items[index] for index in order], [scores[name][index] for index in order]

    new_experiences, experience_words = first(cv.experiences, "experiences")
    new_education, _ = first(cv.education, "education")
    new_digital, _ = first(cv.digital_skills, "digital")
    new_soft, _ = first(cv.soft_skills, "soft")

    met, missing = _requirements(cv, advert, counts, written, everything)
    asked_languages = {hit.language for hit in met + missing if hit.language}
    new_languages = sorted(cv.languages, key=lambda skill: language_code(skill.language) not in asked_languages)

    tailored = replace(
        cv,
        experiences=new_experiences,
        education=new_education,
        digital_skills=new_digital,
        soft_skills=new_soft,
        languages=new_languages,
    )
    words = sorted(matched, key=lambda word: (-counts[word], word))
    return Tailoring(
        matching_words=tuple(written[word] for word in words),
        met=tuple(met),
        missing=tuple(missing),
        cv=tailored,
        experience_words=tuple(tuple(written[word] for word in found) for found in experience_words),
    )


def _requirements(
    cv: CV, advert: str, counts: dict[str, int], written: dict[str, str], her_words: _Vocabulary
) -> tuple[list[RequirementHit], list[RequirementHit]]:
    folded_advert = f" {' '.join(_stem(word) for word in fold(advert).split())} "
    met: list[RequirementHit] = []
    missing: list[RequirementHit] = []
    for requirement in _REQUIREMENTS:
        word = _named(requirement.starts, folded_advert, counts, written)
        if word is None:
            continue
        hit = RequirementHit(requirement.id, requirement.label, word, requirement.shown(cv, her_words))
        (met if hit.met else missing).append(hit)
    hers = {language_code(value) for value in [*cv.mother_tongues, *(skill.language for skill in cv.languages)]}
    seen: set[str] = set()
    for word in counts:
        code = _LANGUAGE_NAMES.get(word)
        if code and code not in seen:
            seen.add(code)
            hit = RequirementHit(f"language:{code}", LANGUAGE_REQUIREMENT, written[word], code in hers, code)
            (met if hit.met else missing).append(hit)
    return met, missing


def _named(starts: tuple[str, ...], folded_advert: str, counts: dict[str, int], written: dict[str, str]) -> str | None:
    """The advertisement's word for a requirement, or None when it does not name it."""
    for start in starts:
        start = fold(start)
        if " " in start:
            if f" {start}" in folded_advert:
                return start
            continue
        for word in counts:
            if word.startswith(_stem(start)):
                return written[word]
    return None


def sector_words(sector: str, language: str, cats: Catalogues) -> str:
    """When she picks a sector instead of pasting an advertisement: the sector's name and the wording of the
    informal work that prepares for it, in the CV language and English, to tailor to as if it were an advert."""
    if sector not in SECTORS:
        return ""
    texts = []
    for lang in dict.fromkeys([language, SOURCE_LANGUAGE]):
        texts.append(cats.gettext(SECTORS[sector], lang))
        for work in informal.OFFERS:
            if sector in work.sectors:
                texts += [cats.gettext(text, lang) for text in (work.role, *work.tasks)]
    return "\n".join(texts)


def tailor_to_sector(cv: CV, sector: str, language: str, cats: Catalogues) -> Tailoring:
    """Her CV with what fits the sector first. Requirements are only read from a real advertisement."""
    result = tailor(cv, sector_words(sector, language, cats), language, cats)
    return replace(result, met=(), missing=())
