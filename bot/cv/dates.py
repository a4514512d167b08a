"""Approximate dates as she types them ("2019", "03/2020", "mars 2020", "since last year") and as a CV prints them.

Plain Python: Babel gives the month names of every CV language, both to read
what she types and to print a period. A CV shows each period as she gave it and
never shows or questions a gap between periods.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_skeleton, get_month_names

from bot.i18n import N_

PRESENT_TEXT = N_("present")  # the end of a period that goes on: "2019 – present"

EARLIEST_YEAR = 1940
FUTURE_YEARS = 2  # a start date for availability may lie a little ahead; more is a typing slip


@dataclass(frozen=True, order=True)
class ApproxDate:
    """A year, or a month of a year; `present` marks "now" (a period that goes on, or "from now")."""

    year: int
    month: int | None = None
    present: bool = False

    @property
    def sort_key(self) -> tuple[int, int]:
        """Later dates sort higher; "now" after every date; a year alone before its months."""
        return (9999, 13) if self.present else (self.year, self.month or 0)

    def to_text(self) -> str:
        """The stored form: "2019", "2020-03" or "now"."""
        if self.present:
            return "now"
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    @classmethod
    def from_text(cls, value: object) -> ApproxDate | None:
        """Read the stored form back; anything unreadable is None (a stored draft must never crash)."""
        if not isinstance(value, str):
            return None
        if value == "now":
            return PRESENT
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", value)
        if not match:
            return None
        year, month = int(match[1]), int(match[2]) if match[2] else None
        if month is not None and not 1 <= month <= 12:
            return None
        return cls(year, month)


PRESENT = ApproxDate(0, None, present=True)


# --- reading what she typed -------------------------------------------------------------------------------------

# Every language a CV is written in, plus Arabic (Levantine and Iraqi month names too) and Persian.
_MONTH_LOCALES = ("en", "fr", "el", "it", "de", "ro", "bg", "es", "ar", "ar_SY", "ar_IQ", "fa", "uk", "ru")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _fold(text: str) -> str:
    """Case, accents, Arabic letter variants and Arabic-Indic digits do not matter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_DIGITS))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(_ARABIC_FOLD)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", _fold(text))


@cache
def _month_names() -> dict[str, int]:
    """Folded month name (wide or abbreviated, in any listed language) to its number; ambiguous names left out."""
    found: dict[str, set[int]] = {}
    for code in _MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=code).items():
                    key = " ".join(_words(name))
                    if key:
                        found.setdefault(key, set()).add(number)
    names = {key: numbers.pop() for key, numbers in found.items() if len(numbers) == 1}
    # Short forms people write that CLDR spells otherwise.
    names.update({"sept": 9, "iun": 6, "iul": 7})
    return names


# Words around a date that carry no meaning for it: "in 2019", "March of 2020", "marzo de 2020", "since 2018".
_FILLER = {
    "in", "of", "on", "the", "around", "about", "since", "from", "en", "de", "du", "le", "la", "depuis", "dal", "dalla",
    "dall", "di", "nel", "nell", "a", "im", "seit", "ab", "von", "um", "desde", "el", "del", "apo", "το", "τον", "τη",
    "την", "του", "της", "στο", "στον", "στη", "στην", "απο", "απ", "din", "incepand", "cu", "от", "през",
    "в", "около", "г", "منذ", "في", "من", "حوالي", "سنه", "عام", "شهر", "از", "در", "سال", "ca", "circa", "approx",
}  # fmt: skip

_NOW = {
    "now", "today", "currently", "current", "present", "still", "ongoing", "maintenant", "aujourd hui", "actuellement",
    "en cours", "jetzt", "heute", "aktuell", "bis heute", "derzeit", "ora", "adesso", "oggi", "attualmente", "in corso",
    "tuttora", "ahora", "hoy", "actualmente", "actual", "τωρα", "σημερα", "μεχρι σημερα", "ακομα",
    "αυτη τη στιγμη", "acum", "azi",
    "astazi", "prezent", "in prezent", "сега", "днес", "досега", "до днес", "الان", "اليوم", "حاليا", "حتي الان",
    "الي الان", "الی الان", "اکنون", "امروز", "هنوز",
}  # fmt: skip

_THIS_YEAR = {
    "this year", "cette annee", "dieses jahr", "quest anno", "questo anno", "este ano", "φετος", "anul acesta",
    "anul asta", "тази година", "هذا العام", "هذه السنه", "هذا السنه", "امسال",
}  # fmt: skip

_LAST_YEAR = {
    "last year", "l annee derniere", "l an dernier", "annee derniere", "an dernier", "l an passe", "l annee passee",
    "letztes jahr", "letzten jahr", "vergangenes jahr", "vorjahr", "l anno scorso", "anno scorso", "l anno passato",
    "el ano pasado", "ano pasado", "περσι", "περυσι", "περσυ", "anul trecut", "миналата година", "миналата г",
    "العام الماضي", "السنه الماضيه", "عام الماضي", "پارسال", "سال گذشته", "سال پیش",
}  # fmt: skip

