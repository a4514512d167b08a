"""Throughput and reply latency: many women at once, each through a whole journey (start, language, consent,
lesson pages, the contract check, the first CV steps), through the real bot and the fake Bot API; then the same
number of updates through a bare aiogram echo bot (benchmarks/echo_bot.py) on the same fake server.

Run: .venv/bin/python benchmarks/journey_throughput.py [women] [sqlite|postgres]   (default 200 sqlite)
Prints updates/s and reply latency p50/p95/p99 for both, and the ratio. Latency: from the update being queued
to the bot's reply (a new message or an edit) in her chat.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.sandbox.bot_api import FakeBotAPI  # noqa: E402
from tests.e2e.harness import TOKEN, BotProcess  # noqa: E402

FIRST = 40_000_000
# (action, argument): "send" a text, or "press" a button by label ("#0" = the first button).
JOURNEY = [
    ("send", "/start"),
    ("press", "✓ English"),
    ("press", "Continue ➡"),
    ("press", "⬜ Remember me"),
    ("press", "Continue ➡"),
    ("press", "📘 Learn about work"),
    ("press", "#0"),
    ("press", "Next ➡"),
    ("press", "Next ➡"),
    ("press", "🏠 Menu"),
    ("press", "📝 Check a contract"),
    ("press", "▶ Start"),
    ("press", "#0"),
    ("press", "#0"),
    ("press", "#0"),
    ("send", "/start"),
    ("press", "📄 My CV"),
    ("press", "▶ Start"),
    ("press", "Care of children or elderly people"),
    ("press", "Skip ➡"),
]


class TimedFake(FakeBotAPI):
    """The fake Bot API, telling each waiting woman as soon as the bot changes her chat."""

    def __init__(self) -> None:
        super().__init__(schema_path=None)
        self.replied: dict[int, asyncio.Event] = defaultdict(asyncio.Event)

    async def _m_sendMessage(self, params, files):
        result = await super()._m_sendMessage(params, files)
        self.replied[int(params["chat_id"])].set()
        return result

    async def _m_editMessageText(self, params, files):
        result = await super()._m_editMessageText(params, files)
        self.replied[int(params["chat_id"])].set()
        return result


async def journey(fake: TimedFake, user_id: int, steps, latencies: list[float]) -> bool:
    her = fake.user(user_id)
    for action, argument in steps:
        replied = fake.replied[user_id]
        replied.clear()
        started = time.perf_counter()
        if action == "send":
            await her.send(argument)
        else:
            message = her.last_keyboard_message()
            buttons = [b for row in (message["reply_markup"] if message else []) for b in row]
            chosen = (
                buttons[0]
                if argument == "#0" and buttons
                else next((b for b in buttons if b["text"] == argument), None)
            )
            if chosen is None:
                return False
            await her.press_data(chosen["callback_data"], message["message_id"])
        try:
            await asyncio.wait_for(replied.wait(), 60)
        except TimeoutError:
            return False
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(0.05)  # the edit may come in two calls; let the screen settle like a person would
    return True


async def run(women: int, start_process, steps) -> tuple[float, list[float], int]:
    async with TimedFake() as fake:
        process = await start_process(fake)
        try:
            latencies: list[float] = []
            started = time.perf_counter()
            results = await asyncio.gather(*(journey(fake, FIRST + i, steps, latencies) for i in range(women)))
            elapsed = time.perf_counter() - started
        finally:
            await process.stop()
        return len(latencies) / elapsed, latencies, sum(1 for ok in results if not ok)


class EchoProcess:
    def __init__(self, url: str) -> None:
        self.url = url

    async def start(self, fake) -> None:
        env = dict(os.environ, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=self.url)
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, str(Path(__file__).with_name("echo_bot.py")), env=env
        )
        while not fake.calls_for("getUpdates"):
            await asyncio.sleep(0.05)

    async def stop(self) -> None:
        self.process.terminate()
        await self.process.wait()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] * 1000


def report(name: str, rate: float, latencies: list[float], failed: int) -> None:
    print(
        f"{name}: {rate:.0f} updates/s; reply latency p50 {percentile(latencies, 0.5):.0f} ms, "
        f"p95 {percentile(latencies, 0.95):.0f} ms, p99 {percentile(latencies, 0.99):.0f} ms; "
        f"{failed} journeys did not finish; mean {statistics.mean(latencies) * 1000:.0f} ms",
        flush=True,
    )


async def main(women: int, database: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        server = None
        if database == "postgres":
            from tests.postgres import ThrowawayPostgres, find_pg_bin

            server = ThrowawayPostgres(find_pg_bin())
            server.start()
            url = server.url()
        else:
            url = f"sqlite+aiosqlite:///{directory}/b.sqlite3"
        try:

            async def start_bot(fake):
                process = BotProcess(fake.url, Path(directory), url, {"LOG_LEVEL": "WARNING"})
                await process.start(fake)
                return process

            async def start_echo(fake):
                process = EchoProcess(fake.url)
                await process.start(fake)
                return process

            bot = await run(women, start_bot, JOURNEY)
            report(f"jobsteps, {women} women, {database}", *bot)
            echo = await run(women, start_echo, [("send", f"step {i}") for i in range(len(JOURNEY))])
            report(f"echo bot, {women} people", *echo)
            print(f"throughput ratio jobsteps / echo: {bot[0] / echo[0]:.2f}")
        finally:
            if server:
                server.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200, sys.argv[2] if len(sys.argv) > 2 else "sqlite"))
