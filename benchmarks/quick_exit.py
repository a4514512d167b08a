"""How long quick exit takes to wipe a long conversation, through the real bot and the fake Bot API.

Run: .venv/bin/python benchmarks/quick_exit.py [messages] [runs]
Prints the median and worst time from the tap to an empty chat.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.sandbox.bot_api import FakeBotAPI  # noqa: E402
from tests.e2e.harness import BotProcess  # noqa: E402
from tests.e2e.steps import onboard  # noqa: E402


async def one_run(fake: FakeBotAPI, user_id: int, messages: int) -> float:
    her = fake.user(user_id)
    await onboard(her)
    for i in range(messages // 2):
        await her.send(f"message {i}")
    await her.wait_for(lambda m: len(her.screen()) >= messages, timeout=120)
    await her.wait_idle()
    started = time.perf_counter()
    await her.press_when("✖ Exit")
    await her.wait_for(lambda m: len(her.screen()) == 1, timeout=60)
    return time.perf_counter() - started


async def main(messages: int, runs: int) -> None:
    async with FakeBotAPI() as fake:
        with tempfile.TemporaryDirectory() as directory:
            process = BotProcess(fake.url, Path(directory), f"sqlite+aiosqlite:///{directory}/b.sqlite3")
            await process.start(fake)
            try:
                times = [await one_run(fake, 900000 + i, messages) for i in range(runs)]
            finally:
                await process.stop()
    print(
        f"quick exit of a {messages}-message chat, {runs} runs: "
        f"median {statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 500, int(sys.argv[2]) if len(sys.argv) > 2 else 5))
