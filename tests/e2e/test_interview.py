"""She practises an interview through the real bot: text and voice answers, her own review, the questions she
may decline, useful phrases, and a preparation sheet. Her answers are never kept."""

import io
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import create_engine, func, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from bot.config import KEY_FILE_NAME
from bot.interview import bank
from bot.privacy import Privacy
from bot.storage.crypto import Vault
from bot.storage.models import Person
from bot.storage.session_store import DatabaseBackend, MemoryBackend, SessionStore
from tests.e2e.steps import CATS, onboard, tr

HER = 8181001
CANARY = "Canary-answer-7d1f"  # typed as an answer: must never be kept anywhere
STICKER = {"file_id": "S", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1}
STICKER |= {"is_animated": False, "is_video": False}
VOICE = {"voice": {"file_id": "V1", "file_unique_id": "v1", "duration": 41, "mime_type": "audio/ogg"}}


def people(sqlite_url: str) -> int:
    engine = create_engine(sqlite_url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(Person)).scalar()
    engine.dispose()
    return count


def plain(message: str, language: str) -> str:
    """A translated line without its HTML tags, to find it on a screen."""
    return tr(message, language).replace("<b>", "").replace("</b>", "").replace("<i>", "").replace("</i>", "")


async def answer_and_review(her, language: str, answer: dict | str, ticks: tuple[str, ...], hard: bool, last: bool):
    """Answer the question on screen, read the tips and the example, tick her review, go on; returns the question."""
    question = await her.wait_for(lambda m: True, with_button=tr("Skip this question ➡", language))
    sent = await her.send(answer) if isinstance(answer, str) else await her.send_content(**answer)
    tips = await her.wait_for(plain("<b>Why employers ask this</b>", language), after=sent)
    voice_note = tr("The bot does not listen to voice messages or keep them: they are for you.", language)
    assert (voice_note in tips["text"]) == (not isinstance(answer, str))
    await her.press(tr("💡 See an example", language), message=tips)
    example = await her.wait_for(plain("<b>An example</b>", language), with_button=tr("⬅ Back", language))
    await her.press(tr("✓ Look back at my answer", language), message=example)
    hard_button = tr("This one felt hard", language)
    review = await her.wait_for(lambda m: True, with_button=f"⬜ {hard_button}")
    for tick in ticks:
        await her.press(f"⬜ {tr(tick, language)}", message=review)
        review = await her.wait_for(lambda m: True, with_button=f"✅ {tr(tick, language)}")
    if hard:
        await her.press(f"⬜ {hard_button}", message=review)
        review = await her.wait_for(lambda m: True, with_button=f"✅ {hard_button}")
    await her.press(tr("See how it went ➡" if last else "Next question ➡", language), message=review)
    return question


async def test_three_questions_in_arabic_with_a_voice_answer_and_her_own_review(fake_api, bot_process, sqlite_url):
    ar = "ar"
    her = fake_api.user(HER, language_code=ar)
    await onboard(her, ar, "العربية")
    await her.press_when(tr("💬 Practise an interview", ar))
    await her.press_when(
        tr("▶ Practise", ar), containing=tr("Your answers are never kept. Nothing of this practice is saved.", ar)[:15]
    )
    await her.press_when(tr("Care of children or elderly people", ar))
    await her.press_when("3", containing=tr("How many questions?", ar))
    first = await answer_and_review(her, ar, VOICE, ticks=("I gave an example",), hard=True, last=False)
    assert tr("About you", ar) in first["text"]  # a warm start
    assert tr("Answer by writing, or send a voice message to practise speaking.", ar) in first["text"]
    all_ticks = ("I gave an example", "I said what I did and what happened", "It was under a minute")
    second = await answer_and_review(her, ar, CANARY, ticks=all_ticks, hard=False, last=False)
    assert second["text"] != first["text"]
    await her.wait_for(
        lambda m: m["text"] not in (first["text"], second["text"]), with_button=tr("Skip this question ➡", ar)
    )  # noqa: E501
    sticker = await her.send_content(sticker=STICKER)
    await her.wait_for(tr("Answer by writing, or with a voice message.", ar), after=sticker)
    await answer_and_review(her, ar, "جوابي", ticks=(), hard=False, last=True)

    summary = await her.wait_for(plain("<b>Well done.</b>", ar))
    assert plain("To practise again", ar) in summary["text"] and plain("Went well", ar) in summary["text"]
    buttons = [b["text"] for row in summary["reply_markup"] for b in row]
    assert tr("🙋 Practise with a person", ar) in buttons
    assert any(label.startswith("📘 ") for label in buttons)  # a lesson to read next
    assert people(sqlite_url) == 0  # no consent: nothing stored at all
    assert CANARY not in bot_process.logs()


async def test_questions_she_may_decline_and_phrases_in_the_language_of_her_country(fake_api, bot_process):
    her = fake_api.user(HER + 1, language_code="en")
    await onboard(her)
    await her.press_when("💬 Practise an interview")
    await her.press_when("🤚 Questions you do not have to answer")
    topics = await her.wait_for("You may decline them politely")
    labels = [b["text"] for row in topics["reply_markup"] for b in row]
    for topic in bank().may_decline:
        assert topic.topic in labels
    children = bank().may_decline[0]
    await her.press(children.topic, message=topics)
    shown = await her.wait_for("What you can say:")
    assert children.decline[:40] in shown["text"].replace("&#x27;", "'")
    huge = await her.send("x" * 5000)  # typing where buttons are expected: a short hint, the screen stays
    await her.wait_for("Please use the buttons below.", after=huge)
    shown = await her.wait_for("What you can say:", with_button="⬅ Back")
    await her.press("⬅ Back", message=shown)
    topics = await her.wait_for("You may decline them politely")
    await her.press("⬅ Back", message=topics)

    await her.press_when("🗣 Useful phrases")
    await her.press_when("Italy", containing="In which country is the job?")
    phrases = await her.wait_for(lambda m: "🗣" in m["text"])
    for _id, text in bank().phrases:
        assert tr(text, "it") in phrases["text"].replace("&#x27;", "'")
        assert text in phrases["text"].replace("&#x27;", "'")


