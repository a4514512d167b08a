"""Talk to a person without Telegram: routing, office hours, what is due, and the store (SQLite and PostgreSQL)."""

import asyncio
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from bot.consent import Purpose
from bot.directory import Directory
from bot.storage.models import Base, HelpRequest, RelayLink, TranscriptLine
from bot.storage.repositories import PersonalData
from bot.storage.talk_store import TalkStore
from bot.talk import (
    OPEN,
    PAUSED,
    REANNOUNCE,
    TELL_NOBODY_FREE,
    WAITING,
    Mediator,
    Timing,
    due,
    new_code,
    next_opening,
    offered_to,
    office_open,
)

HER = 7000001
MARIAM, JEAN, NADIA = 7100001, 7100002, 7100003
ATHENS = ZoneInfo("Europe/Athens")

MEDIATORS = [
    Mediator(1, frozenset({"ar", "fr"}), woman=True),
    Mediator(2, frozenset({"fr"}), woman=False),
    Mediator(3, frozenset({"en"}), woman=True),
]


def test_a_request_goes_to_those_who_speak_her_language():
    assert offered_to(MEDIATORS, "fr", woman_wanted=False, urgent=False) == [1, 2]
    assert offered_to(MEDIATORS, "ar", woman_wanted=False, urgent=False) == [1]


def test_her_wish_for_a_woman_is_kept_even_beyond_her_language():
    assert offered_to(MEDIATORS, "fr", woman_wanted=True, urgent=False) == [1]
    assert offered_to(MEDIATORS, "ti", woman_wanted=True, urgent=False) == [1, 3]  # women first, any language
    men = [Mediator(2, frozenset({"fr"}), woman=False)]
    assert offered_to(men, "fr", woman_wanted=True, urgent=False) == [2]  # nobody dropped: someone answers


def test_urgent_or_unspoken_language_goes_to_everyone():
    assert offered_to(MEDIATORS, "ar", woman_wanted=False, urgent=True) == [1, 2, 3]
    assert offered_to(MEDIATORS, "ti", woman_wanted=False, urgent=False) == [1, 2, 3]
    assert offered_to([], "fr", woman_wanted=False, urgent=False) == []


def _directory(**hours) -> Directory:
    return Directory(
        example=True,
        country="GR",
        timezone=ATHENS,
        hotline=None,
        office_hours={day: (time(9), time(17)) for day in hours.get("days", range(5))},
        reply_within_minutes=30,
    )


def test_office_hours_are_read_in_the_organisation_s_time_zone():
    directory = _directory()
    monday_10_athens = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 10:00 in Athens
    assert office_open(directory, monday_10_athens)
    friday_evening = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 18:00 in Athens
    assert not office_open(directory, friday_evening)
    opening = next_opening(directory, friday_evening)
    assert (opening.weekday(), opening.hour) == (0, 9)  # Monday 09:00 local
    assert next_opening(_directory(days=()), friday_evening) is None


def test_an_untaken_request_is_announced_again_then_she_is_told_once_each():
    start = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    timing = Timing(reannounce_after=timedelta(minutes=10), nobody_free_after=timedelta(minutes=30))
    assert due(start, False, False, start + timedelta(minutes=9), timing) == []
    assert due(start, False, False, start + timedelta(minutes=10), timing) == [REANNOUNCE]
    assert due(start, True, False, start + timedelta(minutes=29), timing) == []
    assert due(start, True, False, start + timedelta(minutes=31), timing) == [TELL_NOBODY_FREE]
    assert due(start, True, True, start + timedelta(hours=5), timing) == []
    assert due(start, False, False, start + timedelta(hours=1), timing) == [REANNOUNCE, TELL_NOBODY_FREE]


def test_reference_codes_are_short_and_unambiguous():
    codes = {new_code() for _ in range(500)}
    assert len(codes) > 490
    assert all(len(code) == 5 and not set(code) & set("O0I1LSB5Z2") for code in codes)


# The store -------------------------------------------------------------------------------------


async def _request(store: TalkStore, **changes):
    values = dict(topic="contract", language="ar", her_language="ar", woman_wanted=True, urgent=False) | changes
    return await store.open_request(HER, **values)


async def test_the_migrations_create_exactly_the_tables_the_models_describe(engine):
    async with engine.connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    assert differences == []


async def test_when_two_mediators_take_at_the_same_moment_exactly_one_gets_it(sessionmaker, vault):
    store = TalkStore(sessionmaker, vault)
    mariam = await store.add_staff(MARIAM, ["mediator"], ["ar"], "Mariam", True)
    nadia = await store.add_staff(NADIA, ["mediator"], ["ar"], "Nadia", True)
    for _round in range(5):
        request = await _request(store)
        results = await asyncio.gather(store.take(request.id, mariam.id), store.take(request.id, nadia.id))
        assert sorted(results) == [False, True]
        taken = await store.request(request.id)
        assert taken.state == OPEN and taken.mediator_id in (mariam.id, nadia.id)
        await store.close(request.id)


