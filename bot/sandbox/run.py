"""`python -m bot sandbox`: the real bot on this computer, without a token or a network.

Starts, on 127.0.0.1 only: the Bot API emulator with the web chat on the same port, and the real
`python -m bot` against it with a throwaway SQLite database in a temporary folder. A counsellor, a
mediator and an admin are set up as staff, so their side can be tried from the same page. Ctrl-C stops
everything and deletes the folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from bot.i18n import Catalogues
from bot.sandbox.bot_api import FakeBotAPI
from bot.sandbox.web import Account, WebChat

HOST = "127.0.0.1"  # never reachable from another computer
TOKEN = "100000:sandbox-token-not-a-real-bot"
STARTUP_SECONDS = 60


def accounts(language: str) -> list[Account]:
    return [
        Account("her", 710001, "Woman", "Amina", language),
        Account("counsellor", 720001, "Counsellor", "Dana", "en", role="counsellor"),
        Account("mediator", 720002, "Mediator", "Sami", "en", role="mediator"),
        Account("admin", 720003, "Admin", "Alex", "en", role="admin"),
    ]


def bot_environment(api_url: str, folder: Path) -> dict[str, str]:
    # Nothing of a real deployment leaks in: no token, database, key or Redis from this shell.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BOT_", "TELEGRAM_", "DATABASE_", "DATA_", "REDIS_", "SANDBOX_", "TALK_"))
    }
    env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api_url,
        DATA_DIR=str(folder),
        DATABASE_URL=f"sqlite+aiosqlite:///{folder / 'sandbox.sqlite3'}",
        SANDBOX_CLOCK_FILE=str(folder / "clock"),
        TALK_CHECK_SECONDS="3",  # waiting requests and the clock's effects show within seconds
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


async def set_up_staff(folder: Path, database_url: str, people: list[Account]) -> None:
    """Migrate the throwaway database and add the staff accounts, in this process (no extra start-ups)."""
    from bot.config import Settings
    from bot.staff_cli import open_store

    settings = Settings(_env_file=None, data_dir=folder, database_url=database_url)
    languages = [lang.code for lang in Catalogues.load().languages]
    engine, store = await open_store(settings)
    try:
        for person in people:
            if person.role:
                await store.add_staff(person.user_id, [person.role], languages, person.first_name, True)
    finally:
        await engine.dispose()


async def run(port: int, language: str = "en") -> int:
    folder = Path(tempfile.mkdtemp(prefix="jobsteps-sandbox-"))
    clock_file = folder / "clock"
    people = accounts(language)
    api = FakeBotAPI()
    chat = WebChat(api, people, on_clock=lambda seconds: clock_file.write_text(f"{seconds}\n"))
    bot: asyncio.subprocess.Process | None = None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        try:
            await api.start(HOST, port, extend=chat.install)
        except OSError as error:
            print(f"jobsteps sandbox: cannot listen on {HOST}:{port} ({error.strerror}); try --port", file=sys.stderr)
            return 2
        env = bot_environment(api.url, folder)
        await set_up_staff(folder, env["DATABASE_URL"], people)
        with (folder / "bot.log").open("ab") as log:
            bot = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", env=env, stdout=log, stderr=log)
        if not await _started(api, bot):
            tail = (folder / "bot.log").read_text(errors="replace")[-1500:]
            print(f"jobsteps sandbox: the bot did not start:\n{tail}", file=sys.stderr)
            return 1
        print(f"jobsteps sandbox: open {api.url}/ in your browser. Ctrl-C stops it and deletes its data.", flush=True)
        exited = asyncio.ensure_future(bot.wait())
        stopped = asyncio.ensure_future(stop.wait())
        await asyncio.wait({exited, stopped}, return_when=asyncio.FIRST_COMPLETED)
        stopped.cancel()
        if bot.returncode is not None and not stop.is_set():
            print(f"jobsteps sandbox: the bot stopped (exit {bot.returncode}); see the log above.", file=sys.stderr)
            return 1
        return 0
    except RuntimeError as error:
        print(f"jobsteps sandbox: {error}", file=sys.stderr)
        return 1
    finally:
        if bot is not None and bot.returncode is None:
            bot.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(bot.wait(), 15)
            except TimeoutError:
                bot.kill()
                await bot.wait()
        await api.stop()
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(Exception):
            print("jobsteps sandbox: stopped; its temporary data is deleted.", flush=True)


async def _started(api: FakeBotAPI, bot: asyncio.subprocess.Process) -> bool:
    """True once the bot polls the emulator; False if it exits or takes too long."""
    for _ in range(STARTUP_SECONDS * 20):
        if api.calls_for("getUpdates"):
            return True
        if bot.returncode is not None:
            return False
        await asyncio.sleep(0.05)
    return False


def main(port: int, language: str) -> int:
    return asyncio.run(run(port, language))