async def test_five_kitchen_questions_in_french_then_a_preparation_sheet_and_only_her_progress_is_stored(
    fake_api, bot_process, sqlite_url, tmp_path
):
    fr = "fr"
    her = fake_api.user(HER + 2, language_code=fr)
    await onboard(her, fr, "Français", consents=("Remember me",))
    await her.press_when(tr("💬 Practise an interview", fr))
    await her.press_when(tr("▶ Practise", fr))
    await her.press_when(tr("Kitchen and restaurants", fr))
    await her.press_when("5", containing=tr("How many questions?", fr))
    kitchen_asked = False
    for number in range(1, 6):
        answer = VOICE if number == 2 else f"{CANARY} {number}"
        ticks = ("I gave an example",) if number % 2 else ()
        question = await answer_and_review(her, fr, answer, ticks=ticks, hard=number == 3, last=number == 5)
        assert tr("Question {number} of {total}", fr).format(number=number, total=5) in question["text"]
        shown = question["text"].replace("&#x27;", "'")
        kitchen_asked |= any(tr(q.question, fr)[:30] in shown for q in bank().questions if "kitchen" in q.sectors)
    assert kitchen_asked
    summary = await her.wait_for(plain("<b>Well done.</b>", fr))
    practised = CATS.ngettext("You practised {count} question.", "You practised {count} questions.", 5, fr)
    assert practised.format(count=5) in summary["text"]

    # What she may decline, from the start screen of the section.
    await her.press(tr("🏠 Menu", fr), message=summary)
    await her.press_when(tr("💬 Practise an interview", fr))
    await her.press_when(tr("🤚 Questions you do not have to answer", fr))
    await her.press_when(tr(bank().may_decline[3].topic, fr))
    what_to_say = plain("<i>What you can say:</i> {decline}", fr).split("{")[0].strip()
    await her.press_when(tr("⬅ Back", fr), containing=what_to_say)
    declines_intro = (
        "Some questions are not about the job. You may decline them politely, and it is "
        "fine to do so. Choose one to see why, and what you can say."
    )
    await her.press_when(tr("⬅ Back", fr), containing=tr(declines_intro, fr)[:30])

    # The preparation sheet: what she types is shown back, and printed in the file.
    await her.press_when(tr("📝 Prepare for a real interview", fr))
    asked = await her.wait_for(tr("Which employer is it?", fr))
    sticker = await her.send_content(sticker=STICKER)
    await her.wait_for(tr("Please type it, or press Skip.", fr), after=sticker)
    sent = await her.send("Trattoria Bella Vista")
    asked = await her.wait_for(tr("Which job?", fr), after=sent)
    sent = await her.send("Aide de cuisine")
    asked = await her.wait_for(tr("When is the interview?", fr), after=sent)
    await her.press(tr("Skip ➡", fr), message=asked)
    await her.wait_for(tr("Where is it? The address or the place.", fr))
    sent = await her.send("Via Roma 3, Palermo")
    sheet = await her.wait_for(plain("Interview notes", fr), after=sent)
    assert "Trattoria Bella Vista" in sheet["text"] and "Via Roma 3, Palermo" in sheet["text"]
    assert tr("What to bring", fr) in sheet["text"]
    hard_question = next(q for q in bank().questions if tr(q.question, fr)[:25] in sheet["text"].replace("&#x27;", "'"))
    assert hard_question is not None  # the question she marked hard is there to practise once more
    await her.press(tr("📄 Get it as a file", fr), message=sheet)
    document = await her.wait_for(lambda m: m["kind"] == "document")
    assert document["file"][0] == "interview-notes.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document["file"][1])).pages)
    assert "Trattoria Bella Vista" in text and "Aide de cuisine" in text

    # Stored: her progress (question ids and ticks) under "remember me"; no answer, no interview detail.
    engine = create_async_engine(sqlite_url)
    vault = Vault(bytes.fromhex(Path(tmp_path / KEY_FILE_NAME).read_text().strip()))
    sessions = async_sessionmaker(engine)
    privacy = Privacy(sessions, vault, SessionStore(MemoryBackend(60), DatabaseBackend(sessions, vault)))
    stored = await privacy.stored_data(HER + 2)
    kept = {kind: value for _purpose, kind, value in stored.saved}
    assert set(kept) == {"interview"}
    assert len(kept["interview"]["reviews"]) == 5
    assert sum(review["hard"] for review in kept["interview"]["reviews"].values()) == 1
    everything = repr(stored.as_export()) + repr(await DatabaseBackend(sessions, vault).all(HER + 2))
    for secret in (CANARY, "Trattoria", "Via Roma", "Aide de cuisine"):
        assert secret not in everything
    await engine.dispose()
    assert CANARY not in bot_process.logs()
