"""She looks up words from a job ad in her language, right to left, and sees the word used in her country."""

from bot.content import load_glossary
from tests.e2e.steps import onboard, tr

GLOSSARY = load_glossary()
HER = 7474001
STICKER = {"file_id": "S1", "file_unique_id": "s1", "type": "regular", "width": 1, "height": 1}
STICKER |= {"is_animated": False, "is_video": False}


async def test_glossary_search_in_arabic_then_with_her_country(fake_api, bot_process):
    her = fake_api.user(HER, language_code="ar")
    await onboard(her, "ar", "العربية")
    await her.press_when(tr("📖 Words at work", "ar"))
    gross = GLOSSARY.by_id("gross_pay")
    intro = tr("Type a word you saw in a job ad, a contract or a pay slip.", "ar")
    await her.wait_for(lambda m: True, with_button=tr("🏠 Menu", "ar"))

    # She types the word in Arabic, as she would say it.
    asked = await her.send(tr(gross.term, "ar"))
    shown = await her.wait_for(tr(gross.meaning, "ar")[:30], after=asked)
    assert tr(gross.term, "ar") in shown["text"]
    # No country chosen yet: the word as written in each country.
    for code in ("GR", "IT", "AT", "RO", "BG"):
        assert gross.local[code] in shown["text"], code

    # The word she saw on an Austrian pay slip finds the same term.
    asked = await her.send("bruttolohn")
    await her.wait_for(tr(gross.meaning, "ar")[:30], after=asked)

    # Nonsense, a sticker and a whole pasted text: a short, kind answer each time.
    asked = await her.send("zzzz")
    await her.wait_for("zzzz", after=asked)
    sticker = await her.send_content(sticker=STICKER)
    await her.wait_for(tr("Please type a word.", "ar"), after=sticker)
    asked = await her.send("ا" * 5000)
    unknown = tr("I do not know “{not_found}”. Try another word, or look at the list.", "ar").split("{")[0]
    await her.wait_for(unknown, after=asked)

    # Once she has said where she lives, only that country's word is shown.
    await her.press_when(tr("🏠 Menu", "ar"))
    await her.press_when(tr("⚙ Settings", "ar"))
    await her.press_when(tr("🌍 Country", "ar"))
    await her.press_when(tr("Italy", "ar"))
    await her.wait_for(tr("Italy", "ar"), with_button=tr("🌍 Country", "ar"))
    await her.press_when(tr("⬅ Back", "ar"))
    await her.press_when(tr("📖 Words at work", "ar"))
    asked = await her.send(tr(gross.term, "ar"))
    shown = await her.wait_for(tr(gross.meaning, "ar")[:30], after=asked)
    assert gross.local["IT"] in shown["text"]
    assert gross.local["GR"] not in shown["text"]
    assert intro  # the intro is a catalogue string too


async def test_a_short_word_lists_several_terms_and_the_list_opens_each(fake_api, bot_process):
    her = fake_api.user(HER + 1, language_code="en")
    await onboard(her)
    await her.press_when("📖 Words at work")
    asked = await her.send("pay")
    results = await her.wait_for("Words that match", after=asked)
    labels = [b["text"] for row in results["reply_markup"] for b in row]
    assert "Gross pay" in labels and "Net pay" in labels
    await her.press("Net pay", message=results)
    shown = await her.wait_for(GLOSSARY.by_id("net_pay").meaning[:30])
    assert "⬅ Back" in [b["text"] for row in shown["reply_markup"] for b in row]
