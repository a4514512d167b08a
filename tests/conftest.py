"""Shared fixtures: databases (SQLite always, PostgreSQL where its binaries exist), keys, catalogues."""

from __future__ import annotations

import itertools
import os

import pytest
import pytest_asyncio

from bot.storage.crypto import Vault
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.migrate import upgrade_to_head_async
from tests.postgres import ThrowawayPostgres, find_pg_bin

TEST_KEY = bytes(range(32))
_db_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_server():
    if os.environ.get("JOBSTEPS_SKIP_POSTGRES"):
        pytest.skip("JOBSTEPS_SKIP_POSTGRES is set")
    pg_bin = find_pg_bin()
    if pg_bin is None:
        pytest.skip("PostgreSQL server binaries not found (initdb); install postgresql to run these")
    server = ThrowawayPostgres(pg_bin)
    server.start()
    yield server
    server.stop()


async def _fresh_postgres_database(server: ThrowawayPostgres) -> str:
    import asyncpg

    name = f"t{os.getpid()}_{next(_db_counter)}"
    connection = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{server.port}/postgres")
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return server.url(name)


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(request, tmp_path):
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        url = await _fresh_postgres_database(request.getfixturevalue("postgres_server"))
    await upgrade_to_head_async(url)
    return url


@pytest_asyncio.fixture
async def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessionmaker(engine):
    return make_sessionmaker(engine)


@pytest.fixture
def vault():
    return Vault(TEST_KEY)


@pytest.fixture(scope="session")
def redis_server():
    import shutil

    from tests.redis_server import ThrowawayRedis

    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not installed (apt-get install redis-server)")
    server = ThrowawayRedis()
    server.start()
    yield server
    server.stop()
