"""A whole journey leaves no trace she did not choose: no rows, no canary in logs, nothing after delete."""

import pytest
from sqlalchemy import func, select

from bot.storage.models import Base
from tests.conftest import _fresh_postgres_database
from tests.e2e.steps import onboard

HER = 8080123457
CANARY = "CANARY-b0b5-Фатима-فاطمة"


@pytest.fixture(params=["sqlite", "postgres"])
async def any_database_url(request, sqlite_url):
    if request.param == "sqlite":
        return sqlite_url
    return await _fresh_postgres_database(request.getfixturevalue("postgres_server"))


async def test_no_consent_journey_leaves_no_row_and_clean_logs(fake_api, make_bot, any_database_url):
    process = await make_bot(any_database_url)
    her = fake_api.user(HER, first_name=CANARY, language_code="ar")
    await onboard(her, "ar", "العربية")
    await her.send(CANARY)
    await her.send("/start " + CANARY)
    await her.wait_idle()
    await her.press_when("⚙ الإعدادات")
    await her.press_when("📋 ماذا تحفظ عني؟")
    await her.wait_idle()

    assert await db_rows(any_database_url) == 0
    logs = process.logs()
    assert CANARY not in logs and "Фатима" not in logs
    assert str(HER) not in logs


async def test_delete_everything_leaves_no_row(fake_api, make_bot, any_database_url):
    await make_bot(any_database_url)
    her = fake_api.user(HER, language_code="en")
    await onboard(her, consents=("Remember me", "Save my CV", "My counsellor", "Keep my conversation"))
    assert await db_rows(any_database_url) > 0
    await her.press_when("⚙ Settings")
    await her.press_when("📋 What do you keep about me?")
    kept = await her.wait_for("This is everything I keep about you:")
    assert "Remember me" in kept["text"] and "Keep my conversation" in kept["text"]
    await her.press_when("📎 Send me a copy")
    copy = await her.wait_for(lambda m: m["kind"] == "document")
    assert copy["protect_content"]
    assert b'"remember_me"' in copy["file"][1]
    await her.press_when("⬅ Back")
    await her.press_when("🗑 Delete everything")
    await her.press_when("Yes, delete everything")
    await her.wait_for("Done. Everything I kept about you is deleted.")
    assert await db_rows(any_database_url) == 0
    await her.press_when("Start again")
    await her.wait_for("Choose your language.")


async def db_rows(url: str) -> int:
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    total = 0
    async with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name == "vault_key":
                continue  # the installation's encrypted hashing key: about no one
            total += (await connection.execute(select(func.count()).select_from(table))).scalar()
    await engine.dispose()
    return total
