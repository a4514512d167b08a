"""Nothing of hers can be written for a purpose she has not switched on, whatever the caller does."""

import pytest
from sqlalchemy import func, select

from bot.consent import ConsentRequired, Purpose
from bot.storage.models import Consent, DialogStateRow, Person, SavedItem
from bot.storage.repositories import PersonalData

HER = 5550001


async def count(session, model):
    return await session.scalar(select(func.count()).select_from(model))


async def test_saving_without_consent_raises_and_stores_nothing(sessionmaker, vault):
    async with sessionmaker() as session:
        with pytest.raises(ConsentRequired):
            await PersonalData(session, vault).save(HER, Purpose.SAVE_CV, "cv_draft", {"name": "A"})
        await session.rollback()
        assert await count(session, Person) == 0
        assert await count(session, SavedItem) == 0


async def test_consent_for_one_purpose_does_not_open_another(sessionmaker, vault):
    async with sessionmaker() as session:
        repo = PersonalData(session, vault)
        await repo.grant(HER, Purpose.REMEMBER_ME)
        with pytest.raises(ConsentRequired) as error:
            await repo.save(HER, Purpose.SAVE_CV, "cv_draft", {"name": "A"})
        assert error.value.purpose is Purpose.SAVE_CV


async def test_guard_refuses_rows_added_around_the_repository(sessionmaker, vault):
    """Even code that bypasses the repository cannot store her data without consent."""
    async with sessionmaker() as session:
        session.add(Person(user_ref=vault.user_ref(HER)))
        with pytest.raises(ConsentRequired):
            await session.flush()
    async with sessionmaker() as session:
        repo = PersonalData(session, vault)
        await repo.grant(HER, Purpose.SAVE_CV)
        person_id = await repo.person_id(HER)
        session.add(DialogStateRow(person_id=person_id, key_ref="x" * 64, record_enc=b"x"))
        with pytest.raises(ConsentRequired) as error:
            await session.flush()
        assert error.value.purpose is Purpose.REMEMBER_ME
    async with sessionmaker() as session:
        repo = PersonalData(session, vault)
        person_id = await repo.person_id(HER)
        assert person_id is None  # the grant above was rolled back with its session


async def test_grant_records_time_and_text_version(sessionmaker, vault):
    async with sessionmaker() as session, session.begin():
        await PersonalData(session, vault).grant(HER, Purpose.REMEMBER_ME)
    async with sessionmaker() as session:
        (record,) = await PersonalData(session, vault).consents(HER)
        assert record.purpose is Purpose.REMEMBER_ME
        assert record.text_version
        assert record.granted_at is not None


async def test_switching_a_purpose_off_deletes_its_data_at_once(sessionmaker, vault):
    async with sessionmaker() as session, session.begin():
        repo = PersonalData(session, vault)
        await repo.grant(HER, Purpose.REMEMBER_ME)
        await repo.grant(HER, Purpose.SAVE_CV)
        await repo.save(HER, Purpose.SAVE_CV, "cv_draft", {"name": "Amina"})
        await repo.save(HER, Purpose.REMEMBER_ME, "progress", {"lesson": 2})
    async with sessionmaker() as session, session.begin():
        await PersonalData(session, vault).revoke(HER, Purpose.SAVE_CV)
    async with sessionmaker() as session:
        repo = PersonalData(session, vault)
        assert await repo.load(HER, Purpose.SAVE_CV, "cv_draft") is None
        assert await repo.load(HER, Purpose.REMEMBER_ME, "progress") == {"lesson": 2}
        assert await repo.granted(HER) == {Purpose.REMEMBER_ME}


async def test_last_purpose_off_removes_her_entirely(sessionmaker, vault):
    async with sessionmaker() as session, session.begin():
        repo = PersonalData(session, vault)
        await repo.grant(HER, Purpose.REMEMBER_ME)
        await repo.save(HER, Purpose.REMEMBER_ME, "progress", {"lesson": 2})
    async with sessionmaker() as session, session.begin():
        await PersonalData(session, vault).revoke(HER, Purpose.REMEMBER_ME)
    async with sessionmaker() as session:
        for model in (Person, Consent, SavedItem, DialogStateRow):
            assert await count(session, model) == 0


async def test_delete_everything_leaves_no_row(sessionmaker, vault):
    async with sessionmaker() as session, session.begin():
        repo = PersonalData(session, vault)
        for purpose in Purpose:
            await repo.grant(HER, purpose)
            await repo.save(HER, purpose, "thing", {"x": 1})
        await repo.grant(HER + 1, Purpose.REMEMBER_ME)  # someone else
    async with sessionmaker() as session, session.begin():
        assert await PersonalData(session, vault).delete_everything(HER)
    async with sessionmaker() as session:
        assert await count(session, SavedItem) == 0
        assert await count(session, Person) == 1  # only the other woman
        assert await PersonalData(session, vault).granted(HER + 1) == {Purpose.REMEMBER_ME}
