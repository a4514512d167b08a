"""Session reminders without Telegram: series across daylight-saving changes and leap days, quiet hours,
missed notices, the rate limiter, and the store's exactly-once claims (SQLite and PostgreSQL)."""

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.consent import Purpose
from bot.counselling import Counselling
from bot.directory import load_directory
from bot.i18n import Catalogues
from bot.privacy import Privacy
from bot.rate_limit import RateLimiter
from bot.reminders import (
    DROP,
    FORTNIGHTLY,
    ONCE,
    SEND,
    SEND_LATE,
    WEEKLY,
    Series,
    TimeProblem,
    in_quiet_hours,
    is_ambiguous,
    missed,
    notices,
    shifted_out_of_quiet_hours,
    to_utc,
)
from bot.storage.counselling_store import CounsellingStore
from bot.storage.models import Pairing, Reminder, ReminderNotice
from bot.storage.session_store import DatabaseBackend, MemoryBackend, SessionStore
from bot.storage.talk_store import TalkStore

ATHENS, KYIV, ROME = ZoneInfo("Europe/Athens"), ZoneInfo("Europe/Kyiv"), ZoneInfo("Europe/Rome")
HER, COUNSELLOR = 8100001, 8200001


def test_a_weekly_series_keeps_its_local_time_across_the_clock_change():
    series = Series(date(2026, 10, 19), time(10, 0), ATHENS, WEEKLY)  # clocks go back on 25 October
    before, after = series.occurrence(0), series.occurrence(1)
    assert before.astimezone(ATHENS).time() == after.astimezone(ATHENS).time() == time(10, 0)
    assert after - before == timedelta(days=7, hours=1)  # one hour longer in UTC, same hour on her clock


def test_a_time_the_clocks_skip_is_refused_and_a_repeated_one_is_taken_the_first_time():
    with pytest.raises(TimeProblem):
        to_utc(date(2026, 3, 29), time(3, 30), ATHENS)  # 03:00 -> 04:00 that night
    assert is_ambiguous(date(2026, 10, 25), time(3, 30), ATHENS)
    first = to_utc(date(2026, 10, 25), time(3, 30), ATHENS)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still summer time (+3)
    # A weekly series that lands on the skipped hour moves an hour later instead of vanishing.
    series = Series(date(2026, 3, 22), time(3, 30), ATHENS, WEEKLY)
    assert series.occurrence(1).astimezone(ATHENS).time() == time(4, 30)


def test_a_series_from_29_february_goes_on_week_by_week():
    series = Series(date(2028, 2, 29), time(9, 0), ROME, WEEKLY)
    assert [series.occurrence(i).astimezone(ROME).date() for i in range(3)] == [
        date(2028, 2, 29),
        date(2028, 3, 7),
        date(2028, 3, 14),
    ]
    fortnightly = Series(date(2028, 2, 29), time(9, 0), ROME, FORTNIGHTLY)
    assert fortnightly.occurrence(1).astimezone(ROME).date() == date(2028, 3, 14)


def test_the_next_appointment_is_the_first_that_has_not_started():
    series = Series(date(2026, 11, 2), time(10, 0), ATHENS, WEEKLY)
    index, when = series.next_after(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    assert index == 4 and when.astimezone(ATHENS).date() == date(2026, 11, 30)
    once = Series(date(2026, 11, 2), time(10, 0), ATHENS, ONCE)
    assert once.next_after(datetime(2026, 11, 25, tzinfo=UTC)) is None


def test_notices_come_24_hours_and_1_hour_before():
    appointment = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    due = notices(appointment, (timedelta(hours=24), timedelta(hours=1)))
    assert due == [("1440m", appointment - timedelta(hours=24)), ("60m", appointment - timedelta(hours=1))]


def test_quiet_hours_are_hers_and_shift_never_lands_after_the_appointment():
    late_evening = datetime(2026, 11, 25, 20, 30, tzinfo=UTC)  # 22:30 in Kyiv, 21:30 in Rome
    assert in_quiet_hours(late_evening, KYIV) and in_quiet_hours(late_evening, ROME)
    assert not in_quiet_hours(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), KYIV)
    appointment = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    shifted = shifted_out_of_quiet_hours(late_evening, KYIV, appointment)
    assert shifted.astimezone(KYIV).time() == time(8, 0)
    early = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)  # 07:00 in Kyiv, appointment at 07:30
    assert shifted_out_of_quiet_hours(early, KYIV, early + timedelta(minutes=30)) == early


