"""The same fixed term (contract, pay slip, counsellor...) is written the same way throughout a language."""

import re

import pytest
import yaml
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, SOURCE_LANGUAGE, Catalogues

TERMS = yaml.safe_load((LOCALES_DIR / "terms.yaml").read_text(encoding="utf-8"))
OFFERED = [lang.code for lang in Catalogues.load().languages if lang.code != SOURCE_LANGUAGE]


def test_every_term_is_found_in_the_english_source():
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        sources = [message.id for message in read_po(handle) if isinstance(message.id, str) and message.id]
    for term, forms in TERMS.items():
        assert any(re.search(forms["en"], source, re.I) for source in sources), term


@pytest.mark.parametrize("language", OFFERED)
def test_each_fixed_term_is_translated_one_way(language):
    with (LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    differing = []
    for term, forms in TERMS.items():
        english = re.compile(forms["en"], re.I)
        accepted = [_plain(form) for form in forms.get(language) or []]
        assert accepted, f"{language}: terms.yaml has no form for {term!r}"
        differing += [
            (term, message.id[:60], message.string[:80])
            for message in catalogue
            if isinstance(message.id, str)
            and english.search(message.id)
            and message.string
            and not any(form in _plain(message.string) for form in accepted)
        ]
    assert not differing, f"{language}: {len(differing)} strings use another word: {differing[:5]}"


def _plain(text: str) -> str:
    """Lower case, one kind of apostrophe: a typographic choice is not another word."""
    return text.lower().replace("’", "'")
