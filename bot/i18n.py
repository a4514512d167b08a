"""Her language: catalogues compiled in memory from the .po files, the current locale, and text widgets.

aiogram's own I18n reads compiled .mo files from disk; we compile the .po files
in memory at start-up instead, so an install never serves stale translations and
nothing needs to be written next to the package.
"""

from __future__ import annotations

import html
import io
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).with_name("locales")
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"

# Unicode directional isolates: keep a Latin word, number or phone number in
# right-to-left text from reordering its neighbours. RLM starts a message right to left
# when its first letter (a Latin name) would otherwise lay it out left to right.
FSI, PDI, RLM = "\u2068", "\u2069", "\u200f"
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    rtl: bool = False


# Every language the product plans for, named in its own script. Only those with
# a (nearly) complete catalogue under bot/locales/ are offered (English always is).
KNOWN_LANGUAGES: tuple[Language, ...] = (
    Language("en", "English"),
    Language("fr", "Français"),
    Language("ar", "العربية", rtl=True),
    Language("fa", "فارسی", rtl=True),
    Language("uk", "Українська"),
    Language("ru", "Русский"),
    Language("sq", "Shqip"),
    Language("es", "Español"),
    Language("ti", "ትግርኛ"),
    Language("zh", "中文"),
    Language("vi", "Tiếng Việt"),
    Language("pcm", "Naijá"),
    Language("el", "Ελληνικά"),
    Language("it", "Italiano"),
    Language("de", "Deutsch"),
    Language("ro", "Română"),
    Language("bg", "Български"),
)

# Telegram sends IETF-like codes; some need a nudge to the catalogue we have. Dari (prs)
# reads Persian; a reader of traditional characters still reads simplified Chinese better
# than English. Anything else falls back to its base language (fr-CA -> fr), then English.
_ALIASES = {
    "prs": "fa",
    "fa-af": "fa",
    "pes": "fa",
    "zh-cn": "zh",
    "zh-hans": "zh",
    "zh-sg": "zh",
    "zh-tw": "zh",
    "zh-hk": "zh",
    "zh-hant": "zh",
    "tir": "ti",
    "sqi": "sq",
}

current_language: ContextVar[str] = ContextVar("current_language", default=SOURCE_LANGUAGE)


# A catalogue translating less than this share of the strings is not offered as her
# language: it serves documents only (the country's column of a side-by-side file).
# The tests require every offered language to be complete.
INTERFACE_SHARE = 0.9
_KNOWN = {lang.code: lang for lang in KNOWN_LANGUAGES}


