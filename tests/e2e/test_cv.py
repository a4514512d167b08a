"""She builds a CV step by step, changes a part from the review, and gets it as PDF and Word."""

import io

from docx import Document
from pypdf import PdfReader

from bot.cv.informal import OFFERS
from tests.e2e.steps import onboard, tr

HER = 7575001


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs)


async def typed(her, text: str, then: str, language: str):
    sent = await her.send(text)
    return await her.wait_for(tr(then, language)[:30], after=sent)


async def test_a_cv_with_only_informal_experience_in_an_arabic_interface_written_in_italian(fake_api, bot_process):
    ar = "ar"
    her = fake_api.user(HER, language_code=ar)
    await onboard(her, ar, "العربية")
    await her.press_when(tr("📄 My CV", ar))
    await her.press_when(tr("▶ Start", ar), containing=tr("<b>My CV</b>", ar)[3:-4])
    await her.press_when(tr("Care of children or elderly people", ar))
    await typed(her, "مساعدة منزلية", "Your name, as you want it on the CV.", ar)
    await typed(her, "أمينة خليل", "A phone number for employers, if you want to give one.", ar)
    not_a_number = "This does not look like a phone number. Type it with digits, for example +30 690 000 0000."
    await typed(her, "not a number", not_a_number, ar)
    await typed(her, "+30 690 000 0000", "An e-mail address for employers, if you have one.", ar)
    await her.press_when(tr("Skip ➡", ar))
    experience = "<b>Experience.</b> Paid work, and also unpaid, family and care work: it all counts."
    await typed(her, "Αθήνα", tr(experience, ar).split("</b>")[1].strip(), ar)

    # No paid work: the unpaid and family work she did becomes CV wording.
    await her.press_when(tr("➕ Unpaid or family work", ar))
    await her.press_when(tr("Yes", ar), containing=tr(OFFERS[0].question, ar)[:20])
    for offer in OFFERS[1:]:
        await her.press_when(tr("No", ar), containing=tr(offer.question, ar)[:20])
    experiences = await her.wait_for(tr(OFFERS[0].role, ar))
    await her.press(tr("Next ➡", ar), message=experiences)
    education = "<b>Education and training.</b> Schools, courses, trainings, with or without a certificate."
    await her.press_when(tr("Next ➡", ar), containing=tr(education, ar).split("</b>")[1].strip())
    await her.send("العربية")  # mother tongue: one message per language, then Done
    await her.press_when(tr("✓ Done", ar), containing="• العربية")
    await her.press_when(tr("➕ Add a language", ar))
    await typed(her, "Italiano", "How well do you speak it? Choose what fits best.", ar)
    await her.press_when("B1")
    await her.press_when(tr("Next ➡", ar), containing="B1")
    await her.press_when("⬜ " + tr("Messaging apps", ar))
    await her.wait_for(lambda m: True, with_button="✅ " + tr("Messaging apps", ar))
    await her.press_when(tr("Next ➡", ar))
    await her.press_when("⬜ " + tr("Teamwork", ar))
    await her.wait_for(lambda m: True, with_button="✅ " + tr("Teamwork", ar))
    await her.press_when(tr("Next ➡", ar))
    licence = "Do you have a driving licence? Type its category, or skip."
    await her.press_when(tr("Skip ➡", ar), containing=tr(licence, ar)[:20])
    await her.press_when(tr("I can start now", ar))
    await her.press_when(tr("✓ Done", ar))
    await her.press_when(tr("✓ Done", ar))  # no interests
    review = await her.wait_for(tr("CV language: {cv_language}", ar).split("{")[0])
    assert "أمينة خليل" in review["text"]

    await her.press(tr("🌐 CV language", ar), message=review)
    await her.press_when("Italiano")
    await her.press_when(tr("📄 Get my CV", ar), containing="Italiano")
    pdf = await her.wait_for(lambda m: m["kind"] == "document" and m["file"][0].endswith(".pdf"))
    docx = await her.wait_for(lambda m: m["kind"] == "document" and m["file"][0].endswith(".docx"))
    for text in (pdf_text(pdf["file"][1]), docx_text(docx["file"][1])):
        assert "أمينة" in text or "خليل" in text or "ةنيمأ" in text
        assert tr(OFFERS[0].role, "it") in text  # informal work, worded in Italian
        assert "+30 690 000 0000" in text


