"""A canary written through every personal field never appears in the raw database."""

from pathlib import Path

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from bot.consent import Purpose
from bot.privacy import Privacy
from bot.storage.repositories import PersonalData
from bot.storage.session_store import PROFILE, DatabaseBackend, MemoryBackend, SessionStore

CANARY = "CANARY-7f3a-Амина-أمينة"
HER = 987654321


async def raw_database_text(engine, url: str) -> bytes:
    """Everything the database holds, as bytes, the way a thief with the file would see it."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        await engine.dispose()  # flush WAL into the main file
        dump = b""
        for suffix in ("", "-wal", "-shm"):
            path = Path(parsed.database + suffix)
            if path.exists():
                dump += path.read_bytes()
        return dump
    chunks = []
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        for table in tables:
            rows = await connection.execute(text(f'SELECT * FROM "{table}"'))
            chunks.extend(repr(tuple(row)).encode() for row in rows)
    return b"\n".join(chunks)


async def test_canary_in_every_personal_field_is_encrypted(engine, sessionmaker, vault, database_url):
    store = SessionStore(MemoryBackend(3600), DatabaseBackend(sessionmaker, vault))
    privacy = Privacy(sessionmaker, vault, store)
    for purpose in Purpose:
        await privacy.set_consent(HER, purpose, True)
    async with sessionmaker() as session, session.begin():
        repo = PersonalData(session, vault)
        for purpose in Purpose:
            await repo.save(HER, purpose, "draft", {"typed": CANARY})
    await store.write(HER, PROFILE, {"language": "ar", "alias": CANARY})
    key = StorageKey(bot_id=1, chat_id=HER, user_id=HER, destiny="aiogd:context:abc")
    await store.set_state(key, "Menu:main")
    await store.set_data(key, {"dialog_data": {"typed": CANARY}})

    dump = await raw_database_text(engine, database_url)
    assert dump, "the dump must not be empty"
    for needle in (CANARY, "Амина", "أمينة", str(HER)):
        assert needle.encode() not in dump, needle
        assert needle.encode("utf-16-le") not in dump, needle

    # ... and she can still read it all back.
    stored = await privacy.stored_data(HER)
    assert stored.profile["alias"] == CANARY
    assert {value["typed"] for _, _, value in stored.saved} == {CANARY}


async def test_retention_deletes_only_the_inactive(sessionmaker, vault):
    from datetime import timedelta

    from bot.storage.models import utcnow

    store = SessionStore(MemoryBackend(3600), DatabaseBackend(sessionmaker, vault))
    privacy = Privacy(sessionmaker, vault, store)
    await privacy.set_consent(HER, Purpose.REMEMBER_ME, True)
    await privacy.set_consent(HER + 1, Purpose.REMEMBER_ME, True)
    async with sessionmaker() as session, session.begin():
        await PersonalData(session, vault).touch(HER, utcnow() - timedelta(days=200))
    assert await privacy.delete_inactive(180) == 1
    assert await privacy.granted(HER) == set()
    assert await privacy.granted(HER + 1) == {Purpose.REMEMBER_ME}