def test_a_notice_missed_while_the_bot_was_down_is_sent_late_or_dropped():
    due, appointment = datetime(2026, 11, 25, 9, tzinfo=UTC), datetime(2026, 11, 25, 10, tzinfo=UTC)
    assert missed(due, appointment, due - timedelta(minutes=1)) == SEND
    assert missed(due, appointment, due + timedelta(minutes=30)) == SEND_LATE
    assert missed(due, appointment, appointment + timedelta(minutes=1)) == DROP


async def test_the_rate_limiter_keeps_30_a_second_overall_and_one_a_second_per_chat():
    clock = [0.0]
    waited: list[float] = []

    async def fake_sleep(seconds):
        waited.append(clock[0] + seconds)

    limiter = RateLimiter(per_second=30, per_chat_seconds=1.0, clock=lambda: clock[0], sleep=fake_sleep)
    for chat in range(60):
        await limiter.wait(chat)
    assert max(waited) == pytest.approx(59 / 30)  # 60 chats: two seconds, in order
    waited.clear()
    for _ in range(3):
        await limiter.wait(7)  # the same chat three times
    assert waited[-1] - waited[0] == pytest.approx(2.0, abs=0.01)


# The store -----------------------------------------------------------------------------------


async def _paired(sessionmaker, vault):
    staff = await TalkStore(sessionmaker, vault).add_staff(COUNSELLOR, ["counsellor"], ["en"], "Maria", True)
    store = CounsellingStore(sessionmaker, vault)
    code = await store.create_invite(staff.id)
    assert await store.use_invite(code) == staff.id
    pairing = await store.pair(HER, staff.id, "Rose", "ar", ATHENS)
    return store, staff, pairing


async def test_an_invite_is_single_use_and_expires(sessionmaker, vault):
    staff = await TalkStore(sessionmaker, vault).add_staff(COUNSELLOR, ["counsellor"], [], "Maria", True)
    store = CounsellingStore(sessionmaker, vault)
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    code = await store.create_invite(staff.id, now)
    assert len(code) == 6
    assert await store.invite_counsellor(code.lower(), now) == staff.id  # typed in lower case: fine
    assert await store.use_invite(code, now + timedelta(hours=47)) == staff.id
    assert await store.use_invite(code, now + timedelta(hours=47)) is None
    late = await store.create_invite(staff.id, now)
    assert await store.use_invite(late, now + timedelta(hours=49)) is None


async def test_notices_are_planned_once_and_claimed_once(sessionmaker, vault):
    store, _staff, pairing = await _paired(sessionmaker, vault)
    now = datetime.now(UTC)
    series = Series((now + timedelta(days=2)).astimezone(ATHENS).date(), time(10, 0), ATHENS, WEEKLY)
    reminder_id = await store.add_reminder(pairing.id, series, "Office, room 2")
    leads = (timedelta(hours=24), timedelta(hours=1))
    first = await store.plan(reminder_id, now, leads)
    again = await store.plan(reminder_id, now, leads)
    assert len(first) == 2 and [n.id for n in again] == [n.id for n in first]
    claims = await asyncio.gather(*(store.claim_notice(first[0].id) for _ in range(5)))
    assert sorted(claims) == [False] * 4 + [True]
    assert (await store.reminder(reminder_id)).note == "Office, room 2"
    async with sessionmaker() as session:
        stored = await session.scalar(select(Reminder))
        assert b"Office" not in stored.note_enc  # the note is encrypted


async def test_unpairing_deletes_the_pairing_its_reminders_and_notices_and_tells_the_hook(sessionmaker, vault):
    store, _staff, pairing = await _paired(sessionmaker, vault)
    series = Series(date.today() + timedelta(days=3), time(10, 0), ATHENS, WEEKLY)
    reminder_id = await store.add_reminder(pairing.id, series, "")
    await store.plan(reminder_id, datetime.now(UTC), (timedelta(hours=1),))
    privacy = Privacy(sessionmaker, vault, SessionStore(MemoryBackend(60), DatabaseBackend(sessionmaker, vault)))
    told = []

    async def hook(user_id):
        told.append((user_id, (await store.pairing_of(user_id)).alias))

    privacy.before_revoke(Purpose.MY_COUNSELLOR, hook)
    await privacy.set_consent(HER, Purpose.MY_COUNSELLOR, False)
    assert told == [(HER, "Rose")]  # told while the pairing still existed
    async with sessionmaker() as session:
        for table in (Pairing, Reminder, ReminderNotice):
            assert await session.scalar(select(func.count()).select_from(table)) == 0


