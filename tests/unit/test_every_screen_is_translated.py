"""A language is complete when its catalogue is: every string, no fuzzy entry, same placeholders and tags."""

import re
import subprocess
import sys
from gettext import c2py
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from bot.content import load_contract_check
from bot.country import countries
from bot.documents.contract import document_strings
from bot.i18n import LOCALES_DIR, Catalogues, first_strong_rtl
from bot.interview import bank

# Languages she can choose today; every language the bot offers must be complete.
COMPLETE_LANGUAGES = ["fr", "ar", "fa", "uk", "ru", "sq", "es", "ti", "zh", "vi", "pcm", "el", "it", "de", "ro", "bg"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
TAG = re.compile(r"</?[a-z]+>")
COMMAND = re.compile(r"/(start|exit)\b")


def load(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The template extracted from the code as it is now, not the committed one."""
    out = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "T",
            "-k",
            "N_",
            "-k",
            "render",
            "--no-location",
            "-o",
            str(out),
            "bot",
        ],
        check=True,
        capture_output=True,
        cwd=LOCALES_DIR.parents[1],
    )
    return load(out)


def test_committed_template_is_up_to_date(template):
    committed = {m.id for m in load(LOCALES_DIR / "messages.pot") if m.id}
    current = {m.id for m in template if m.id}
    assert current == committed, "run pybabel extract (see README) and update the catalogues"


def test_offered_languages_are_exactly_the_complete_ones():
    offered = [lang.code for lang in Catalogues.load().languages]
    assert offered == ["en", *COMPLETE_LANGUAGES], "a catalogue became (in)complete: update COMPLETE_LANGUAGES"


def _check(language: str, sources) -> None:
    catalogue = load(LOCALES_DIR / language / "LC_MESSAGES" / "messages.po")
    missing, fuzzy, broken = [], [], []
    for source in sources:
        if not source.id:
            continue
        entry = catalogue.get(source.id)
        # A plural entry: every form of hers is checked against the English plural.
        pairs = (
            [(source.id[-1], form) for form in entry.string]
            if entry is not None and isinstance(entry.string, tuple)
            else [(source.id, entry.string if entry else "")]
        )
        if entry is None or not all(translated for _source, translated in pairs):
            missing.append(source.id)
            continue
        if entry.fuzzy:
            fuzzy.append(source.id)
        for original, translated in pairs:
            for pattern in (PLACEHOLDER, TAG, COMMAND):
                if sorted(pattern.findall(original)) != sorted(pattern.findall(translated)):
                    broken.append(source.id)
            if original.count("\n") != translated.count("\n"):
                broken.append(source.id)
    assert not missing, f"{language}: untranslated: {missing[:5]}"
    assert not fuzzy, f"{language}: fuzzy: {fuzzy[:5]}"
    assert not broken, f"{language}: placeholders, tags or line breaks differ: {broken[:5]}"


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_catalogue_is_complete(language, template):
    _check(language, template)


@pytest.mark.parametrize("country", [c.code for c in countries().countries])
def test_country_language_prints_the_whole_contract_file(country, template):
    """The side-by-side file needs every one of its strings in the country's language."""
    language = countries().get(country).language
    needed = set(document_strings(load_contract_check().items))
    _check(language, [source for source in template if source.id in needed])
    assert needed <= {source.id for source in template}


@pytest.mark.parametrize("country", [c.code for c in countries().countries])
def test_country_language_says_every_interview_phrase(country, template):
    """Useful phrases are shown in the country's language beside hers: each needs its translation there."""
    language = countries().get(country).language
    needed = {text for _id, text in bank().phrases}
    _check(language, [source for source in template if source.id in needed])
    assert needed <= {source.id for source in template}


def test_discreet_words_only():
    """No screen, button or command names the organisation's field."""
    banned = re.compile(
        "|".join(
            (
                r"traffick|victim|abuse|exploit|\btraite\b|victime|الاتجار|ضحية|قاچاق|قربانی",  # en, pcm, fr, ar, fa
                r"торгівл|торговл|жертв|експлуатац|эксплуатац|насили|трафик",  # uk, ru, bg
                r"víctima|trata de personas|explotaci|trafik|viktim|shfrytëzim",  # es, sq
                r"贩卖|拐卖|受害|剥削|虐待|暴力|buôn bán người|nạn nhân|bóc lột|lạm dụng|bạo lực",  # zh, vi
                r"tratta (di|degli|delle) (esseri|persone|donne)|vittim|sfruttament",  # it ("si tratta di" is fine)
                r"menschenhandel|opfer|ausbeut|missbrauch",  # de
                r"εμπορία ανθρώπων|θύμα|εκμετάλλευσ|κακοποί|\bβία\b|exploatar|abuz",  # el, ro
                r"ግዳይ|ዝውውር ሰብ",  # ti
            )
        ),
        re.I,
    )
    for po in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"):
        for entry in load(po):
            assert not banned.search(_joined(entry.string)), (po, entry.id)
    for entry in load(LOCALES_DIR / "messages.pot"):
        assert not banned.search(_joined(entry.id)), entry.id


def _joined(text) -> str:
    """A message's text, all plural forms together."""
    return " ".join(text) if isinstance(text, tuple | list) else text or ""


def test_telegram_language_codes_preselect_sensibly():
    cats = Catalogues.load()
    assert cats.best_match("ar") == "ar"
    assert cats.best_match("fr-CA") == "fr"
    assert cats.best_match("AR_eg") == "ar"
    assert cats.best_match("xx") == "en"
    assert cats.best_match("pt-BR") == "en"  # no Portuguese yet: English, and the picker comes first anyway
    assert cats.best_match("fa-AF") == "fa"
    assert cats.best_match("prs") == "fa"
    assert cats.best_match("zh-CN") == "zh"
    assert cats.best_match("zh-Hant-TW") == "zh"
    assert cats.best_match("es-419") == "es"
    assert cats.best_match("ti-ER") == "ti"
    assert cats.best_match("pcm-NG") == "pcm"
    assert cats.best_match("sq-XK") == "sq"
    assert cats.best_match("de-AT") == "de"
    assert cats.best_match(None) == "en"


def test_languages_are_named_in_their_own_script():
    names = {lang.code: lang.native_name for lang in Catalogues.load().languages}
    assert names["ar"] == "العربية"
    assert names["fr"] == "Français"
    assert Catalogues.load().language("ar").rtl


@pytest.mark.parametrize("po", sorted(LOCALES_DIR.glob("*/LC_MESSAGES/messages.po")), ids=lambda p: p.parts[-3])
def test_plural_forms_follow_the_languages_rules(po):
    """The catalogue's Plural-Forms picks one form per CLDR plural category (Babel's rules), no more, no less."""
    catalogue = load(po)
    language = Locale.parse(po.parts[-3])
    form_of = {}
    for n in range(0, 1001):
        category = language.plural_form(n)
        form = c2py(catalogue.plural_expr)(n)
        form_of.setdefault(category, set()).add(form)
    assert all(len(forms) == 1 for forms in form_of.values()), f"one category, several forms: {form_of}"
    forms = [next(iter(forms)) for forms in form_of.values()]
    assert sorted(forms) == list(range(catalogue.num_plurals)), f"{catalogue.num_plurals} forms for {form_of}"


def test_a_right_to_left_message_starting_with_a_latin_name_still_reads_right_to_left():
    cats = Catalogues.load()
    for language in ("ar", "fa"):
        text = cats.render_in("{alias} is here and will answer you.", language, alias="Sami")
        assert first_strong_rtl(text), text  # Telegram lays a message out by its first letter
        assert "\u2068Sami\u2069" in text  # the name keeps its own direction inside
    assert cats.render_in("{alias} is here and will answer you.", "fr", alias="Sami").startswith("Sami")