async def test_a_request_holds_no_telegram_id_in_clear_and_closing_deletes_it_with_its_links(sessionmaker, vault):
    store = TalkStore(sessionmaker, vault)
    mariam = await store.add_staff(MARIAM, ["mediator"], ["ar"], "Mariam", True)
    request = await _request(store)
    assert (await store.active_request(HER)).code == request.code
    await store.link(request.id, 11, None, None)
    await store.link(request.id, 12, None, None)
    assert await store.take(request.id, mariam.id)
    assert await store.take_pending(request.id) == [11, 12]  # in the order she sent them
    await store.link(request.id, 13, mariam.id, 501)
    assert await store.request_for_reply(mariam.id, 501) == request.id
    async with sessionmaker() as session:
        row = await session.scalar(select(HelpRequest))
        assert str(HER).encode() not in row.her_chat_enc and row.her_ref != str(HER)
    await store.close(request.id)
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(HelpRequest)) == 0
        assert await session.scalar(select(func.count()).select_from(RelayLink)) == 0
    assert await store.active_request(HER) is None


async def test_removing_a_mediator_sends_her_requests_back_to_the_queue(sessionmaker, vault):
    store = TalkStore(sessionmaker, vault)
    jean = await store.add_staff(JEAN, ["mediator"], ["fr"], "Jean", False)
    request = await _request(store, language="fr")
    assert await store.take(request.id, jean.id)
    assert await store.remove_staff(jean.id)
    orphaned = await store.orphaned()
    assert [r.id for r in orphaned] == [request.id]
    await store.requeue(request.id)
    again = await store.request(request.id)
    assert again.state == WAITING and again.mediator_id is None and not again.reannounced


async def test_an_invite_works_once_and_only_within_48_hours(sessionmaker, vault):
    store = TalkStore(sessionmaker, vault)
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    code = await store.create_invite(["mediator"], ["ar"], "Mariam", True, now=now)
    assert await store.redeem_invite("wrong", MARIAM, now=now) is None
    staff = await store.redeem_invite(code, MARIAM, now=now + timedelta(hours=1))
    assert staff is not None and staff.roles == ("mediator",) and staff.alias == "Mariam"
    assert await store.redeem_invite(code, NADIA, now=now + timedelta(hours=2)) is None  # single use
    late = await store.create_invite(["mediator"], [], "Late", False, now=now)
    assert await store.redeem_invite(late, NADIA, now=now + timedelta(hours=49)) is None
    assert await store.staff_for(NADIA) is None


async def test_only_one_caller_claims_a_once_only_moment(sessionmaker, vault):
    store = TalkStore(sessionmaker, vault)
    request = await _request(store)
    results = await asyncio.gather(*(store.claim(request.id, "reannounced_at") for _ in range(4)))
    assert sorted(results) == [False, False, False, True]


async def test_a_transcript_is_kept_only_with_her_consent_and_encrypted(sessionmaker, vault):
    store = TalkStore(sessionmaker, vault)
    line = {"from": "her", "text": "Canary-line-9931"}
    assert not await store.keep_line(HER, line)  # no consent: nothing
    async with sessionmaker() as session, session.begin():
        await PersonalData(session, vault).grant(HER, Purpose.KEEP_CONVERSATION)
    assert await store.keep_line(HER, line)
    assert await store.transcript(HER) == [line]
    async with sessionmaker() as session:
        stored = await session.scalar(select(TranscriptLine))
        assert b"Canary-line-9931" not in stored.line_enc
    assert await store.delete_old_transcripts(datetime.now(UTC) + timedelta(days=1)) == 1
    assert await store.transcript(HER) == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_audit_log_names_staff_by_number_and_never_by_telegram_id(sessionmaker, vault):
    store = TalkStore(sessionmaker, vault)
    mariam = await store.add_staff(MARIAM, ["mediator"], ["ar"], "Mariam", True)
    await store.audit(mariam.label, "take", "ACDEF")
    await store.audit(store.not_staff_label(HER), "refused: take")
    entries = await store.audit_entries()
    text = repr(entries)
    assert "staff #1 (Mariam)" in text and "not staff" in text
    assert str(MARIAM) not in text and str(HER) not in text


async def test_a_request_she_paused_before_anyone_took_it_can_be_taken_and_stays_paused(sessionmaker, vault):
    store = TalkStore(sessionmaker, vault)
    mariam = await store.add_staff(MARIAM, ["mediator"], ["ar"], "Mariam", True)
    request = await _request(store)
    await store.set_state(request.id, PAUSED)
    assert await store.take(request.id, mariam.id)
    taken = await store.request(request.id)
    assert taken.state == PAUSED and taken.mediator_id == mariam.id  # nothing reaches her until she writes