async def test_a_leaving_counsellor_hands_her_women_over_or_their_pairings_end(sessionmaker, vault):
    store, staff, pairing = await _paired(sessionmaker, vault)
    other = await TalkStore(sessionmaker, vault).add_staff(COUNSELLOR + 1, ["counsellor"], [], "Nina", True)
    await store.hand_over_all(staff.id, other.id)
    assert (await store.pairing(pairing.id)).counsellor_id == other.id
    await store.hand_over_all(other.id, None)
    assert await store.pairing(pairing.id) is None


class RecordingBot:
    def __init__(self):
        self.sent = []

    async def send_message(self, chat_id, text, **kwargs):
        self.sent.append((chat_id, text, kwargs))


async def test_the_morning_summary_lists_today_s_sessions_with_her_answers(sessionmaker, vault):
    store, staff, pairing = await _paired(sessionmaker, vault)
    now = datetime(2026, 11, 26, 5, 30, tzinfo=UTC)  # 07:30 in Athens
    reminder_id = await store.add_reminder(pairing.id, Series(date(2026, 11, 26), time(15, 0), ATHENS, WEEKLY), "")
    notices_ = await store.plan(reminder_id, now, (timedelta(hours=1),))
    await store.answer(notices_[0].id, "coming")
    bot = RecordingBot()
    counselling = Counselling(
        bot,
        store,
        TalkStore(sessionmaker, vault),
        Privacy(sessionmaker, vault, SessionStore(MemoryBackend(60), DatabaseBackend(sessionmaker, vault))),
        Catalogues.load(),
        load_directory(),
        RateLimiter(),
        clock=lambda: now,
    )
    assert await counselling.morning_summary() == 1
    chat_id, text, _ = bot.sent[0]
    assert chat_id == COUNSELLOR and "Today's sessions" in text and "Rose" in text and "I'll come" in text
    assert "3:00" in text  # 15:00 in the office's time, written the English way


async def _session_in_two_hours(sessionmaker, vault):
    """A paired woman with one session two hours from now: (store, reminder id, now)."""
    store, _staff, pairing = await _paired(sessionmaker, vault)
    now = datetime.now(UTC)
    appointment = (now + timedelta(hours=2)).astimezone(ATHENS)
    series = Series(appointment.date(), time(appointment.hour, appointment.minute), ATHENS, ONCE)
    return store, await store.add_reminder(pairing.id, series, ""), now


async def test_a_due_notice_whose_job_failed_gets_a_new_job_at_the_next_check(sessionmaker, vault):
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    store, reminder_id, now = await _session_in_two_hours(sessionmaker, vault)
    (notice,) = await store.plan(reminder_id, now, (timedelta(hours=3),))  # due an hour ago, appointment ahead
    counselling = Counselling(
        RecordingBot(),
        store,
        TalkStore(sessionmaker, vault),
        Privacy(sessionmaker, vault, SessionStore(MemoryBackend(60), DatabaseBackend(sessionmaker, vault))),
        Catalogues.load(),
        load_directory(),
        RateLimiter(),
        clock=lambda: now,
    )
    scheduler = AsyncIOScheduler()
    counselling.attach(scheduler)
    scheduler.start(paused=True)  # this process runs the scheduler (paused: the job is only looked at)
    await counselling.catch_up()
    assert [job.id for job in scheduler.get_jobs()] == [f"notice:{notice.id}"]
    await counselling.catch_up()  # already has its job: nothing added twice
    assert len(scheduler.get_jobs()) == 1
    scheduler.shutdown(wait=False)


async def test_a_notice_claimed_by_a_sender_that_died_is_sent_by_the_next_scheduler(sessionmaker, vault):
    store, reminder_id, now = await _session_in_two_hours(sessionmaker, vault)
    delivered, died = await store.plan(reminder_id, now, (timedelta(hours=3), timedelta(hours=2, minutes=30)))
    for notice in (delivered, died):
        assert await store.claim_notice(notice.id)
    await store.settle_notice(delivered.id)  # the other one: its sender was killed before Telegram had it
    assert await store.release_abandoned() == 1
    assert [n.id for n in await store.unsent_notices()] == [died.id]
    assert await store.claim_notice(died.id) and not await store.claim_notice(died.id)
