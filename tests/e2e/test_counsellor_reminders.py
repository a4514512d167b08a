"""A counsellor pairs with two women and sends weekly session reminders, through the real bot.

The Arabic-speaking woman opens an invite link; the Ukrainian-speaking one types the code and lives in
another time zone. Each gets discreet reminders in her language and time, answers them, the counsellor
sees the answers; a restart between scheduling and sending changes nothing (each reminder exactly once);
unpairing leaves no data.
"""

import asyncio
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_time

from bot.counselling import REMINDER
from bot.i18n import babel_locale
from bot.reminders import in_quiet_hours
from tests.e2e.steps import onboard, tr

COUNSELLOR = 9494001
ROSE, LINA = 9494101, 9494102
ATHENS, ROME = ZoneInfo("Europe/Athens"), ZoneInfo("Europe/Rome")


def rows(sqlite_url: str, table: str) -> int:
    with sqlite3.connect(sqlite_url.split("///")[1]) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed table names


def reminder_prefix(language: str) -> str:
    return re.split(r"\{\w+\}", tr(REMINDER, language))[0].strip()


async def invite(counsellor) -> str:
    sent = await counsellor.send("/start")
    menu = await counsellor.wait_for("Staff menu", after=sent, with_button="👥 Pairings and reminders")
    await counsellor.press("👥 Pairings and reminders", message=menu)
    women = await counsellor.wait_for(lambda m: True, with_button="➕ Invite a woman", after=sent)
    await counsellor.press("➕ Invite a woman", message=women)
    shown = await counsellor.wait_for("Give her this code in person", after=sent)
    return re.search(r"code in person: ([A-Z0-9]{6})", shown["text"]).group(1)


async def pair_by_link(counsellor, woman, language: str, alias: str) -> None:
    """She opens the counsellor's invite link, accepts, and gives the name the counsellor will see."""
    code = await invite(counsellor)
    await woman.send(f"/start pair_{code}")
    await woman.press_when(tr("✅ Yes, pair", language))
    await woman.wait_for(tr("<i>For example: Rose.</i>", language).replace("<i>", "").replace("</i>", ""))
    await woman.send(alias)


async def schedule_weekly(counsellor, alias: str, appointment: datetime, note: str) -> None:
    sent = await counsellor.send("/start")
    menu = await counsellor.wait_for("Staff menu", after=sent, with_button="👥 Pairings and reminders")
    await counsellor.press("👥 Pairings and reminders", message=menu)
    women = await counsellor.wait_for(lambda m: True, with_button=alias, after=sent)
    await counsellor.press(alias, message=women)
    woman = await counsellor.wait_for(lambda m: alias in m["text"], with_button="➕ New reminder", after=sent)
    await counsellor.press("➕ New reminder", message=woman)
    calendar = await counsellor.wait_for("Which day?", after=sent)
    day = appointment.astimezone(ATHENS).strftime("%d")
    label = next(b["text"] for row in calendar["reply_markup"] for b in row if b["text"].strip("[] ") == day)
    await counsellor.press(label, message=calendar)
    await counsellor.wait_for("At what time?")
    await counsellor.send(appointment.astimezone(ATHENS).strftime("%H:%M"))
    await counsellor.wait_for("Use neutral words")
    await counsellor.send(note)
    await counsellor.press_when("Every week")
    await counsellor.wait_for(lambda m: alias in m["text"] and "Every week" in m["text"])


