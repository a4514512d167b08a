"""`python -m bot rotate-key`: every stored personal field ends up under the new DATA_KEY, and everything stays
readable before, during and after (the old key decrypts while rows are rewritten). SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import select

from bot.consent import Purpose
from bot.reminders import ONCE, Series
from bot.storage.counselling_store import CounsellingStore
from bot.storage.crypto import Vault
from bot.storage.keys import WrongKey, open_vault
from bot.storage.models import DialogStateRow, Pairing, StaffMember
from bot.storage.repositories import PersonalData
from bot.storage.rotation import FIELDS, rotate
from bot.storage.session_store import DatabaseBackend, Record
from bot.storage.talk_store import TalkStore

OLD, NEW = bytes(range(32)), bytes(range(1, 33))
HER, COUNSELLOR = 7001, 7002
ATHENS = ZoneInfo("Europe/Athens")


async def _everything(sessionmaker, vault) -> dict:
    """What the bot reads back about her and the staff, through the ordinary stores."""
    async with sessionmaker() as session:
        personal = PersonalData(session, vault)
        cv = await personal.load(HER, Purpose.SAVE_CV, "cv")
    counselling = CounsellingStore(sessionmaker, vault)
    pairing = await counselling.pairing_of(HER)
    (reminder,) = await counselling.reminders_of(pairing.id)
    talk = TalkStore(sessionmaker, vault)
    staff = await talk.staff_by_id(pairing.counsellor_id)
    place = await DatabaseBackend(sessionmaker, vault).get(HER, "aiogd:stack")
    return {
        "cv": cv,
        "alias": pairing.alias,
        "her_chat": pairing.chat_id,
        "note": reminder.note,
        "staff_chat": staff.chat_id,
        "place": place.data if place else None,
        "transcript": await talk.transcript(HER),
        "requests": [r.her_chat_id for r in await talk.waiting()],
    }


async def _store_one_of_everything(sessionmaker, vault) -> None:
    async with sessionmaker() as session, session.begin():
        personal = PersonalData(session, vault)
        for purpose in (Purpose.REMEMBER_ME, Purpose.SAVE_CV, Purpose.KEEP_CONVERSATION):
            await personal.grant(HER, purpose)
        await personal.save(HER, Purpose.SAVE_CV, "cv", {"name": "Amina"})
    await DatabaseBackend(sessionmaker, vault).put(HER, "aiogd:stack", Record("Menu:main", {"page": 3}))
    talk = TalkStore(sessionmaker, vault)
    staff = await talk.add_staff(COUNSELLOR, ["counsellor"], ["en"], "Maria", True)
    counselling = CounsellingStore(sessionmaker, vault)
    pairing = await counselling.pair(HER, staff.id, "Rose", "en", ATHENS)
    await counselling.add_reminder(pairing.id, Series(date(2030, 1, 7), time(10, 0), ATHENS, ONCE), "bring papers")
    await talk.keep_line(HER, {"who": "her", "text": "hello"})
    await talk.open_request(HER, topic="work", language="en", her_language="en", woman_wanted=False, urgent=False)


async def test_rotation_rewrites_every_field_and_nothing_becomes_unreadable(sessionmaker):
    before_vault = await open_vault(sessionmaker, OLD)
    await _store_one_of_everything(sessionmaker, before_vault)
    expected = await _everything(sessionmaker, before_vault)
    assert expected["cv"] == {"name": "Amina"} and expected["note"] == "bring papers"

    # The bots restart with DATA_KEY=new, DATA_KEY_PREVIOUS=old: everything reads, before any row is rewritten.
    during = await open_vault(sessionmaker, NEW, previous=OLD)
    assert await _everything(sessionmaker, during) == expected
    # A write during the rotation is under the new key and stays readable.
    await DatabaseBackend(sessionmaker, during).put(HER, "aiogd:stack", Record("Menu:main", {"page": 3}))

    counts = await rotate(sessionmaker, during, batch=1)  # batches of one: every boundary crossed
    assert counts["saved_item.value_enc"] >= 1 and counts["pairing.alias_enc"] == 1
    assert counts["dialog_state.record_enc"] == 0  # rewritten by the bot already
    assert await rotate(sessionmaker, during) == {name: 0 for name in counts}  # run again: nothing left

    # Afterwards the new key alone reads everything (the keyed hashes still find her), the old key nothing.
    after = await open_vault(sessionmaker, NEW)
    assert await _everything(sessionmaker, after) == expected
    with pytest.raises(WrongKey):
        await open_vault(sessionmaker, OLD)
    old_only = Vault(OLD, hash_key=after.hash_key)
    async with sessionmaker() as session:
        pairing = await session.scalar(select(Pairing))
        staff = await session.scalar(select(StaffMember))
        place = await session.scalar(select(DialogStateRow))
    for token, context in (
        (pairing.chat_enc, f"pairing|{pairing.person_id}".encode()),
        (staff.chat_enc, b"staff"),
        (place.record_enc, after.user_ref(HER).encode()),
    ):
        with pytest.raises(InvalidTag):
            old_only.decrypt(token, context=context)
    assert {f"{f.model.__tablename__}.{f.column}" for f in FIELDS} == set(counts)


def test_rotate_key_command_says_what_it_needs(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATA", "REDIS_", "TELEGRAM_"))}
    env.update(DATA_DIR=str(tmp_path), DATA_KEY=NEW.hex())
    result = subprocess.run([sys.executable, "-m", "bot", "rotate-key"], env=env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("jobsteps: set DATA_KEY to the new key")
    # A database made under another key is refused with one line, before anything is touched.
    env.update(DATA_KEY=OLD.hex())
    assert subprocess.run([sys.executable, "-m", "bot", "migrate"], env=env, cwd=tmp_path, capture_output=True,
                          timeout=60).returncode == 0  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "bot", "staff", "list"], env=env, cwd=tmp_path, capture_output=True, timeout=60
    )
    env.update(DATA_KEY=NEW.hex(), DATA_KEY_PREVIOUS=bytes(range(2, 34)).hex())
    result = subprocess.run([sys.executable, "-m", "bot", "rotate-key"], env=env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode == 2 and "DATA_KEY does not open this database" in result.stderr.strip().splitlines()[-1]
    env.update(DATA_KEY_PREVIOUS=OLD.hex())
    result = subprocess.run([sys.executable, "-m", "bot", "rotate-key"], env=env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "staff.chat_enc" in result.stdout