async def test_a_job_with_tasks_editing_from_review_and_fitting_to_an_advert(fake_api, bot_process, sqlite_url):
    from sqlalchemy import create_engine, func, select

    from bot.storage.models import Person

    her = fake_api.user(HER + 1, language_code="en")
    await onboard(her)
    await her.press_when("📄 My CV")
    await her.press_when("▶ Start")
    await her.press_when("Kitchen and restaurants")
    await typed(her, "Cook", "Your name, as you want it on the CV.", "en")
    await typed(her, "Amina Kone", "A phone number", "en")
    await her.press_when("Skip ➡")
    await her.press_when("Skip ➡", containing="An e-mail address")
    await typed(her, "Athens", "Experience.", "en")
    await her.press_when("➕ Add a job")
    await typed(her, "Kitchen helper", "Where was it?", "en")
    await typed(her, "Hotel Olympia", "When? Approximate dates are fine.", "en")
    await typed(her, "sometime maybe", "I could not read these dates", "en")  # asked again, kindly
    await typed(her, "2019 - 2021", "What were your tasks?", "en")
    await typed(her, "Prepared vegetables for 200 meals a day", "• Prepared vegetables", "en")
    long_task = "Washed dishes " + "and pots " * 60
    sent = await her.send(long_task)
    await her.wait_for("That was long, so I kept the beginning.", after=sent)
    await her.press_when("✓ Done")
    experiences = await her.wait_for("• Kitchen helper")
    # A job added by mistake can be taken out again.
    await her.press("➕ Add a job", message=experiences)
    await typed(her, "Oops", "Where was it?", "en")
    await her.press_when("⬅ Back", containing="Where was it?")
    await her.press_when("⬅ Back", containing="What was your work?")
    await her.press_when("🗑 Oops", containing="• Oops")
    experiences = await her.wait_for(lambda m: "• Kitchen helper" in m["text"] and "Oops" not in m["text"])
    # Straight to the review from the start screen: every other step can wait.
    await her.press("🏠 Menu", message=experiences)
    await her.press_when("📄 My CV")
    await her.press_when("📋 See my CV")
    review = await her.wait_for("CV language: ")
    assert "Amina Kone" in review["text"] and "Hotel Olympia" in review["text"]
    assert "Washed dishes" in review["text"]

    # She changes her name from the review and comes back to it.
    await her.press("✏ 👤 Name and contact", message=review)
    await typed(her, "Amina K. Kone", "A phone number", "en")
    await her.press_when("Skip ➡", containing="A phone number")
    await her.press_when("Skip ➡", containing="An e-mail address")
    await her.press_when("Skip ➡", containing="The town or city")
    review = await her.wait_for("Amina K. Kone", with_button="📄 Get my CV")
    assert "Nigerian" not in review["text"]  # personal details are off by default

    # She may add her nationality after a one-line note on why a CV does not need it.
    await her.press("➕ Date of birth or nationality", message=review)
    await her.press_when("Add nationality", containing="can lead to unfair treatment")
    await typed(her, "Nigerian", "• Nigerian", "en")
    await her.press_when("⬅ Back", containing="• Nigerian")
    review = await her.wait_for("Nigerian", with_button="📄 Get my CV")

    # A photo where text is expected gets a short answer, not silence.
    photo = await her.send_content(photo=[{"file_id": "P1", "file_unique_id": "p1", "width": 1, "height": 1}])
    await her.wait_for("Please use the buttons below.", after=photo)
    await her.press_when("🎯 Fit it to a job advertisement")
    advert = (
        "Hotel in Athens looking for a kitchen helper. Experience in a hotel kitchen. "
        "Driving licence B needed. German B1. 🍳"
    )
    sent = await her.send(advert)
    fitted = await her.wait_for("share these words", after=sent)
    assert "kitchen" in fitted["text"].lower()
    # She can also fit it to a kind of work instead of an advert.
    await her.press("⬅ Back", message=fitted)
    review = await her.wait_for(lambda m: m["message_id"] == fitted["message_id"] and "CV language" in m["text"])
    await her.press("🎯 Fit it to a job advertisement", message=review)
    choose = await her.wait_for(lambda m: m["message_id"] == review["message_id"] and "kind of work" in m["text"])
    await her.press("Hotels", message=choose)
    fitted = await her.wait_for(lambda m: m["message_id"] == choose["message_id"] and "share these words" in m["text"])
    assert "kitchen" in fitted["text"]
    await her.press("📄 Get this version", message=fitted)
    pdf = await her.wait_for(lambda m: m["kind"] == "document" and m["file"][0].endswith(".pdf"))
    assert "Kitchen helper" in pdf_text(pdf["file"][1])

    # "Save my CV" is off: nothing of it was stored.
    engine = create_engine(sqlite_url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Person)).scalar() == 0
    engine.dispose()