async def test_two_women_pair_get_weekly_reminders_in_their_language_and_zone_across_a_restart(
    fake_api, make_bot, sqlite_url
):
    # Appointment four to five minutes ahead; the two notices fall due about 50 and 60 seconds from now.
    start = datetime.now(UTC)
    appointment = (start + timedelta(minutes=5)).replace(second=0, microsecond=0)
    leads = [(appointment - (start + timedelta(seconds=seconds))).total_seconds() / 60 for seconds in (50, 60)]
    bot = await make_bot(sqlite_url, REMINDER_LEADS_MINUTES=",".join(f"{lead:.4f}" for lead in leads))
    counsellor = fake_api.user(COUNSELLOR, first_name="CounsellorPrivate", language_code="en")
    rose = fake_api.user(ROSE, first_name="RosePrivate", language_code="ar")
    lina = fake_api.user(LINA, first_name="LinaPrivate", language_code="uk")
    await bot.cli("staff", "add", str(COUNSELLOR), "--role", "counsellor", "--languages", "en", "--alias", "Maria")

    # Rose opens the invite link, reads what pairing means, accepts, and picks the name the counsellor sees.
    await pair_by_link(counsellor, rose, "ar", "Rose")
    await rose.wait_for(
        tr("Done. Your counsellor can now send you reminders. Reminders use plain words, like any appointment.", "ar")
    )  # noqa: E501
    await counsellor.wait_for("Rose accepted your invitation.")

    # Lina, in Ukrainian, types her code in Settings and lives in Rome's time zone.
    code = await invite(counsellor)
    await onboard(lina, "uk", "Українська")
    await lina.press_when(tr("⚙ Settings", "uk"))
    await lina.press_when(tr("🤝 My counsellor", "uk"))
    await lina.press_when(tr("🔑 I have a code", "uk"))
    await lina.wait_for(tr("Type the code your counsellor gave you.", "uk"))
    await lina.send(code.lower())
    await lina.press_when(tr("✅ Yes, pair", "uk"))
    await lina.wait_for(lambda m: True, with_button=tr("⬅ Back", "uk"))
    await lina.send("Lina")
    await counsellor.wait_for("Lina accepted your invitation.")
    await lina.press_when(tr("🏠 Menu", "uk"))
    await lina.press_when(tr("⚙ Settings", "uk"))
    await lina.press_when(tr("🤝 My counsellor", "uk"))
    await lina.press_when(tr("🕒 Time zone", "uk"))
    await lina.press_when("Rome")
    await lina.wait_for("Rome")

    # The counsellor sets a weekly session for each; then the bot restarts before anything is sent.
    await schedule_weekly(counsellor, "Rose", appointment, "Office, room 2")
    await schedule_weekly(counsellor, "Lina", appointment, "Office, room 2")
    assert rows(sqlite_url, "reminder") == 2
    await bot.restart(fake_api)

    # Each woman gets both reminders, once each, in her language and her time zone.
    for woman, language, zone in ((rose, "ar", ATHENS), (lina, "uk", ROME)):
        prefix = reminder_prefix(language)
        await woman.wait_for(lambda m, p=prefix: p in m["text"], timeout=90)
        await asyncio.sleep(12)
        reminders = [m for m in woman.screen() if m["from_bot"] and prefix in m["text"]]
        assert len(reminders) == 2, [m["text"] for m in reminders]
        local = format_time(appointment.astimezone(zone), "short", locale=babel_locale(language))
        assert local in reminders[0]["text"] and "Office, room 2" in reminders[0]["text"]
        for text in (m["text"] for m in reminders):
            for word in ("counsel", "trafficking", "victim", "Maria"):
                assert word not in text.lower()
    sends = [call for call in fake_api.calls_for("sendMessage") if reminder_prefix("ar") in str(call.get("text"))]
    assert all(bool(call.get("disable_notification")) == in_quiet_hours(start, ATHENS) for call in sends)

    # Their answers reach the counsellor at once, with the name each chose.
    await rose.press(tr("I'll come", "ar"), message=rose.last_keyboard_message())
    await counsellor.wait_for("Rose: I'll come")
    await lina.press(tr("Another time please", "uk"), message=lina.last_keyboard_message())
    await counsellor.wait_for("Lina: Another time please")
    await lina.wait_for(tr("Your answer was sent: {answer}", "uk").split("{")[0].strip())

    # Rose prepares an interview and chooses to send her notes to her counsellor.
    await onboard(rose, "ar", "العربية")
    await rose.press_when(tr("💬 Practise an interview", "ar"))
    await rose.press_when(tr("📝 Prepare for a real interview", "ar"))
    await rose.wait_for(tr("Which employer is it?", "ar"))
    await rose.send("Hotel Olympia")
    for step in ("Which job?", "When is the interview?", "Where is it? The address or the place."):
        await rose.press_when(tr("Skip ➡", "ar"), containing=tr(step, "ar"))
    await rose.press_when(tr("📤 Send to my counsellor", "ar"))
    shared = await counsellor.wait_for("Rose shared her interview notes with you:")
    assert "Hotel Olympia" in shared["text"]

    # Lina ends the pairing: her counsellor is told and nothing of the pairing is left. (The restart forgot
    # her place in the bot: she chose "my counsellor", not "remember me".)
    await onboard(lina, "uk", "Українська")
    menu = lina.last_keyboard_message()
    await lina.press(tr("⚙ Settings", "uk"), message=menu)
    current = menu["message_id"]  # screens change in place from here: older messages are from before the restart
    settings = await lina.wait_for(lambda m: m["message_id"] >= current, with_button=tr("🤝 My counsellor", "uk"))
    await lina.press(tr("🤝 My counsellor", "uk"), message=settings)
    mine = await lina.wait_for(lambda m: m["message_id"] >= current, with_button=tr("✖ End the pairing", "uk"))
    await lina.press(tr("✖ End the pairing", "uk"), message=mine)
    await counsellor.wait_for("Lina ended the pairing. Her reminders are cancelled.")
    await lina.wait_for(tr("You are not paired with a counsellor.", "uk"))
    assert rows(sqlite_url, "pairing") == 1 and rows(sqlite_url, "reminder") == 1
    assert rows(sqlite_url, "person") == 1  # Rose only: Lina chose nothing else to keep