_LAST_MONTH = {
    "last month", "le mois dernier", "mois dernier", "letzten monat", "letzter monat", "vergangenen monat",
    "il mese scorso", "mese scorso", "el mes pasado", "mes pasado", "τον προηγουμενο μηνα", "τον περασμενο μηνα",
    "προηγουμενο μηνα", "luna trecuta", "миналия месец", "الشهر الماضي", "ماه گذشته", "ماه پیش",
}  # fmt: skip

_NUMBER_WORDS = {
    **dict.fromkeys(("a", "an", "one", "un", "une", "ein", "einem", "einen", "uno", "una", "un", "ενα", "εναν", "μια",
                     "μιας", "unu", "o", "един", "една", "واحد", "یک"), 1),
    **dict.fromkeys(("two", "deux", "zwei", "due", "dos", "δυο", "δυο", "doi", "doua", "две", "два", "اثنين",
                     "اثنتين", "دو"), 2),
    **dict.fromkeys(("three", "trois", "drei", "tre", "tres", "τρια", "τρεις", "trei", "три", "ثلاث", "ثلاثه", "سه"),
                    3),
    **dict.fromkeys(("four", "quatre", "vier", "quattro", "cuatro", "τεσσερα", "τεσσερις", "patru", "четири",
                     "اربع", "اربعه", "چهار"), 4),
    **dict.fromkeys(("five", "cinq", "funf", "cinque", "cinco", "πεντε", "cinci", "пет", "خمس", "خمسه", "پنج"), 5),
    **dict.fromkeys(("six", "sechs", "sei", "seis", "εξι", "sase", "шест", "ست", "سته", "شش"), 6),
    **dict.fromkeys(("seven", "sept", "sieben", "sette", "siete", "επτα", "εφτα", "sapte", "седем", "سبع",
                     "سبعه", "هفت"), 7),
    **dict.fromkeys(("eight", "huit", "acht", "otto", "ocho", "οκτω", "οχτω", "opt", "осем", "ثماني", "ثمانيه",
                     "هشت"), 8),
    **dict.fromkeys(("nine", "neuf", "neun", "nove", "nueve", "εννεα", "εννια", "noua", "девет", "تسع", "تسعه", "نه"),
                    9),
    **dict.fromkeys(("ten", "dix", "zehn", "dieci", "diez", "δεκα", "zece", "десет", "عشر", "عشره", "ده"),
                    10),
}  # fmt: skip

_YEAR_UNITS = {
    "year", "years", "an", "ans", "annee", "annees", "jahr", "jahre", "jahren", "anno", "anni", "ano", "anos", "χρονο",
    "χρονια", "ετος", "ετη", "αν", "ani", "anul", "година", "години", "год", "سنه",
    "سنوات", "سنين", "عام", "اعوام", "سال",
}  # fmt: skip
_MONTH_UNITS = {
    "month", "months", "mois", "monat", "monate", "monaten", "mese", "mesi", "mes", "meses", "μηνα", "μηνες", "luna",
    "luni", "месец", "месеца", "شهر", "اشهر", "شهور", "ماه",
}  # fmt: skip
# Arabic duals carry their number: "two years", "two months".
_DUALS = {
    "سنتين": (2, "y"),
    "سنتان": (2, "y"),
    "عامين": (2, "y"),
    "عامان": (2, "y"),
    "شهرين": (2, "m"),
    "شهران": (2, "m"),
}
_AGO = {"ago", "il", "y", "vor", "fa", "hace", "πριν", "acum", "преди", "قبل", "منذ", "پیش"}


# Ukrainian and Russian, kept apart so the tables above stay one line per language family.
_FILLER |= {"з", "із", "у", "від", "близько", "році", "р", "с", "со", "году"}
_NOW |= {"зараз", "тепер", "досі", "дотепер", "сьогодні", "по теперішній час", "сейчас", "по настоящее время",
         "настоящее время", "до сих пор", "сегодня"}  # fmt: skip
_THIS_YEAR |= {"цього року", "цей рік", "в этом году"}
_LAST_YEAR |= {"минулого року", "торік", "в прошлом году", "прошлый год"}
_LAST_MONTH |= {"минулого місяця", "в прошлом месяце"}
_YEAR_UNITS |= {"рік", "роки", "років", "року", "года", "лет"}
_MONTH_UNITS |= {"місяць", "місяці", "місяців", "месяцев"}
_AGO |= {"тому", "назад"}
_NUMBER_WORDS.update(
    {"один": 1, "одна": 1, "дві": 2, "чотири": 4, "четыре": 4, "пять": 5, "шість": 6, "шесть": 6, "сім": 7,
     "семь": 7, "вісім": 8, "восемь": 8, "десять": 10}
)  # fmt: skip

