"""While one update is handled, her stored dialog records are read from the database once (not ten times),
and a write is what the next read sees; outside an update, every read goes to the database."""

import gc
import json

import pytest
from aiogram import Bot
from aiogram.methods import SendMessage
from aiogram.methods.base import Response
from sqlalchemy import event

from bot.consent import Purpose
from bot.storage.repositories import PersonalData
from bot.storage.session_store import DatabaseBackend, Record, reads_of_one_update
from bot.telegram_session import BotApiSession

HER = 7107001


@pytest.fixture
async def remembered(engine, sessionmaker, vault):
    async with sessionmaker() as session, session.begin():
        await PersonalData(session, vault).grant(HER, Purpose.REMEMBER_ME)
    selects: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def count(_conn, _cursor, statement, *_args):
        if statement.startswith("SELECT") and "dialog_state" in statement:
            selects.append(statement)

    return DatabaseBackend(sessionmaker, vault), selects


@pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)
async def test_one_update_reads_a_record_once_and_sees_its_own_writes(remembered):
    backend, selects = remembered
    await backend.put(HER, "stack", Record("Menu:main", {"depth": 1}))
    selects.clear()
    with reads_of_one_update():
        first = await backend.get(HER, "stack")
        first.data["depth"] = 99  # a caller changing what it got does not change what the next one gets
        again = await backend.get(HER, "stack")
        await backend.put(HER, "stack", Record("Cv:intro", {"depth": 2}))
        after = await backend.get(HER, "stack")
    assert again == Record("Menu:main", {"depth": 1})
    assert after == Record("Cv:intro", {"depth": 2})
    reads_inside = len(selects)
    assert await backend.get(HER, "stack") == Record("Cv:intro", {"depth": 2})
    assert await backend.get(HER, "stack") == Record("Cv:intro", {"depth": 2})
    assert len(selects) - reads_inside == 2  # outside an update, each read asks the database
    assert reads_inside <= 2  # one read, and the put's own look-up


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_task_that_outlives_its_update_reads_the_database(remembered):
    backend, selects = remembered
    await backend.put(HER, "stack", Record("Menu:main", {}))
    with reads_of_one_update():
        await backend.get(HER, "stack")
        leftover_reads = len(selects)
    # The same context, as a task started by that update would have, after the update ended.
    await backend.get(HER, "stack")
    assert len(selects) == leftover_reads + 1


async def test_the_session_keeps_the_response_types_it_parsed():
    session = BotApiSession()
    bot = Bot("123:abc", session=session)
    method = SendMessage(chat_id=1, text="x")
    answer = json.dumps({"ok": True, "result": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}})
    assert session.check_response(bot, method, 200, answer).result.message_id == 1
    gc.collect()
    # Still alive after a collection: the next answer of this kind costs a lookup, not a new class.
    assert session._response_types[method.__returning__] is Response[method.__returning__]
    await bot.session.close()
