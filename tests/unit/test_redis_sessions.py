"""With REDIS_URL set, sessions of women without consent live in Redis: encrypted, expiring, wiped on exit."""

import pytest
from aiogram.fsm.storage.base import StorageKey
from redis.asyncio import Redis

from bot.storage.session_store import PROFILE, DatabaseBackend, RedisBackend, SessionStore

HER = 6006001
CANARY = "CANARY-redis-Ольга"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_redis_session_is_encrypted_expiring_and_wiped(redis_server, sessionmaker, vault):
    redis = Redis.from_url(redis_server.url)
    await redis.flushdb()  # the throwaway server is shared by the session's tests
    store = SessionStore(RedisBackend(redis, vault, ttl=120), DatabaseBackend(sessionmaker, vault))
    key = StorageKey(bot_id=1, chat_id=HER, user_id=HER, destiny="aiogd:context:x")
    await store.set_data(key, {"typed": CANARY})
    await store.write(HER, PROFILE, {"language": "uk"})

    # Another replica (a new store on the same Redis) sees the same session.
    other = SessionStore(
        RedisBackend(Redis.from_url(redis_server.url), vault, ttl=120), DatabaseBackend(sessionmaker, vault)
    )
    assert await other.get_data(key) == {"typed": CANARY}

    keys = await redis.keys("*")
    assert len(keys) == 1 and str(HER).encode() not in keys[0]
    raw = b"".join((await redis.hgetall(keys[0])).values())
    assert CANARY.encode() not in raw and "Ольга".encode() not in raw
    assert 0 < await redis.ttl(keys[0]) <= 120

    await store.end_session(HER, keep_profile=False)
    assert await redis.keys("*") == []
    await redis.aclose()
    await store.close()
    await other.close()
