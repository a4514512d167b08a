"""The sandbox clock: moving it forward makes a reminder due now arrive at once, exactly once."""

import asyncio
from datetime import UTC, datetime, timedelta

from tests.e2e.test_counsellor_reminders import COUNSELLOR, ROSE, pair_by_link, reminder_prefix, schedule_weekly


async def test_jumping_the_clock_delivers_a_reminder_due_in_the_skipped_time(fake_api, make_bot, sqlite_url, tmp_path):
    clock_file = tmp_path / "clock"
    bot = await make_bot(sqlite_url, SANDBOX_CLOCK_FILE=str(clock_file), REMINDER_LEADS_MINUTES="10")
    counsellor = fake_api.user(COUNSELLOR, first_name="CounsellorPrivate", language_code="en")
    rose = fake_api.user(ROSE, first_name="RosePrivate", language_code="ar")
    await bot.cli("staff", "add", str(COUNSELLOR), "--role", "counsellor", "--languages", "en", "--alias", "Maria")
    await pair_by_link(counsellor, rose, "ar", "Rose")
    await counsellor.wait_for("Rose accepted your invitation.")

    # A session in 20 minutes: its reminder is due in about 10 minutes of real time.
    appointment = (datetime.now(UTC) + timedelta(minutes=20)).replace(second=0, microsecond=0)
    await schedule_weekly(counsellor, "Rose", appointment, "Office, room 2")
    prefix = reminder_prefix("ar")
    await asyncio.sleep(2)
    assert not [text for text in rose.bot_texts() if prefix in text]

    clock_file.write_text(f"{12 * 60}\n")  # what the sandbox's "+12 min" writes
    await rose.wait_for(lambda m: prefix in m["text"], timeout=30)
    await asyncio.sleep(3)
    assert len([text for text in rose.bot_texts() if prefix in text]) == 1
