"""In every language she can choose, the whole journey shows her language only, and every screen fits a phone.

One real bot process; one woman per language, all at once. Every text and keyboard the bot sends her
(including screens later edited away) is read back from the fake Bot API's call log and checked:
no sentence of the English source left untranslated, every button label short enough for its row,
right-to-left languages laid out right to left.
"""

from __future__ import annotations

import asyncio
import html
import re

from babel.messages.pofile import read_po

from bot.content import load_contract_check, load_lessons
from bot.i18n import BUTTON_CELLS, LOCALES_DIR, SOURCE_LANGUAGE, Catalogues, first_strong_rtl, label_cells
from tests.e2e.steps import onboard, tr

CATS = Catalogues.load()
LANGUAGES = list(CATS.languages)
FIRST_ID = 8800100
SENDING = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument")
MENU = "What would you like to do?"


def labels(message: dict) -> list[str]:
    return [button["text"] for row in message["reply_markup"] for button in row]


async def back_to_menu(her, language: str) -> None:
    sent = await her.send("/start")
    await her.wait_for(tr(MENU, language), after=sent)


async def journey(her, language: str, native: str) -> None:
    """Start, consents, a lesson, words at work, contract check, CV, interview practice, a person, settings, exit."""
    await onboard(her, language, native)

    await her.press_when(tr("📘 Learn about work", language))
    lesson = load_lessons().lessons[0]
    await her.press_when(tr(lesson.title, language))
    page = await her.wait_for(tr(lesson.pages[0], language)[:30])
    await her.press(tr("Next ➡", language), message=page)
    await her.wait_for(tr(lesson.pages[1], language)[:30])
    await back_to_menu(her, language)

    await her.press_when(tr("📖 Words at work", language))
    all_words = tr("🔤 All words ({count})", language).split("{")[0]  # the count is isolated in right-to-left text
    search = await her.wait_for(
        lambda m: any(b["text"].startswith(all_words) for row in m["reply_markup"] for b in row)
    )
    await her.press(next(b["text"] for row in search["reply_markup"] for b in row if b["text"].startswith(all_words)))
    await her.wait_for(tr("All words. Tap one to read what it means.", language))
    await back_to_menu(her, language)

    await her.press_when(tr("📝 Check a contract", language))
    await her.press_when(tr("▶ Start", language))
    first, second = load_contract_check().questions[:2]
    await her.press_when(tr("Yes", language), containing=tr(first.question, language))
    await her.wait_for(tr(second.question, language))
    await back_to_menu(her, language)

    await her.press_when(tr("📄 My CV", language))
    await her.press_when(tr("▶ Start", language))
    await her.wait_for(lambda m: True, with_button=tr("Skip ➡", language))
    await back_to_menu(her, language)

    await her.press_when(tr("💬 Practise an interview", language))
    await her.wait_for(lambda m: tr(MENU, language) not in m["text"], with_button=tr("✖ Exit", language))
    await back_to_menu(her, language)

    await her.press_when(tr("🙋 Talk to a person", language))
    await her.press_when("🆘 " + tr("I am not safe right now", language))
    await her.wait_for("112", with_button=tr("✖ Exit", language))
    await back_to_menu(her, language)

    await her.press_when(tr("⚙ Settings", language))
    await her.press_when(tr("📋 What do you keep about me?", language))
    nothing = (
        "I keep nothing about you. This conversation lives only in memory: "
        "it ends with ✖ Exit or when the bot restarts."
    )
    await her.wait_for(tr(nothing, language))

    await her.press_when(tr("✖ Exit", language))
    await her.wait_for(lambda m: len(her.screen()) == 1)
    assert her.screen()[0]["text"] == tr("Send /start to begin.", language)


def english_fragments() -> list[str]:
    """Pieces of English source sentences, long enough that finding one on screen means a missing translation."""
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        sources = [message.id for message in read_po(handle) if isinstance(message.id, str)]
    pieces = (piece.strip() for source in sources for piece in re.split(r"\{[a-z_]+\}|<[^>]+>|\n", source))
    return sorted({piece for piece in pieces if len(piece) >= 20 and piece.count(" ") >= 3})


FRAGMENTS = english_fragments()


def sent_to(fake_api, chat_id: int) -> list[dict]:
    return [
        params for method, params in fake_api.calls if method in SENDING and str(params.get("chat_id")) == str(chat_id)
    ]


def problems(language: str, rtl: bool, sent: list[dict]) -> list[str]:
    found = []
    if language == SOURCE_LANGUAGE:
        translated = ""
    else:
        translated = " ".join(
            " ".join(m.string) if isinstance(m.string, tuple) else m.string
            for m in read_po((LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb"))
            if m.id
        )
    for params in sent:
        text = html.unescape(re.sub(r"<[^>]+>", "", params.get("text") or params.get("caption") or ""))
        if language != SOURCE_LANGUAGE:
            found += [f"English: {piece!r}" for piece in FRAGMENTS if piece in text and piece not in translated]
        if rtl and text and not first_strong_rtl(text):
            found.append(f"left to right: {text[:60]!r}")
        for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if label_cells(button["text"]) > BUTTON_CELLS[min(len(row), 3)]:
                    found.append(f"too wide for {len(row)} in a row: {button['text']!r}")
                if language != SOURCE_LANGUAGE:
                    found += [
                        f"English button: {button['text']!r}"
                        for piece in FRAGMENTS
                        if piece == button["text"] and piece not in translated
                    ]
    return sorted(set(found))


async def test_the_whole_journey_in_every_language(fake_api, bot_process):
    women = {lang.code: fake_api.user(FIRST_ID + n, language_code=lang.code) for n, lang in enumerate(LANGUAGES)}
    results = await asyncio.gather(
        *(journey(women[lang.code], lang.code, lang.native_name) for lang in LANGUAGES), return_exceptions=True
    )
    failed = {lang.code: str(result)[:300] for lang, result in zip(LANGUAGES, results, strict=True) if result}
    assert not failed, failed
    found = {
        lang.code: issues
        for lang in LANGUAGES
        if (issues := problems(lang.code, lang.rtl, sent_to(fake_api, women[lang.code].id)))
    }
    assert not found, "\n".join(f"{code}: {issue}" for code, issues in found.items() for issue in issues)
    assert len(LANGUAGES) >= 8
