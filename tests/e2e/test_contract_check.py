"""She walks through a contract, sees what is missing and what to ask, and is offered a person at a warning sign."""

from sqlalchemy import create_engine, func, select

from bot.content import load_contract_check
from bot.storage.models import Person
from tests.e2e.steps import onboard, tr

CHECK = load_contract_check()
HER = 7272001


async def walk(her, language: str, answers: dict[str, str], default_item: str, default_warning: str):
    await her.press_when(tr("📝 Check a contract", language))
    await her.press_when(tr("▶ Start", language))
    for number, question in enumerate(CHECK.questions, start=1):
        label = answers.get(question.id) or (default_item if question.kind == "item" else default_warning)
        screen = await her.wait_for(tr(question.question, language))
        assert tr(question.why, language) in screen["text"]
        progress = tr("Question {number} of {total}", language).format(number=number, total=len(CHECK.questions))
        assert progress.replace("\u2068", "") in screen["text"].replace("\u2068", "").replace("\u2069", "")
        assert len(screen["text"]) <= 700
        await her.press(tr(label, language), message=screen)
    return await her.wait_for(
        lambda m: "112" in m["text"] or "✅" in m["text"], with_button=tr("🔁 Check again", language)
    )


async def test_a_contract_without_warning_signs(fake_api, bot_process, sqlite_url):
    her = fake_api.user(HER, language_code="fr")
    await onboard(her, "fr", "Français")
    summary = await walk(her, "fr", {"leave": "No", "agreement": "Not sure"}, "Yes", "No")
    text = summary["text"]
    assert tr(CHECK.by_id("leave").ask, "fr") in text
    assert tr(CHECK.by_id("agreement").ask, "fr") in text
    assert tr(CHECK.by_id("pay").label, "fr") in text
    assert "112" not in text
    buttons = [b["text"] for row in summary["reply_markup"] for b in row]
    assert tr("🙋 Talk to a person", "fr") not in buttons

    await her.press(tr("📩 Send me this summary", "fr"), message=summary)
    kept = await her.wait_for(tr("<b>Your contract check</b>", "fr").replace("<b>", "").replace("</b>", ""))
    assert kept["protect_content"]
    # Without "remember me", nothing of it reaches the database.
    engine = create_engine(sqlite_url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Person)).scalar() == 0
    engine.dispose()


async def test_a_warning_sign_offers_a_person_and_112_at_once(fake_api, bot_process):
    her = fake_api.user(HER, language_code="ar")
    await onboard(her, "ar", "العربية")
    summary = await walk(her, "ar", {"documents": "Yes"}, "Yes", "No")
    assert "112" in summary["text"]
    assert tr(CHECK.by_id("documents").label, "ar") in summary["text"]
    await her.press(tr("🙋 Talk to a person", "ar"), message=summary)
    await her.wait_for("112")


async def test_going_back_changes_an_answer(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    await onboard(her)
    await her.press_when("📝 Check a contract")
    await her.press_when("▶ Start")
    first = await her.wait_for(CHECK.questions[0].question)
    await her.press("No", message=first)
    second = await her.wait_for(CHECK.questions[1].question)
    await her.press("⬅ Previous", message=second)
    again = await her.wait_for(CHECK.questions[0].question)
    await her.press("🏠 Menu", message=again)
    await her.wait_for("What would you like to do?")


async def test_a_confirmed_directory_hotline_is_offered_with_112(fake_api, make_bot, sqlite_url, tmp_path):
    from bot.directory import EXAMPLE_DIRECTORY

    directory = tmp_path / "directory.yaml"
    directory.write_text(EXAMPLE_DIRECTORY.read_text().replace("example: true", "example: false"))
    await make_bot(sqlite_url, DIRECTORY_FILE=str(directory))
    her = fake_api.user(HER, language_code="en")
    await onboard(her)
    summary = await walk(her, "en", {"wages_withheld": "Yes"}, "Yes", "No")
    assert "112" in summary["text"] and "Support line: +30 000 000 0000" in summary["text"]


async def test_the_summary_as_a_file_in_her_language_and_the_country_s(fake_api, bot_process, sqlite_url):
    her = fake_api.user(HER, language_code="fr")
    await onboard(her, "fr", "Français")
    summary = await walk(her, "fr", {"leave": "No", "documents": "Yes"}, "Yes", "No")
    await her.press(tr("📄 A file to show", "fr"), message=summary)
    # She has not said where she lives: the bot asks once, then sends the file.
    await her.press_when(
        tr("Greece", "fr"), containing=tr("I keep your country only if you chose “Remember me”.", "fr")
    )
    sent = await her.wait_for(lambda m: m["kind"] == "document")
    assert sent["message"]["document"]["file_name"] == "contract-checklist.pdf"
    assert "112" not in sent["text"]
    text = pdf_text(sent["file"][1])
    assert tr("Contract checklist", "fr") in text
    assert tr(CHECK.by_id("leave").ask, "fr")[:30] in text
    assert tr(CHECK.by_id("leave").ask, "el")[:20] in text  # the same question in Greek, beside hers
    assert tr("Contract checklist", "el") in text
    # A warning sign stays on her screen and never goes into a file she may hand over.
    assert tr(CHECK.by_id("documents").label, "fr") not in text

    # The second time, no question: the country is known for this session.
    await her.press_when(tr("📄 A file to show", "fr"))
    await her.wait_for(lambda m: m["kind"] == "document", after=sent)
    # Quick exit takes the files away with everything else.
    await her.press_when(tr("✖ Exit", "fr"))
    await her.wait_for(lambda m: len(her.screen()) == 1)
    assert all(m["kind"] != "document" for m in her.screen())
    engine = create_engine(sqlite_url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Person)).scalar() == 0
    engine.dispose()


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace("\n", " ")
