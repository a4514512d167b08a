"""Without "remember me" her session never reaches the database; with it, it survives a restart."""

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import func, select

from bot.consent import Purpose
from bot.privacy import Privacy
from bot.storage.models import DialogStateRow, Person
from bot.storage.session_store import PROFILE, DatabaseBackend, MemoryBackend, SessionStore

HER = 7770001
KEY = StorageKey(bot_id=1, chat_id=HER, user_id=HER, destiny="aiogd:stack:")


def make_store(sessionmaker, vault):
    return SessionStore(MemoryBackend(ttl=3600), DatabaseBackend(sessionmaker, vault))


async def rows(sessionmaker, model):
    async with sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_without_consent_nothing_reaches_the_database(sessionmaker, vault):
    store = make_store(sessionmaker, vault)
    await store.set_state(KEY, "Menu:main")
    await store.set_data(KEY, {"typed": "CANARY"})
    await store.write(HER, PROFILE, {"language": "ar"})
    assert await store.get_data(KEY) == {"typed": "CANARY"}
    assert await rows(sessionmaker, DialogStateRow) == 0
    assert await rows(sessionmaker, Person) == 0


async def test_remember_me_keeps_her_place_across_a_restart(sessionmaker, vault):
    store = make_store(sessionmaker, vault)
    privacy = Privacy(sessionmaker, vault, store)
    await store.write(HER, PROFILE, {"language": "ar"})
    await store.set_state(KEY, "Menu:main")
    await privacy.set_consent(HER, Purpose.REMEMBER_ME, True)

    restarted = make_store(sessionmaker, vault)  # new process: memory is empty
    assert await restarted.read(HER, PROFILE) == {"language": "ar"}
    assert await restarted.get_state(KEY) == "Menu:main"


async def test_switching_remember_me_off_keeps_the_session_in_memory_only(sessionmaker, vault):
    store = make_store(sessionmaker, vault)
    privacy = Privacy(sessionmaker, vault, store)
    await privacy.set_consent(HER, Purpose.REMEMBER_ME, True)
    await store.write(HER, PROFILE, {"language": "fr"})
    assert await rows(sessionmaker, DialogStateRow) == 1

    await privacy.set_consent(HER, Purpose.REMEMBER_ME, False)
    assert await rows(sessionmaker, DialogStateRow) == 0
    assert await rows(sessionmaker, Person) == 0
    assert await store.read(HER, PROFILE) == {"language": "fr"}  # she carries on


async def test_end_session_keeps_only_the_remembered_profile(sessionmaker, vault):
    store = make_store(sessionmaker, vault)
    privacy = Privacy(sessionmaker, vault, store)
    await privacy.set_consent(HER, Purpose.REMEMBER_ME, True)
    await store.write(HER, PROFILE, {"language": "ar"})
    await store.set_state(KEY, "Settings:main")
    await store.end_session(HER, keep_profile=True)
    assert await store.get_state(KEY) is None
    assert await store.read(HER, PROFILE) == {"language": "ar"}


def test_memory_sessions_expire():
    now = [0.0]
    backend = MemoryBackend(ttl=10, clock=lambda: now[0])
    store_key = "aiogd:stack:"
    import asyncio

    from bot.storage.session_store import Record

    asyncio.run(backend.put(HER, store_key, Record("Menu:main", {})))
    now[0] = 11
    assert asyncio.run(backend.get(HER, store_key)) is None