# The tables above are written as people spell the words; compare them folded like her text ("ς" folds to "σ").
_FILLER, _NOW, _THIS_YEAR, _LAST_YEAR, _LAST_MONTH, _YEAR_UNITS, _MONTH_UNITS, _AGO = (
    {" ".join(_words(entry)) for entry in table}
    for table in (_FILLER, _NOW, _THIS_YEAR, _LAST_YEAR, _LAST_MONTH, _YEAR_UNITS, _MONTH_UNITS, _AGO)
)
_NUMBER_WORDS = {_fold(word): number for word, number in _NUMBER_WORDS.items()}
_DUALS = {_fold(word): value for word, value in _DUALS.items()}


def _months_back(today: date, months: int) -> ApproxDate:
    index = today.year * 12 + (today.month - 1) - months
    return ApproxDate(index // 12, index % 12 + 1)


def _two_digit_year(value: int, today: date) -> int:
    return 2000 + value if 2000 + value <= today.year + FUTURE_YEARS else 1900 + value


def _checked(year: int, month: int | None, today: date) -> ApproxDate | None:
    if not EARLIEST_YEAR <= year <= today.year + FUTURE_YEARS:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    return ApproxDate(year, month)


def _relative(words: list[str], today: date) -> ApproxDate | None:
    """ "two years ago", "il y a 3 ans", "vor zwei Jahren", "منذ سنتين", "6 months ago"."""
    if words[:3] == ["il", "y", "a"]:  # French "il y a": its "a" is not "a year"
        words = [*words[3:], "ago"]
    if not set(words) & _AGO:
        return None
    number = unit = None
    for word in words:
        if word in _DUALS:
            number, unit = _DUALS[word]
        elif word.isdigit() and len(word) <= 2:
            number = int(word)
        elif word in _NUMBER_WORDS and number is None:
            number = _NUMBER_WORDS[word]
        elif word in _YEAR_UNITS:
            unit = "y"
        elif word in _MONTH_UNITS:
            unit = "m"
    if unit is None:
        return None
    if number is None:  # "a year ago" in a language without an article: "منذ سنة", "πριν χρόνο"
        number = 1
    if unit == "y":
        return _checked(today.year - number, None, today)
    return _months_back(today, number) if number < 600 else None


def _numeric(text: str, today: date) -> ApproxDate | None:
    """ "2019", "03/2020", "3.2020", "2020-03", "15/03/2020", "03/20"."""
    compact = re.sub(r"\s+", "", text)
    if match := re.fullmatch(r"(\d{4})", compact):
        return _checked(int(match[1]), None, today)
    if match := re.fullmatch(r"(\d{1,2})[./\-](\d{4})", compact):
        return _checked(int(match[2]), int(match[1]), today)
    if match := re.fullmatch(r"(\d{4})[./\-](\d{1,2})", compact):
        return _checked(int(match[1]), int(match[2]), today)
    if match := re.fullmatch(r"(\d{1,2})[./\-](\d{1,2})[./\-](\d{4})", compact):  # day first, as in Europe
        if 1 <= int(match[1]) <= 31:
            return _checked(int(match[3]), int(match[2]), today)
        return None
    if match := re.fullmatch(r"(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})", compact):
        return _checked(int(match[1]), int(match[2]), today)
    if match := re.fullmatch(r"(\d{1,2})[./](\d{2})", compact):  # "03/20": a month and a short year
        return _checked(_two_digit_year(int(match[2]), today), int(match[1]), today)
    return None


def parse_approximate_date(text: str, today: date) -> ApproxDate | None:
    """What she typed as a date, or None when it cannot be read with confidence (then ask again, kindly).

    Accepts a year, a month and year in numbers or words (any CV language, Arabic,
    Persian), "now"/"today" (PRESENT), "last year", "this year", "last month",
    "two years ago", each with or without "since" in front.
    """
    if not text or len(text) > 60:
        return None
    folded = _fold(text).translate(_DIGITS)
    if found := _numeric(folded.strip().strip("."), today):
        return found
    words = _words(folded)
    if not words:
        return None
    meaningful = [word for word in words if word not in _FILLER]
    phrase = " ".join(meaningful)
    whole = " ".join(words)
    if phrase in _NOW or whole in _NOW:
        return PRESENT
    if phrase in _THIS_YEAR or whole in _THIS_YEAR:
        return ApproxDate(today.year)
    if phrase in _LAST_YEAR or whole in _LAST_YEAR:
        return ApproxDate(today.year - 1)
    if phrase in _LAST_MONTH or whole in _LAST_MONTH:
        return _months_back(today, 1)
    if found := _relative(words, today):
        return found
    # A month name and a year, in either order, with filler words around: "March 2020", "2020 mars", "marzo de 2020".
    years = [word for word in meaningful if word.isdigit()]
    names = [word for word in meaningful if not word.isdigit()]
    if len(years) == 1 and names:
        digits = years[0]
        year = int(digits) if len(digits) == 4 else None
        month = _month_names().get(" ".join(names))
        if year is not None and month is not None:
            return _checked(year, month, today)
    if len(years) == 1 and not names and len(years[0]) == 4:  # "in 2019", "since 2019", "2019 г."
        return _checked(int(years[0]), None, today)
    return None


# Between the two dates of a period, in folded text: words with spaces around them, or a dash.
_PERIOD_SEPARATOR = re.compile(
    r"\s+(?:to|till|until|a|au|jusqu\W?a|bis|al|fino\s+al?|hasta|εωσ|μεχρι|pana\s+(?:in|la)|pana|до|الي|حتي|تا)\s+"
    r"|\s*[-–—]+\s*"
)
_SINCE = re.compile(r"^(?:since|depuis|seit|da|dal|dalla|desde|απο|απ|din|de la|от|з|із|від|с|со|منذ|از)\s+")
_FROM = re.compile(r"^(?:from|de|du|von|vom|dal|dalla|da|desde|απο|απ|din|de la|от|من|از)\s+")


def parse_period(text: str, today: date) -> tuple[ApproxDate | None, ApproxDate | None] | None:
    """ "2017 - 2019", "03/2018 – now", "from 2015 to 2016", "since 2020" as (start, end); None when unreadable.

    A single date is a start with no end; "since ..." is a start that goes on (end PRESENT);
    "now" alone is (None, PRESENT).
    """
    if not text or len(text) > 80:
        return None
    folded = _fold(text).strip()
    single = parse_approximate_date(text, today)
    if single is not None:
        if single.present:
            return (None, PRESENT)
        return (single, PRESENT) if _SINCE.match(folded) else (single, None)
    body = _FROM.sub("", folded)
    for separator in _PERIOD_SEPARATOR.finditer(body):
        start = parse_approximate_date(body[: separator.start()], today)
        end = parse_approximate_date(body[separator.end() :], today)
        if start is None or end is None or start.present:
            continue
        if not end.present and end.sort_key < start.sort_key:
            return None  # the end before the start: ask again rather than guess
        return (start, end)
    return None


def parse_full_date(text: str, today: date) -> date | None:
    """A date of birth as she types it: "15/03/1990", "15.3.1990", "1990-03-15", "15 March 1990"; else None."""
    if not text or len(text) > 40:
        return None
    folded = _fold(text).translate(_DIGITS).strip()
    day = month = year = None
    if match := re.fullmatch(r"(\d{1,2})\s*[./\-]\s*(\d{1,2})\s*[./\-]\s*(\d{4})", folded):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    elif match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", folded):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        words = [word for word in _words(folded) if word not in _FILLER]
        numbers = [word for word in words if word.isdigit()]
        names = [word for word in words if not word.isdigit()]
        if len(numbers) == 2 and names:
            short, long_ = sorted(numbers, key=len)
            if len(long_) == 4 and len(short) <= 2:
                day, year, month = int(short), int(long_), _month_names().get(" ".join(names))
    if None in (day, month, year) or not EARLIEST_YEAR <= year <= today.year:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- printing -----------------------------------------------------------------------------------------------------


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (ValueError, LookupError):
        return Locale.parse("en")


def format_approximate_date(value: ApproxDate, language: str, present_text: str = "present") -> str:
    """ "March 2020", "mars 2020", "Μάρτιος 2020", "2019"; `present_text` (already translated) for PRESENT."""
    if value.present:
        return present_text
    locale = _locale(language)
    if value.month:
        return format_skeleton("yMMMM", date(value.year, value.month, 1), locale=locale)
    return format_skeleton("y", date(value.year, 1, 1), locale=locale)


def format_period(
    start: ApproxDate | None, end: ApproxDate | None, language: str, present_text: str = "present"
) -> str:
    """The period as a CV prints it: "March 2019 – May 2020", "2019 – present", "2018"; "" when nothing is known.

    Only what she gave is printed: no duration, no "unknown", and no gap between periods is ever shown.
    """
    if start is not None and start.present:  # "from now": an availability, not a period of work
        start = None
    if start is None and end is None:
        return ""
    if start is None:
        return format_approximate_date(end, language, present_text)
    if end is None or (not end.present and end.year == start.year and (end.month is None or end.month == start.month)):
        return format_approximate_date(start, language, present_text)
    if not end.present and start.month is None and end.year == start.year:
        return format_approximate_date(end, language, present_text)
    first, last = (
        format_approximate_date(start, language, present_text),
        format_approximate_date(end, language, present_text),
    )
    return f"{first} – {last}"
