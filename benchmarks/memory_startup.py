"""Resident memory and start-up time of the real bot (`python -m bot`) against the fake Bot API, with many women
stored ("remember me" on, a saved place in the conversation each) and many sessions live in memory.

Run: .venv/bin/python benchmarks/memory_startup.py [stored] [active]   (default 10000 1000)
1. Stores `stored` women in a throwaway SQLite database through the storage layer (consent, consent guard, Vault
   encryption under the DATA_KEY the bot is then given).
2. Start-up: from launching the bot to its first getUpdates, three times (stop, start again): median and worst.
3. `active` new women, 100 at a time, go through /start, English, Continue, Continue to the menu: their sessions
   stay in the bot's memory. Then the bot's resident memory (VmRSS, peak VmHWM from /proc/<pid>/status).
Targets: under 200 MB resident at that load; start-up under 2 s.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiogram_dialog.api.entities.stack import new_id  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

from bot.consent import Purpose  # noqa: E402
from bot.sandbox.bot_api import FakeBotAPI  # noqa: E402
from bot.storage.db import make_engine, make_sessionmaker  # noqa: E402
from bot.storage.keys import open_vault  # noqa: E402
from bot.storage.migrate import upgrade_to_head_async  # noqa: E402
from bot.storage.models import Consent, DialogStateRow, Person  # noqa: E402
from bot.storage.repositories import PersonalData  # noqa: E402
from bot.storage.session_store import PROFILE, TRAIL, DatabaseBackend, Record  # noqa: E402
from tests.e2e.harness import BotProcess  # noqa: E402

FIRST_STORED = 50_000_000
FIRST_ACTIVE = 60_000_000
BATCH = 100  # women onboarding at once
STORE_BATCH = 500  # stored women per transaction
STARTS = 3
STEP_TIMEOUT = 60
MEMORY_TARGET_MB = 200
STARTUP_TARGET_S = 2.0
MENU = "What would you like to do?"


class StartFake(FakeBotAPI):
    """The fake Bot API, noting when the bot polls for updates."""

    def __init__(self) -> None:
        super().__init__(schema_path=None)
        self.polled = asyncio.Event()
        self.polled_at = 0.0

    async def _m_getUpdates(self, params, files):
        if not self.polled.is_set():
            self.polled_at = time.perf_counter()
            self.polled.set()
        return await super()._m_getUpdates(params, files)


def stored_records(user_id: int, now: int) -> dict[str, Record]:
    """What the bot keeps for a woman with "remember me" who has reached the menu (as captured from the bot)."""
    intent = new_id()
    return {
        PROFILE: Record(None, {"language": "en", "onboarded": True}),
        TRAIL: Record(None, {"m": [[1, now], [2, now]]}),
        "aiogd:stack:": Record(
            None,
            {
                "_id": "",
                "intents": [intent],
                "last_message_id": 2,
                "last_reply_keyboard": False,
                "last_media_id": None,
                "last_media_unique_id": None,
                "last_income_media_group_id": None,
            },
        ),
        f"aiogd:context:{intent}": Record(
            None,
            {
                "_intent_id": intent,
                "_stack_id": "",
                "state": "Menu:main",
                "start_data": None,
                "dialog_data": {},
                "widget_data": {},
                "access_settings": {"user_ids": [user_id], "custom": None},
            },
        ),
    }


async def prepare(url: str, key: bytes, stored: int) -> None:
    """`stored` women with "remember me" and a saved place, written as the bot writes them."""
    await upgrade_to_head_async(url)
    engine = make_engine(url)

    @event.listens_for(engine.sync_engine, "connect")
    def _fast_writes(dbapi_connection, _record):  # preparation only: the bot opens its own connections
        dbapi_connection.execute("PRAGMA synchronous=OFF")

    sessions = make_sessionmaker(engine)
    vault = await open_vault(sessions, key)  # stores the hash key, exactly as the bot's first start would
    backend = DatabaseBackend(sessions, vault)
    now = int(time.time())
    started = time.perf_counter()
    for first in range(FIRST_STORED, FIRST_STORED + stored, STORE_BATCH):
        async with sessions() as session, session.begin():
            data = PersonalData(session, vault)
            for user_id in range(first, min(first + STORE_BATCH, FIRST_STORED + stored)):
                await data.grant(user_id, Purpose.REMEMBER_ME)  # flushes: the consent guard sees every row
                person_id = await data.person_id(user_id)
                for name, record in stored_records(user_id, now).items():
                    # The row DatabaseBackend.put writes, in one transaction per batch instead of one per record.
                    session.add(
                        DialogStateRow(
                            person_id=person_id,
                            key_ref=backend._key_ref(user_id, name),
                            record_enc=backend._encode(user_id, name, record),
                        )
                    )
    async with sessions() as session:
        people = await session.scalar(select(func.count()).select_from(Person))
        consents = await session.scalar(select(func.count()).select_from(Consent))
        rows = await session.scalar(select(func.count()).select_from(DialogStateRow))
    # Read back through the store's own path, as the bot does.
    sample = await backend.all(FIRST_STORED + stored - 1)
    assert sample[PROFILE].data["onboarded"] and len(sample) == 4, sample
    assert people == consents == stored, (people, consents)
    await engine.dispose()
    print(
        f"stored {people} women ({consents} consents, {rows} dialog-state rows) in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )


def memory_kb(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields


async def start_timed(fake: StartFake, bot: BotProcess) -> float:
    """Seconds from launching `python -m bot` to its first getUpdates."""
    fake.polled.clear()
    launched = time.perf_counter()
    await bot.start(fake, wait=False)
    waiter = asyncio.create_task(fake.polled.wait())
    while not waiter.done():
        if bot.process.returncode is not None:
            waiter.cancel()
            raise AssertionError(f"bot exited with {bot.process.returncode}:\n{bot.logs()[-3000:]}")
        await asyncio.wait({waiter}, timeout=0.2)
    return fake.polled_at - launched


async def onboard(fake: StartFake, user_id: int) -> bool:
    """/start, English, Continue (welcome), Continue (what may I keep: nothing), the menu."""
    her = fake.user(user_id)
    try:
        start = await her.send("/start")
        picker = await her.wait_for("Choose your language.", STEP_TIMEOUT, after=start)
        await her.press("✓ English", message=picker)
        welcome = await her.wait_for("112", STEP_TIMEOUT, with_button="Continue ➡")
        await her.press("Continue ➡", message=welcome)
        keep = await her.wait_for("What may I keep?", STEP_TIMEOUT, with_button="Continue ➡")
        await her.press("Continue ➡", message=keep)
        await her.wait_for(MENU, STEP_TIMEOUT)
        return True
    except AssertionError:
        return False


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} CPUs, {model}; Python {sys.version.split()[0]}"


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


async def main(stored: int, active: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite+aiosqlite:///{directory}/jobsteps.sqlite3"
        key = secrets.token_bytes(32)
        await prepare(url, key, stored)
        async with StartFake() as fake:
            bot = BotProcess(fake.url, Path(directory), url, {"LOG_LEVEL": "WARNING", "DATA_KEY": key.hex()})
            startups = []
            try:
                for run in range(STARTS):
                    if run:
                        await bot.stop()
                    startups.append(await start_timed(fake, bot))
                    print(f"start-up {run + 1}: {startups[-1]:.2f} s", flush=True)
                await asyncio.sleep(1)  # let start-up work after the first poll (scheduler, restore) finish
                after_start = memory_kb(bot.process.pid)

                # One stored woman: the bot opens her saved place with the key it was given.
                if stored:
                    her = fake.user(FIRST_STORED)
                    sent = await her.send("/start")
                    await her.wait_for(MENU, STEP_TIMEOUT, after=sent)

                began = time.perf_counter()
                failed = 0
                for first in range(FIRST_ACTIVE, FIRST_ACTIVE + active, BATCH):
                    batch = range(first, min(first + BATCH, FIRST_ACTIVE + active))
                    results = await asyncio.gather(*(onboard(fake, user_id) for user_id in batch))
                    failed += results.count(False)
                onboarding = time.perf_counter() - began
                await asyncio.sleep(2)  # updates still in flight settle
                loaded = memory_kb(bot.process.pid)
            finally:
                await bot.stop()
            tracebacks = bot.logs().count("Traceback")

    mb = 1024
    rss, peak = loaded["VmRSS"] / mb, loaded["VmHWM"] / mb
    print()
    print(f"machine: {machine()}")
    print(
        f"start-up to first getUpdates ({STARTS} starts, {stored} women stored): median "
        f"{statistics.median(startups):.2f} s, worst {max(startups):.2f} s "
        f"[{', '.join(f'{s:.2f}' for s in startups)}]; target < {STARTUP_TARGET_S:.0f} s: "
        f"{met(max(startups) < STARTUP_TARGET_S)}"
    )
    print(f"resident memory after start-up: {after_start['VmRSS'] / mb:.0f} MB")
    print(
        f"resident memory with {stored} stored and {active - failed} active sessions: {rss:.0f} MB "
        f"(peak {peak:.0f} MB); target < {MEMORY_TARGET_MB} MB: {met(peak < MEMORY_TARGET_MB)}"
    )
    print(
        f"{active} women onboarded in {onboarding:.0f} s ({BATCH} at a time); {failed} did not reach the menu; "
        f"{tracebacks} tracebacks in the bot's log"
    )


if __name__ == "__main__":
    asyncio.run(
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1_000)
    )
