"""She starts the bot, picks her language, reads what it is, chooses consents, reaches every menu entry."""

import pytest

from bot.i18n import Catalogues, first_strong_rtl

CATS = Catalogues.load()
HER = 4242001


def tr(message: str, language: str) -> str:
    return CATS.gettext(message, language)


def reads_right_to_left(text: str) -> bool:
    """Telegram lays a message out by its first strong character."""
    return bool(first_strong_rtl(text))


MENU_ENTRIES = [
    "📘 Learn about work",
    "📝 Check a contract",
    "📖 Words at work",
    "📄 My CV",
    "💬 Practise an interview",
    "🙋 Talk to a person",
]


@pytest.mark.parametrize(("language", "native"), [("ar", "العربية"), ("fa", "فارسی")])
async def test_right_to_left_journey_without_consent_reaches_every_menu_entry(fake_api, bot_process, language, native):
    her = fake_api.user(HER, language_code=language)
    await her.send("/start")
    await her.wait_for(tr("Choose your language.", language))
    labels = her.buttons()
    assert labels[0] == f"✓ {native}", labels  # preselected from Telegram's language
    assert {"English", "Français"} <= set(labels)

    await her.press(f"✓ {native}")
    welcome = await her.wait_for("112", with_button=tr("Continue ➡", language))
    assert reads_right_to_left(welcome["text"])
    await her.press(tr("Continue ➡", language))
    consent = await her.wait_for(tr("Remember me", language))
    assert reads_right_to_left(consent["text"])
    assert all(label.startswith(("⬜", tr("Continue ➡", language), tr("✖ Exit", language))) for label in her.buttons())
    await her.press(tr("Continue ➡", language))

    menu = await her.wait_for(tr("What would you like to do?", language))
    for entry in MENU_ENTRIES:
        await her.press(tr(entry, language), message=menu)
        screen = await her.wait_for(
            lambda m: tr("What would you like to do?", language) not in m["text"], with_button=tr("✖ Exit", language)
        )  # noqa: E501
        assert reads_right_to_left(screen["text"]), screen["text"]
        sent = await her.send("/start")
        menu = await her.wait_for(tr("What would you like to do?", language), after=sent)

    await her.press(tr("⚙ Settings", language))
    await her.wait_for(tr("Language: {language}", language).split("{")[0])
    await her.press(tr("📋 What do you keep about me?", language))
    nothing = await her.wait_for(
        tr(
            "I keep nothing about you. This conversation lives only in memory: "
            "it ends with ✖ Exit or when the bot restarts.",
            language,
        )
    )
    assert reads_right_to_left(nothing["text"])
    for message in her.screen():
        if message["from_bot"] and message.get("text"):
            assert reads_right_to_left(message["text"]), message["text"]
    for button_row in her.last_bot_message()["reply_markup"]:
        for button in button_row:
            assert reads_right_to_left(button["text"]) or button["text"][0] in "✖⬅📎"


async def test_the_emergency_number_is_one_tap_from_talk_to_a_person(fake_api, bot_process):
    her = fake_api.user(HER, language_code="fr")
    await her.send("/start")
    await her.wait_for(tr("Choose your language.", "fr"))
    await her.press("✓ Français")
    await her.press_when(tr("Continue ➡", "fr"))
    await her.press_when(tr("Continue ➡", "fr"), containing=tr("Remember me", "fr"))
    await her.wait_for(tr("What would you like to do?", "fr"))
    await her.press(tr("🙋 Talk to a person", "fr"))
    await her.press_when("🆘 " + tr("I am not safe right now", "fr"))
    screen = await her.wait_for("112")
    assert tr("If you are in danger now, call 112. It is free and works in every EU country.", "fr") in screen["text"]


async def test_changing_language_in_settings_rerenders_at_once(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    await her.send("/start")
    await her.wait_for("Choose your language.")
    await her.press("✓ English")
    await her.press_when("Continue ➡")
    await her.press_when("Continue ➡", containing="Remember me")
    await her.press_when("⚙ Settings")
    await her.press_when("🌐 Language")
    await her.wait_for("Choose your language.")
    await her.press("العربية")
    settings = await her.wait_for("العربية", with_button=tr("🌐 Language", "ar"))
    assert reads_right_to_left(settings["text"])
