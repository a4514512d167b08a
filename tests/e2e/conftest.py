"""Fixtures for end-to-end scenarios: a fake Bot API and the real bot process against it."""

from __future__ import annotations

import pytest
import pytest_asyncio

from bot.sandbox.bot_api import FakeBotAPI
from tests.e2e.harness import BotProcess


@pytest_asyncio.fixture
async def fake_api():
    fake = FakeBotAPI()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite+aiosqlite:///{tmp_path / 'jobsteps.sqlite3'}"


@pytest_asyncio.fixture
async def bot_process(fake_api, sqlite_url, tmp_path):
    """The real bot on SQLite. Scenarios that must also run on PostgreSQL use `make_bot`."""
    process = BotProcess(fake_api.url, tmp_path, sqlite_url)
    await process.start(fake_api)
    yield process
    await process.stop()
    assert "Traceback" not in process.logs(), process.logs()[-3000:]
    assert not fake_api.schema_violations, fake_api.schema_violations


@pytest_asyncio.fixture
async def make_bot(fake_api, tmp_path):
    started: list[BotProcess] = []

    async def _make(database_url: str, **extra_env) -> BotProcess:
        process = BotProcess(fake_api.url, tmp_path, database_url, extra_env)
        await process.start(fake_api)
        started.append(process)
        return process

    yield _make
    for process in started:
        await process.stop()
        assert "Traceback" not in process.logs(), process.logs()[-3000:]
