"""She reads a lesson to the end, in her language; with "remember me" the lesson list shows it finished."""

from bot.content import load_lessons
from tests.e2e.steps import onboard, tr

LESSONS = load_lessons()
HER = 7373001


async def read_lesson(her, lesson, language: str):
    await her.press_when(tr(lesson.title, language))
    for number, page in enumerate(lesson.pages, start=1):
        screen = await her.wait_for(tr(page, language)[:40])
        assert tr(lesson.title, language) in screen["text"]
        if number < len(lesson.pages):
            await her.press(tr("Next ➡", language), message=screen)
    return screen


async def test_reading_a_lesson_to_the_end_in_arabic(fake_api, bot_process):
    her = fake_api.user(HER, language_code="ar")
    await onboard(her, "ar", "العربية")
    await her.press_when(tr("📘 Learn about work", "ar"))
    lesson = LESSONS.by_id("safe_job_search")
    last = await read_lesson(her, lesson, "ar")
    checked = tr("Checked on {date}.", "ar").split("{")[0]
    assert checked in last["text"]
    assert tr("✓ Done", "ar") in [b["text"] for row in last["reply_markup"] for b in row]
    await her.press(tr("⬅ Previous", "ar"), message=last)
    await her.wait_for(tr(lesson.pages[-2], "ar")[:40])
    await her.press_when(tr("📚 All lessons", "ar"))
    await her.wait_for(lambda m: True, with_button=tr(lesson.title, "ar"))


async def test_finished_lessons_are_marked_only_with_remember_me(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    await onboard(her, consents=("Remember me",))
    await her.press_when("📘 Learn about work")
    lesson = LESSONS.by_id("rights_at_work")
    last = await read_lesson(her, lesson, "en")
    await her.press("✓ Done", message=last)
    await her.wait_for(lambda m: True, with_button=f"✓ {lesson.title}")

    other = fake_api.user(HER + 1, language_code="en")
    await onboard(other)
    await other.press_when("📘 Learn about work")
    last = await read_lesson(other, lesson, "en")
    await other.press("✓ Done", message=last)
    await other.wait_for(lambda m: True, with_button=lesson.title)  # nothing kept, nothing marked


async def test_local_help_never_shows_example_numbers(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    await onboard(her)
    await her.press_when("📘 Learn about work")
    last = await read_lesson(her, LESSONS.by_id("local_help"), "en")
    assert "Ask the organisation that gave you this bot" in last["text"]
    assert "+30" not in last["text"]


async def test_a_lesson_ends_with_her_country_which_she_picks_once(fake_api, bot_process, sqlite_url):
    from sqlalchemy import create_engine, func, select

    from bot.country import countries
    from bot.storage.models import Person

    her = fake_api.user(HER + 2, language_code="fr")
    await onboard(her, "fr", "Français")
    await her.press_when(tr("📘 Learn about work", "fr"))
    lesson = LESSONS.by_id("labour_market")
    await read_lesson(her, lesson, "fr")
    await her.press_when(tr("Next ➡", "fr"))
    from bot.dialogs.orientation import CHOOSE_COUNTRY

    choose = tr(CHOOSE_COUNTRY, "fr")
    await her.press_when(tr("Italy", "fr"), containing=choose[:40])
    italy = countries().get("IT")
    page = await her.wait_for(tr(italy.pages["jobs"], "fr")[:40])
    assert tr("Italy", "fr") in page["text"]
    assert tr("Checked on {date}.", "fr").split("{")[0] in page["text"]

    # Another lesson with a country page: no question this time.
    await her.press_when(tr("📚 All lessons", "fr"))
    await read_lesson(her, LESSONS.by_id("your_country"), "fr")
    await her.press_when(tr("Next ➡", "fr"))
    await her.wait_for(tr(italy.pages["guide"], "fr")[:40])
    # Without "remember me" her country lives in memory only.
    engine = create_engine(sqlite_url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Person)).scalar() == 0
    engine.dispose()