async def test_a_429_is_waited_out_without_a_duplicate_and_a_403_pauses_the_pairing(fake_api, make_bot, sqlite_url):
    start = datetime.now(UTC)
    appointment = (start + timedelta(minutes=5)).replace(second=0, microsecond=0)
    leads = [(appointment - (start + timedelta(seconds=seconds))).total_seconds() / 60 for seconds in (40, 52)]
    bot = await make_bot(sqlite_url, REMINDER_LEADS_MINUTES=",".join(f"{lead:.4f}" for lead in leads))
    counsellor = fake_api.user(COUNSELLOR, first_name="CounsellorPrivate", language_code="en")
    rose = fake_api.user(ROSE, first_name="RosePrivate", language_code="en")
    await bot.cli("staff", "add", str(COUNSELLOR), "--role", "counsellor", "--languages", "en", "--alias", "Maria")
    code = await invite(counsellor)
    await rose.send(f"/start pair_{code}")
    await rose.press_when("✅ Yes, pair")
    await rose.wait_for("Which name should your counsellor see?")
    await rose.send("Rose")
    await counsellor.wait_for("Rose accepted your invitation.")
    await schedule_weekly(counsellor, "Rose", appointment, "")
    # Another woman declines an invitation: the counsellor is told only that.
    declined = await invite(counsellor)
    other = fake_api.user(LINA, first_name="LinaPrivate", language_code="en")
    await other.send(f"/start pair_{declined}")
    await other.press_when("No, thank you")
    await other.wait_for("you are not paired")
    await counsellor.wait_for(f"Your invitation {declined} was declined.")

    fake_api.fail_next("sendMessage", 429, retry_after=1, chat_id=ROSE)
    await rose.wait_for(reminder_prefix("en"), timeout=90)
    await asyncio.sleep(2)
    assert sum(reminder_prefix("en") in text for text in rose.bot_texts()) == 1  # retried once, sent once

    fake_api.fail_next("sendMessage", 403, chat_id=ROSE, times=10)  # she blocked the bot
    await counsellor.wait_for("Rose can no longer receive messages.", timeout=60)
    assert rows(sqlite_url, "reminder") == 0 and rows(sqlite_url, "reminder_notice") == 0
    assert rows(sqlite_url, "pairing") == 1  # kept, paused, so the counsellor still sees her
