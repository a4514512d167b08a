"""Two replicas of the real bot (webhook mode) on a throwaway PostgreSQL and Redis, the fake Bot API delivering
updates to them in turn as a load balancer would: her dialog continues across replicas, 1,000 reminders due at
once arrive exactly once, and when the replica running the scheduler is killed (SIGKILL) in the middle, the other
takes over and neither a reminder nor an open request is lost."""

from __future__ import annotations

import asyncio
import shutil
import socket
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from bot.counselling import REMINDER
from bot.reminders import ONCE, Series
from bot.storage.counselling_store import CounsellingStore
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.keys import open_vault
from bot.storage.migrate import upgrade_to_head_async
from bot.storage.talk_store import TalkStore
from tests.conftest import _fresh_postgres_database
from tests.e2e.harness import BotProcess
from tests.e2e.steps import onboard, tr

KEY = bytes(range(7, 39))
SECRET = "replicas-secret"
HER, WITH_MEMORY, WAITING, MEDIATOR, COUNSELLOR = 6100001, 6100002, 6100003, 6100090, 6100091
FIRST_WOMAN, REMINDERS = 31_000_000, 1000
BEFORE_THE_KILL = 300
ZONE = ZoneInfo("Europe/Athens")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def services(request):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not installed: the replicas test needs Redis (apt-get install redis-server)")
    return request.getfixturevalue("postgres_server"), request.getfixturevalue("redis_server")


async def metrics_of(port: int) -> str:
    async with aiohttp.ClientSession() as client, client.get(f"http://127.0.0.1:{port}/metrics") as response:
        return await response.text()


async def _until(condition, what: str, seconds: float = 180) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not await condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.2)


async def test_two_replicas_share_her_dialog_and_the_scheduler_survives_a_kill(fake_api, services, tmp_path):
    postgres, redis = services
    database_url = await _fresh_postgres_database(postgres)
    await upgrade_to_head_async(database_url)
    ports = [free_port(), free_port()]
    replicas = []
    for name, port in zip("ab", ports, strict=True):
        (tmp_path / name).mkdir()
        env = {
            "DATA_KEY": KEY.hex(),
            "REDIS_URL": redis.url,
            "WEBHOOK_URL": "https://bot.example.org/hook",  # the public URL; the fake plays the load balancer
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
            "TALK_CHECK_SECONDS": "1",
            "TALK_REANNOUNCE_MINUTES": "60",
            "TALK_NOBODY_FREE_MINUTES": "120",
            "SCHEDULER_LOCK_RETRY_SECONDS": "1",
            "REMINDER_LEADS_MINUTES": "181",  # one notice per appointment, due now (seeded below)
            "LOG_LEVEL": "INFO",
        }
        replicas.append(BotProcess(fake_api.url, tmp_path / name, database_url, env))
    fake_api.deliver_alternately(*(f"http://127.0.0.1:{port}/hook" for port in ports))
    engine = make_engine(database_url)
    try:
        for replica in replicas:
            await replica.start(fake_api)
        leaders = ["jobsteps_scheduler_leader 1.0" in await metrics_of(port) for port in ports]
        assert leaders == [True, False]  # the first to start holds the lock, the other waits

        # Her dialog, one update on one replica and the next on the other: no glitch, no stale screen.
        her = fake_api.user(HER)
        await onboard(her)
        await her.press_when(tr("📘 Learn about work", "en"))
        await her.wait_for(lambda m: True, with_button=tr("⬅ Back", "en"))
        await her.press(tr("⬅ Back", "en"))
        await her.wait_for(tr("What would you like to do?", "en"))
        served = {url for url, _update in fake_api.webhook_deliveries}
        assert len(served) == 2, served
        texts = " ".join(her.bot_texts())
        assert "This button is old" not in texts and "Sorry, something went wrong" not in texts
        # With "Remember me" her place is in PostgreSQL: the other replica reads it at once.
        remembered = fake_api.user(WITH_MEMORY)
        await onboard(remembered, consents=("Remember me",))
        await remembered.press_when(tr("📘 Learn about work", "en"))
        await remembered.wait_for(lambda m: True, with_button=tr("⬅ Back", "en"))
        assert "This button is old" not in " ".join(remembered.bot_texts())

        # A request for a person waiting, a mediator, and 1,000 reminders due now.
        sessions = make_sessionmaker(engine)
        vault = await open_vault(sessions, KEY)
        talk = TalkStore(sessions, vault)
        await talk.add_staff(MEDIATOR, ["mediator"], ["en"], "Nadia", True)
        counsellor = await talk.add_staff(COUNSELLOR, ["counsellor"], ["en"], "Maria", True)
        request = await talk.open_request(
            WAITING,
            topic="job_search",
            language="en",
            her_language="en",
            woman_wanted=False,
            urgent=False,
            now=datetime.now(UTC) - timedelta(minutes=59, seconds=30),  # re-announced after the kill
        )
        store = CounsellingStore(sessions, vault)
        appointment = (datetime.now(UTC) + timedelta(hours=3)).astimezone(ZONE)
        series = Series(appointment.date(), clock_time(appointment.hour, appointment.minute), ZONE, ONCE)
        for woman in range(FIRST_WOMAN, FIRST_WOMAN + REMINDERS):
            pairing = await store.pair(woman, counsellor.id, f"W{woman}", "en", ZONE)
            reminder_id = await store.add_reminder(pairing.id, series, "")
            await store.plan(reminder_id, datetime.now(UTC), (timedelta(minutes=181),))

        prefix = REMINDER.split("{")[0]

        def delivered() -> Counter:
            return Counter(
                chat_id
                for chat_id, chat in fake_api.chats.items()
                if chat_id >= FIRST_WOMAN
                for entry in chat.messages.values()
                if prefix in (entry["message"].get("text") or "")
            )

        # After 300, Telegram stops answering: the leader's sends hang; then it is killed.
        fake_api.hold(
            lambda method, params: (
                method == "sendMessage"
                and int(params.get("chat_id", 0)) >= FIRST_WOMAN
                and len(delivered()) >= BEFORE_THE_KILL
            )
        )

        async def some_held():
            return getattr(fake_api, "held", 0) >= 1

        await _until(some_held, "the leader to be in the middle of sending")
        await replicas[0].kill()
        fake_api.release()

        async def other_leads():
            return "jobsteps_scheduler_leader 1.0" in await metrics_of(ports[1])

        await _until(other_leads, "the other replica to take over the scheduler")

        async def all_delivered():
            return len(delivered()) >= REMINDERS

        await _until(all_delivered, "every reminder")
        await fake_api.user(FIRST_WOMAN).wait_idle(quiet=2, timeout=60)  # anything sent twice would show now
        per_chat = delivered()
        assert len(per_chat) == REMINDERS  # none lost
        assert max(per_chat.values()) == 1, [c for c, n in per_chat.items() if n > 1][:5]  # none twice

        # The open request survived: the new scheduler re-announces it to the mediator.
        mediator = fake_api.user(MEDIATOR)
        await mediator.wait_for(request.code, timeout=120)
        assert (await talk.request(request.id)).state == "waiting"
        assert "jobsteps_reminders_sent_total" in await metrics_of(ports[1])
        assert await replicas[1].stop() == 0
    finally:
        for replica in replicas:
            await replica.stop()
        await engine.dispose()
    assert "Traceback" not in replicas[1].logs(), replicas[1].logs()[-3000:]
    assert not fake_api.schema_violations, fake_api.schema_violations
