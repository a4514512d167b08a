"""/healthz answers 200 only when the database (and Redis, when used) answer; otherwise 503 and one word."""

import socket
from types import SimpleNamespace

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.serving import health_routes
from bot.storage.db import make_engine


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _get(app, path):
    web_app = web.Application()
    health_routes(web_app, app)
    async with TestClient(TestServer(web_app)) as client:
        response = await client.get(path)
        return response.status, await response.text()


async def test_health_names_the_part_that_is_down(tmp_path):
    from redis.asyncio import Redis

    sqlite = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'h.sqlite3'}")
    down = make_engine(f"postgresql+asyncpg://u@127.0.0.1:{closed_port()}/db")
    dead_redis = Redis.from_url(f"redis://127.0.0.1:{closed_port()}/0")
    try:
        assert await _get(SimpleNamespace(engine=sqlite, redis=None), "/healthz") == (200, "ok")
        assert await _get(SimpleNamespace(engine=down, redis=None), "/healthz") == (503, "database")
        assert await _get(SimpleNamespace(engine=sqlite, redis=dead_redis), "/healthz") == (503, "redis")
    finally:
        await sqlite.dispose()
        await down.dispose()
        await dead_redis.aclose()
