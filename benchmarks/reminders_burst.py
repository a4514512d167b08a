"""Many reminders due in the same minute, sent through the shared rate limiter to the local fake Bot API,
which answers 429 when messages come faster than Telegram allows (30 a second, one a second per chat).

Run: .venv/bin/python benchmarks/reminders_burst.py [reminders]   (default 10000; the ideal is count / 30 s)
Prints the time to deliver them all against the ideal, duplicates and losses (both must be 0), and 429s.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from apscheduler.schedulers.asyncio import AsyncIOScheduler  # noqa: E402

from bot.app import make_bot  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.counselling import REMINDER, Counselling  # noqa: E402
from bot.directory import load_directory  # noqa: E402
from bot.i18n import catalogues  # noqa: E402
from bot.privacy import Privacy  # noqa: E402
from bot.rate_limit import RateLimiter  # noqa: E402
from bot.reminders import ONCE, Series  # noqa: E402
from bot.sandbox.bot_api import FakeBotAPI  # noqa: E402
from bot.storage.counselling_store import CounsellingStore  # noqa: E402
from bot.storage.crypto import Vault  # noqa: E402
from bot.storage.db import make_engine, make_sessionmaker  # noqa: E402
from bot.storage.migrate import upgrade_to_head_async  # noqa: E402
from bot.storage.session_store import DatabaseBackend, MemoryBackend, SessionStore  # noqa: E402
from bot.storage.talk_store import TalkStore  # noqa: E402
from bot.telegram_errors import RetryMiddleware  # noqa: E402

FIRST_WOMAN = 20_000_000
RATE = 30


async def main(count: int) -> None:
    async with FakeBotAPI(schema_path=None) as fake:
        fake.rate_limit(per_second=RATE, per_chat_seconds=1.0)
        with tempfile.TemporaryDirectory() as directory:
            url = f"sqlite+aiosqlite:///{directory}/b.sqlite3"
            await upgrade_to_head_async(url)
            engine = make_engine(url)
            sessions = make_sessionmaker(engine)
            vault = Vault(bytes(range(32)))
            store = CounsellingStore(sessions, vault)
            staff = await TalkStore(sessions, vault).add_staff(1, ["counsellor"], ["en"], "Maria", True)
            settings = Settings(bot_token="123:ABC", telegram_api_url=fake.url, _env_file=None)
            bot = make_bot(settings)
            bot.session.middleware(RetryMiddleware(attempts=8))
            privacy = Privacy(sessions, vault, SessionStore(MemoryBackend(60), DatabaseBackend(sessions, vault)))
            zone = ZoneInfo("Europe/Athens")
            appointment = (datetime.now(UTC) + timedelta(hours=3)).astimezone(zone)
            series = Series(appointment.date(), clock_time(appointment.hour, appointment.minute), zone, ONCE)

            print(f"preparing {count} pairings and reminders ...", flush=True)
            for woman in range(FIRST_WOMAN, FIRST_WOMAN + count):
                pairing = await store.pair(woman, staff.id, f"W{woman}", "en", zone)
                await store.add_reminder(pairing.id, series, "")
            # One notice each, all due now: the lead is the time left until the appointment.
            lead = (series.occurrence(0) - datetime.now(UTC)) + timedelta(seconds=5)
            counselling = Counselling(
                bot, store, TalkStore(sessions, vault), privacy, catalogues(), load_directory(), RateLimiter(),
                leads=(lead,),
            )  # fmt: skip
            scheduler = AsyncIOScheduler(timezone="UTC")
            counselling.attach(scheduler)
            scheduler.start()
            started = time.perf_counter()
            await counselling.restore()  # every notice is due: one job each, as after a restart

            prefix = REMINDER.split("{")[0]

            def delivered() -> Counter:
                return Counter(
                    chat_id
                    for chat_id, chat in fake.chats.items()
                    for entry in chat.messages.values()
                    if prefix in (entry["message"].get("text") or "")
                )

            deadline = started + count / RATE * 4 + 60
            while len(delivered()) < count and time.perf_counter() < deadline:
                await asyncio.sleep(0.5)
            elapsed = time.perf_counter() - started
            await asyncio.sleep(3)  # anything sent twice would show now
            scheduler.shutdown(wait=False)
            per_chat = delivered()
            duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
            losses = count - len(per_chat)
            ideal = count / RATE
            print(f"{count} reminders: delivered in {elapsed:.1f} s (ideal {ideal:.1f} s, {elapsed / ideal:.2f}x)")
            print(f"duplicates {duplicates}, losses {losses}, 429 answers {fake.rate_limited}")
            await bot.session.close()
            await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
