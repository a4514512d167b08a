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
# Month names people write that CLDR spells otherwise; each language block below adds its own.
_EXTRA_MONTH_NAMES = {"sept": 9, "iun": 6, "iul": 7}
# Letters that accents do not explain: Arabic letter variants, and the Vietnamese "đ" ("đến" is often typed "den").
_LETTER_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None, "đ": "d"})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Chinese is written without spaces ("2022年至今"): each character is read as a word of its own.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _fold(text: str) -> str:
    """Case, accents, letter variants and non-Latin digits do not matter; Chinese characters stand apart."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_DIGITS))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _HAN.sub(r" \g<0> ", bare.translate(_LETTER_FOLD))


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
    names.update({" ".join(_words(name)): number for name, number in _EXTRA_MONTH_NAMES.items()})
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

# Before the date that starts a period: "since" (it goes on) or "from" (an end may follow); "until" between two dates;
# "onwards" after a start that goes on. A space in an entry stands for any spacing or apostrophe.
_SINCE_WORDS = {
    "since", "depuis", "seit", "da", "dal", "dalla", "desde", "από", "απ", "din", "de la", "от", "منذ", "از",
}  # fmt: skip
_FROM_WORDS = {
    "from", "de", "du", "von", "vom", "dal", "dalla", "da", "desde", "από", "απ", "din", "de la", "от", "من", "از",
}  # fmt: skip
_UNTIL_WORDS = {
    "to", "till", "until", "a", "au", "jusqu a", "jusqua", "bis", "al", "fino al", "fino a", "hasta", "έως", "μέχρι",
    "pana in", "pana la", "pana", "до", "الي", "حتي", "تا",
}  # fmt: skip
_ONWARDS_WORDS: set[str] = set()


# Ukrainian and Russian, kept apart so the tables above stay one line per language family.
_FILLER |= {"з", "із", "у", "від", "близько", "році", "р", "с", "со", "году"}
_SINCE_WORDS |= {"з", "із", "від", "с", "со"}
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

# The languages of the translated interface, each in its own block: what the tables above did not have yet.
# Month names come from CLDR (_MONTH_LOCALES); a block adds only the spellings people type that CLDR lacks.

# Albanian (sq): "tani", "që nga 2022", "shtator 2026", "para 3 vjetësh" / "3 vjet më parë", "vjet".
_MONTH_LOCALES += ("sq",)
_FILLER |= {"që", "nga", "prej", "në", "më", "viti", "vitin", "vitit", "rreth"}
_SINCE_WORDS |= {"që nga", "prej"}
_FROM_WORDS |= {"nga", "prej"}
_UNTIL_WORDS |= {"deri", "deri në", "deri më"}
_NOW |= {"tani", "sot", "deri tani", "deri më tani", "deri sot", "deri më sot", "aktualisht", "aktual", "në vazhdim",
         "ende"}  # fmt: skip
_THIS_YEAR |= {"këtë vit", "ky vit", "sivjet"}
_LAST_YEAR |= {"vjet", "vitin e kaluar", "viti i kaluar", "vitin që shkoi"}
_LAST_MONTH |= {"muajin e kaluar", "muaji i kaluar"}
_YEAR_UNITS |= {"vit", "vite", "viti", "vitesh", "vjet", "vjetësh"}
_MONTH_UNITS |= {"muaj", "muaji", "muajsh"}
_AGO |= {"para", "parë"}
_NUMBER_WORDS.update(
    {"një": 1, "dy": 2, "tri": 3, "katër": 4, "pesë": 5, "gjashtë": 6, "shtatë": 7, "tetë": 8, "nëntë": 9,
     "dhjetë": 10}
)  # fmt: skip

# Spanish (es): "ahora", "desde 2022", "septiembre de 2026", "hace 3 años" were there; Latin American "setiembre".
_FILLER |= {"partir"}  # "a partir de 2022"
_SINCE_WORDS |= {"a partir de"}
_NOW |= {"presente", "hasta hoy", "hasta ahora", "hasta la fecha", "a la fecha", "actualidad", "en la actualidad",
         "todavía", "en curso"}  # fmt: skip
_EXTRA_MONTH_NAMES.update({"setiembre": 9, "setiem": 9})

# Tigrinya (ti, Ge'ez script): "ሕጂ" (now), "ካብ 2022" (since 2022), "መስከረም 2026", "ቅድሚ 3 ዓመት" (3 years ago).
_MONTH_LOCALES += ("ti",)
_FILLER |= {"ካብ", "ኣብ", "ዓ", "ም"}  # "ዓ.ም." after a year
_SINCE_WORDS |= {"ካብ"}
_FROM_WORDS |= {"ካብ"}
_UNTIL_WORDS |= {"ክሳብ"}
_NOW |= {"ሕጂ", "ሎሚ", "ክሳብ ሕጂ", "ክሳብ ሎሚ", "ሕጂውን", "ሕጂ ውን"}
_THIS_YEAR |= {"ዘንድሮ", "እዚ ዓመት"}
_LAST_YEAR |= {"ዝሓለፈ ዓመት"}
_LAST_MONTH |= {"ዝሓለፈ ወርሒ"}
_YEAR_UNITS |= {"ዓመት", "ዓመታት"}
_MONTH_UNITS |= {"ወርሒ", "ኣዋርሕ"}
_AGO |= {"ቅድሚ"}
_NUMBER_WORDS.update(
    {"ሓደ": 1, "ክልተ": 2, "ሰለስተ": 3, "ኣርባዕተ": 4, "ሓሙሽተ": 5, "ሽዱሽተ": 6, "ሸውዓተ": 7, "ሸሞንተ": 8, "ትሽዓተ": 9,
     "ዓሰርተ": 10}
)  # fmt: skip
_EXTRA_MONTH_NAMES.update({"ግንቦት": 5, "ሰኔ": 6})

# Simplified Chinese (zh): "现在", "自2022年起", "2022年至今", "2026年9月", "3年前", "去年". Each character is a word
# here (see _fold): "年" after a year is filler, "9月" is a month name, "至"/"到" join two dates.
_MONTH_LOCALES += ("zh",)
_FILLER |= {"年", "份", "自", "从", "由", "起", "以", "来", "开", "始", "于", "约"}
_SINCE_WORDS |= {"自", "从", "自从"}
_FROM_WORDS |= {"自", "从", "由"}
_UNTIL_WORDS |= {"至", "到"}
_ONWARDS_WORDS |= {"起", "以来", "开始"}
_NOW |= {"现在", "目前", "当前", "至今", "迄今", "如今", "今天", "今", "到现在", "到今天", "到目前为止", "至今为止"}
_THIS_YEAR |= {"今年", "本年"}
_LAST_YEAR |= {"去年", "上年", "上一年"}
_LAST_MONTH |= {"上个月", "上月", "上一个月"}
_YEAR_UNITS |= {"年"}
_MONTH_UNITS |= {"月"}
_AGO |= {"前"}
_NUMBER_WORDS.update(
    {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
)  # fmt: skip
_DUALS["前年"] = (2, "y")  # the year before last

# Vietnamese (vi): "bây giờ" / "hiện tại" / "nay", "từ năm 2022", "tháng 9 năm 2026" (CLDR's "tháng 9"), "T9/2026",
# "3 năm trước", "năm ngoái". "năm" is both "year" and "five".
_MONTH_LOCALES += ("vi",)
_FILLER |= {"từ", "kể", "năm", "vào", "khoảng", "trở", "đi"}
_SINCE_WORDS |= {"từ", "kể từ"}
_FROM_WORDS |= {"từ"}
_UNTIL_WORDS |= {"đến", "tới"}
_ONWARDS_WORDS |= {"trở đi"}
_NOW |= {"nay", "bây giờ", "hiện tại", "hiện nay", "hiện giờ", "hôm nay", "đến nay", "cho đến nay", "đến hiện tại",
         "cho đến hiện tại", "đến bây giờ"}  # fmt: skip
_THIS_YEAR |= {"năm nay"}
_LAST_YEAR |= {"năm ngoái", "năm trước", "năm rồi"}
_LAST_MONTH |= {"tháng trước", "tháng rồi"}
_YEAR_UNITS |= {"năm"}
_MONTH_UNITS |= {"tháng"}
_AGO |= {"trước", "cách"}  # "3 năm trước", "cách đây 3 năm"
_NUMBER_WORDS.update(
    {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
)  # fmt: skip
_EXTRA_MONTH_NAMES.update({f"t{number}": number for number in range(1, 13)})  # "T9/2026"

# Nigerian Pidgin (pcm): English words mostly ("now", "since 2022", "September 2026"); CLDR gives "Septemba".
_MONTH_LOCALES += ("pcm",)
_FILLER |= {"onwards", "onward"}
_UNTIL_WORDS |= {"reach"}  # "from 2019 reach 2021"
_ONWARDS_WORDS |= {"onwards", "onward"}
# "date" alone is what follows the separator in "2019 till date" / "2019 to date".
_NOW |= {"now now", "dis time", "till now", "till today", "till date", "to date", "up till now", "until now", "date",
         "still dey"}  # fmt: skip
_THIS_YEAR |= {"dis year"}
_LAST_YEAR |= {"las year"}
_AGO |= {"back"}  # "two years back"

# Greek (el): "τώρα", "από το 2022", "Σεπτέμβριος/Σεπτεμβρίου 2026" were there; the accusative ("τον Σεπτέμβριο")
# and the spoken forms ("Σεπτέμβρης", "Σεπτέμβρη") are added.
_UNTIL_WORDS |= {"ως"}
_NOW |= {"μέχρι τώρα", "έως τώρα", "ως τώρα", "έως σήμερα", "ως σήμερα", "μέχρι και σήμερα", "τρέχων", "τρέχουσα",
         "παρόν", "ακόμη", "σε εξέλιξη"}  # fmt: skip
_EXTRA_MONTH_NAMES.update(
    {"Ιανουάριο": 1, "Γενάρης": 1, "Γενάρη": 1, "Φεβρουάριο": 2, "Φλεβάρης": 2, "Φλεβάρη": 2, "Μάρτιο": 3,
     "Μάρτης": 3, "Μάρτη": 3, "Απρίλιο": 4, "Απρίλης": 4, "Απρίλη": 4, "Μάιο": 5, "Μάης": 5, "Μάη": 5, "Ιούνιο": 6,
     "Ιούνης": 6, "Ιούνη": 6, "Ιούλιο": 7, "Ιούλης": 7, "Ιούλη": 7, "Αύγουστο": 8, "Σεπτέμβριο": 9,
     "Σεπτέμβρης": 9, "Σεπτέμβρη": 9, "Σεπτ": 9, "Οκτώβριο": 10, "Οκτώβρης": 10, "Οκτώβρη": 10, "Οχτώβρης": 10,
     "Οχτώβρη": 10, "Νοέμβριο": 11, "Νοέμβρης": 11, "Νοέμβρη": 11, "Δεκέμβριο": 12, "Δεκέμβρης": 12, "Δεκέμβρη": 12}
)  # fmt: skip

# Italian (it): "oggi", "adesso", "dal 2022", "settembre 2026", "3 anni fa" were there.
_FILLER |= {"da", "dallo"}  # "da settembre 2026"
_UNTIL_WORDS |= {"ad"}  # "dal 2019 ad oggi"
_NOW |= {"attuale", "presente", "ad oggi", "a oggi", "fino ad oggi", "fino a oggi", "finora", "ancora", "al momento"}
_EXTRA_MONTH_NAMES.update({"sett": 9})

# German (de): "heute", "jetzt", "aktuell", "seit 2022", "September 2026", "vor 3 Jahren" were there; Austrian "Jänner".
_MONTH_LOCALES += ("de_AT",)
_NOW |= {"gegenwärtig", "momentan", "zurzeit", "zur zeit", "bis jetzt", "bisher", "laufend", "bis dato", "dato"}
_LAST_YEAR |= {"letztem jahr"}  # "seit letztem Jahr"
_EXTRA_MONTH_NAMES.update({"Maerz": 3, "Jaenner": 1})

# Romanian (ro): "acum", "prezent", "din 2022", "septembrie 2026" were there; ş/ș/s all fold to "s".
_FILLER |= {"începînd"}  # the older spelling
_SINCE_WORDS |= {"începând cu", "începînd cu"}
_NOW |= {"până acum", "până în prezent", "până azi", "până astăzi", "actual", "curent", "în curs", "încă"}
_EXTRA_MONTH_NAMES.update({"febr": 2})

# Bulgarian (bg): "сега", "досега", "от 2022 г.", "септември 2026", "преди 3 години" were there.
_NOW |= {"понастоящем", "в момента", "до момента", "към момента", "до сега", "все още", "текущ", "настояще"}
_LAST_YEAR |= {"лани"}
_MONTH_UNITS |= {"месеци"}
_EXTRA_MONTH_NAMES.update({"септ": 9})

# The tables above are written as people spell the words; compare them folded like her text ("ς" folds to "σ").
(
    _FILLER, _NOW, _THIS_YEAR, _LAST_YEAR, _LAST_MONTH, _YEAR_UNITS, _MONTH_UNITS, _AGO, _SINCE_WORDS, _FROM_WORDS,
    _UNTIL_WORDS, _ONWARDS_WORDS,
) = (
    {" ".join(_words(entry)) for entry in table}
    for table in (_FILLER, _NOW, _THIS_YEAR, _LAST_YEAR, _LAST_MONTH, _YEAR_UNITS, _MONTH_UNITS, _AGO, _SINCE_WORDS,
                  _FROM_WORDS, _UNTIL_WORDS, _ONWARDS_WORDS)
)  # fmt: skip
_NUMBER_WORDS = {" ".join(_words(word)): number for word, number in _NUMBER_WORDS.items()}
_DUALS = {" ".join(_words(word)): value for word, value in _DUALS.items()}


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
    """ "two years ago", "il y a 3 ans", "vor zwei Jahren", "منذ سنتين", "6 months ago", "3年前"."""
    if words[:3] == ["il", "y", "a"]:  # French "il y a": its "a" is not "a year"
        words = [*words[3:], "ago"]
    if not set(words) & _AGO or any(
        word.isdigit() and len(word) > 2 for word in words
    ):  # "2019年-目前": a year, no count
        return None
    number, unit = _DUALS.get(" ".join(words), (None, None))  # a whole phrase that counts: "前年"
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

    Accepts a year, a month and year in numbers or words (any CV or interface language),
    "now"/"today" (PRESENT), "last year", "this year", "last month", "two years ago",
    each with or without "since" in front.
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
    # The whole text first: "今年" is "this year" and "năm nay" too, though "今" and "nay" alone are "now".
    for key in (" ".join(words), " ".join(meaningful)):
        if key in _NOW:
            return PRESENT
        if key in _THIS_YEAR:
            return ApproxDate(today.year)
        if key in _LAST_YEAR:
            return ApproxDate(today.year - 1)
        if key in _LAST_MONTH:
            return _months_back(today, 1)
    if found := _relative(words, today):
        return found
    # A year alone ("in 2019", "since 2019", "2019 г.") or with a month name, in either order, filler words around:
    # "March 2020", "2020 mars", "marzo de 2020", "tháng 09 năm 2020", "2020年3月" (a month name may hold a number).
    years = [index for index, word in enumerate(meaningful) if word.isdigit() and len(word) == 4]
    if len(years) != 1:
        return None
    year = int(meaningful[years[0]])
    rest = [str(int(word)) if word.isdigit() else word for word in meaningful[: years[0]] + meaningful[years[0] + 1 :]]
    if not rest:
        return _checked(year, None, today)
    month = _month_names().get(" ".join(rest))
    return _checked(year, month, today) if month is not None else None


def _alternatives(phrases: set[str]) -> str:
    """The folded phrases as regex alternatives, longest first; a space matches any spacing or apostrophe."""
    return "|".join(r"\W+".join(map(re.escape, phrase.split())) for phrase in sorted(phrases, key=len, reverse=True))


# In folded text: between the two dates of a period, a word with spaces around it ("to", "至") or a dash or tilde;
# a start that goes on begins with "since" or ends with "onwards"; "from" may begin any period.
_PERIOD_SEPARATOR = re.compile(rf"\s+(?:{_alternatives(_UNTIL_WORDS)})\s+|\s*[-–—~]+\s*")
_SINCE = re.compile(rf"^(?:{_alternatives(_SINCE_WORDS)})\s+|\s(?:{_alternatives(_ONWARDS_WORDS)})$")
_FROM = re.compile(rf"^(?:{_alternatives(_FROM_WORDS)})\s+")


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
        return (single, PRESENT) if _SINCE.search(folded) else (single, None)
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
