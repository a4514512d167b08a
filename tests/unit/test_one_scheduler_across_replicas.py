"""Exactly one scheduler per deployment: on PostgreSQL an advisory lock held by one process; the next process
takes over when the holder stops or dies. On SQLite the one process just runs it."""

from __future__ import annotations

import asyncio

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduling import Leadership


async def _until(condition, seconds: float = 20) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_only_one_replica_runs_the_scheduler_and_another_takes_over(database_url):
    restored: list[str] = []

    def replica(name: str) -> Leadership:
        async def on_lead():
            restored.append(name)

        return Leadership(database_url, AsyncIOScheduler(timezone="UTC"), on_lead, retry_seconds=0.1)

    first, second = replica("first"), replica("second")
    await first.start()
    await second.start()
    if not first.shared:  # SQLite: one process, and it runs the scheduler
        assert first.leading and restored[0] == "first"
        await first.stop()
        await second.stop()
        return
    try:
        await asyncio.sleep(0.5)  # several tries of the second replica
        assert (first.leading, second.leading) == (True, False)
        assert restored == ["first"]
        await first.stop()  # a graceful stop releases the lock
        await _until(lambda: second.leading)
        assert restored == ["first", "second"]  # the new holder restores pending work
        assert not first.leading
    finally:
        await first.stop()
        await second.stop()


async def test_a_dead_holder_s_lock_is_released_by_postgresql(database_url):
    first = Leadership(database_url, AsyncIOScheduler(timezone="UTC"), _nothing, retry_seconds=0.1)
    second = Leadership(database_url, AsyncIOScheduler(timezone="UTC"), _nothing, retry_seconds=0.1)
    if not first.shared:
        return
    await first.start()
    await second.start()
    try:
        assert first.leading and not second.leading
        first._connection.terminate()  # the session ends as when the process is killed
        await _until(lambda: second.leading)
    finally:
        await first.stop()
        await second.stop()


async def _nothing() -> None:
    return None
