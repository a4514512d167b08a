"""With "Remember me" on, a restart keeps her language and her place; switched off, nothing stays."""

from sqlalchemy import create_engine, func, select, text

from bot.storage.models import Consent, DialogStateRow, Person
from tests.e2e.steps import onboard, tr

HER = 6161001


def count_rows(sqlite_url: str, model) -> int:
    engine = create_engine(sqlite_url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        result = connection.execute(select(func.count()).select_from(model)).scalar()
    engine.dispose()
    return result


async def test_restart_keeps_language_and_place(fake_api, bot_process, sqlite_url):
    her = fake_api.user(HER, language_code="en")
    await onboard(her, "fr", "Français", consents=("Remember me",)) if False else None
    await her.send("/start")
    await her.wait_for("Choose your language.")
    await her.press("Français")
    await her.press_when(tr("Continue ➡", "fr"), containing="112")
    await her.press_when(f"⬜ {tr('Remember me', 'fr')}")
    await her.wait_for(lambda m: True, with_button=f"✅ {tr('Remember me', 'fr')}")
    await her.press_when(tr("Continue ➡", "fr"))
    await her.press_when(tr("⚙ Settings", "fr"))
    settings = await her.wait_for(tr("Language: {language}", "fr").split("{")[0])
    assert count_rows(sqlite_url, Person) == 1

    await bot_process.restart(fake_api)

    # Her place: the Settings screen still answers its buttons after the restart.
    await her.press(tr("🌐 Language", "fr"), message=settings)
    await her.wait_for(tr("Choose your language.", "fr"))
    # Her language: /start goes straight to the menu, in French.
    await her.send("/start")
    await her.wait_for(tr("What would you like to do?", "fr"))


async def test_without_consent_a_restart_forgets_her(fake_api, bot_process, sqlite_url):
    her = fake_api.user(HER, language_code="en")
    await onboard(her, "en", "English")
    await her.press_when("⚙ Settings")
    settings = await her.wait_for("Language:")
    assert count_rows(sqlite_url, Person) == 0

    await bot_process.restart(fake_api)

    await her.press("🌐 Language", message=settings)  # a button from before the restart
    await her.wait_for("Choose your language.")  # back to the very start, nothing remembered
    assert count_rows(sqlite_url, Person) == 0


async def test_switching_remember_me_off_deletes_it_at_once(fake_api, bot_process, sqlite_url):
    her = fake_api.user(HER, language_code="en")
    await onboard(her, consents=("Remember me", "Save my CV"))
    assert count_rows(sqlite_url, Consent) == 2
    assert count_rows(sqlite_url, DialogStateRow) > 0
    await her.press_when("⚙ Settings")
    await her.press_when("🔒 What I may keep")
    await her.press_when("✅ Remember me")
    await her.wait_for(lambda m: True, with_button="⬜ Remember me")
    assert count_rows(sqlite_url, DialogStateRow) == 0
    assert count_rows(sqlite_url, Consent) == 1
    await her.press_when("✅ Save my CV")
    await her.wait_for(lambda m: True, with_button="⬜ Save my CV")
    assert count_rows(sqlite_url, Person) == 0
    # She carries on in memory: the screen still works.
    await her.press_when("⬅ Back")
    await her.wait_for("Language:")
    _ = text