class Catalogues:
    """All translations, loaded once."""

    def __init__(self, translations: Mapping[str, Translations], coverage: Mapping[str, float] | None = None) -> None:
        self._translations = dict(translations)
        coverage = coverage or {}
        self.languages = tuple(
            lang
            for lang in KNOWN_LANGUAGES
            if lang.code == SOURCE_LANGUAGE
            or (lang.code in self._translations and coverage.get(lang.code, 1.0) >= INTERFACE_SHARE)
        )
        self.document_only = tuple(
            code for code in self._translations if code not in {lang.code for lang in self.languages}
        )
        self._by_code = {lang.code: lang for lang in self.languages}

    @classmethod
    def load(cls, locales_dir: Path = LOCALES_DIR) -> Catalogues:
        translations: dict[str, Translations] = {}
        coverage: dict[str, float] = {}
        for po_path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            code = po_path.parent.parent.name
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=code)
            messages = [message for message in catalog if message.id]
            done = [message for message in messages if _translated(message)]
            coverage[code] = len(done) / len(messages) if messages else 0.0
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            buffer.seek(0)
            translations[code] = Translations(fp=buffer, domain=DOMAIN)
        return cls(translations, coverage)

    def has_catalogue(self, code: str) -> bool:
        """True when `code` can be printed: English, or any language with a catalogue, complete or not."""
        return code == SOURCE_LANGUAGE or code in self._translations

    @staticmethod
    def language_rtl(code: str) -> bool:
        known = _KNOWN.get(code)
        return bool(known and known.rtl)

    def language(self, code: str) -> Language:
        return self._by_code.get(code) or self._by_code[SOURCE_LANGUAGE]

    def best_match(self, language_code: str | None) -> str:
        """The offered language closest to Telegram's `language_code`, else English."""
        if not language_code:
            return SOURCE_LANGUAGE
        code = language_code.lower().replace("_", "-")
        for candidate in (code, _ALIASES.get(code), code.split("-")[0]):
            if candidate and candidate in self._by_code:
                return candidate
        return SOURCE_LANGUAGE

    def gettext(self, message: str, language: str | None = None) -> str:
        translations = self._translations.get(language or current_language.get())
        return translations.ugettext(message) if translations else message

    def render_in(self, message: str, language: str, /, **values: Any) -> str:
        """`message` in a given language (a message to staff, or to her from a background job), with its
        {placeholders} filled and the values escaped for Telegram HTML."""
        return _filled(self.gettext(message, language), values, self.language_rtl(language))

    def first_offered(self, codes: Iterable[str]) -> str:
        """The first of these languages the bot offers (e.g. a staff member's), else English."""
        offered = {language.code for language in self.languages}
        return next((code for code in codes if code in offered), SOURCE_LANGUAGE)

    def ngettext(self, singular: str, plural: str, n: int, language: str | None = None) -> str:
        translations = self._translations.get(language or current_language.get())
        if translations is None:
            return singular if n == 1 else plural
        return translations.ungettext(singular, plural, n)


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return not message.fuzzy and all(strings)


_catalogues: Catalogues | None = None


def catalogues() -> Catalogues:
    global _catalogues
    if _catalogues is None:
        _catalogues = Catalogues.load()
    return _catalogues


def gettext(message: str) -> str:
    return catalogues().gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalogues().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def is_rtl(language: str | None = None) -> bool:
    return catalogues().language(language or current_language.get()).rtl


# What a phone shows of a button before it cuts the label with "…", in narrow
# character cells (a Chinese character or an emoji takes two), by buttons per row.
BUTTON_CELLS = {1: 40, 2: 20, 3: 13}


def label_cells(label: str) -> int:
    """How many narrow character cells a button label takes on screen."""
    return sum(
        0 if unicodedata.category(char) in ("Mn", "Cf") else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in label
    )


def first_strong_rtl(text: str) -> bool | None:
    """True when the first letter with a direction is Arabic, Persian or Hebrew; False for Latin, Greek, Cyrillic;
    None when the text has no such letter (numbers, punctuation)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None


def starting_right_to_left(text: str) -> str:
    """Right-to-left text whose first letter is Latin (an inserted name like "Sami") would be laid out left to
    right by Telegram and browsers, which do not skip isolated values: start it with a right-to-left mark."""
    return RLM + text if first_strong_rtl(_TAGS.sub("", text)) is False else text


def babel_locale(language: str | None = None) -> Locale:
    code = language or current_language.get()
    try:
        return Locale.parse(code)
    except (ValueError, LookupError):
        return Locale.parse(SOURCE_LANGUAGE)


def render(message: str, values: Mapping[str, Any] | None = None) -> str:
    """Translate `message` and fill its {placeholders}, escaping values for Telegram HTML."""
    text = gettext(message)
    if not values:
        return text
    rtl = is_rtl()
    try:
        return _filled(text, values, rtl)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not take the screen down.
        log.warning("placeholder mismatch in a translation of %r", message[:40])
        try:
            return _filled(message, values, rtl)
        except (KeyError, IndexError, ValueError):
            return message


def _filled(text: str, values: Mapping[str, Any], rtl: bool) -> str:
    """`text` with its {placeholders} filled, values escaped for Telegram HTML; in right-to-left text each
    value is isolated and the message starts right to left."""
    safe = {key: html.escape(str(value), quote=False) for key, value in values.items()}
    if not rtl:
        return text.format_map(safe)
    return starting_right_to_left(text.format_map({key: f"{FSI}{value}{PDI}" for key, value in safe.items()}))
