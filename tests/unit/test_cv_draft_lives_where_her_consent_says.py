"""Her CV draft is stored only with "save my CV": not with "remember me" alone, and never without consent."""

from sqlalchemy import func, select

from bot.consent import Purpose
from bot.privacy import Privacy
from bot.storage.models import Person, SavedItem
from bot.storage.session_store import CV_DRAFT, DatabaseBackend, MemoryBackend, SessionStore

HER = 7780001
DRAFT = {"name": "Amina CANARY", "experiences": [{"role": "Cook"}]}


def make(sessionmaker, vault):
    store = SessionStore(MemoryBackend(ttl=3600), DatabaseBackend(sessionmaker, vault))
    return store, Privacy(sessionmaker, vault, store)


async def count(sessionmaker, model):
    async with sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_without_consent_the_draft_lives_in_the_session_only(sessionmaker, vault):
    store, privacy = make(sessionmaker, vault)
    assert await privacy.keep_draft(HER, Purpose.SAVE_CV, DRAFT) is False
    assert await privacy.draft(HER, Purpose.SAVE_CV) == DRAFT
    assert await count(sessionmaker, Person) == 0
    await store.end_session(HER, keep_profile=False)  # quick exit
    assert await privacy.draft(HER, Purpose.SAVE_CV) == {}


async def test_remember_me_alone_does_not_store_the_draft(sessionmaker, vault):
    store, privacy = make(sessionmaker, vault)
    await privacy.keep_draft(HER, Purpose.SAVE_CV, DRAFT)
    await privacy.set_consent(HER, Purpose.REMEMBER_ME, True)
    assert await privacy.draft(HER, Purpose.SAVE_CV) == DRAFT  # she carries on
    await privacy.keep_draft(HER, Purpose.SAVE_CV, DRAFT | {"city": "Athens"})
    assert await count(sessionmaker, SavedItem) == 0
    stored = await store.database.all(HER)  # what "remember me" keeps, decrypted
    assert CV_DRAFT not in stored
    assert "CANARY" not in repr(stored)

    restarted_store, restarted = make(sessionmaker, vault)
    assert await restarted.draft(HER, Purpose.SAVE_CV) == {}  # not kept across a restart


async def test_save_my_cv_keeps_the_draft_across_a_restart_and_switching_off_deletes_it(sessionmaker, vault):
    store, privacy = make(sessionmaker, vault)
    await privacy.keep_draft(HER, Purpose.SAVE_CV, DRAFT)
    await privacy.set_consent(HER, Purpose.SAVE_CV, True)  # what she typed so far moves with her
    assert await count(sessionmaker, SavedItem) == 1
    _store, restarted = make(sessionmaker, vault)
    assert await restarted.draft(HER, Purpose.SAVE_CV) == DRAFT

    await privacy.set_consent(HER, Purpose.SAVE_CV, False)
    assert await count(sessionmaker, SavedItem) == 0
    assert await count(sessionmaker, Person) == 0
    assert await privacy.draft(HER, Purpose.SAVE_CV) == DRAFT  # still in this session, no longer stored
